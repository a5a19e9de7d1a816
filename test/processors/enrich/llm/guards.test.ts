// The LLM's guards: circuit breaker, rate limit, daily budgets and the answer cache, each alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CircuitBreaker } from '../../../../processors/enrich/llm/breaker';
import { DailyBudget, FileUsageLog, readLlmUsage } from '../../../../processors/enrich/llm/budget';
import { cacheKey, FileLlmCache } from '../../../../processors/enrich/llm/cache';
import { RateLimiter } from '../../../../processors/enrich/llm/rate-limit';

function clock(start = Date.UTC(2025, 5, 1, 12)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('processors/enrich/llm guards', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-llm-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('CircuitBreaker', () => {
    it('opens after K consecutive failures, lets one trial through after the cool-down, closes on success', () => {
      const c = clock();
      const states: string[] = [];
      const b = new CircuitBreaker(3, 10_000, c.now, (s) => states.push(s));
      for (let i = 0; i < 2; i++) {
        assert.equal(b.tryAcquire(), true);
        b.failure();
      }
      assert.equal(b.state, 'closed');
      b.success(); // a success resets the count
      for (let i = 0; i < 3; i++) {
        assert.equal(b.tryAcquire(), true);
        b.failure();
      }
      assert.equal(b.state, 'open');
      assert.equal(b.tryAcquire(), false);
      c.advance(9_999);
      assert.equal(b.tryAcquire(), false);
      c.advance(1);
      assert.equal(b.state, 'half-open');
      assert.equal(b.tryAcquire(), true);
      assert.equal(b.tryAcquire(), false, 'only one trial at a time');
      b.success();
      assert.equal(b.state, 'closed');
      assert.deepEqual(states, ['open', 'half-open', 'closed']);
    });

    it('re-opens when the half-open trial fails, and a released trial slot can be taken again', () => {
      const c = clock();
      const b = new CircuitBreaker(1, 1000, c.now);
      b.tryAcquire();
      b.failure();
      c.advance(1000);
      assert.equal(b.tryAcquire(), true);
      b.release();
      assert.equal(b.tryAcquire(), true);
      b.failure();
      assert.equal(b.state, 'open');
      assert.equal(b.tryAcquire(), false);
    });
  });

  it('RateLimiter allows N calls per minute and refills continuously', () => {
    const c = clock();
    const r = new RateLimiter(3, c.now);
    assert.deepEqual([r.tryTake(), r.tryTake(), r.tryTake(), r.tryTake()], [true, true, true, false]);
    c.advance(19_000);
    assert.equal(r.tryTake(), false);
    c.advance(1_000); // 20 s = one call at 3/min
    assert.equal(r.tryTake(), true);
    assert.equal(r.tryTake(), false);
  });

  describe('DailyBudget', () => {
    it('refuses calls past the call budget and past the token budget, and starts again the next UTC day', () => {
      const c = clock(Date.UTC(2025, 5, 1, 23, 59));
      const b = new DailyBudget({ calls: 2, tokens: 1000 }, undefined, c.now);
      assert.equal(b.tryReserveCall(), 'ok');
      b.addTokens(400);
      assert.equal(b.tryReserveCall(), 'ok');
      assert.equal(b.tryReserveCall(), 'calls');
      c.advance(60_000);
      assert.equal(b.today().day, '2025-06-02');
      assert.equal(b.tryReserveCall(), 'ok');
      b.addTokens(1000);
      assert.equal(b.tryReserveCall(), 'tokens');
      assert.deepEqual(b.today(), { day: '2025-06-02', calls: 1, tokens: 1000 });
    });

    it('keeps the day usage across a restart (file under the infra dir) and ignores a torn line', () => {
      const c = clock();
      const first = new DailyBudget({ calls: 3, tokens: 10_000 }, new FileUsageLog(dir), c.now);
      first.tryReserveCall();
      first.addTokens(120);
      first.tryReserveCall();
      fs.appendFileSync(path.join(dir, 'usage-2025-06-01.jsonl'), '{"calls":1,"tok');
      const second = new DailyBudget({ calls: 3, tokens: 10_000 }, new FileUsageLog(dir), c.now);
      assert.deepEqual(second.today(), { day: '2025-06-01', calls: 2, tokens: 120 });
      assert.equal(second.tryReserveCall(), 'ok');
      assert.equal(second.tryReserveCall(), 'calls');
      assert.deepEqual(readLlmUsage(dir, '2025-06-01'), { day: '2025-06-01', calls: 3, tokens: 120 });
    });
  });

  describe('FileLlmCache', () => {
    it('keys by sha256 of prompt version + content and survives a restart', () => {
      const file = path.join(dir, 'cache.jsonl');
      const k1 = cacheKey('v1', 'posting text');
      assert.match(k1, /^[0-9a-f]{64}$/);
      assert.notEqual(cacheKey('v2', 'posting text'), k1);
      assert.notEqual(cacheKey('v1', 'posting text!'), k1);
      const a = new FileLlmCache(file);
      a.put(k1, { jobField: { id: 'backend', confidence: 0.9 } });
      fs.appendFileSync(file, '{"key":"torn'); // a crash in the middle of a write
      const b = new FileLlmCache(file);
      assert.deepEqual(b.get(k1), { jobField: { id: 'backend', confidence: 0.9 } });
      assert.equal(b.size, 1);
      assert.equal(b.get(cacheKey('v2', 'posting text')), undefined);
    });
  });
});
