// The Kafka client factory against the real broker: what a transaction costs in requests.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createKafka } from '../../platform/kafka';
import { topicName } from '../../platform/topics';
import { dropTopics, isolatedConfig, prepareTopics } from '../support/services';

describe('platform/kafka (integration)', function () {
  this.timeout(60_000);
  const config = isolatedConfig('kafka');

  before(async () => {
    await prepareTopics(config, ['silver']);
  });
  after(() => dropTopics(config));

  it('looks a coordinator up once, not before every request of every transaction', async () => {
    const kafka = createKafka(config, 'test-coordinator');
    const producer = kafka.producer({
      transactionalId: `${config.topicPrefix}probe-${randomBytes(3).toString('hex')}`,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 100, initialRetryTime: 5 },
    });
    const requests = new Map<string, number>();
    producer.on(producer.events.REQUEST, ({ payload }) =>
      requests.set(payload.apiName, (requests.get(payload.apiName) ?? 0) + 1),
    );
    await producer.connect();
    try {
      const transactions = 5;
      for (let i = 0; i < transactions; i++) {
        const txn = await producer.transaction();
        await txn.send({ topic: topicName(config, 'silver'), messages: [{ key: `k${i}`, value: 'v' }] });
        await txn.sendOffsets({
          consumerGroupId: `${config.topicPrefix}probe-group`,
          topics: [{ topic: topicName(config, 'silver'), partitions: [{ partition: 0, offset: String(i + 1) }] }],
        });
        await txn.commit();
      }
      assert.equal(requests.get('EndTxn'), transactions);
      // Without the cache kafkajs asks 4 times per transaction (AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit,
      // EndTxn), 20 here; with it, once for the transaction coordinator and once for the group's (plus the lookup
      // of InitProducerId at connect), unless a second passed between transactions.
      const lookups = requests.get('GroupCoordinator') ?? 0;
      assert.ok(lookups <= 4, `${lookups} FindCoordinator requests for ${transactions} transactions`);
    } finally {
      await producer.disconnect();
    }
  });
});
