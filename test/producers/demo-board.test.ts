// The demo board: deterministic, realistic enough (fields, tech mixes, Korean text, dates, duplicates), real
// formats (the real adapters read every posting), conditional requests, and generations that close and add.
import assert from 'node:assert/strict';
import {
  catalog,
  generateUniverse,
  openJobs,
  referenceTime,
  sectionsOf,
  tagsOf,
  transliterate,
} from '../../producers/demo-board/generator';
import { startDemoBoard, type DemoBoard } from '../../producers/demo-board/server';
import { boardAdapters } from '../../producers/registry';
import { demoBoards, loadProducerSettings, resolveTargets } from '../../producers/settings';
import { CrawlStateStore } from '../../producers/runtime/crawl-state';
import { crawlHarness, testFetcher } from './support/harness';

const WEEK = 7 * 24 * 3600 * 1000;

describe('producers/demo-board catalogue', () => {
  it('is consistent data: unique ids, every field has titles, stacks, phrases in both languages', () => {
    const ids = catalog.companies.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(new Set(catalog.fields.map((f) => f.id)).size, catalog.fields.length);
    for (const f of catalog.fields) {
      assert.ok(f.titlesKo.length > 0 && f.titlesEn.length > 0 && f.stacks.length > 0, f.id);
      assert.ok(catalog.phrases.ko.responsibilities[f.id]?.length, `ko responsibilities of ${f.id}`);
      assert.ok(catalog.phrases.en.responsibilities[f.id]?.length, `en responsibilities of ${f.id}`);
    }
    assert.equal(
      transliterate('React와 Spring Boot, Kubernetes, JavaScript'),
      '리액트와 스프링 부트, 쿠버네티스, 자바스크립트',
    );
  });
});

describe('producers/demo-board universe', () => {
  const u = generateUniverse();
  const gen0 = openJobs(u, 0);

  it('is deterministic for a seed and different for another', () => {
    assert.deepEqual(
      generateUniverse().jobs.map((j) => [j.title, j.company.id, j.postedAt]),
      u.jobs.map((j) => [j.title, j.company.id, j.postedAt]),
    );
    assert.notDeepEqual(
      generateUniverse(7)
        .jobs.slice(0, 20)
        .map((j) => j.title),
      u.jobs.slice(0, 20).map((j) => j.title),
    );
  });

  it('has ~600 jobs in generation 0, posted over 12+ weeks before the reference date', () => {
    assert.equal(gen0.length, 600);
    const ages = gen0.map((j) => referenceTime - j.postedAt);
    assert.ok(Math.min(...ages) >= 0);
    assert.ok(Math.max(...ages) >= 12 * WEEK, `oldest posting ${Math.max(...ages) / WEEK} weeks old`);
    for (let w = 0; w < 12; w++)
      assert.ok(
        ages.some((a) => a >= w * WEEK && a < (w + 1) * WEEK),
        `a posting in week ${w}`,
      );
  });

  it('mixes job fields, languages, experience levels and salaries like a real market', () => {
    const count = (f: (j: (typeof gen0)[number]) => boolean) => gen0.filter(f).length;
    for (const f of catalog.fields) assert.ok(count((j) => j.field.id === f.id) >= 5, `${f.id} has postings`);
    assert.ok(count((j) => j.field.id === 'backend') > count((j) => j.field.id === 'security'));
    assert.ok(count((j) => j.lang === 'ko') > 300 && count((j) => j.lang === 'en') > 150);
    assert.ok(count((j) => j.experience.newcomer) > 60);
    assert.ok(count((j) => j.transliterate) > 50);
    assert.ok(count((j) => j.salary !== null) > 200);
    const backendTags = gen0.filter((j) => j.field.id === 'backend').flatMap(tagsOf);
    for (const t of ['Java', 'Spring Boot', 'Kotlin', 'MySQL', 'Redis', 'Kafka', 'AWS'])
      assert.ok(backendTags.includes(t), t);
    const feTags = gen0.filter((j) => j.field.id === 'frontend').flatMap(tagsOf);
    for (const t of ['React', 'TypeScript', 'Next.js', 'Vue.js']) assert.ok(feTags.includes(t), t);
  });

  it('writes Korean and English sections with experience phrases and Hangul tech names', () => {
    const ko = gen0.find((j) => j.lang === 'ko' && j.transliterate && j.techs.framework.includes('Spring Boot'))!;
    const s = sectionsOf(ko, 0);
    assert.ok(
      s.responsibilities.length > 0 && s.requirements.length > 1 && s.preferred.length > 0 && s.benefits.length > 0,
    );
    assert.match(s.experienceText, /^(신입|경력 \d+(~\d+)?년( 이상)?)$/);
    assert.match([...s.responsibilities, ...s.requirements].join('\n'), /스프링 부트/);
    const en = gen0.find((j) => j.lang === 'en' && !j.experience.newcomer)!;
    assert.match(sectionsOf(en, 0).experienceText, /^\d+(\+|-\d+) years of experience$/);
  });

  it('lists some jobs on two boards at once (same company, title and text)', () => {
    const dup = gen0.filter((j) => j.listings.length === 2);
    assert.ok(dup.length >= 30, `${dup.length} cross-posted jobs`);
    assert.ok(
      dup.some(
        (j) =>
          j.listings
            .map((l) => l.board)
            .sort()
            .join() === 'jumpit,wanted',
      ),
    );
    assert.ok(
      dup.some(
        (j) =>
          j.listings.some((l) => l.board === 'remoteok') &&
          j.listings.some((l) => l.board === 'greenhouse' || l.board === 'lever'),
      ),
    );
  });

  it('closes some jobs and adds new ones in every later generation', () => {
    const gen1 = openJobs(u, 1);
    const closed = gen0.filter((j) => !gen1.includes(j));
    const added = gen1.filter((j) => !gen0.includes(j));
    assert.ok(closed.length >= 15 && closed.length <= 70, `${closed.length} closed`);
    assert.equal(added.length, 36);
    assert.ok(
      gen1.some((j) => j.editGens.includes(1)),
      'some jobs are edited',
    );
  });
});

