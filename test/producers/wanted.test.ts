import assert from 'node:assert/strict';
import { contentHash } from '../../producers/runtime/content-hash';
import { parseWantedList, parseWantedPosting, wantedAdapter } from '../../producers/wanted';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

const list1 =
  '/api/chaos/navigation/v1/results?job_group_id=518&country=kr&job_sort=job.latest_order&years=-1&locations=all&limit=2&offset=0';
const list2 =
  '/api/chaos/navigation/v1/results?job_group_id=518&country=kr&job_sort=job.latest_order&years=-1&locations=all&limit=2&offset=2';

describe('producers/wanted', () => {
  const s = settingsFor(wantedAdapter, { url: 'https://wanted.test' }, { pageSize: 2 });

  it('builds the chaos list request and parses a page into refs + links.next', () => {
    const [start] = wantedAdapter.startRequests(s);
    assert.equal(start!.url, `https://wanted.test${list1}`);
    assert.equal(start!.headers?.['wanted-user-country'], 'KR');
    const page = parseWantedList(fixture('wanted/list-1.json'), start!, s);
    assert.deepEqual(
      page.refs.map((r) => [r.id, r.url, r.detail?.url]),
      [
        ['301001', 'https://wanted.test/wd/301001', 'https://wanted.test/api/v4/jobs/301001'],
        ['301002', 'https://wanted.test/wd/301002', 'https://wanted.test/api/v4/jobs/301002'],
      ],
    );
    assert.equal(page.next?.url, `https://wanted.test${list2}`);
    assert.equal(page.next?.page, 2);
    assert.equal(parseWantedList(fixture('wanted/list-2.json'), page.next!, s).next, null);
  });

  it('reads a v4 detail with its skill_tags; like_count and bookmarks are not content', () => {
    const body = fixture('wanted/job-301001.json');
    const parsed = parseWantedPosting(body);
    assert.equal(parsed.title, '백엔드 개발자 (Kotlin/Spring)');
    const job = parsed.content as { skill_tags: Array<{ title: string }>; like_count?: number };
    assert.deepEqual(
      job.skill_tags.map((t) => t.title),
      ['Kotlin', 'Spring Boot', 'Kafka', 'MySQL'],
    );
    assert.equal(job.like_count, undefined);
    const liked = JSON.parse(body) as { job: { like_count: number } };
    liked.job.like_count = 999;
    assert.equal(contentHash(parseWantedPosting(JSON.stringify(liked)).content), contentHash(parsed.content));
  });

  it('rejects malformed JSON and a job without detail as parse errors', () => {
    assert.throws(() => parseWantedPosting('{"job": {"id": 1, "position": "x"'), /malformed JSON/);
    assert.throws(
      () => parseWantedPosting('{"job": {"id": 1, "position": "x", "company": {}}}'),
      /missing object job.detail/,
    );
    assert.throws(
      () => parseWantedList('{"data": "nope"}', wantedAdapter.startRequests(s)[0]!, s),
      /missing array data/,
    );
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer({
        [list1]: fixture('wanted/list-1.json'),
        [list2]: fixture('wanted/list-2.json'),
        '/api/v4/jobs/301001': fixture('wanted/job-301001.json'),
        '/api/v4/jobs/301002': fixture('wanted/job-301002.json'),
        '/api/v4/jobs/301003': fixture('wanted/job-301003.json'),
      });
    });
    after(() => server.close());

    it('follows links.next and emits one NEW record per job, body exactly as served', async () => {
      const h = crawlHarness(wantedAdapter, settingsFor(wantedAdapter, server, { pageSize: 2 }));
      const { result, sink } = await h.crawl();
      assert.deepEqual(emitted(sink), ['NEW 301001', 'NEW 301002', 'NEW 301003']);
      const rec = sink.raws.find((r) => r.boardPostingId === '301003')!;
      assert.equal(rec.body.toString('utf8'), fixture('wanted/job-301003.json'));
      assert.equal(rec.sourceUrl, `${server.url}/api/v4/jobs/301003`);
      assert.equal(rec.url, `${server.url}/wd/301003`);
      assert.equal(rec.httpStatus, 200);
      assert.equal(rec.listEntry, null);
      assert.equal(result.stats.pagesFetched, 2);
      assert.deepEqual(result.completeScopes, ['wanted']);
      assert.equal(server.headers.find((hd) => hd['wanted-user-agent'])?.['wanted-user-agent'], 'user-web');
    });
  });
});
