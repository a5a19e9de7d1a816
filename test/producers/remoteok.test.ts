import assert from 'node:assert/strict';
import { parseRemoteOkList, parseRemoteOkPosting, remoteOkAdapter, remoteOkCredit } from '../../producers/remoteok';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

describe('producers/remoteok', () => {
  const s = settingsFor(remoteOkAdapter, { url: 'https://remoteok.test' });

  it('skips element [0] (the legal notice) and keeps each job with its direct url', () => {
    const page = parseRemoteOkList(fixture('remoteok/api.json'), remoteOkAdapter.startRequests(s)[0]!);
    assert.deepEqual(
      page.refs.map((r) => [r.id, r.url]),
      [
        ['1190001', 'https://remoteOK.com/remote-jobs/remote-senior-rust-engineer-fernco-1190001'],
        ['1190002', 'https://remoteOK.com/remote-jobs/remote-data-engineer-paperkite-1190002'],
      ],
    );
    assert.deepEqual(page.badEntries, []);
    assert.equal(page.refs[0]!.postedAt, 1790000000 * 1000);
    assert.match(remoteOkAdapter.spec.summary, /Remote OK/);
    assert.match(remoteOkCredit, /remoteok\.com/);
  });

  it('counts a job without an id as a bad entry and keeps the others', () => {
    const items = JSON.parse(fixture('remoteok/api.json')) as Array<Record<string, unknown>>;
    delete items[1]!.id;
    const page = parseRemoteOkList(JSON.stringify(items), remoteOkAdapter.startRequests(s)[0]!);
    assert.deepEqual(
      page.refs.map((r) => r.id),
      ['1190002'],
    );
    assert.equal(page.badEntries.length, 1);
    assert.throws(() => parseRemoteOkPosting('{"id":"1","company":"x"}'), /missing string position/);
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer({ '/api': fixture('remoteok/api.json') });
    });
    after(() => server.close());

    it('emits the two jobs and no record for the legal notice', async () => {
      const { sink } = await crawlHarness(remoteOkAdapter, settingsFor(remoteOkAdapter, server)).crawl();
      assert.deepEqual(emitted(sink), ['NEW 1190001', 'NEW 1190002']);
      assert.equal(sink.raws[0]!.contentType, 'application/json');
    });
  });
});
