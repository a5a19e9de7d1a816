import assert from 'node:assert/strict';
import { componentLogger } from '../../platform/logger';
import { CrawlScheduler } from '../../producers/scheduler';
import type { CrawlRunResult } from '../../producers/runtime/crawler';
import { CrawlStats } from '../../producers/runtime/records';
import type { CrawlTarget } from '../../producers/settings';

const target = (name: string, scheduleMinutes: number) =>
  ({ adapter: { name }, settings: { scheduleMinutes }, demo: true }) as unknown as CrawlTarget;

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
});
