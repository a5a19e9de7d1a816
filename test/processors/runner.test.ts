// The runner's pure parts: request splitting, the layered store, backoff and dead-letter records.
import assert from 'node:assert/strict';
import type { Message } from 'kafkajs';
import { DecodeError } from '../../platform/errors';
import { requestsOf } from '../../processors/runner';
import { backoffDelay } from '../../processors/runtime/backoff';
import { deadLetterFor } from '../../processors/runtime/dead-letter';
import { ChangelogStore } from '../../processors/runtime/store';

describe('processors/runner (pure parts)', () => {
  it('cuts a transaction into produce requests below the size limit, keeping order per topic', () => {
    const msg = (i: number): Message => ({ key: `k${i}`, value: Buffer.alloc(250) }); // 316 bytes counted
    const requests = requestsOf(
      [
        { topic: 'out', messages: [0, 1, 2, 3, 4].map(msg) },
        { topic: 'dlq', messages: [5].map(msg) },
        { topic: 'empty', messages: [] },
      ],
      1000,
    );
    assert.deepEqual(
      requests.map((r) => r.map((t) => `${t.topic}:${t.messages.map((m) => m.key).join(',')}`)),
      [['out:k0,k1,k2'], ['out:k3,k4', 'dlq:k5']],
    );
    assert.deepEqual(requestsOf([{ topic: 'out', messages: [] }], 1000), []);
    // A message bigger than the limit still goes out, alone.
    assert.equal(
      requestsOf([{ topic: 'out', messages: [msg(0), { key: 'big', value: Buffer.alloc(5000) }] }], 1000).length,
      2,
    );
  });

  describe('ChangelogStore', () => {
    it('shows a record its own writes, a batch the writes of its successful records, the store only committed batches', () => {
      const store = new ChangelogStore<number>('partition');
      store.load(0, 'a', 1);
      const batch = store.begin(0);
      const r1 = batch.forRecord();
      r1.put('a', 2);
      assert.equal(r1.get('a'), 2);
      assert.equal(batch.get('a'), 1, 'not merged yet');
      r1.merge();
      const failed = batch.forRecord();
      failed.put('b', 9); // this record is dead-lettered: never merged
      const r2 = batch.forRecord();
      assert.equal(r2.get('a'), 2);
      assert.equal(r2.get('b'), undefined);
      r2.put('a', null);
      r2.merge();
      assert.equal(store.get(0, 'a'), 1, 'nothing reaches the store before the commit');
      batch.apply();
      assert.equal(store.get(0, 'a'), undefined);
      assert.equal(store.get(0, 'b'), undefined);
      assert.equal(store.size(), 0);
    });

    it("keeps a batch's writes in the order of their last write (the changelog's order)", () => {
      const batch = new ChangelogStore<number>('partition').begin(0);
      for (const [key, value] of [
        ['a', 1],
        ['b', 2],
        ['a', 3],
      ] as const) {
        const r = batch.forRecord();
        r.put(key, value);
        r.merge();
      }
      assert.deepEqual(
        [...batch.writes],
        [
          ['b', 2],
          ['a', 3],
        ],
      );
    });

    it('keeps partitions apart in partition scope and together in shared scope', () => {
      const own = new ChangelogStore<string>('partition');
      own.load(0, 'k', 'zero');
      own.load(1, 'k', 'one');
      assert.deepEqual([own.get(0, 'k'), own.get(1, 'k'), own.size()], ['zero', 'one', 2]);
      const shared = new ChangelogStore<string>('shared');
      shared.load(0, 'k', 'zero');
      assert.equal(shared.get(1, 'k'), 'zero');
    });
  });

  it('backs off exponentially up to the maximum, with bounded jitter', () => {
    const policy = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.2 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, policy, () => 0.5)),
      [100, 200, 400, 800, 1000, 1000],
    );
    assert.equal(
      backoffDelay(1, policy, () => 0),
      80,
    );
    assert.equal(
      backoffDelay(1, policy, () => 1),
      120,
    );
  });

  it('builds the dead-letter record with the stage, the error, its cause and the original bytes', () => {
    const value = Buffer.from([1, 2, 3]);
    const letter = deadLetterFor(
      'enrich',
      { topic: 'postings.silver', partition: 3, offset: '42', key: 'k', headers: { trace: 't1' }, timestamp: '' },
      { key: Buffer.from('k'), value },
      new DecodeError('corrupt Avro body (schema id 7)', new Error('truncated buffer')),
      1,
      1_700_000_000_000,
    );
    assert.deepEqual(letter, {
      stage: 'enrich',
      topic: 'postings.silver',
      partition: 3,
      offset: '42',
      key: Buffer.from('k'),
      value,
      headers: { trace: 't1' },
      errorType: 'DecodeError',
      errorMessage: 'corrupt Avro body (schema id 7) (cause: truncated buffer)',
      retriable: false,
      attempts: 1,
      failedAt: 1_700_000_000_000,
    });
  });
});
