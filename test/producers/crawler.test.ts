// The crawl runtime against scripted boards: faults are counted and skipped, what parsed is emitted exactly once,
// re-crawls are incremental (NEW / CHANGED / unchanged / CLOSED) and closures need a complete listing.
import assert from 'node:assert/strict';
import { greenhouseAdapter } from '../../producers/greenhouse';
import { jumpitAdapter } from '../../producers/jumpit';
import {
  crawlHarness,
  emitted,
  settingsFor,
  startFixtureServer,
  testFetcher,
  type FixtureServer,
  type Route,
} from './support/harness';

function listEntry(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    jobCategory: '서버/백엔드',
    title: `공고 ${id}`,
    companyName: '테스트',
    techStacks: ['Java'],
    viewCount: 10,
    scrapCount: 1,
    newcomer: false,
    minCareer: 1,
    maxCareer: 5,
    locations: ['강남'],
    alwaysOpen: true,
    closedAt: null,
    ...extra,
  };
}
function listPage(
  ids: number[],
  page: number,
  total: number,
  extra: Record<number, Record<string, unknown>> = {},
): string {
  return JSON.stringify({
    message: 'ok',
    status: 200,
    code: 'P004',
    result: {
      totalCount: total,
      page,
      keyword: '',
      keywordType: 'etc',
      positions: ids.map((id) => listEntry(id, extra[id])),
    },
  });
}
function detail(id: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    message: 'ok',
    status: 200,
    code: 'C001',
    result: {
      id,
      title: `공고 ${id}`,
      companyName: '테스트',
      techStacks: [{ stack: 'Java' }],
      responsibility: '- 자바 서버 개발',
      qualifications: '- 경력 1년 이상',
      viewCount: 100,
      publishedAt: '2026-10-01 00:00:00',
      ...extra,
    },
  });
}
const page1 = '/api/positions?page=1&sort=reg_dt';
const page2 = '/api/positions?page=2&sort=reg_dt';

describe('producers/runtime/crawler: faults', function () {
  this.timeout(10000);
  let server: FixtureServer;
  before(async () => {
    const routes: Record<string, Route> = {
      '/robots.txt': 'User-agent: *\nDisallow: /api/position/108\n',
      [page1]: listPage([101, 102, 103, 104, 105, 106, 107, 108, 109], 1, 10),
      [page2]: listPage([110], 2, 10),
      '/api/position/101': detail(101),
      '/api/position/102': { status: 404, body: '{"message":"없는 공고"}' },
      '/api/position/103': detail(103).slice(0, 40),
      '/api/position/104': JSON.stringify({ result: { id: 104, title: '공고 104' } }),
      '/api/position/105': (_r, n) =>
        n === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' } : detail(105),
      '/api/position/106': (_r, n) => (n <= 2 ? { status: n === 1 ? 503 : 502, body: 'bad gateway' } : detail(106)),
      '/api/position/107': { delayMs: 1000, body: detail(107) },
      '/api/position/108': detail(108),
      '/api/position/109': { status: 301, headers: { location: '/api/position-moved/109' } },
      '/api/position-moved/109': detail(109),
      '/api/position/110': detail(110, { responsibility: 'x'.repeat(20_000) }),
    };
    server = await startFixtureServer(routes);
  });
  after(() => server.close());

  it('counts every failure by kind, goes on, and emits exactly the postings that parsed', async () => {
    const h = crawlHarness(
      jumpitAdapter,
      settingsFor(jumpitAdapter, server, { maxBodyBytes: 8000 }),
      testFetcher({ timeoutMs: 150, maxRetries: 2 }),
    );
    const { result, sink } = await h.crawl();
    assert.deepEqual(emitted(sink), ['NEW 101', 'NEW 105', 'NEW 106', 'NEW 109']);
    assert.deepEqual(result.stats.errors, { http_404: 1, parse: 2, timeout: 1, robots_disallowed: 1, too_large: 1 });
    assert.equal(server.count('/api/position/108'), 0, 'robots.txt disallowed it: never requested');
    for (const r of sink.raws) {
      const served = r.boardPostingId === '109' ? detail(109) : detail(Number(r.boardPostingId));
      assert.equal(r.body.toString(), served, `${r.boardPostingId} is the body as served`);
    }
    assert.equal(sink.raws.find((r) => r.boardPostingId === '109')!.sourceUrl, `${server.url}/api/position-moved/109`);
    assert.equal(result.failed, null);
    assert.deepEqual(
      sink.events.map((e) => e.kind),
      ['STARTED', 'FINISHED'],
    );
    assert.deepEqual(sink.events[1]!.errors, result.stats.errors);
    assert.equal(sink.events[1]!.newPostings, 4);

    // Again: the four are answered 304 and not re-emitted; the failing ones are still listed, so none is closed.
    const again = await h.crawl();
    assert.deepEqual(emitted(again.sink), []);
    assert.equal(again.result.stats.notModified, 4);
    assert.equal(again.result.stats.unchangedPostings, 4);
    assert.equal(again.result.stats.closedPostings, 0);
  });
});

