// techmap stack up|down|status|logs|reset: the local stack without Docker (Kafka, Apicurio, S3Proxy, dynalite, MariaDB).
import type { Command } from 'commander';
import { describeError } from '../../platform/errors';
import {
  exitCodeOf,
  exitCodes,
  formatKb,
  formatMs,
  formatTable,
  printLog,
  serviceNames,
  StackError,
  stackDown,
  stackLogFile,
  stackReset,
  stackStatus,
  stackUp,
  type ServiceReport,
  type StackResult,
} from '../../stack';

const out = (line: string) => process.stdout.write(`${line}\n`);

function reportTable(reports: ServiceReport[]): string {
  return formatTable([
    ['SERVICE', 'ROLE', 'ADDRESS', 'STATUS', 'PID', 'RSS', 'STARTUP', 'NOTE'],
    ...reports.map((r) => [
      r.name,
      r.role,
      r.address,
      r.status,
      r.pid === null ? '-' : String(r.pid),
      formatKb(r.rssKb),
      formatMs(r.startupMs),
      r.action,
    ]),
  ]);
}

function jsonOf(result: StackResult) {
  const totalRssKb = result.reports.reduce((sum, r) => sum + (r.rssKb ?? 0), 0);
  return {
    ok: result.failures.length === 0,
    totalMs: result.totalMs,
    totalRssKb,
    services: result.reports,
    errors: result.failures.map((f) => f.message),
  };
}

/** Prints the result (table or JSON) and the failures, one line each, and sets the exit code. */
function finish(result: StackResult, opts: { json?: boolean; summary?: string }): void {
  if (opts.json) {
    out(JSON.stringify(jsonOf(result), null, 2));
  } else {
    out(reportTable(result.reports));
    if (opts.summary) out(opts.summary);
  }
  for (const failure of result.failures) process.stderr.write(`techmap: ${failure.message}\n`);
  if (result.failures.length > 0) process.exitCode = Math.max(...result.failures.map((f) => f.exitCode));
}

/** Runs a stack action; any error becomes one line on stderr and its exit code. */
async function guarded(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    process.stderr.write(`techmap: ${describeError(err)}\n`);
    if (process.env.DEBUG?.includes('techmap') && err instanceof Error) process.stderr.write(`${err.stack ?? ''}\n`);
    process.exitCode = exitCodeOf(err);
  }
}

const servicesHelp = `services: ${serviceNames.join(', ')} (aliases: registry, s3, dynamodb, mysql); none = all`;

export function register(program: Command): void {
  const stack = program
    .command('stack')
    .description('the local stack without Docker: Kafka (KRaft), Apicurio Registry, S3Proxy, dynalite, MariaDB')
    .addHelpText(
      'after',
      `
Data, downloads, logs and pids live under TECHMAP_INFRA_DIR (default <repo>/.infra); addresses come from
KAFKA_BROKERS, SCHEMA_REGISTRY_URL, S3_ENDPOINT, DYNAMODB_ENDPOINT and MYSQL_URL.

Exit codes: 0 ok, 1 failure, ${exitCodes.serviceDown} a service is down or did not answer in time,
${exitCodes.prerequisiteMissing} Java/Maven/MariaDB missing, ${exitCodes.portInUse} a port is taken by another process,
${exitCodes.corruptData} a data folder is inconsistent (see \`techmap stack reset\`).`,
    );

  stack
    .command('up')
    .description('install what is missing, start the services and wait until each answers (idempotent)')
    .argument('[services...]', servicesHelp)
    .option('--json', 'print the result as JSON (startup ms, RSS) instead of a table')
    .action(async (names: string[], opts: { json?: boolean }) =>
      guarded(async () => {
        const result = await stackUp(names, { progress: opts.json ? undefined : out });
        const rss = result.reports.reduce((sum, r) => sum + (r.rssKb ?? 0), 0);
        finish(result, {
          json: opts.json,
          summary: `stack up in ${formatMs(result.totalMs)}; memory of the processes we run: ${formatKb(rss)}`,
        });
      }),
    );

  stack
    .command('down')
    .description('stop the services this stack started (SIGTERM, then SIGKILL after the grace period)')
    .argument('[services...]', servicesHelp)
    .option('--grace <seconds>', 'seconds to wait after SIGTERM before SIGKILL', '20')
    .option('--json', 'print the result as JSON')
    .action(async (names: string[], opts: { grace: string; json?: boolean }) =>
      guarded(async () => {
        const grace = Number(opts.grace);
        if (!Number.isFinite(grace) || grace < 0)
          throw new StackError('failure', `--grace must be a number of seconds`);
        const result = await stackDown(names, { progress: opts.json ? undefined : out, graceMs: grace * 1000 });
        finish(result, { json: opts.json });
      }),
    );

  stack
    .command('status')
    .description('health, address, pid and memory of each service; exit code 3 if any is down')
    .argument('[services...]', servicesHelp)
    .option('--json', 'print the status as JSON')
    .action(async (names: string[], opts: { json?: boolean }) =>
      guarded(async () => finish(await stackStatus(names), { json: opts.json })),
    );

  stack
    .command('logs')
    .description("print a service's log (.infra/logs/<service>.log); --follow keeps printing new lines")
    .argument('<service>', servicesHelp)
    .option('-n, --lines <count>', 'how many of the last lines to print (0 = all)', '200')
    .option('-f, --follow', 'keep printing lines as they are written (Ctrl-C to stop)')
    .action(async (name: string, opts: { lines: string; follow?: boolean }) =>
      guarded(async () => {
        const lines = Number(opts.lines);
        if (!Number.isInteger(lines) || lines < 0) throw new StackError('failure', '--lines must be a whole number');
        await printLog(stackLogFile(name), {
          lines,
          follow: opts.follow ?? false,
          write: (s) => process.stdout.write(s),
        });
      }),
    );

  stack
    .command('reset')
    .description('stop a service if it runs and delete its data (e.g. after a corrupt Kafka data folder)')
    .argument('<services...>', `services to wipe: ${serviceNames.join(', ')} or all`)
    .action(async (names: string[]) =>
      guarded(async () => {
        const result = await stackReset(names, { progress: out });
        for (const failure of result.failures) process.stderr.write(`techmap: ${failure.message}\n`);
        if (result.failures.length > 0) process.exitCode = Math.max(...result.failures.map((f) => f.exitCode));
      }),
    );
}
