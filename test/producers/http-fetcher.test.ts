import assert from 'node:assert/strict';
import { FetchError } from '../../producers/runtime/fetch-error';
import type { FetchRequest } from '../../producers/runtime/http-fetcher';
import { startFixtureServer, testFetcher, type FixtureServer } from './support/harness';

const req = (url: string, extra: Partial<FetchRequest> = {}): FetchRequest => ({
  url,
  minIntervalMs: 0,
  maxBodyBytes: 10_000,
  ...extra,
});

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FetchError, `expected a FetchError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the fetch to fail');
}

describe('producers/runtime/http-fetcher', () => {
  let server: FixtureServer;
  before(async () => {
    server = await startFixtureServer({
      '/robots.txt': 'User-agent: *\nDisallow: /private/\n',
      '/ok': '{"ok":true}',
      '/throttled': (_req, n) =>
        n === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' } : '{"after":"throttle"}',
      '/throttled-long': { status: 429, headers: { 'retry-after': '3600' }, body: 'come back in an hour' },
      '/burst': (_req, n) => (n <= 2 ? { status: 503, body: 'unavailable' } : '{"after":"burst"}'),
      '/down': { status: 500, body: 'boom' },
      '/slow': { delayMs: 1000, body: '{"late":true}' },
      '/gone': { status: 404, body: 'no such job' },
      '/forbidden': { status: 403, body: 'no' },
      '/r1': { status: 301, headers: { location: '/r2' } },
      '/r2': { status: 302, headers: { location: '/ok' } },
      '/loop-a': { status: 302, headers: { location: '/loop-b' } },
      '/loop-b': { status: 302, headers: { location: '/loop-a' } },
      '/to-private': { status: 302, headers: { location: '/private/x' } },
      '/big': { body: 'x'.repeat(20_000), headers: { 'content-type': 'text/plain' } },
      '/private/x': '{"secret":true}',
    });
  });
  after(() => server.close());

  it('sends the honest User-Agent and returns body, status, validators', async () => {
    const res = await testFetcher().fetch(req(`${server.url}/ok`));
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), '{"ok":true}');
    assert.ok(res.etag);
    const i = server.hits.lastIndexOf('GET /ok');
    assert.equal(server.headers[i]!['user-agent'], 'techmap-crawler/test (+https://example.invalid/contact)');
  });

  it('sends If-None-Match from a stored ETag and reports a 304 as not modified', async () => {
    const f = testFetcher();
    const first = await f.fetch(req(`${server.url}/ok`));
    const again = await f.fetch(
      req(`${server.url}/ok`, { etag: first.etag, lastModified: 'Tue, 01 Sep 2026 00:00:00 GMT' }),
    );
    assert.equal(again.status, 304);
    assert.equal(again.notModified, true);
    assert.equal(again.body.length, 0);
    const i = server.hits.lastIndexOf('GET /ok');
    assert.equal(server.headers[i]!['if-none-match'], first.etag);
    assert.equal(server.headers[i]!['if-modified-since'], 'Tue, 01 Sep 2026 00:00:00 GMT');
  });

  it('waits out Retry-After on a 429, then succeeds', async () => {
    const t0 = Date.now();
    const res = await testFetcher().fetch(req(`${server.url}/throttled`));
    assert.equal(res.body.toString(), '{"after":"throttle"}');
    const times = server.times.filter((_, i) => server.hits[i] === 'GET /throttled');
    assert.equal(times.length, 2);
    assert.ok(times[1]! - times[0]! >= 950, `retried after ${times[1]! - times[0]!} ms, Retry-After said 1 s`);
    assert.ok(Date.now() - t0 < 3000);
  });

  it('does not wait for a Retry-After beyond the bound: fails as http_429 after one request', async () => {
    const err = await failure(testFetcher().fetch(req(`${server.url}/throttled-long`)));
    assert.equal(err.kind, 'http_429');
    assert.equal(err.retriable, true);
    assert.equal(server.count('/throttled-long'), 1);
  });

  it('retries a 5xx burst with backoff and succeeds on the third attempt', async () => {
    const res = await testFetcher().fetch(req(`${server.url}/burst`));
    assert.equal(res.body.toString(), '{"after":"burst"}');
    assert.equal(server.count('/burst'), 3);
  });

  it('gives up on a persistent 500 after 1 + maxRetries attempts (http_5xx)', async () => {
    const err = await failure(testFetcher({ maxRetries: 2 }).fetch(req(`${server.url}/down`)));
    assert.equal(err.kind, 'http_5xx');
    assert.equal(err.status, 500);
    assert.equal(server.count('/down'), 3);
  });

  it('times out a hanging server per attempt and retries (timeout)', async () => {
    const t0 = Date.now();
    const err = await failure(testFetcher({ timeoutMs: 150, maxRetries: 1 }).fetch(req(`${server.url}/slow`)));
    assert.equal(err.kind, 'timeout');
    assert.equal(server.count('/slow'), 2);
    assert.ok(Date.now() - t0 < 900, 'two 150 ms attempts, not the 1 s answer');
  });

  it('fails fast (no retry) on a 404 and other 4xx', async () => {
    assert.equal((await failure(testFetcher().fetch(req(`${server.url}/gone`)))).kind, 'http_404');
    assert.equal(server.count('/gone'), 1);
    assert.equal((await failure(testFetcher().fetch(req(`${server.url}/forbidden`)))).kind, 'http_4xx');
  });

  it('follows redirects up to the bound and reports the final URL', async () => {
    const res = await testFetcher().fetch(req(`${server.url}/r1`));
    assert.equal(res.url, `${server.url}/ok`);
    assert.equal(res.body.toString(), '{"ok":true}');
    const err = await failure(testFetcher({ maxRedirects: 3 }).fetch(req(`${server.url}/loop-a`)));
    assert.equal(err.kind, 'redirect_limit');
    assert.equal(server.count('/loop-'), 4, 'the first request and 3 redirects');
  });

  it('refuses a body over the size limit (too_large), whether announced or streamed', async () => {
    const err = await failure(testFetcher().fetch(req(`${server.url}/big`, { maxBodyBytes: 5000 })));
    assert.equal(err.kind, 'too_large');
    assert.equal(err.retriable, false);
  });

  it('honours robots.txt: disallowed URLs are never requested, redirects into them neither', async () => {
    const f = testFetcher();
    const robotsBefore = server.count('/robots.txt');
    assert.equal((await failure(f.fetch(req(`${server.url}/private/x`)))).kind, 'robots_disallowed');
    assert.equal((await failure(f.fetch(req(`${server.url}/to-private`)))).kind, 'robots_disallowed');
    assert.equal(server.count('/private/'), 0);
    assert.equal(server.count('/robots.txt') - robotsBefore, 1, 'robots.txt is read once per host and cached');
  });

  it('spaces requests to one host by the board interval', async () => {
    const f = testFetcher();
    await f.fetch(req(`${server.url}/ok`)); // robots.txt out of the way
    const from = server.times.length;
    await Promise.all([1, 2, 3, 4].map(() => f.fetch(req(`${server.url}/ok`, { minIntervalMs: 100 }))));
    const times = server.times.slice(from);
    assert.equal(times.length, 4);
    for (let i = 1; i < times.length; i++)
      assert.ok(times[i]! - times[i - 1]! >= 90, `gap ${times[i]! - times[i - 1]!} ms`);
  });
});

describe('producers/runtime/http-fetcher robots.txt availability', () => {
  it('a 5xx robots.txt disallows everything on the host; a 404 allows everything', async () => {
    const broken = await startFixtureServer({ '/robots.txt': { status: 503, body: 'down' }, '/x': '{}' });
    const missing = await startFixtureServer({ '/robots.txt': { status: 404, body: '' }, '/x': '{}' });
    try {
      const err = await failure(testFetcher({ maxRetries: 0 }).fetch(req(`${broken.url}/x`)));
      assert.equal(err.kind, 'robots_disallowed');
      assert.equal(broken.count('/x'), 0);
      assert.equal((await testFetcher().fetch(req(`${missing.url}/x`))).status, 200);
    } finally {
      await broken.close();
      await missing.close();
    }
  });

  it('a group naming our agent replaces the * group', async () => {
    const s = await startFixtureServer({
      '/robots.txt': 'User-agent: techmap-crawler\nDisallow: /not-for-techmap\n\nUser-agent: *\nDisallow: /\n',
      '/x': '{}',
      '/not-for-techmap': '{}',
    });
    try {
      const f = testFetcher();
      assert.equal((await f.fetch(req(`${s.url}/x`))).status, 200);
      assert.equal((await failure(f.fetch(req(`${s.url}/not-for-techmap`)))).kind, 'robots_disallowed');
      assert.equal(s.count('/not-for-techmap'), 0);
    } finally {
      await s.close();
    }
  });

  it('applies a Crawl-delay for our agent on top of the board interval', async () => {
    const s = await startFixtureServer({
      '/robots.txt': 'User-agent: techmap-crawler\nCrawl-delay: 0.2\n',
      '/x': '{}',
    });
    try {
      const f = testFetcher();
      await Promise.all([1, 2, 3].map(() => f.fetch(req(`${s.url}/x`))));
      const times = s.times.filter((_, i) => s.hits[i] === 'GET /x');
      assert.ok(
        times[2]! - times[0]! >= 380,
        `3 requests within ${times[2]! - times[0]!} ms despite a 0.2 s crawl-delay`,
      );
    } finally {
      await s.close();
    }
  });
});
