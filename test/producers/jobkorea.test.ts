import assert from 'node:assert/strict';
import { contentHash } from '../../producers/runtime/content-hash';
import { jobKoreaAdapter, parseJobKoreaList, parseJobKoreaPosting } from '../../producers/jobkorea';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

describe('producers/jobkorea', () => {
  const s = settingsFor(jobKoreaAdapter, { url: 'https://jk.test' });
  const start = jobKoreaAdapter.startRequests(s)[0]!;

  it('reads the list table rows (data-gno) and their visible fields as the list entry', () => {
    assert.equal(start.url, 'https://jk.test/recruit/joblist?menucode=duty&duty=1000229%2C1000230%2C1000231&page=1');
    const page = parseJobKoreaList(fixture('jobkorea/list-1.html'), start, s);
    assert.deepEqual(
      page.refs.map((r) => [r.id, r.detail?.url]),
      [
        ['50100001', 'https://jk.test/Recruit/GI_Read/50100001'],
        ['50100002', 'https://jk.test/Recruit/GI_Read/50100002'],
      ],
    );
    assert.deepEqual(JSON.parse(page.refs[0]!.listEntry!), {
      gno: '50100001',
      title: 'Java 백엔드 개발자 경력 채용',
      company: '잡코리아예시',
      conditions: ['경력3년↑', '대졸↑', '서울 강남구', '정규직', '4,000~6,000만원'],
      keywords: 'Java, Spring, JPA, MySQL',
      deadline: '~11/30(일)',
    });
    assert.equal(parseJobKoreaList(fixture('jobkorea/list-2.html'), page.next!, s).next, null);
    assert.throws(() => parseJobKoreaList('<html><body>점검중</body></html>', start, s), /no tr.devloopArea/);
  });

  it('reads GI_Read: title, company, meta, summary pairs, description; the view counter is not content', () => {
    const html = fixture('jobkorea/gi-50100001.html');
    const parsed = parseJobKoreaPosting(html);
    assert.equal(parsed.title, 'Java 백엔드 개발자 경력 채용');
    assert.equal(
      parseJobKoreaPosting(html.replace(/<h3[\s\S]*?<\/h3>/, '')).title,
      'Java 백엔드 개발자 경력 채용',
      'og:title fallback',
    );
    const c = parsed.content as { company: string; keywords: string; summary: Record<string, string>; detail: string };
    assert.equal(c.company, '잡코리아예시');
    assert.equal(c.keywords, 'Java,Spring,JPA,MySQL');
    assert.deepEqual(c.summary, {
      경력: '경력 3년 이상',
      학력: '대졸 이상',
      고용형태: '정규직',
      급여: '4,000~6,000만원',
    });
    assert.match(c.detail, /스프링 기반 주문 API 개발/);
    assert.equal(contentHash(parseJobKoreaPosting(html.replace('1234', '1300')).content), contentHash(parsed.content));
    assert.throws(() => parseJobKoreaPosting('<html><head></head><body><p>오류</p></body></html>'), /no title/);
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer({
        '/recruit/joblist?menucode=duty&duty=1000229%2C1000230%2C1000231&page=1': fixture('jobkorea/list-1.html'),
        '/recruit/joblist?menucode=duty&duty=1000229%2C1000230%2C1000231&page=2': fixture('jobkorea/list-2.html'),
        '/Recruit/GI_Read/50100001': fixture('jobkorea/gi-50100001.html'),
        '/Recruit/GI_Read/50100002': fixture('jobkorea/gi-50100002.html'),
      });
    });
    after(() => server.close());

    it('emits the GI_Read pages as received (text/html)', async () => {
      const { sink } = await crawlHarness(jobKoreaAdapter, settingsFor(jobKoreaAdapter, server)).crawl();
      assert.deepEqual(emitted(sink), ['NEW 50100001', 'NEW 50100002']);
      assert.equal(sink.raws[1]!.body.toString(), fixture(`jobkorea/gi-${sink.raws[1]!.boardPostingId}.html`));
      assert.match(sink.raws[0]!.contentType, /^text\/html/);
    });
  });
});
