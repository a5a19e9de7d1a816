// Long-running mode: each board is crawled now and then every `scheduleMinutes` (its own setting), boards
// independently; one board's crawls never overlap. Stop aborts the waits and any crawl in flight.
import type { Logger } from '../platform/logger';
import { systemClock, type Clock } from './runtime/clock';
import type { CrawlRunResult } from './runtime/crawler';
import type { CrawlTarget } from './settings';

export type RunBoard = (target: CrawlTarget, signal: AbortSignal) => Promise<CrawlRunResult>;

export class CrawlScheduler {
  private readonly abort = new AbortController();
  private loops: Array<Promise<void>> = [];
  /** Last result per board (for /ready and logs). */
  readonly last = new Map<string, CrawlRunResult>();

  constructor(
    private readonly targets: CrawlTarget[],
    private readonly runBoard: RunBoard,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  start(): void {
    this.loops = this.targets.map((t) => this.loop(t));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  private async loop(target: CrawlTarget): Promise<void> {
    const board = target.adapter.name;
    const intervalMs = target.settings.scheduleMinutes * 60 * 1000;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const started = this.clock.now();
      try {
        const result = await this.runBoard(target, signal);
        this.last.set(board, result);
        const s = result.stats;
        this.log.info(
          {
            board,
            runId: result.runId,
            failed: result.failed,
            new: s.newPostings,
            changed: s.changedPostings,
            closed: s.closedPostings,
            unchanged: s.unchangedPostings,
            notModified: s.notModified,
            errors: s.errors,
          },
          'crawl run done',
        );
      } catch (err) {
        if (signal.aborted) return;
        this.log.error({ err, board }, 'crawl run could not start');
      }
      const wait = Math.max(0, started + intervalMs - this.clock.now());
      try {
        await this.clock.sleep(wait, signal);
      } catch {
        return; // stopped
      }
    }
  }
}
