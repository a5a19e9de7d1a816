// The enrich stage's core (silver → gold) without Kafka: rules only, and with the LLM fill-in against a local
// server speaking the Gemini REST API (answers, failures, timeouts, malformed answers).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../../platform/config';
import { ValidationError } from '../../../platform/errors';
import { schemaFor } from '../../../platform/schemas';
import { MemoryLlmCache } from '../../../processors/enrich/llm/cache';
import { createLlmFillIn } from '../../../processors/enrich/llm/fill-in';
import { PROMPT_VERSION } from '../../../processors/enrich/llm/prompt';
import { createEnrichStage, enrichPosting, validateSilver } from '../../../processors/enrich/stage';
import type { GoldPosting } from '../../../processors/enrich/types';
import type { SilverPosting } from '../../../processors/refine/types';
import { FakeGeminiServer, type GeminiReply } from '../../support/gemini-server';
import { silverPosting } from '../../support/postings';

const goldType = schemaFor('gold-posting').type;
const NOW = Date.UTC(2025, 5, 1, 9);

function assertValidGold(g: GoldPosting) {
  const paths: string[] = [];
  assert.ok(goldType.isValid(g, { errorHook: (p) => paths.push(p.join('.')) }), `invalid gold at ${paths.join(', ')}`);
}

/** A posting the rules cannot fully decide: vague title, no category, no years, no salary, an unknown term. */
function vaguePosting(): SilverPosting {
  const base = silverPosting(0);
  return {
    ...base,
    title: '개발자 채용',
    boardTags: [],
    boardCategories: [],
    experience: { minYears: null, maxYears: null, newcomerOk: false, raw: null, method: 'NONE' },
    salary: null,
    sections: {
      intro: '함께 성장할 동료를 찾습니다.',
      responsibilities: '사내 시스템 개발 및 운영',
      requirements: '관련 경력 5~7년\nZorblaxDB 운영 경험',
      preferred: '',
      benefits: '연봉 6000만원 ~ 8000만원',
      other: '',
    },
  };
}

