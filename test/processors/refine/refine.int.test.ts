// Both refine stages on the transactional runner against the real broker and registry: raw records in, canonical
// silver postings out, a malformed body dead-lettered, and the de-dup state restored from its changelog after a
// restart.
import assert from 'node:assert/strict';
import type { Config } from '../../../platform/config';
import type { AvroSerde } from '../../../platform/serde';
import { createRefineDedupStage, createRefineParseStage } from '../../../processors/refine/stage';
import type { RawPosting, SilverPosting } from '../../../processors/refine/types';
import { runStage, type RunningStage } from '../../../processors/runner';
import type { DeadLetter } from '../../../processors/runtime/dead-letter';
import { dropTopics, isolatedConfig, prepareTopics } from '../../support/services';
import { produce, startReader } from '../support/kafka-io';
import { fixture, rawPosting } from './support';

const fastBackoff = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0 };
const T0 = Date.UTC(2026, 8, 10);

function jumpitCopyOfWanted(id: string, fetchedAt: number): RawPosting {
  // The Wanted fixture's job as Jumpit shows it: other title wording, company spelling and bullets.
  const w = JSON.parse(fixture('wanted-job.json')).job;
  const body = {
    result: {
      id: Number(id),
      title: '백엔드 개발자 (Kotlin/Spring) 경력 채용',
      companyName: '주식회사 테크맵랩스',
      techStacks: [{ stack: 'Kotlin' }, { stack: 'Kafka' }],
      serviceInfo: w.detail.intro,
      responsibility: w.detail.main_tasks.replace(/• /g, '- '),
      qualifications: w.detail.requirements.replace(/• /g, '- '),
      preferredRequirements: w.detail.preferred_points.replace(/• /g, '- '),
      welfares: w.detail.benefits.replace(/• /g, '- '),
      newcomer: false,
      minCareer: 3,
      maxCareer: 8,
      alwaysOpen: true,
      location: '경기 성남시 분당구 판교역로 166',
    },
  };
  return rawPosting('jumpit', id, JSON.stringify(body), { fetchedAt });
}

describe('refine stages on the runner (integration)', function () {
  this.timeout(120_000);
  let config: Config;
  let serde: AvroSerde;
  const running: RunningStage[] = [];

  before(async () => {
    config = isolatedConfig('refine');
    serde = await prepareTopics(config, ['raw', 'refineParsed', 'refineState', 'silver', 'dlq']);
  });

  after(async () => {
    for (const s of running.splice(0)) await s.stop();
    await dropTopics(config);
  });

  async function feed(raws: RawPosting[]) {
    // One partition, so the order of arrival (and with it the canonical id) is fixed.
    await produce(
      config,
      'raw',
      await Promise.all(
        raws.map(async (r) => ({
          key: `${r.board}:${r.boardPostingId}`,
          value: await serde.encode('raw', r),
          partition: 0,
        })),
      ),
    );
  }

  async function start() {
    const deps = { config, backoff: fastBackoff };
    running.push(await runStage(createRefineParseStage(), { ...deps, instanceId: 'parse' }));
    running.push(await runStage(createRefineDedupStage(), { ...deps, instanceId: 'dedup' }));
  }

  it('refines raw records into canonical silver postings, one per job, and dead-letters a malformed body', async () => {
    await feed([
      rawPosting('wanted', '212345', fixture('wanted-job.json'), { fetchedAt: T0 }),
      rawPosting('greenhouse', 'daybreak/7012345', fixture('greenhouse-job.json'), { fetchedAt: T0 }),
      rawPosting('wanted', '999', '{"job": "not an object"}', { fetchedAt: T0 }),
      jumpitCopyOfWanted('51230001', T0 + 1000),
    ]);
    await start();
    const silver = await startReader<SilverPosting>(config, serde, 'silver');
    const dlq = await startReader<DeadLetter>(config, serde, 'dlq');
    try {
      const out = await silver.waitFor(3, 60_000);
      // Per canonical posting, in order (partitions of the silver topic interleave differently run to run).
      const byKey = new Map<string, string[][]>();
      for (const r of out) {
        const list = byKey.get(r.key!) ?? [];
        list.push(r.value.sources.map((src) => `${src.board}:${src.boardPostingId}`));
        byKey.set(r.key!, list);
      }
      assert.deepEqual(Object.fromEntries(byKey), {
        'wanted:212345': [['wanted:212345'], ['wanted:212345', 'jumpit:51230001']],
        'greenhouse:daybreak/7012345': [['greenhouse:daybreak/7012345']],
      });
      const merged = out.find((r) => r.value.sources.length === 2)!.value;
      assert.equal(merged.version, T0 + 1000);
      assert.deepEqual(merged.boardTags, ['Kotlin', 'Spring Boot', 'AWS', 'Kafka']);
      const letters = await dlq.waitFor(1, 30_000);
      assert.equal(letters.length, 1);
      assert.equal(letters[0]!.value.stage, 'refine.parse');
      assert.equal(letters[0]!.value.errorType, 'ValidationError');
      assert.match(letters[0]!.value.errorMessage, /wanted:999: .*missing object job/);
      assert.equal(letters[0]!.value.value!.toString('utf8').length > 0, true);
    } finally {
      await silver.stop();
      await dlq.stop();
    }
  });

  it('restores the de-dup state after a restart: a changed source stays on its canonical posting', async () => {
    for (const s of running.splice(0)) await s.stop();
    const silver = await startReader<SilverPosting>(config, serde, 'silver');
    try {
      await silver.waitFor(3, 30_000, 500);
      await feed([jumpitCopyOfWanted('51230001', T0 + 5000)]);
      await start();
      const out = await silver.waitFor(4, 60_000);
      const last = out[out.length - 1]!;
      assert.equal(last.key, 'wanted:212345');
      assert.deepEqual(
        last.value.sources.map((s) => [s.board, s.boardPostingId, s.firstSeenAt, s.lastSeenAt]),
        [
          ['wanted', '212345', T0, T0],
          ['jumpit', '51230001', T0 + 1000, T0 + 5000],
        ],
      );
      assert.equal(last.value.version, T0 + 5000);
    } finally {
      await silver.stop();
    }
  });
});
