import assert from 'node:assert/strict';
import { TokenBuckets } from '../../gateway/middleware/rate-limit';
import { TtlMemo } from '../../gateway/memo';

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
