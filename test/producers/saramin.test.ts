import assert from 'node:assert/strict';
import { contentHash } from '../../producers/runtime/content-hash';
import {
  parseSaraminApiList,
  parseSaraminHtmlList,
  parseSaraminPosting,
  saraminAdapter,
} from '../../producers/saramin';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

describe('producers/saramin', () => {
  it('uses the official API when an access key is set (Accept: application/json), the HTML search otherwise', () => {
    const api = saraminAdapter.startRequests(
      settingsFor(saraminAdapter, { url: 'https://oapi.test' }, { accessKey: 'k1' }),
    )[0]!;
    assert.match(api.url, /^https:\/\/oapi\.test\/job-search\?access-key=k1&job_mid_cd=2&keywords=/);
    assert.equal(api.headers?.accept, 'application/json');
    const html = saraminAdapter.startRequests(settingsFor(saraminAdapter, { url: 'https://www.test' }))[0]!;
    assert.match(html.url, /^https:\/\/www\.test\/zf_user\/search\/recruit\?searchword=/);
  });

  it('parses the API listing (whole postings inline); read/apply counts are volatile', () => {
    const s = settingsFor(saraminAdapter, { url: 'https://oapi.test' }, { accessKey: 'k1', pageSize: 2 });
    const page = parseSaraminApiList(fixture('saramin/job-search-0.json'), saraminAdapter.startRequests(s)[0]!, s);
    assert.deepEqual(
      page.refs.map((r) => r.id),
      ['55000001', '55000002'],
    );
    assert.equal(page.next, null, '2 of total 2');
    const job = JSON.parse(page.refs[0]!.inline!.body) as Record<string, unknown>;
    const ref = page.refs[0]!;
    const h = contentHash(parseSaraminPosting(ref.inline!.body, ref).content);
    assert.equal(contentHash(parseSaraminPosting(JSON.stringify({ ...job, 'read-cnt': '9999' }), ref).content), h);
    assert.equal(
      (job.position as { 'job-code': { name: string } })['job-code'].name,
      '백엔드/서버개발,Node.js,TypeScript,AWS',
    );
  });

  it('parses the HTML search page: each div.item_recruit exactly as received, tracking ids not hashed', () => {
    const s = settingsFor(saraminAdapter, { url: 'https://www.test' });
    const html = fixture('saramin/search-1.html');
    const page = parseSaraminHtmlList(html, saraminAdapter.startRequests(s)[0]!, s);
    assert.deepEqual(
      page.refs.map((r) => [r.id, r.url, r.title]),
      [
        ['55100001', 'https://www.test/zf_user/jobs/view?rec_idx=55100001', '[사람테스트] 프론트엔드 개발자 (React)'],
        ['55100002', 'https://www.test/zf_user/jobs/view?rec_idx=55100002', '임베디드 SW 개발자'],
      ],
    );
    const item = page.refs[0]!.inline!.body;
    assert.ok(html.includes(item), 'the element is a verbatim slice of the page');
    const parsed = parseSaraminPosting(item, page.refs[0]!);
    assert.deepEqual(parsed.content, {
      title: '[사람테스트] 프론트엔드 개발자 (React)',
      company: '(주)사람테스트',
      conditions: ['서울 강남구', '경력 2년↑', '대졸↑', '정규직'],
      sectors: ['프론트엔드', 'React', 'TypeScript'],
      day: '등록일 26/10/01',
      deadline: '~ 11/30(일)',
    });
    const otherUuid = item.replace('search_uuid=aaaa-1111', 'search_uuid=bbbb-2222');
    assert.equal(contentHash(parseSaraminPosting(otherUuid, page.refs[0]!).content), contentHash(parsed.content));
    assert.equal(
      parseSaraminHtmlList(fixture('saramin/search-2.html'), page.next!, s).next,
      null,
      'empty result page ends the listing',
    );
    assert.throws(
      () => parseSaraminHtmlList('<html><body><p>점검 중</p></body></html>', page.next!, s),
      /no div.item_recruit/,
    );
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer({
        '/job-search': fixture('saramin/job-search-0.json'),
        '/zf_user/search/recruit?searchword=%EA%B0%9C%EB%B0%9C%EC%9E%90&recruitPage=1&recruitPageCount=40&recruitSort=reg_dt':
          fixture('saramin/search-1.html'),
        '/zf_user/search/recruit?searchword=%EA%B0%9C%EB%B0%9C%EC%9E%90&recruitPage=2&recruitPageCount=40&recruitSort=reg_dt':
          fixture('saramin/search-2.html'),
      });
    });
    after(() => server.close());

    it('API mode: emits the jobs; the access key never reaches a record', async () => {
      const { sink } = await crawlHarness(
        saraminAdapter,
        settingsFor(saraminAdapter, server, { accessKey: 'secret-key-123' }),
      ).crawl();
      assert.deepEqual(emitted(sink), ['NEW 55000001', 'NEW 55000002']);
      assert.ok(!JSON.stringify(sink.raws.map((r) => [r.sourceUrl, r.url])).includes('secret-key-123'));
      assert.match(sink.raws[0]!.sourceUrl, /access-key=REDACTED/);
      assert.equal(server.headers[server.hits.findIndex((h) => h.includes('/job-search'))]?.accept, 'application/json');
    });

    it('HTML mode: emits the items of the search pages', async () => {
      const { sink, result } = await crawlHarness(saraminAdapter, settingsFor(saraminAdapter, server)).crawl();
      assert.deepEqual(emitted(sink), ['NEW 55100001', 'NEW 55100002']);
      assert.equal(sink.raws[0]!.contentType, 'text/html; charset=utf-8');
      assert.deepEqual(result.completeScopes, ['saramin']);
    });
  });
});
