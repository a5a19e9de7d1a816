// The transactional sink without a broker: a fake kafkajs producer records what each transaction sent.
import assert from 'node:assert/strict';
import type { Producer } from 'kafkajs';
import { CrawlStateStore, type PostingState } from '../../producers/runtime/crawl-state';
import { KafkaCrawlSink } from '../../producers/runtime/kafka-sink';
import type { RawPostingValue } from '../../producers/runtime/records';

interface FakeTx {
  batches: Array<Array<{ topic: string; keys: string[] }>>;
  committed: boolean;
  aborted: boolean;
}

function fakeProducer(failOnCommit = false) {
  const txs: FakeTx[] = [];
  const producer = {
    transaction: async () => {
      const tx: FakeTx = { batches: [], committed: false, aborted: false };
      txs.push(tx);
      return {
        sendBatch: async ({
          topicMessages,
        }: {
          topicMessages: Array<{ topic: string; messages: Array<{ key: string }> }>;
        }) => {
          tx.batches.push(topicMessages.map((t) => ({ topic: t.topic, keys: t.messages.map((m) => m.key) })));
        },
        commit: async () => {
          if (failOnCommit) throw Object.assign(new Error('broker gone'), { retriable: true });
          tx.committed = true;
        },
        abort: async () => {
          tx.aborted = true;
        },
      };
    },
  };
  return { producer: producer as unknown as Producer, txs };
}

const serde = {
  encode: async (_t: string, v: unknown) =>
    Buffer.from(JSON.stringify(v, (_k, x: unknown) => (Buffer.isBuffer(x) ? x.length : x))),
};
const topics = { raw: 'raw', state: 'state', events: 'events' };

function posting(id: string, bodyBytes = 100): { raw: RawPostingValue; state: PostingState } {
  const body = Buffer.alloc(bodyBytes, 'a');
  const raw: RawPostingValue = {
    board: 'b',
    boardPostingId: id,
    change: 'NEW',
    url: 'u',
    sourceUrl: 's',
    fetchedAt: 1,
    httpStatus: 200,
    contentType: 'application/json',
    body,
    listEntry: null,
    contentHash: 'h',
    etag: null,
    lastModified: null,
    crawlRunId: 'r',
  };
  const state: PostingState = {
    kind: 'POSTING',
    board: 'b',
    boardPostingId: id,
    scope: 'b',
    status: 'OPEN',
    contentHash: 'h',
    etag: null,
    lastModified: null,
    firstSeenAt: 1,
    lastSeenAt: 1,
    url: 'u',
    sourceUrl: 's',
    httpStatus: 200,
    contentType: 'application/json',
    body,
    listEntry: null,
    runId: 'r',
  };
  return { raw, state };
}

describe('producers/runtime/kafka-sink', () => {
  it('commits raw records and their state in one transaction per batch; state reaches the store only after commit', async () => {
    const { producer, txs } = fakeProducer();
    const store = new CrawlStateStore();
    const sink = new KafkaCrawlSink({
      producer,
      serde,
      topics,
      store,
      batchSize: 3,
      maxRequestBytes: 1_000_000,
      flushIntervalMs: 0,
    });
    for (const id of ['1', '2']) {
      const p = posting(id);
      await sink.put(p.raw, p.state);
    }
    assert.equal(txs.length, 0, 'batch not full yet');
    assert.equal(store.size, 0, 'nothing committed, nothing in the store');
    const p3 = posting('3');
    await sink.put(p3.raw, p3.state);
    assert.equal(txs.length, 1);
    assert.deepEqual(txs[0]!.batches, [
      [
        { topic: 'raw', keys: ['b:1', 'b:2', 'b:3'] },
        { topic: 'state', keys: ['b:1', 'b:2', 'b:3'] },
      ],
    ]);
    assert.equal(txs[0]!.committed, true);
    assert.equal(store.size, 3);
    await sink.event({
      runId: 'r',
      board: 'b',
      kind: 'FINISHED',
      at: 1,
      pagesFetched: 1,
      requests: 1,
      newPostings: 3,
      changedPostings: 0,
      unchangedPostings: 0,
      closedPostings: 0,
      notModified: 0,
      errors: {},
      message: null,
    });
    assert.deepEqual(txs[1]!.batches, [[{ topic: 'events', keys: ['b'] }]]);
  });

  it('splits a transaction into produce requests under the byte bound (one broker batch stays < 1 MB)', async () => {
    const { producer, txs } = fakeProducer();
    const sink = new KafkaCrawlSink({
      producer,
      serde,
      topics,
      store: new CrawlStateStore(),
      batchSize: 100,
      maxRequestBytes: 5000,
      flushIntervalMs: 0,
    });
    for (const id of ['1', '2', '3']) {
      const p = posting(id, 2000);
      await sink.put(p.raw, p.state);
    }
    await sink.flush();
    assert.equal(txs.length, 1, 'still one transaction');
    assert.ok(txs[0]!.batches.length >= 3, `${txs[0]!.batches.length} requests`);
    assert.equal(txs[0]!.committed, true);
  });

  it('aborts on failure, keeps the store unchanged and refuses further output', async () => {
    const { producer, txs } = fakeProducer(true);
    const store = new CrawlStateStore();
    const sink = new KafkaCrawlSink({
      producer,
      serde,
      topics,
      store,
      batchSize: 1,
      maxRequestBytes: 1_000_000,
      flushIntervalMs: 0,
    });
    const p = posting('1');
    await assert.rejects(sink.put(p.raw, p.state), /broker gone/);
    assert.equal(txs[0]!.aborted, true);
    assert.equal(store.size, 0);
    await assert.rejects(sink.put(p.raw, p.state), /broker gone/);
    assert.equal(txs.length, 1, 'no second transaction after a failed one');
  });
});
