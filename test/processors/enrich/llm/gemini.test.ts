// The Gemini client and the fill-in against a local server that speaks the Gemini REST API: answers, errors
// (429, 500), timeouts, malformed answers; cache, budgets, rate limit and circuit breaker around the calls.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../../../platform/config';
import { MemoryLlmCache } from '../../../../processors/enrich/llm/cache';
import { createGeminiClient, LlmError, type LlmClient } from '../../../../processors/enrich/llm/client';
import { createLlmFillIn } from '../../../../processors/enrich/llm/fill-in';
import { PROMPT_VERSION, type FillInRequest } from '../../../../processors/enrich/llm/prompt';
import { FakeGeminiServer } from '../../../support/gemini-server';

const request: FillInRequest = {
  posting: {
    title: '개발자 채용',
    company: 'Acme',
    boardCategories: [],
    sections: [
      ['requirements', '- 경력 5~7년\n- Zorblax 사용 경험'],
      ['benefits', '연봉 6000만원 ~ 8000만원'],
    ],
  },
  jobField: [
    { id: 'backend', name: 'Backend', nameKo: '백엔드' },
    { id: 'frontend', name: 'Frontend', nameKo: '프론트엔드' },
  ],
  experience: true,
  salary: true,
  terms: ['Zorblax', 'Teamwork'],
};

const goodAnswer = {
  jobField: { id: 'backend', confidence: 0.82 },
  experience: { minYears: 5, maxYears: 7, newcomerOk: false, evidence: '경력 5~7년' },
  salary: { min: 60000000, max: 80000000, currency: 'KRW', period: 'YEAR', evidence: '연봉 6000만원 ~ 8000만원' },
  terms: [
    { term: 'Zorblax', isTechnology: true },
    { term: 'Teamwork', isTechnology: false },
  ],
};

