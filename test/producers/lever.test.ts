import assert from 'node:assert/strict';
import { leverAdapter, parseLeverList, parseLeverPosting } from '../../producers/lever';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

describe('producers/lever', () => {
  const s = settingsFor(leverAdapter, { url: 'https://lever.test' }, { sites: 'acme', pageSize: 2 });

  it('pages by skip/limit until a short page and keys postings <site>/<id>', () => {
    const [start] = leverAdapter.startRequests(s);
    assert.equal(start!.url, 'https://lever.test/v0/postings/acme?mode=json&skip=0&limit=2');
    const page = parseLeverList(fixture('lever/postings.json'), start!, s);
    assert.deepEqual(
      page.refs.map((r) => r.id),
      ['acme/0a1b2c3d-0000-4000-a000-000000000001', 'acme/0a1b2c3d-0000-4000-a000-000000000002'],
    );
    assert.equal(
      page.next?.url,
      'https://lever.test/v0/postings/acme?mode=json&skip=2&limit=2',
      'a full page may have a next one',
    );
    assert.equal(parseLeverList('[]', page.next!, s).next, null);
    assert.throws(() => parseLeverList('{"ok":false,"error":"Document not found"}', start!, s), /Document not found/);
  });

  it('reads a posting with lists and salaryRange', () => {
    const posting = (JSON.parse(fixture('lever/postings.json')) as unknown[])[0];
    const parsed = parseLeverPosting(JSON.stringify(posting));
    assert.equal(parsed.title, 'Senior Frontend Engineer');
    assert.equal(parsed.postedAt, 1790000000000);
    assert.throws(() => parseLeverPosting('{"id":"x","text":"t"}'), /descriptionPlain/);
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer({
        '/v0/postings/acme?mode=json&skip=0&limit=2': fixture('lever/postings.json'),
        '/v0/postings/acme?mode=json&skip=2&limit=2': '[]',
      });
    });
    after(() => server.close());

    it('emits each element of the listing as its own record', async () => {
      const { sink, result } = await crawlHarness(
        leverAdapter,
        settingsFor(leverAdapter, server, { sites: 'acme', pageSize: 2 }),
      ).crawl();
      assert.deepEqual(emitted(sink), [
        'NEW acme/0a1b2c3d-0000-4000-a000-000000000001',
        'NEW acme/0a1b2c3d-0000-4000-a000-000000000002',
      ]);
      assert.deepEqual(
        JSON.parse(sink.raws[0]!.body.toString()),
        (JSON.parse(fixture('lever/postings.json')) as unknown[])[0],
      );
      assert.equal(result.stats.pagesFetched, 2);
      assert.equal(sink.raws[0]!.url, 'https://jobs.lever.co/acme/0a1b2c3d-0000-4000-a000-000000000001');
    });
  });
});
