// The enrich stage on the runner against the real broker and registry, with the LLM fill-in talking to a local
// server that speaks the Gemini REST API (GEMINI_BASE_URL).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../../platform/config';
import type { AvroSerde } from '../../../platform/serde';
import { createEnrichStage } from '../../../processors/enrich/stage';
import type { GoldPosting } from '../../../processors/enrich/types';
import type { SilverPosting } from '../../../processors/refine/types';
import { runStage, type RunningStage } from '../../../processors/runner';
import type { DeadLetter } from '../../../processors/runtime/dead-letter';
import { FakeGeminiServer } from '../../support/gemini-server';
import { silverPosting } from '../../support/postings';
import { dropTopics, isolatedConfig, prepareTopics } from '../../support/services';
import { produce, startReader } from '../support/kafka-io';

describe('processors/enrich on the runner (integration)', function () {
  this.timeout(90_000);
  let config: Config;
  let serde: AvroSerde;
  let server: FakeGeminiServer;
  let infraDir: string;
  let stage: RunningStage | undefined;

  beforeEach(async () => {
    server = await new FakeGeminiServer().start();
    infraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-enrich-int-'));
    config = isolatedConfig('enrich', {
      geminiApiKey: 'test-key',
      geminiBaseUrl: server.url,
      infraDir,
      llmTimeoutMs: 500,
      llmBreakerFailures: 3,
    });
    serde = await prepareTopics(config, ['silver', 'gold', 'dlq']);
  });

  afterEach(async () => {
    await stage?.stop();
    stage = undefined;
    await server.stop();
    await dropTopics(config);
    fs.rmSync(infraDir, { recursive: true, force: true });
  });

  async function feed(postings: SilverPosting[]) {
    await produce(
      config,
      'silver',
      await Promise.all(postings.map(async (p) => ({ key: p.postingId, value: await serde.encode('silver', p) }))),
    );
  }

  const vague = (i: number): SilverPosting => ({
    ...silverPosting(i),
    postingId: `wanted:vague-${i}`,
    title: '개발자 채용',
    boardTags: [],
    boardCategories: [],
    experience: { minYears: null, maxYears: null, newcomerOk: false, raw: null, method: 'NONE' },
    sections: {
      intro: '',
      responsibilities: '사내 시스템 개발',
      requirements: '관련 경력 5년 이상',
      preferred: '',
      benefits: '',
      other: '',
    },
  });

  it('fills what the rules left open through the LLM, and dead-letters impossible postings', async () => {
    server.onRequest((req) => ({
      kind: 'json',
      json: {
        ...(req.asked.includes('jobField') ? { jobField: { id: 'backend', confidence: 0.75 } } : {}),
        ...(req.asked.includes('experience')
          ? { experience: { minYears: 5, maxYears: null, newcomerOk: false, evidence: '관련 경력 5년 이상' } }
          : {}),
        ...(req.asked.includes('salary') ? { salary: null } : {}),
        ...(req.asked.includes('terms') ? { terms: [] } : {}),
      },
    }));
    const impossible = silverPosting(7, {
      postingId: 'wanted:impossible',
      experience: { minYears: 9, maxYears: 1, newcomerOk: false, raw: '9~1년', method: 'RULES' },
    });
    await feed([silverPosting(0), silverPosting(1), vague(2), impossible]);
    stage = await runStage(createEnrichStage(config).definition, { config, instanceId: 'int' });
    const gold = await startReader<GoldPosting>(config, serde, 'gold');
    const dlq = await startReader<DeadLetter>(config, serde, 'dlq');
    try {
      const records = await gold.waitFor(3, 30_000);
      const letters = await dlq.waitFor(1, 30_000);
      assert.deepEqual(records.map((r) => r.key).sort(), ['greenhouse:100001', 'wanted:100000', 'wanted:vague-2']);
      const v = records.find((r) => r.key === 'wanted:vague-2')!.value;
      assert.deepEqual(
        { ...v.jobField },
        {
          id: 'backend',
          name: 'Backend',
          nameKo: '백엔드',
          confidence: 0.75,
          method: 'LLM',
        },
      );
      assert.deepEqual(
        { ...v.posting.experience },
        {
          minYears: 5,
          maxYears: null,
          newcomerOk: false,
          raw: '관련 경력 5년 이상',
          method: 'LLM',
        },
      );
      assert.deepEqual({ ...v.seniority }, { level: 'SENIOR', method: 'LLM' });
      assert.equal(v.posting.salary, null, 'the LLM said the posting names no salary');
      assert.deepEqual([...v.llm.fields], ['jobField', 'experience', 'seniority']);
      const normal = records.find((r) => r.key === 'wanted:100000')!.value;
      assert.equal(normal.jobField.method, 'RULES');
      assert.equal(normal.llm.used, false);
      assert.equal(letters[0]!.value.stage, 'enrich');
      assert.equal(letters[0]!.value.errorType, 'ValidationError');
      assert.match(letters[0]!.value.errorMessage, /minYears 9 > maxYears 1/);
      assert.equal(letters[0]!.key, 'wanted:impossible');
    } finally {
      await gold.stop();
      await dlq.stop();
    }
  });

  it('emits rules-only gold for every posting while the LLM fails, and the breaker stops the calls', async () => {
    server.onRequest(() => ({ kind: 'error', status: 500 }));
    const postings = Array.from({ length: 12 }, (_, i) => vague(i));
    await feed(postings);
    stage = await runStage(createEnrichStage(config, { settings: { llmConcurrency: 1 } }).definition, {
      config,
      instanceId: 'int',
    });
    const gold = await startReader<GoldPosting>(config, serde, 'gold');
    try {
      const records = await gold.waitFor(12, 30_000);
      assert.equal(records.length, 12);
      assert.ok(records.every((r) => !r.value.llm.used && r.value.posting.experience.method === 'NONE'));
      assert.equal(server.requests.length, 3, 'the breaker opened after 3 consecutive failures');
    } finally {
      await gold.stop();
    }
  });
});
