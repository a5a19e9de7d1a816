// Long-running mode: each board is crawled now and then every `scheduleMinutes` (its own setting), boards
// independently; one board's crawls never overlap. A crawl command (crawl.commands, sent by the gateway's admin
// route; see scheduler-commands.ts) wakes the board's loop so it runs now instead of at its next slot; a command
// that arrives while the board is crawling runs right after that crawl (several such commands run once). Requests
// still go through the session's one fetcher, so per-host rate limits and robots.txt hold for commanded runs too.
// Stop aborts the waits and any crawl in flight.
import type { Logger } from '../platform/logger';
import { systemClock, type Clock } from './runtime/clock';
import type { CrawlRunResult } from './runtime/crawler';
import type { CrawlTarget } from './settings';

export type RunBoard = (target: CrawlTarget, signal: AbortSignal) => Promise<CrawlRunResult>;

/** The value of a crawl.commands record (schemas/crawl-command.avsc). */
export interface CrawlCommand {
  commandId: string;
  /** A board adapter name, or 'demo' for every board this scheduler crawls from the demo board. */
  board: string;
  requestedAt: number;
  requestedBy: string;
  maxPages: number | null;
}

/** What the scheduler did with a command. */
export type CommandOutcome = 'scheduled' | 'queued' | 'duplicate' | 'unknown-board';

interface BoardLoop {
  target: CrawlTarget;
  /** A command waiting for the board's next run (the latest one wins). */
  pending?: CrawlCommand;
  running: boolean;
  /** Ends the current wait between runs early. */
  wake?: AbortController;
}

/** Command ids remembered to ignore a redelivered command (Kafka delivers at least once). */
const REMEMBERED_COMMANDS = 1000;

export class CrawlScheduler {
  private readonly abort = new AbortController();
  private loops: Array<Promise<void>> = [];
  private readonly boards = new Map<string, BoardLoop>();
  private readonly seenCommands: string[] = [];
  /** Last result per board (for /ready and logs). */
  readonly last = new Map<string, CrawlRunResult>();

  constructor(
    targets: CrawlTarget[],
    private readonly runBoard: RunBoard,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    for (const target of targets) this.boards.set(target.adapter.name, { target, running: false });
  }

  start(): void {
    this.loops = [...this.boards.values()].map((b) => this.loop(b));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  /** Runs the command's board(s) as soon as their current crawl, if any, is over. */
  request(command: CrawlCommand): CommandOutcome {
    const log = { commandId: command.commandId, board: command.board, requestedBy: command.requestedBy };
    if (this.seenCommands.includes(command.commandId)) {
      this.log.info(log, 'crawl command already run: skipped');
      return 'duplicate';
    }
    this.seenCommands.push(command.commandId);
    if (this.seenCommands.length > REMEMBERED_COMMANDS) this.seenCommands.shift();
    const loops =
      command.board === 'demo'
        ? [...this.boards.values()].filter((b) => b.target.demo)
        : [this.boards.get(command.board)].filter((b) => b !== undefined);
    if (loops.length === 0) {
      this.log.warn(
        { ...log, crawled: [...this.boards.keys()] },
        'crawl command for a board not crawled here: skipped',
      );
      return 'unknown-board';
    }
    let outcome: CommandOutcome = 'scheduled';
    for (const b of loops) {
      b.pending = command;
      if (b.running) outcome = 'queued';
      b.wake?.abort();
    }
    this.log.info({ ...log, outcome }, 'crawl command accepted');
    return outcome;
  }

  private async loop(b: BoardLoop): Promise<void> {
    const board = b.target.adapter.name;
    const intervalMs = b.target.settings.scheduleMinutes * 60 * 1000;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const started = this.clock.now();
      const command = b.pending;
      b.pending = undefined;
      const target =
        command?.maxPages != null
          ? { ...b.target, settings: { ...b.target.settings, maxPages: command.maxPages } }
          : b.target;
      b.running = true;
      try {
        const result = await this.runBoard(target, signal);
        this.last.set(board, result);
        const s = result.stats;
        this.log.info(
          {
            board,
            runId: result.runId,
            commandId: command?.commandId,
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
      } finally {
        b.running = false;
      }
      if (b.pending) continue; // asked for while crawling: run again now
      const wait = Math.max(0, started + intervalMs - this.clock.now());
      b.wake = new AbortController();
      try {
        await this.clock.sleep(wait, AbortSignal.any([signal, b.wake.signal]));
      } catch {
        if (signal.aborted) return; // stopped; otherwise woken by a command
      } finally {
        b.wake = undefined;
      }
    }
  }
}
