import assert from 'node:assert/strict';
import { contentHash } from '../../producers/runtime/content-hash';
import { jumpitAdapter, parseJumpitList, parseJumpitPosting } from '../../producers/jumpit';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

describe('producers/jumpit', () => {
  const s = settingsFor(jumpitAdapter, { url: 'https://jumpit.test' });

  it('pages /api/positions until totalCount is reached and keeps the list entry (list-only techStacks)', () => {
    const [start] = jumpitAdapter.startRequests(s);
    assert.equal(start!.url, 'https://jumpit.test/api/positions?page=1&sort=reg_dt');
    const p1 = parseJumpitList(fixture('jumpit/positions-1.json'), start!, s);
    assert.deepEqual(
      p1.refs.map((r) => r.detail?.url),
      ['https://jumpit.test/api/position/52000001', 'https://jumpit.test/api/position/52000002'],
    );
    assert.deepEqual((JSON.parse(p1.refs[0]!.listEntry!) as { techStacks: string[] }).techStacks, [
      'Java',
      'Spring Boot',
      'MySQL',
    ]);
    assert.equal(p1.next?.url, 'https://jumpit.test/api/positions?page=2&sort=reg_dt');
    const p2 = parseJumpitList(fixture('jumpit/positions-2.json'), p1.next!, s);
    assert.equal(p2.refs.length, 1);
    assert.equal(p2.next, null, '3 of totalCount 3 seen');
    assert.equal(
      parseJumpitList('{"result":{"totalCount":0,"page":240,"positions":[]}}', { ...start!, page: 240 }, s).next,
      null,
    );
  });

  it('reads the detail (singular /position/{id}) with techStacks objects; view/scrap counts are volatile', () => {
    const body = fixture('jumpit/position-52000002.json');
    const parsed = parseJumpitPosting(body);
    assert.equal(parsed.title, 'DevOps 엔지니어');
    assert.equal(parsed.postedAt, Date.parse('2026-10-01T00:00:00+09:00'));
    const bumped = JSON.parse(body) as { result: { viewCount: number; scrapCount: number } };
    bumped.result.viewCount += 50;
    bumped.result.scrapCount += 1;
    assert.equal(contentHash(parseJumpitPosting(JSON.stringify(bumped)).content), contentHash(parsed.content));
    assert.throws(() => parseJumpitPosting('{"result":{"id":1,"title":"x"}}'), /missing array result.techStacks/);
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer({
        '/api/positions?page=1&sort=reg_dt': fixture('jumpit/positions-1.json'),
        '/api/positions?page=2&sort=reg_dt': fixture('jumpit/positions-2.json'),
        '/api/position/52000001': fixture('jumpit/position-52000001.json'),
        '/api/position/52000002': fixture('jumpit/position-52000002.json'),
        '/api/position/52000003': fixture('jumpit/position-52000003.json'),
      });
    });
    after(() => server.close());

    it('emits detail bodies as received with the list entry beside them', async () => {
      const h = crawlHarness(jumpitAdapter, settingsFor(jumpitAdapter, server));
      const { sink } = await h.crawl();
      assert.deepEqual(emitted(sink), ['NEW 52000001', 'NEW 52000002', 'NEW 52000003']);
      const rec = sink.raws.find((r) => r.boardPostingId === '52000003')!;
      assert.equal(rec.body.toString(), fixture('jumpit/position-52000003.json'));
      assert.equal((JSON.parse(rec.listEntry!) as { jobCategory: string }).jobCategory, '안드로이드/iOS');
      assert.equal(rec.url, `${server.url}/position/52000003`);
    });
  });
});