describe('processors/enrich/llm against a fake Gemini server', () => {
  let server: FakeGeminiServer;
  let infraDir: string;

  beforeEach(async () => {
    server = await new FakeGeminiServer().start();
    infraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-llm-'));
  });
  afterEach(async () => {
    await server.stop();
    fs.rmSync(infraDir, { recursive: true, force: true });
  });

  function config(overrides: Partial<Config> = {}): Config {
    return loadConfig(
      {},
      {
        geminiApiKey: 'test-key',
        geminiBaseUrl: server.url,
        geminiModel: 'gemini-test',
        infraDir,
        llmTimeoutMs: 300,
        ...overrides,
      },
    );
  }

  function client(timeoutMs = 300): LlmClient {
    return createGeminiClient({ apiKey: 'test-key', model: 'gemini-test', baseUrl: server.url, timeoutMs });
  }

  describe('Gemini client', () => {
    it('sends the prompt with a JSON response schema and returns the parsed answer with token usage', async () => {
      server.enqueue({ kind: 'json', json: { ok: true }, promptTokens: 321, outputTokens: 12 });
      const res = await client().generateJson('hello', {
        type: 'object',
        properties: { ok: { type: 'boolean' }, kind: { type: 'string', enum: ['a', 'b'] } },
        required: ['ok'],
      });
      assert.deepEqual(res, { json: { ok: true }, usage: { promptTokens: 321, outputTokens: 12, totalTokens: 333 } });
      const sent = server.requests[0]!;
      assert.equal(sent.model, 'gemini-test');
      assert.equal(sent.apiKey, 'test-key');
      assert.equal(sent.prompt, 'hello');
      assert.equal(sent.body.generationConfig?.responseMimeType, 'application/json');
      assert.deepEqual(sent.body.generationConfig?.responseSchema, {
        type: 'object',
        properties: { ok: { type: 'boolean' }, kind: { type: 'string', format: 'enum', enum: ['a', 'b'] } },
        required: ['ok'],
      });
    });

    it('maps 429 to rate_limited, 500 to unavailable, 400 to rejected (not retriable)', async () => {
      server.enqueue({ kind: 'error', status: 429 }, { kind: 'error', status: 500 }, { kind: 'error', status: 400 });
      const kinds: Array<[string, boolean]> = [];
      for (let i = 0; i < 3; i++) {
        const err = await client()
          .generateJson('x', { type: 'object', properties: { a: { type: 'string' } } })
          .catch((e: unknown) => e);
        assert.ok(err instanceof LlmError);
        kinds.push([err.llmKind, err.retriable]);
      }
      assert.deepEqual(kinds, [
        ['rate_limited', true],
        ['unavailable', true],
        ['rejected', false],
      ]);
    });

    it('gives up after its timeout when the server never answers', async () => {
      server.enqueue({ kind: 'hang' });
      const started = Date.now();
      const err = await client(200)
        .generateJson('x', { type: 'object', properties: { a: { type: 'string' } } })
        .catch((e: unknown) => e);
      assert.ok(err instanceof LlmError);
      assert.equal(err.llmKind, 'timeout');
      assert.ok(Date.now() - started < 2000);
    });

    it('reports malformed JSON and answers without candidates as invalid_answer', async () => {
      server.enqueue({ kind: 'text', text: '{"jobField": {"id": "back' }, { kind: 'no-candidates' });
      for (let i = 0; i < 2; i++) {
        const err = await client()
          .generateJson('x', { type: 'object', properties: { a: { type: 'string' } } })
          .catch((e: unknown) => e);
        assert.ok(err instanceof LlmError);
        assert.equal(err.llmKind, 'invalid_answer');
      }
    });
  });

  describe('fill-in', () => {
    it('asks once, validates the answer and serves the same question from the cache afterwards', async () => {
      server.enqueue({ kind: 'json', json: goodAnswer });
      const fill = createLlmFillIn(config());
      const first = await fill.ask(request);
      assert.equal(first.outcome, 'answered');
      assert.equal(first.promptVersion, PROMPT_VERSION);
      assert.deepEqual(first.answer, {
        jobField: { id: 'backend', confidence: 0.82 },
        experience: goodAnswer.experience,
        salary: goodAnswer.salary,
        technologies: ['Zorblax'],
      });
      assert.deepEqual(server.requests[0]!.asked, ['jobField', 'experience', 'salary', 'terms']);
      assert.match(server.requests[0]!.prompt, /Zorblax/);
      // A new fill-in (a restart) reads the cache file: no second request.
      const again = await createLlmFillIn(config()).ask(request);
      assert.equal(again.outcome, 'cached');
      assert.equal(again.cached, true);
      assert.deepEqual(again.answer, first.answer);
      assert.equal(server.requests.length, 1);
    });

    it('keeps valid fields and drops invalid ones (not cached)', async () => {
      server.enqueue({
        kind: 'json',
        json: {
          ...goodAnswer,
          jobField: { id: 'astronaut', confidence: 0.9 },
          experience: { minYears: 9, maxYears: 2, newcomerOk: false, evidence: null },
        },
      });
      const fill = createLlmFillIn(config());
      const res = await fill.ask(request);
      assert.equal(res.outcome, 'invalid');
      assert.deepEqual(res.invalid, ['jobField', 'experience']);
      assert.deepEqual(res.answer, { salary: goodAnswer.salary, technologies: ['Zorblax'] });
      server.enqueue({ kind: 'json', json: goodAnswer });
      assert.equal((await fill.ask(request)).outcome, 'answered');
      assert.equal(server.requests.length, 2);
    });

    it('is disabled without GEMINI_API_KEY', async () => {
      const res = await createLlmFillIn(config({ geminiApiKey: undefined })).ask(request);
      assert.equal(res.outcome, 'disabled');
      assert.equal(server.requests.length, 0);
    });

    it('stops calling when the daily call budget is spent', async () => {
      server.onRequest(() => ({ kind: 'json', json: goodAnswer }));
      const fill = createLlmFillIn(config({ llmDailyCallBudget: 2 }), { cache: new MemoryLlmCache() });
      const outcomes = [];
      for (let i = 0; i < 3; i++) {
        outcomes.push((await fill.ask({ ...request, posting: { ...request.posting, title: `job ${i}` } })).outcome);
      }
      assert.deepEqual(outcomes, ['answered', 'answered', 'budget_calls']);
      assert.equal(server.requests.length, 2);
    });

    it('stops calling when the daily token budget is spent', async () => {
      server.onRequest(() => ({ kind: 'json', json: goodAnswer, promptTokens: 900, outputTokens: 200 }));
      const fill = createLlmFillIn(config({ llmDailyTokenBudget: 1000 }), { cache: new MemoryLlmCache() });
      const a = await fill.ask({ ...request, posting: { ...request.posting, title: 'a' } });
      const b = await fill.ask({ ...request, posting: { ...request.posting, title: 'b' } });
      assert.deepEqual([a.outcome, b.outcome], ['answered', 'budget_tokens']);
    });

    it('respects the rate limit without waiting', async () => {
      server.onRequest(() => ({ kind: 'json', json: goodAnswer }));
      const fill = createLlmFillIn(config({ llmRatePerMinute: 2 }), { cache: new MemoryLlmCache() });
      const outcomes = [];
      for (let i = 0; i < 3; i++) {
        outcomes.push((await fill.ask({ ...request, posting: { ...request.posting, title: `job ${i}` } })).outcome);
      }
      assert.deepEqual(outcomes, ['answered', 'answered', 'rate_limited']);
    });

    it('opens the breaker after K failures (429, 500, timeout) and tries again after the cool-down', async () => {
      let now = Date.UTC(2025, 5, 1);
      server.enqueue({ kind: 'error', status: 429 }, { kind: 'error', status: 500 }, { kind: 'hang' });
      const fill = createLlmFillIn(config({ llmBreakerFailures: 3, llmBreakerCooldownMs: 60_000, llmTimeoutMs: 150 }), {
        cache: new MemoryLlmCache(),
        now: () => now,
      });
      const ask = (t: string) => fill.ask({ ...request, posting: { ...request.posting, title: t } });
      assert.deepEqual(
        [(await ask('a')).outcome, (await ask('b')).outcome, (await ask('c')).outcome],
        ['failed', 'failed', 'failed'],
      );
      assert.equal(fill.breakerState, 'open');
      assert.equal((await ask('d')).outcome, 'breaker_open');
      assert.equal(server.requests.length, 3);
      now += 60_000;
      server.enqueue({ kind: 'json', json: goodAnswer });
      assert.equal((await ask('e')).outcome, 'answered');
      assert.equal(fill.breakerState, 'closed');
    });

    it('keeps at most maxInFlight calls running, and calls queued behind failures find the breaker open', async () => {
      let running = 0;
      let most = 0;
      let calls = 0;
      const slowFailing: LlmClient = {
        model: 'slow-fake',
        async generateJson() {
          calls++;
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 20));
          running--;
          throw new LlmError('unavailable', 'HTTP 500');
        },
      };
      const fill = createLlmFillIn(config({ llmBreakerFailures: 4 }), {
        client: slowFailing,
        cache: new MemoryLlmCache(),
        maxInFlight: 2,
      });
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => fill.ask({ ...request, posting: { ...request.posting, title: `t${i}` } })),
      );
      assert.equal(most, 2, 'two calls at a time');
      // The 4th failure opens the breaker; the call started when the 3rd finished was already running.
      assert.ok(calls >= 4 && calls <= 5, `${calls} calls: at most threshold + maxInFlight - 1`);
      assert.deepEqual(
        outcomes.map((o) => o.outcome),
        [...Array<string>(calls).fill('failed'), ...Array<string>(10 - calls).fill('breaker_open')],
      );
    });

    it('counts a malformed answer as a failure and keeps nothing from it', async () => {
      server.enqueue({ kind: 'text', text: 'Sure! Here is the JSON you asked for:' });
      const res = await createLlmFillIn(config(), { cache: new MemoryLlmCache() }).ask(request);
      assert.equal(res.outcome, 'invalid');
      assert.equal(res.answer, undefined);
    });
  });
});
