import assert from 'node:assert/strict';
import {
  hackerNewsAdapter,
  hackerNewsHeader,
  parseHackerNewsList,
  parseHackerNewsPosting,
} from '../../producers/hackernews';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

describe('producers/hackernews', () => {
  const s = settingsFor(hackerNewsAdapter, { url: 'https://hn.test' });

  it('walks whoishiring → newest "Who is hiring?" story (skipping "Who wants to be hired?") → its kids', () => {
    const [start] = hackerNewsAdapter.startRequests(s);
    assert.equal(start!.url, 'https://hn.test/v0/user/whoishiring.json');
    const u = parseHackerNewsList(fixture('hackernews/user.json'), start!, s);
    assert.equal(u.next?.url, 'https://hn.test/v0/item/45000300.json');
    const wants = parseHackerNewsList(fixture('hackernews/item-45000300.json'), u.next!, s);
    assert.deepEqual(wants.refs, []);
    assert.equal(wants.next?.url, 'https://hn.test/v0/item/45000200.json');
    const hiring = parseHackerNewsList(fixture('hackernews/item-45000200.json'), wants.next!, s);
    assert.deepEqual(
      hiring.refs.map((r) => [r.id, r.url, r.detail?.url]),
      [
        ['45000201', 'https://hn.test/item?id=45000201', 'https://hn.test/v0/item/45000201.json'],
        ['45000202', 'https://hn.test/item?id=45000202', 'https://hn.test/v0/item/45000202.json'],
        ['45000203', 'https://hn.test/item?id=45000203', 'https://hn.test/v0/item/45000203.json'],
      ],
    );
    assert.equal(hiring.next, null);
  });

  it('reads a comment (header line as title; replies are volatile) and treats deleted ones as gone', () => {
    const p = parseHackerNewsPosting(fixture('hackernews/item-45000202.json'));
    assert.equal(p.title, 'Quillbase | Backend Engineer (Go, Postgres) | REMOTE (US/EU)');
    assert.equal((p.content as { kids?: unknown }).kids, undefined);
    assert.equal(parseHackerNewsPosting(fixture('hackernews/item-45000203.json')).gone, true);
    assert.equal(parseHackerNewsPosting('null').gone, true);
    assert.equal(hackerNewsHeader('Acme | SRE | Remote<p>More'), 'Acme | SRE | Remote');
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      const routes: Record<string, string> = { '/v0/user/whoishiring.json': fixture('hackernews/user.json') };
      for (const id of [45000300, 45000200, 45000201, 45000202, 45000203])
        routes[`/v0/item/${id}.json`] = fixture(`hackernews/item-${id}.json`);
      server = await startFixtureServer(routes);
    });
    after(() => server.close());

    it('emits the two live postings, none for the deleted one', async () => {
      const { sink, result } = await crawlHarness(hackerNewsAdapter, settingsFor(hackerNewsAdapter, server)).crawl();
      assert.deepEqual(emitted(sink), ['NEW 45000201', 'NEW 45000202']);
      assert.equal(sink.raws[0]!.body.toString(), fixture(`hackernews/item-${sink.raws[0]!.boardPostingId}.json`));
      assert.equal(result.stats.pagesFetched, 3);
    });
  });
});
