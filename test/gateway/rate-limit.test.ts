import assert from 'node:assert/strict';
import { TokenBuckets } from '../../gateway/middleware/rate-limit';
import { BackgroundMemo, TtlMemo } from '../../gateway/memo';

describe('TokenBuckets', () => {
  it('lets a burst through, then refills at the configured rate', () => {
    const b = new TokenBuckets({ perSecond: 2, burst: 3 });
    const t = 1_000_000;
    assert.deepEqual([b.take('a', t), b.take('a', t), b.take('a', t)], [0, 0, 0]);
    assert.equal(b.take('a', t), 1); // empty: one token is back after 0.5 s -> Retry-After 1
    assert.equal(b.take('b', t), 0); // another client has its own bucket
    assert.equal(b.take('a', t + 500), 0);
    assert.equal(b.take('a', t + 500), 1);
  });

  it('says how long to wait when the rate is slow', () => {
    const b = new TokenBuckets({ perSecond: 0.1, burst: 1 });
    assert.equal(b.take('a', 0), 0);
    assert.equal(b.take('a', 0), 10);
  });

  it('forgets idle clients so memory stays bounded', () => {
    const b = new TokenBuckets({ perSecond: 1, burst: 1 }, 2);
    b.take('a', 0);
    b.take('b', 0);
    b.take('c', 5000); // full: a and b are full again by now and are swept
    assert.equal(b.size, 1);
  });
});

describe('TtlMemo', () => {
  it('computes once per key and period, and forgets failures', async () => {
    const memo = new TtlMemo<number>(1000);
    let calls = 0;
    const compute = async () => ++calls;
    assert.equal(await memo.get('k', compute, 0), 1);
    assert.equal(await memo.get('k', compute, 500), 1);
    assert.equal(await memo.get('k', compute, 1500), 2);
    await assert.rejects(memo.get('x', async () => Promise.reject(new Error('down')), 0));
    assert.equal(await memo.get('x', compute, 1), 3);
  });
});

describe('BackgroundMemo', () => {
  const later = <T>(ms: number, v: T) => new Promise<T>((r) => setTimeout(() => r(v), ms));

  it('waits a little for a first count, then serves it; a slow count answers undefined meanwhile', async () => {
    const memo = new BackgroundMemo<number>(60000);
    assert.equal(await memo.get('fast', () => later(5, 1), 1000), 1);
    assert.equal(await memo.get('fast', () => later(5, 2), 1000), 1);
    assert.equal(await memo.get('slow', () => later(200, 3), 10), undefined);
    await later(250, 0);
    assert.equal(await memo.get('slow', () => later(5, 4), 0), 3);
  });

  it('serves a stale value while recounting, and forgets failures', async () => {
    const memo = new BackgroundMemo<number>(50);
    assert.equal(await memo.get('k', () => later(1, 1), 100), 1);
    await later(60, 0);
    assert.equal(await memo.get('k', () => later(20, 2), 100), 1); // stale: answered at once
    await later(40, 0);
    assert.equal(await memo.get('k', () => later(1, 3), 100), 2);
    assert.equal(await memo.get('bad', () => Promise.reject(new Error('down')), 100), undefined);
    assert.equal(await memo.get('bad', () => later(1, 5), 100), 5);
  });

  it('runs at most `concurrency` counts at once', async () => {
    const memo = new BackgroundMemo<number>(60000, 2);
    let running = 0;
    let peak = 0;
    const count = async () => {
      peak = Math.max(peak, ++running);
      await later(20, 0);
      running--;
      return 1;
    };
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => memo.get(k, count, 1000)));
    assert.equal(peak, 2);
  });
});
