import assert from 'node:assert/strict';
import { parseProgrammersList, parseProgrammersPosting, programmersAdapter } from '../../producers/programmers';
import { crawlHarness, emitted, fixture, settingsFor, startFixtureServer, type FixtureServer } from './support/harness';

describe('producers/programmers', () => {
  const s = settingsFor(programmersAdapter, { url: 'https://programmers.test' });

  it('parses job_positions pages (totalPages) with updatedAt for --since', () => {
    const [start] = programmersAdapter.startRequests(s);
    assert.equal(start!.url, 'https://programmers.test/api/job_positions?page=1&order=recent');
    const page = parseProgrammersList(fixture('programmers/job_positions-1.json'), start!, s);
    assert.deepEqual(
      page.refs.map((r) => [r.id, r.detail?.url, r.postedAt]),
      [
        ['24101', 'https://programmers.test/api/job_positions/24101', Date.parse('2026-10-05T10:00:00+09:00')],
        ['24102', 'https://programmers.test/api/job_positions/24102', Date.parse('2026-08-01T10:00:00+09:00')],
      ],
    );
    assert.equal(page.next, null, 'page 1 of totalPages 1');
  });

  it('reads the detail and its technicalTags; taggings_count is volatile', () => {
    const parsed = parseProgrammersPosting(fixture('programmers/job_position-24101.json'));
    assert.equal(parsed.title, 'Python 백엔드 개발자');
    const tags = (parsed.content as { technicalTags: Array<{ name: string; taggings_count?: number }> }).technicalTags;
    assert.deepEqual(
      tags.map((t) => t.name),
      ['Python', 'Django', 'PostgreSQL'],
    );
    assert.equal(tags[0]!.taggings_count, undefined);
    assert.throws(() => parseProgrammersPosting('{"jobPosition":{"id":1,"title":"x"}}'), /technicalTags/);
  });

  describe('against a fixture server', () => {
    let server: FixtureServer;
    before(async () => {
      server = await startFixtureServer({
        '/api/job_positions?page=1&order=recent': fixture('programmers/job_positions-1.json'),
        '/api/job_positions/24101': fixture('programmers/job_position-24101.json'),
        '/api/job_positions/24102': fixture('programmers/job_position-24102.json'),
      });
    });
    after(() => server.close());

    it('emits both postings; --since skips the older one without fetching its detail', async () => {
      const all = await crawlHarness(programmersAdapter, settingsFor(programmersAdapter, server)).crawl();
      assert.deepEqual(emitted(all.sink), ['NEW 24101', 'NEW 24102']);
      const before = server.count('/api/job_positions/24102');
      const since = await crawlHarness(programmersAdapter, settingsFor(programmersAdapter, server)).crawl({
        since: Date.parse('2026-09-01'),
      });
      assert.deepEqual(emitted(since.sink), ['NEW 24101']);
      assert.equal(since.result.stats.skipped, 1);
      assert.equal(server.count('/api/job_positions/24102'), before, 'no request for the skipped posting');
    });
  });
});