describe('producers/runtime/crawler: incremental state', () => {
  let server: FixtureServer;
  const routes: Record<string, Route> = {};
  const reset = () => {
    for (const k of Object.keys(routes)) delete routes[k];
    Object.assign(routes, {
      [page1]: listPage([1, 2], 1, 3),
      [page2]: listPage([3], 2, 3),
      '/api/position/1': detail(1),
      '/api/position/2': detail(2),
      '/api/position/3': detail(3),
    });
  };
  before(async () => {
    reset();
    server = await startFixtureServer(routes);
  });
  beforeEach(reset);
  after(() => server.close());
  const harness = () => crawlHarness(jumpitAdapter, settingsFor(jumpitAdapter, server));

  it('a second crawl of an unchanged board emits nothing and uses conditional requests', async () => {
    const h = harness();
    assert.deepEqual(emitted((await h.crawl()).sink), ['NEW 1', 'NEW 2', 'NEW 3']);
    const hitsBefore = server.hits.length;
    const { result, sink } = await h.crawl();
    assert.deepEqual(emitted(sink), []);
    assert.equal(result.stats.notModified, 3);
    const detailHeaders = server.headers
      .slice(hitsBefore)
      .filter((_, i) => server.hits[hitsBefore + i]!.includes('/api/position/'));
    assert.equal(detailHeaders.length, 3);
    assert.ok(detailHeaders.every((hd) => typeof hd['if-none-match'] === 'string'));
    assert.equal(h.store.posting('jumpit', '1')!.status, 'OPEN');
  });

  it('emits CHANGED for an edited posting only; a volatile-only difference is not a change', async () => {
    const h = harness();
    const first = await h.crawl();
    routes['/api/position/2'] = detail(2, { qualifications: '- 경력 3년 이상' });
    routes['/api/position/3'] = detail(3, { viewCount: 999 });
    const { result, sink } = await h.crawl();
    assert.deepEqual(emitted(sink), ['CHANGED 2']);
    assert.notEqual(sink.raws[0]!.contentHash, first.sink.raws.find((r) => r.boardPostingId === '2')!.contentHash);
    assert.equal(result.stats.unchangedPostings, 2);
    assert.equal(result.stats.notModified, 1);
    assert.equal(
      sink.states.filter((s) => s.kind === 'POSTING' && s.boardPostingId === '3').length,
      1,
      'new ETag of 3 saved without a record',
    );
  });

  it('a change in the listing entry alone (list-only tags) re-emits the posting with the body it holds', async () => {
    const h = harness();
    await h.crawl();
    routes[page1] = listPage([1, 2], 1, 3, { 1: { techStacks: ['Java', 'Kafka'] } });
    const { result, sink } = await h.crawl();
    assert.deepEqual(emitted(sink), ['CHANGED 1']);
    assert.equal(result.stats.notModified, 3);
    assert.equal(sink.raws[0]!.body.toString(), detail(1));
    assert.deepEqual((JSON.parse(sink.raws[0]!.listEntry!) as { techStacks: string[] }).techStacks, ['Java', 'Kafka']);
  });

  it('closes a posting that left a complete listing, with its last body; a reappearing one is CHANGED', async () => {
    const h = harness();
    await h.crawl();
    routes[page1] = listPage([1], 1, 2);
    routes[page2] = listPage([3], 2, 2);
    const { sink } = await h.crawl();
    assert.deepEqual(emitted(sink), ['CLOSED 2']);
    assert.equal(sink.raws[0]!.body.toString(), detail(2));
    assert.equal(h.store.posting('jumpit', '2')!.status, 'CLOSED');
    assert.deepEqual(emitted((await h.crawl()).sink), [], 'closed once, not again');
    reset();
    assert.deepEqual(emitted((await h.crawl()).sink), ['CHANGED 2']);
  });

  it('never closes after a partial listing: malformed page, failing page, or --max', async () => {
    const h = harness();
    await h.crawl();
    routes[page1] = listPage([1], 1, 2); // 2 is gone...
    routes[page2] = '{"result": {"totalCount": 2, "positions": [';
    const malformed = await h.crawl();
    assert.deepEqual(emitted(malformed.sink), []);
    assert.deepEqual(malformed.result.stats.errors, { parse: 1 });
    assert.deepEqual(malformed.result.completeScopes, []);
    routes[page2] = { status: 500, body: 'down' };
    const failing = await h.crawl();
    assert.deepEqual(emitted(failing.sink), []);
    assert.deepEqual(failing.result.stats.errors, { http_5xx: 1 });
    routes[page2] = listPage([3], 2, 2);
    const limited = await h.crawl({ max: 1 });
    assert.deepEqual(emitted(limited.sink), []);
    assert.equal(limited.result.stats.processed, 1);
    assert.equal(h.store.posting('jumpit', '2')!.status, 'OPEN', '...but no listing was complete');
    assert.deepEqual(emitted((await h.crawl()).sink), ['CLOSED 2']);
  });

  it('--max stops after n postings and --since skips older ones (detail date)', async () => {
    const limited = await harness().crawl({ max: 2 });
    assert.deepEqual(emitted(limited.sink), ['NEW 1', 'NEW 2']);
    routes['/api/position/3'] = detail(3, { publishedAt: '2026-01-01 00:00:00' });
    const recent = await harness().crawl({ since: Date.parse('2026-06-01') });
    assert.deepEqual(emitted(recent.sink), ['NEW 1', 'NEW 2']);
    assert.equal(recent.result.stats.skipped, 1);
  });

  it('reports FAILED when no listing page could be read', async () => {
    routes[page1] = { status: 503, body: 'maintenance' };
    const { result, sink } = await crawlHarness(
      jumpitAdapter,
      settingsFor(jumpitAdapter, server),
      testFetcher({ maxRetries: 1 }),
    ).crawl();
    assert.equal(result.failed, 'no listing page could be read');
    assert.deepEqual(
      sink.events.map((e) => e.kind),
      ['STARTED', 'FAILED'],
    );
    assert.deepEqual(sink.events[1]!.errors, { http_5xx: 1 });
  });
});

