// The stage runner against the real broker and registry: transactions, dead letters, retries, store restore.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../platform/config';
import type { AvroSerde } from '../../platform/serde';
import type { DeadLetter } from '../../processors/runtime/dead-letter';
import type { SilverPosting } from '../../processors/refine/types';
import { runStage, type RunningStage } from '../../processors/runner';
import { silverPosting } from '../support/postings';
import { dropTopics, isolatedConfig, prepareTopics } from '../support/services';
import { produce, startReader } from './support/kafka-io';
import { counterStage } from './support/stages';

const fastBackoff = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0 };

describe('processors/runner (integration)', function () {
  this.timeout(90_000);
  let config: Config;
  let serde: AvroSerde;
  const running: RunningStage[] = [];

  beforeEach(async () => {
    config = isolatedConfig('runner');
    serde = await prepareTopics(config, ['silver', 'refineParsed', 'refineState', 'dlq']);
  });

  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop();
    await dropTopics(config);
  });

  async function feed(postings: SilverPosting[]) {
    await produce(
      config,
      'silver',
      await Promise.all(postings.map(async (p) => ({ key: p.postingId, value: await serde.encode('silver', p) }))),
    );
  }

  it('sends poison records to the dead-letter topic with the reason and original bytes, and goes on', async () => {
    const good = [0, 1, 2, 3].map((i) => silverPosting(i));
    const randomValue = randomBytes(64);
    randomValue[0] = 0x7f; // not the Avro magic byte
    const unknownSchemaId = Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0x01]), randomBytes(40)]);
    const impossible = silverPosting(10, { postingId: 'wanted:impossible', version: -5 });
    const invalidOutput = silverPosting(11, { postingId: 'wanted:invalid-output', title: 'EMIT-INVALID' });
    // Its store write is invalid: dead-lettered, and the next record of the key counts from the state before it.
    const invalidStore = silverPosting(12, { postingId: 'wanted:invalid-store', title: 'STORE-INVALID' });
    const afterInvalidStore = silverPosting(13, { postingId: 'wanted:invalid-store' });
    await produce(config, 'silver', [
      { key: good[0]!.postingId, value: await serde.encode('silver', good[0]), partition: 0 },
      { key: 'poison:random', value: randomValue, partition: 0 },
      { key: good[1]!.postingId, value: await serde.encode('silver', good[1]), partition: 0 },
      { key: 'poison:unknown-schema', value: unknownSchemaId, partition: 0 },
      { key: 'poison:null', value: null, partition: 0 },
      { key: impossible.postingId, value: await serde.encode('silver', impossible), partition: 0 },
      { key: invalidOutput.postingId, value: await serde.encode('silver', invalidOutput), partition: 0 },
      { key: invalidStore.postingId, value: await serde.encode('silver', invalidStore), partition: 0 },
      { key: afterInvalidStore.postingId, value: await serde.encode('silver', afterInvalidStore), partition: 0 },
      { key: good[2]!.postingId, value: await serde.encode('silver', good[2]), partition: 0 },
      { key: good[3]!.postingId, value: await serde.encode('silver', good[3]), partition: 1 },
    ]);
    const stage = await runStage(counterStage(), { config, instanceId: 'dlq', backoff: fastBackoff });
    running.push(stage);
    const out = await startReader<SilverPosting>(config, serde, 'refineParsed');
    const dlq = await startReader<DeadLetter>(config, serde, 'dlq');
    try {
      const outputs = await out.waitFor(5, 30_000);
      const letters = await dlq.waitFor(6, 30_000);
      assert.deepEqual(
        outputs.map((r) => r.key).sort(),
        [...good.map((p) => p.postingId), 'wanted:invalid-store'].sort(),
      );
      assert.equal(outputs.find((r) => r.key === 'wanted:invalid-store')!.value.version, 1);
      const byKey = new Map(letters.map((l) => [l.key, l.value]));
      assert.deepEqual([...byKey.keys()].sort(), [
        'poison:null',
        'poison:random',
        'poison:unknown-schema',
        'wanted:impossible',
        'wanted:invalid-output',
        'wanted:invalid-store',
      ]);
      const random = byKey.get('poison:random')!;
      assert.equal(random.stage, 'test.counter');
      assert.equal(random.errorType, 'DecodeError');
      assert.match(random.errorMessage, /magic byte/);
      assert.deepEqual(random.value, randomValue);
      assert.equal(random.topic, `${config.topicPrefix}postings.silver`);
      assert.equal(random.partition, 0);
      assert.equal(random.offset, '1');
      assert.equal(random.key?.toString('utf8'), 'poison:random');
      assert.equal(byKey.get('poison:unknown-schema')!.errorType, 'DecodeError');
      assert.match(byKey.get('poison:unknown-schema')!.errorMessage, /schema id/);
      assert.deepEqual(byKey.get('poison:unknown-schema')!.value, unknownSchemaId);
      assert.equal(byKey.get('poison:null')!.value, null);
      assert.equal(byKey.get('wanted:impossible')!.errorType, 'ValidationError');
      assert.match(byKey.get('wanted:impossible')!.errorMessage, /version -5 is negative/);
      assert.equal(byKey.get('wanted:invalid-output')!.errorType, 'ValidationError');
      assert.match(byKey.get('wanted:invalid-output')!.errorMessage, /does not match silver-posting/);
      assert.equal(byKey.get('wanted:invalid-store')!.errorType, 'ValidationError');
      assert.match(byKey.get('wanted:invalid-store')!.errorMessage, /store value does not match dedup-state/);
      const stats = stage.stats();
      assert.equal(stats.recordsIn, 11);
      assert.equal(stats.recordsOut, 5);
      assert.equal(stats.deadLetters, 6);
    } finally {
      await out.stop();
      await dlq.stop();
    }
  });

  it('retries a transient error with backoff and emits the record exactly once', async () => {
    const flaky = silverPosting(1, { postingId: 'wanted:flaky', title: 'FLAKY' });
    await feed([silverPosting(0), flaky, silverPosting(2)].map((p) => ({ ...p })));
    const def = counterStage({ flakyFailures: 3 });
    const stage = await runStage(def, { config, instanceId: 'retry', backoff: fastBackoff });
    running.push(stage);
    const out = await startReader<SilverPosting>(config, serde, 'refineParsed');
    const dlq = await startReader<DeadLetter>(config, serde, 'dlq');
    try {
      const outputs = await out.waitFor(3, 30_000);
      assert.deepEqual(
        outputs.filter((r) => r.key === 'wanted:flaky').map((r) => r.value.version),
        [1],
      );
      assert.equal(outputs.length, 3);
      assert.equal(dlq.records.length, 0);
      assert.equal(stage.stats().retries, 3);
      const flakyOffset = [...def.attempts.entries()].find(([, n]) => n === 4);
      assert.ok(flakyOffset, 'the flaky record was attempted 4 times');
    } finally {
      await out.stop();
      await dlq.stop();
    }
  });

  it('commits the batches of all partitions of a fetch in one transaction', async () => {
    const postings = [0, 1, 2, 3, 4, 5].map((i) => silverPosting(i));
    await produce(
      config,
      'silver',
      await Promise.all(
        postings.map(async (p, i) => ({ key: p.postingId, value: await serde.encode('silver', p), partition: i % 2 })),
      ),
    );
    const stage = await runStage(counterStage(), { config, instanceId: 'group', backoff: fastBackoff });
    running.push(stage);
    const out = await startReader<SilverPosting>(config, serde, 'refineParsed');
    try {
      const outputs = await out.waitFor(6, 30_000);
      assert.deepEqual(outputs.map((r) => r.key).sort(), postings.map((p) => p.postingId).sort());
      const stats = stage.stats();
      assert.equal(stats.batches, 2, 'one batch per partition');
      assert.equal(stats.transactions, 1, 'both batches in one transaction');
    } finally {
      await out.stop();
    }
  });

  it('restores its store from the changelog after a restart and continues the counts', async () => {
    const p = silverPosting(5);
    await feed([p, p, p]);
    const first = await runStage(counterStage(), { config, instanceId: 'restore', backoff: fastBackoff });
    const out = await startReader<SilverPosting>(config, serde, 'refineParsed');
    try {
      await out.waitFor(3, 30_000, 300);
      await first.stop();
      await feed([p, p]);
      const second = await runStage(counterStage(), { config, instanceId: 'restore', backoff: fastBackoff });
      running.push(second);
      const outputs = await out.waitFor(5, 30_000);
      assert.deepEqual(
        outputs.map((r) => r.value.version),
        [1, 2, 3, 4, 5],
      );
      assert.equal(second.stats().restores, 1);
      assert.equal(second.stats().storeEntries, 1);
    } finally {
      await out.stop();
    }
  });
});
