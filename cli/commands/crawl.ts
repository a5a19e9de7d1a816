// techmap crawl <board...>: one crawl run per board, with a progress bar on a TTY (plain lines otherwise) and a
// summary table at the end. 'demo' crawls every demo-board format against the local demo board.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { ConfigError } from '../../platform/errors';
import { componentLogger } from '../../platform/logger';
import { boardNames, CrawlSession, loadProducerSettings, locateDemoBoard, resolveTargets } from '../../producers';
import type { CrawlRunResult, CrawlStats } from '../../producers';

interface CrawlCliOptions {
  max?: string;
  since?: string;
  dryRun?: boolean;
}

export function register(program: Command): void {
  program
    .command('crawl <boards...>')
    .description(
      `crawl job boards once and write new/changed/closed postings to the bronze topic; boards: demo, ${boardNames.join(', ')}`,
    )
    .option(
      '--max <n>',
      'look at no more than n postings per board (the listing then counts as partial: nothing is closed)',
    )
    .option('--since <date>', 'skip postings published/updated before this date (ISO, e.g. 2026-10-01)')
    .option('--dry-run', 'fetch and compare, write nothing (no Kafka needed; state starts empty)')
    .addHelpText(
      'after',
      '\nBoard settings come from BOARD_<BOARD>_<SETTING>, e.g. BOARD_GREENHOUSE_BOARD_TOKENS=acme,globex, BOARD_LEVER_SITES=acme,\nBOARD_SARAMIN_ACCESS_KEY=<key>. Exit code 1 when a board run FAILED.',
    )
    .action(async (boards: string[], opts: CrawlCliOptions) => {
      const max = opts.max === undefined ? undefined : Number(opts.max);
      if (max !== undefined && (!Number.isInteger(max) || max < 1))
        throw new ConfigError(`--max must be a positive integer, not '${opts.max}'`);
      const since = opts.since === undefined ? null : Date.parse(opts.since);
      if (since !== null && Number.isNaN(since))
        throw new ConfigError(`--since must be a date like 2026-10-01, not '${opts.since}'`);

      const config = loadConfig();
      const producer = loadProducerSettings();
      const log = componentLogger('crawl');
      const demo = boards.some((b) => b.split(',').includes('demo'))
        ? await locateDemoBoard(config, producer)
        : undefined;
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let session: CrawlSession | undefined;
      try {
        const targets = resolveTargets(boards, config, producer, process.env, demo?.url);
        if (demo)
          process.stderr.write(`crawl: demo board at ${demo.url}${demo.started ? ' (started by this command)' : ''}\n`);
        session = await CrawlSession.open(config, producer, {
          dryRun: opts.dryRun,
          boards: targets.map((t) => t.adapter.name),
          log,
        });
        const progress = createProgress(targets.map((t) => t.adapter.name));
        const s = session;
        const results = await Promise.all(
          targets.map((t) => s.crawl(t, { max, since, signal: abort.signal, onProgress: progress.update })),
        );
        progress.stop(results);
        process.stdout.write(`${summaryTable(results)}\n`);
        if (opts.dryRun) process.stdout.write('dry run: nothing was written to Kafka\n');
        else process.stdout.write(`state: ${session.store.size} entries in crawl.state\n`);
        if (results.some((r) => r.failed)) process.exitCode = 1;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await session?.close();
        await demo?.started?.close();
      }
    });
}

/** A multi-bar on a TTY (stderr), plain progress lines at most every 2 s per board otherwise. */
function createProgress(boards: string[]) {
  const tty = Boolean(process.stderr.isTTY);
  if (tty) {
    const multi = new cliProgress.MultiBar(
      {
        stream: process.stderr,
        clearOnComplete: false,
        hideCursor: true,
        barsize: 20,
        format:
          '{board} [{bar}] {value}/{total} | pages {pages} | new {new} chg {changed} same {unchanged} 304 {nm} | err {errors}',
      },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map(
      boards.map((b) => [
        b,
        multi.create(1, 0, { board: b.padEnd(11), pages: 0, new: 0, changed: 0, unchanged: 0, nm: 0, errors: 0 }),
      ]),
    );
    return {
      update: (board: string, s: CrawlStats) => {
        const bar = bars.get(board);
        if (!bar) return;
        bar.setTotal(Math.max(1, s.listed));
        bar.update(
          s.newPostings + s.changedPostings + s.unchangedPostings + s.skipped + s.errorCount,
          payload(board, s),
        );
      },
      stop: (results: CrawlRunResult[]) => {
        for (const r of results) {
          const bar = bars.get(r.board);
          bar?.setTotal(Math.max(1, r.stats.listed));
          bar?.update(Math.max(1, r.stats.listed), payload(r.board, r.stats));
        }
        multi.stop();
      },
    };
  }
  const last = new Map<string, number>();
  return {
    update: (board: string, s: CrawlStats) => {
      const now = Date.now();
      if (now - (last.get(board) ?? 0) < 2000) return;
      last.set(board, now);
      process.stderr.write(`crawl ${board}: ${line(s)}\n`);
    },
    stop: (results: CrawlRunResult[]) => {
      for (const r of results) process.stderr.write(`crawl ${r.board}: done, ${line(r.stats)}\n`);
    },
  };
}

function payload(board: string, s: CrawlStats) {
  return {
    board: board.padEnd(11),
    pages: s.pagesFetched,
    new: s.newPostings,
    changed: s.changedPostings,
    unchanged: s.unchangedPostings,
    nm: s.notModified,
    errors: s.errorCount,
  };
}

function line(s: CrawlStats): string {
  return `pages ${s.pagesFetched}, listed ${s.listed}, new ${s.newPostings}, changed ${s.changedPostings}, unchanged ${s.unchangedPostings}, closed ${s.closedPostings}, 304 ${s.notModified}, errors ${s.errorCount}`;
}

export function summaryTable(results: CrawlRunResult[]): string {
  const header = [
    'board',
    'result',
    'pages',
    'requests',
    'listed',
    'new',
    'changed',
    'unchanged',
    'closed',
    'not modified',
    'skipped',
    'errors by kind',
  ];
  const rows = results.map((r) => {
    const s = r.stats;
    const errors = Object.entries(s.errors)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k}=${n}`)
      .join(' ');
    return [
      r.board,
      r.failed ? `FAILED: ${r.failed}` : 'FINISHED',
      s.pagesFetched,
      s.requests,
      s.listed,
      s.newPostings,
      s.changedPostings,
      s.unchangedPostings,
      s.closedPostings,
      s.notModified,
      s.skipped,
      errors || '-',
    ].map(String);
  });
  if (results.length > 1) {
    const sum = (f: (s: CrawlStats) => number) => String(results.reduce((a, r) => a + f(r.stats), 0));
    rows.push([
      'total',
      '',
      sum((s) => s.pagesFetched),
      sum((s) => s.requests),
      sum((s) => s.listed),
      sum((s) => s.newPostings),
      sum((s) => s.changedPostings),
      sum((s) => s.unchangedPostings),
      sum((s) => s.closedPostings),
      sum((s) => s.notModified),
      sum((s) => s.skipped),
      sum((s) => s.errorCount),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 && i <= 10 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