describe('producers/runtime/crawler: list-only boards', () => {
  const job = (id: number, content = `<p>job ${id}</p>`) => ({
    id,
    title: `Job ${id}`,
    absolute_url: `https://x/jobs/${id}`,
    content,
    updated_at: '2026-10-01T00:00:00Z',
    location: { name: 'Seoul' },
  });
  let server: FixtureServer;
  const routes: Record<string, Route> = {};
  before(async () => {
    server = await startFixtureServer(routes);
  });
  after(() => server.close());

  it('a 304 on the listing vouches for every posting on it; a removed job is closed; a bad entry blocks closing', async () => {
    routes['/v1/boards/acme/jobs'] = JSON.stringify({ jobs: [job(1), job(2)], meta: { total: 2 } });
    const h = crawlHarness(greenhouseAdapter, settingsFor(greenhouseAdapter, server, { boardTokens: 'acme' }));
    assert.deepEqual(emitted((await h.crawl()).sink), ['NEW acme/1', 'NEW acme/2']);

    const cached = await h.crawl();
    assert.deepEqual(emitted(cached.sink), []);
    assert.equal(cached.result.stats.notModified, 1);
    assert.equal(cached.result.stats.unchangedPostings, 2);
    assert.deepEqual(cached.result.completeScopes, ['acme']);

    routes['/v1/boards/acme/jobs'] = JSON.stringify({
      jobs: [{ title: 'no id' }, job(1, '<p>edited</p>')],
      meta: { total: 2 },
    });
    const bad = await h.crawl();
    assert.deepEqual(emitted(bad.sink), ['CHANGED acme/1']);
    assert.deepEqual(bad.result.stats.errors, { parse: 1 });
    assert.equal(
      h.store.posting('greenhouse', 'acme/2')!.status,
      'OPEN',
      'a listing with an unreadable entry closes nothing',
    );
    assert.equal(
      h.store.page('greenhouse', `${server.url}/v1/boards/acme/jobs?content=true`)!.etag,
      null,
      'and its ETag is not trusted next time',
    );

    routes['/v1/boards/acme/jobs'] = JSON.stringify({ jobs: [job(1, '<p>edited</p>')], meta: { total: 1 } });
    const closed = await h.crawl();
    assert.deepEqual(emitted(closed.sink), ['CLOSED acme/2']);
  });
});

describe('producers/runtime/crawler: list-only boards and --since', () => {
  it('a listing crawled with --since is not trusted for a 304 later: the skipped postings are emitted on the next full crawl', async () => {
    const job = (id: number, updated: string) => ({
      id,
      title: `Job ${id}`,
      absolute_url: `https://x/jobs/${id}`,
      content: `<p>${id}</p>`,
      updated_at: updated,
      first_published: updated,
    });
    const server = await startFixtureServer({
      '/v1/boards/acme/jobs': JSON.stringify({
        jobs: [job(1, '2026-10-01T00:00:00Z'), job(2, '2026-01-01T00:00:00Z')],
        meta: { total: 2 },
      }),
    });
    try {
      const h = crawlHarness(greenhouseAdapter, settingsFor(greenhouseAdapter, server, { boardTokens: 'acme' }));
      assert.deepEqual(emitted((await h.crawl({ since: Date.parse('2026-06-01') })).sink), ['NEW acme/1']);
      const full = await h.crawl();
      assert.deepEqual(emitted(full.sink), ['NEW acme/2']);
      assert.equal(full.result.stats.notModified, 0);
    } finally {
      await server.close();
    }
  });
});
