import assert from 'node:assert/strict';
import { contentHash } from '../../producers/runtime/content-hash';
import { greenhouseAdapter, parseGreenhouseList, parseGreenhousePosting } from '../../producers/greenhouse';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

describe('producers/greenhouse', () => {
  const s = settingsFor(greenhouseAdapter, { url: 'https://gh.test' }, { boardTokens: 'acmekr, globex' });

  it('starts one listing per board token (each its own scope)', () => {
    assert.deepEqual(
      greenhouseAdapter.startRequests(s).map((r) => [r.scope, r.url]),
      [
        ['acmekr', 'https://gh.test/v1/boards/acmekr/jobs?content=true'],
        ['globex', 'https://gh.test/v1/boards/globex/jobs?content=true'],
      ],
    );
  });

  it('turns each job of the listing into an inline posting keyed <token>/<job id>', () => {
    const page = parseGreenhouseList(fixture('greenhouse/jobs.json'), greenhouseAdapter.startRequests(s)[0]!);
    assert.deepEqual(
      page.refs.map((r) => [r.id, r.url]),
      [
        ['acmekr/6100001', 'https://job-boards.greenhouse.io/acmekr/jobs/6100001'],
        ['acmekr/6100002', 'https://job-boards.greenhouse.io/acmekr/jobs/6100002'],
      ],
    );
    const job = JSON.parse(page.refs[1]!.inline!.body) as { content: string; departments: unknown[] };
    assert.ok(job.content.startsWith('&lt;h3&gt;주요업무'), 'content stays HTML-entity-escaped as received');
    assert.equal(job.departments.length, 1);
    assert.equal(page.next, null);
  });

  it('ignores updated_at (touched, not changed) but sees a content edit', () => {
    const job = (JSON.parse(fixture('greenhouse/jobs.json')) as { jobs: Array<Record<string, unknown>> }).jobs[0]!;
    const base = contentHash(parseGreenhousePosting(JSON.stringify(job)).content);
    assert.equal(
      contentHash(parseGreenhousePosting(JSON.stringify({ ...job, updated_at: '2027-01-01T00:00:00Z' })).content),
      base,
    );
    assert.notEqual(
      contentHash(parseGreenhousePosting(JSON.stringify({ ...job, content: `${String(job.content)}x` })).content),
      base,
    );
    assert.throws(
      () => parseGreenhousePosting(JSON.stringify({ ...job, content: undefined })),
      /missing string content/,
    );
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer({
        '/v1/boards/acmekr/jobs': fixture('greenhouse/jobs.json'),
        '/v1/boards/globex/jobs': { status: 404, body: '{"status":404,"error":"Job board not found"}' },
      });
    });
    after(() => server.close());

    it('emits the jobs of a good token, counts the unknown token as http_404, and re-crawls with a 304', async () => {
      const h = crawlHarness(
        greenhouseAdapter,
        settingsFor(greenhouseAdapter, server, { boardTokens: 'acmekr,globex' }),
      );
      const first = await h.crawl();
      assert.deepEqual(emitted(first.sink), ['NEW acmekr/6100001', 'NEW acmekr/6100002']);
      const rec = first.sink.raws[0]!;
      assert.equal(rec.sourceUrl, `${server.url}/v1/boards/acmekr/jobs?content=true`);
      assert.deepEqual(first.result.stats.errors, { http_404: 1 });
      assert.deepEqual(first.result.completeScopes, ['acmekr']);
      const second = await h.crawl();
      assert.deepEqual(emitted(second.sink), []);
      assert.equal(second.result.stats.notModified, 1);
      assert.equal(second.result.stats.unchangedPostings, 2);
      assert.equal(
        server.headers.at(-2)?.['if-none-match'] !== undefined ||
          server.headers.at(-1)?.['if-none-match'] !== undefined,
        true,
      );
    });
  });
});