describe('processors/enrich/stage', () => {
  let infraDir: string;
  beforeEach(() => {
    infraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-enrich-'));
  });
  afterEach(() => fs.rmSync(infraDir, { recursive: true, force: true }));

  describe('rules only', () => {
    const stage = createEnrichStage(loadConfig({}, { geminiApiKey: undefined }), { now: () => NOW });

    it('is rules-only without GEMINI_API_KEY', () => {
      assert.equal(stage.context.llm?.enabled ?? false, false);
      assert.equal(stage.definition.concurrency, 1);
      assert.equal(stage.definition.input, 'silver');
      assert.equal(stage.definition.output, 'gold');
    });

    it('turns a silver posting into a gold record: skills merged with board tags, job field, seniority', async () => {
      const silver = silverPosting(0);
      const out = await stage.definition.process(silver, {} as never, { get: () => undefined, put: () => undefined });
      assert.equal(out.length, 1);
      assert.equal(out[0]!.key, silver.postingId);
      const g = out[0]!.value;
      assertValidGold(g);
      assert.equal(g.posting, silver);
      const java = g.skills.find((s) => s.id === 'java');
      assert.deepEqual(java?.methods, ['RULES', 'BOARD_TAG']);
      assert.ok(g.skills.some((s) => s.id === 'spring-boot'));
      assert.deepEqual({ id: g.jobField.id, method: g.jobField.method }, { id: 'backend', method: 'RULES' });
      assert.ok(g.jobField.confidence >= 0.6);
      assert.deepEqual(g.seniority, { level: 'MID', method: 'RULES' }); // 경력 3년 이상
      assert.match(g.taxonomyVersion, /^tx-[0-9a-f]{12}$/);
      assert.deepEqual(g.llm, { used: false, fields: [], promptVersion: null, cached: false });
      assert.equal(g.enrichedAt, NOW);
    });

    it('rejects silver records with impossible values (ValidationError: the runner dead-letters them)', () => {
      const cases: Array<[Partial<SilverPosting>, RegExp]> = [
        [{ version: -1 }, /version -1 is negative/],
        [
          { experience: { minYears: 8, maxYears: 2, newcomerOk: false, raw: null, method: 'RULES' } },
          /minYears 8 > maxYears 2/,
        ],
        [
          { experience: { minYears: -3, maxYears: null, newcomerOk: false, raw: null, method: 'RULES' } },
          /out of range/,
        ],
        [
          { salary: { min: 100, max: 50, currency: 'KRW', period: 'YEAR', raw: null, method: 'RULES' } },
          /min 100 > max 50/,
        ],
        [{ salary: { min: 1, max: 2, currency: 'won', period: 'YEAR', raw: null, method: 'RULES' } }, /ISO 4217/],
        [{ postingId: ' ' }, /postingId is empty/],
        [{ sources: [] }, /no sources/],
      ];
      for (const [override, message] of cases) {
        assert.throws(
          () => validateSilver(silverPosting(1, override)),
          (err: unknown) => {
            return err instanceof ValidationError && message.test(err.message);
          },
        );
      }
      validateSilver(silverPosting(1));
    });
  });

  describe('with the LLM fill-in', () => {
    let server: FakeGeminiServer;
    beforeEach(async () => {
      server = await new FakeGeminiServer().start();
    });
    afterEach(() => server.stop());

    function stageWith(overrides: Partial<Config> = {}) {
      const config = loadConfig(
        {},
        { geminiApiKey: 'k', geminiBaseUrl: server.url, infraDir, llmTimeoutMs: 300, ...overrides },
      );
      return createEnrichStage(config, {
        now: () => NOW,
        llm: createLlmFillIn(config, { cache: new MemoryLlmCache() }),
      });
    }

    const answer = {
      jobField: { id: 'backend', confidence: 0.7 },
      experience: { minYears: 5, maxYears: 7, newcomerOk: false, evidence: '관련 경력 5~7년' },
      salary: { min: 60000000, max: 80000000, currency: 'KRW', period: 'YEAR', evidence: '연봉 6000만원 ~ 8000만원' },
      terms: [{ term: 'ZorblaxDB', isTechnology: true }],
    };

    it('asks only what the rules could not decide and records LLM as the method of what it filled', async () => {
      const stage = stageWith();
      const rulesOnly = await enrichPosting(vaguePosting(), { ...stage.context, llm: null });
      assert.ok(rulesOnly.jobField.confidence < 0.6, 'the rules are unsure of the field');
      assert.ok(rulesOnly.unknownTerms.includes('ZorblaxDB'), `unknown terms: ${rulesOnly.unknownTerms.join(', ')}`);
      server.onRequest((req) => ({
        kind: 'json',
        json: Object.fromEntries(Object.entries(answer).filter(([k]) => req.asked.includes(k))),
      }));
      const g = await enrichPosting(vaguePosting(), stage.context);
      assertValidGold(g);
      assert.deepEqual(server.requests[0]!.asked, ['jobField', 'experience', 'salary', 'terms']);
      assert.deepEqual(g.jobField, {
        id: 'backend',
        name: 'Backend',
        nameKo: '백엔드',
        confidence: 0.7,
        method: 'LLM',
      });
      assert.deepEqual(g.posting.experience, {
        minYears: 5,
        maxYears: 7,
        newcomerOk: false,
        raw: '관련 경력 5~7년',
        method: 'LLM',
      });
      assert.deepEqual(g.posting.salary, {
        min: 60000000,
        max: 80000000,
        currency: 'KRW',
        period: 'YEAR',
        raw: '연봉 6000만원 ~ 8000만원',
        method: 'LLM',
      });
      assert.deepEqual(g.seniority, { level: 'SENIOR', method: 'LLM' });
      assert.deepEqual(g.unknownTerms, ['ZorblaxDB']);
      assert.deepEqual(g.llm, {
        used: true,
        fields: ['jobField', 'experience', 'seniority', 'salary', 'unknownTerms'],
        promptVersion: PROMPT_VERSION,
        cached: false,
      });
      assert.deepEqual(g.skills, rulesOnly.skills, 'skills stay the rules result');
      // The same posting again: from the cache, no second call.
      const again = await enrichPosting(vaguePosting(), stage.context);
      assert.equal(again.llm.cached, true);
      assert.equal(server.requests.length, 1);
    });

    it('does not call the LLM when the rules decided everything', async () => {
      const stage = stageWith();
      const silver = silverPosting(0, {
        salary: { min: 50000000, max: null, currency: 'KRW', period: 'YEAR', raw: '5000만원 이상', method: 'RULES' },
      });
      const g = await enrichPosting(silver, stage.context);
      assert.equal(server.requests.length, 0);
      assert.equal(g.llm.used, false);
    });

    const failures: Array<[string, GeminiReply]> = [
      ['HTTP 500', { kind: 'error', status: 500 }],
      ['HTTP 429', { kind: 'error', status: 429 }],
      ['a timeout', { kind: 'hang' }],
      ['a malformed answer', { kind: 'text', text: '{"jobField":' }],
      ['an answer outside the schema', { kind: 'json', json: { jobField: { id: 'pilot', confidence: 3 } } }],
    ];
    for (const [what, reply] of failures) {
      it(`emits the rules-only result on ${what}`, async () => {
        const stage = stageWith();
        const rulesOnly = await enrichPosting(vaguePosting(), { ...stage.context, llm: null });
        server.enqueue(reply);
        const started = Date.now();
        const g = await enrichPosting(vaguePosting(), stage.context);
        assert.ok(Date.now() - started < 2000, 'bounded by the timeout');
        assert.equal(server.requests.length, 1);
        assert.deepEqual(g, rulesOnly);
      });
    }
  });
});
