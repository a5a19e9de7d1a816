import assert from 'node:assert/strict';
import { componentLogger } from '../../platform/logger';
import { CrawlScheduler, type CrawlCommand } from '../../producers/scheduler';
import type { CrawlRunResult } from '../../producers/runtime/crawler';
import { CrawlStats } from '../../producers/runtime/records';
import type { CrawlTarget } from '../../producers/settings';

const target = (name: string, scheduleMinutes: number, demo = true) =>
  ({ adapter: { name }, settings: { scheduleMinutes, maxPages: 50 }, demo }) as unknown as CrawlTarget;

const result = (board: string): CrawlRunResult => ({
  board,
  runId: 'r',
  stats: new CrawlStats(),
  completeScopes: [],
  failed: null,
  fatal: false,
});

const command = (commandId: string, board: string, maxPages: number | null = null): CrawlCommand => ({
  commandId,
  board,
  requestedAt: Date.now(),
  requestedBy: 'gateway:test',
  maxPages,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('producers/scheduler', () => {
  it('runs each board now and then on its own interval, never overlapping, until stopped', async () => {
    const runs: Array<[string, number]> = [];
    let active = 0;
    let maxActive = 0;
    const t0 = Date.now();
    const scheduler = new CrawlScheduler(
      [target('fast', 0.001), target('slow', 10)],
      async (t, signal) => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs.push([t.adapter.name, Date.now() - t0]);
        await new Promise((r) => setTimeout(r, 10));
        active--;
        assert.equal(signal.aborted, false);
        return {
          board: t.adapter.name,
          runId: 'r',
          stats: new CrawlStats(),
          completeScopes: [],
          failed: null,
          fatal: false,
        } satisfies CrawlRunResult;
      },
      componentLogger('test'),
    );
    scheduler.start();
    await new Promise((r) => setTimeout(r, 300));
    await scheduler.stop();
    const fast = runs.filter(([b]) => b === 'fast').map(([, t]) => t);
    const slow = runs.filter(([b]) => b === 'slow');
    assert.ok(fast.length >= 3, `fast board ran ${fast.length} times (every 60 ms)`);
    for (let i = 1; i < fast.length; i++) assert.ok(fast[i]! - fast[i - 1]! >= 55, 'runs start one interval apart');
    assert.equal(slow.length, 1, 'the 10-minute board ran once');
    assert.ok(maxActive <= 2, 'at most one run per board at a time');
    assert.equal(scheduler.last.get('fast')?.failed, null);
  });

  describe('crawl commands', () => {
    // Boards on a 10-minute schedule: after the start-up run, every further run is one a command asked for.
    let runs: Array<{ board: string; maxPages: number; at: number; endedAt?: number }>;
    let runMs: number;
    let scheduler: CrawlScheduler;
    const t0 = Date.now();
    beforeEach(() => {
      runs = [];
      runMs = 5;
      scheduler = new CrawlScheduler(
        [target('wanted', 10), target('jumpit', 10), target('greenhouse', 10, false)],
        async (t) => {
          const run: (typeof runs)[number] = {
            board: t.adapter.name,
            maxPages: t.settings.maxPages,
            at: Date.now() - t0,
          };
          runs.push(run);
          await sleep(runMs);
          run.endedAt = Date.now() - t0;
          return result(t.adapter.name);
        },
        componentLogger('test'),
      );
    });
    afterEach(() => scheduler.stop());
    const boardsRun = () => runs.map((r) => `${r.board}:${r.maxPages}`);

    it('a command wakes the waiting board at once, with its maxPages for that run only', async () => {
      scheduler.start();
      await sleep(30);
      assert.deepEqual(boardsRun(), ['wanted:50', 'jumpit:50', 'greenhouse:50']);
      assert.equal(scheduler.request(command('c1', 'jumpit', 2)), 'scheduled');
      await sleep(30);
      assert.deepEqual(boardsRun().slice(3), ['jumpit:2']);
      assert.equal(scheduler.request(command('c2', 'jumpit')), 'scheduled');
      await sleep(30);
      assert.deepEqual(boardsRun().slice(4), ['jumpit:50'], 'the next run has the board setting again');
    });

    it('unknown boards and redelivered commands are skipped; demo runs every demo board', async () => {
      scheduler.start();
      await sleep(30);
      assert.equal(scheduler.request(command('c1', 'saramin')), 'unknown-board');
      assert.equal(scheduler.request(command('c2', 'no-such-board')), 'unknown-board');
      assert.equal(scheduler.request(command('c3', 'demo')), 'scheduled');
      assert.equal(scheduler.request(command('c3', 'demo')), 'duplicate');
      await sleep(40);
      assert.deepEqual(boardsRun().slice(3).sort(), ['jumpit:50', 'wanted:50']);
    });

    it('commands during a crawl run once, right after it; never two runs of a board at once', async () => {
      runMs = 60;
      scheduler.start();
      await sleep(20); // the start-up runs are in flight
      assert.equal(scheduler.request(command('c1', 'wanted', 3)), 'queued');
      assert.equal(scheduler.request(command('c2', 'wanted', 4)), 'queued');
      await sleep(200);
      const wanted = runs.filter((r) => r.board === 'wanted');
      assert.deepEqual(
        wanted.map((r) => r.maxPages),
        [50, 4],
        'one extra run, with the latest command',
      );
      // Compared with the first run's recorded end, not its length: a 60 ms timer may read as 59 ms on Date.now().
      assert.ok(wanted[0]!.endedAt !== undefined, 'the first run ended');
      assert.ok(wanted[1]!.at >= wanted[0]!.endedAt, 'the second run started after the first ended');
    });
  });
});