describe('producers/demo-board server + the real adapters', function () {
  this.timeout(60000);
  let board: DemoBoard;
  before(async () => {
    board = await startDemoBoard({ port: 0 });
  });
  after(() => board.close());

  it('serves robots.txt, honours ETag and answers closed postings with 404', async () => {
    assert.match(await (await fetch(`${board.url}/robots.txt`)).text(), /Disallow: \/admin\//);
    const first = await fetch(`${board.url}/remoteok/api`);
    const etag = first.headers.get('etag')!;
    assert.ok(first.headers.get('last-modified'));
    assert.equal((await fetch(`${board.url}/remoteok/api`, { headers: { 'if-none-match': etag } })).status, 304);
    assert.equal((await fetch(`${board.url}/wanted/api/v4/jobs/1`)).status, 404);
  });

  it('is crawled by every demo-format adapter without a single parse error; a re-crawl emits nothing; a new generation closes and adds', async () => {
    const targets = resolveTargets(
      ['demo'],
      { crawlMinIntervalMs: 2000 },
      loadProducerSettings({ DEMO_CRAWL_INTERVAL_MS: '0' }),
      {},
      board.url,
    );
    assert.deepEqual(targets.map((t) => t.adapter.name).sort(), Object.keys(demoBoards).sort());
    const store = new CrawlStateStore();
    const fetcher = testFetcher({ timeoutMs: 5000 });
    const counts = board.counts();
    const crawlAll = async () => {
      const out: Record<string, { emitted: string[]; errors: Record<string, number>; notModified: number }> = {};
      for (const t of targets) {
        const { result, sink } = await crawlHarness(t.adapter, t.settings, fetcher, store).crawl();
        out[t.adapter.name] = {
          emitted: sink.raws.map((r) => r.change),
          errors: result.stats.errors,
          notModified: result.stats.notModified,
        };
      }
      return out;
    };
    const first = await crawlAll();
    for (const [name, r] of Object.entries(first)) {
      assert.deepEqual(r.errors, {}, `${name} errors`);
      assert.equal(r.emitted.length, counts[name as keyof typeof counts], `${name}: one NEW record per listing`);
      assert.ok(r.emitted.every((c) => c === 'NEW'));
    }
    const second = await crawlAll();
    for (const [name, r] of Object.entries(second)) {
      assert.deepEqual(r.emitted, [], `${name} re-crawl emits nothing`);
      assert.ok(r.notModified > 0, `${name} used conditional requests`);
    }
    board.setGeneration(1);
    const third = await crawlAll();
    const all = Object.values(third).flatMap((r) => r.emitted);
    // Exactly what the universe says changed between generations 0 and 1 (view counts, likes and touched
    // updated_at moved too, and must not count as changes).
    const u = generateUniverse();
    const [g0, g1] = [openJobs(u, 0), openJobs(u, 1)];
    const listings = (jobs: typeof g0) => jobs.reduce((n, j) => n + j.listings.length, 0);
    const expected = {
      CLOSED: listings(g0.filter((j) => !g1.includes(j))),
      NEW: listings(g1.filter((j) => !g0.includes(j))),
      CHANGED: listings(g1.filter((j) => g0.includes(j) && j.editGens.includes(1))),
    };
    assert.deepEqual(
      {
        CLOSED: all.filter((c) => c === 'CLOSED').length,
        NEW: all.filter((c) => c === 'NEW').length,
        CHANGED: all.filter((c) => c === 'CHANGED').length,
      },
      expected,
    );
    assert.ok(expected.CLOSED >= 15 && expected.NEW >= 36 && expected.CHANGED >= 1);
    assert.ok(boardAdapters.length >= 9);
  });
});
