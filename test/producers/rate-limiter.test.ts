import assert from 'node:assert/strict';
import { backoffDelay, parseRetryAfter } from '../../producers/runtime/backoff';
import { VirtualClock } from '../../producers/runtime/clock';
import { canonicalJson, contentHash } from '../../producers/runtime/content-hash';
import { HostRateLimiter } from '../../producers/runtime/rate-limiter';

describe('producers/runtime/rate-limiter', () => {
  it('spaces concurrent requests to one host by the interval, in arrival order; other hosts are not held up', async () => {
    const clock = new VirtualClock(1_000_000);
    const limiter = new HostRateLimiter(clock);
    const starts: Array<[string, number]> = [];
    const hit = async (host: string) => {
      await limiter.acquire(host, 2000);
      starts.push([host, clock.now() - 1_000_000]);
    };
    await clock.run(Promise.all([hit('a'), hit('a'), hit('b'), hit('a'), hit('b')]));
    assert.deepEqual(
      starts.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])),
      [
        ['a', 0],
        ['b', 0],
        ['a', 2000],
        ['b', 2000],
        ['a', 4000],
      ],
    );
  });

  it("deferUntil (Retry-After) pushes the host's next slot out", async () => {
    const clock = new VirtualClock(0);
    const limiter = new HostRateLimiter(clock);
    await clock.run(limiter.acquire('h', 100));
    limiter.deferUntil('h', 5000);
    await clock.run(limiter.acquire('h', 100));
    assert.equal(clock.now(), 5000);
  });
});

describe('producers/runtime/backoff', () => {
  it('doubles the delay per retry up to the cap, with half of it jittered', () => {
    const p = { baseMs: 1000, maxMs: 8000 };
    assert.equal(
      backoffDelay(0, p, () => 0),
      500,
    );
    assert.equal(
      backoffDelay(0, p, () => 0.999999),
      1000,
    );
    assert.equal(
      backoffDelay(2, p, () => 0),
      2000,
    );
    assert.equal(
      backoffDelay(10, p, () => 0.5),
      6000,
    );
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-16T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Mon, 16 Nov 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(undefined, now), null);
  });
});

describe('producers/runtime/content-hash', () => {
  it('ignores key order and whitespace; differs on any value change', () => {
    assert.equal(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] }), '{"a":[2,{"c":"x","d":null}],"b":1}');
    assert.equal(contentHash(JSON.parse('{"a": 1, "b": 2}')), contentHash({ b: 2, a: 1 }));
    assert.notEqual(contentHash({ a: 1 }), contentHash({ a: 2 }));
    assert.match(contentHash({}), /^[0-9a-f]{64}$/);
  });
});
