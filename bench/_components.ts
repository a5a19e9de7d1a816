// Pipeline components as child processes for the benchmarks: `node bin/techmap.js run <name>`, exactly as
// `techmap start` and docker compose run them, with the log of each in a file, and the peak memory of each read
// from the kernel (/proc/<pid>/status VmHWM: the resident set's high-water mark) before it is stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/config';

export interface ComponentProcess {
  /** Label of this process, e.g. 'enrich' or 'enrich#2'. */
  readonly label: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves once the component logged that it runs (its consumers have joined their groups). */
  readonly running: Promise<number>;
  /** Peak resident set size so far in bytes (VmHWM), or undefined when the process is gone. */
  peakRss(): number | undefined;
  /** CPU time used so far (user + system) in seconds, or undefined when the process is gone. */
  cpuSeconds(): number | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Peak resident set size of a live process in bytes, from /proc (Linux); undefined elsewhere or when gone. */
export function peakRssOf(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) of a live process in seconds, from /proc/<pid>/stat; undefined elsewhere or when gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticksPerSecond = 100; // USER_HZ, 100 on every Linux architecture Node supports
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** Starts `techmap run <component>` with `env` on top of this process's environment; logs go to `logDir`. */
export function startComponent(
  component: string,
  env: Record<string, string>,
  logDir: string,
  label = component,
): ComponentProcess {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${label.replace(/[^a-zA-Z0-9.-]/g, '_')}.log`);
  const log = fs.createWriteStream(logFile);
  // BENCH_CPU_PROFILE_DIR=<dir>: each component writes a V8 CPU profile there when it exits (open in Chrome DevTools).
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, path.join(repoRoot, 'bin/techmap.js'), 'run', component],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = new Promise<number>((resolve, reject) => {
    let tail = '';
    // pino writes one JSON object per line to stderr; `techmap run` logs msg "running" once start() returned.
    child.stderr!.on('data', (d: Buffer) => {
      log.write(d);
      tail = (tail + d.toString('utf8')).slice(-64 * 1024);
      if (/"msg":"running"/.test(tail)) resolve(Date.now());
    });
    child.stdout!.on('data', (d: Buffer) => log.write(d));
    child.once('exit', (code, signal) =>
      reject(new Error(`${label} exited (${signal ?? code}) before running; see ${logFile}:\n${tail.slice(-1500)}`)),
    );
  });
  running.catch(() => undefined); // observed by the caller
  if (child.pid === undefined) throw new Error(`could not start ${label}`);
  const pid = child.pid;
  return {
    label,
    pid,
    logFile,
    running,
    peakRss: () => (child.exitCode === null && child.signalCode === null ? peakRssOf(pid) : undefined),
    cpuSeconds: () => (child.exitCode === null && child.signalCode === null ? cpuSecondsOf(pid) : undefined),
    async stop(graceMs = 15000) {
      if (child.exitCode === null && child.signalCode === null) {
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}

export { freePort } from '../stack/ports';

export const mebibytes = (bytes: number | undefined) => (bytes === undefined ? NaN : bytes / 1024 / 1024);

export interface StageBatchTotals {
  batches: number;
  /** Committed Kafka transactions (one holds the batches of every partition of a fetch). */
  transactions: number;
  records: number;
  /** Time spent processing and committing batches (the runner's techmap_stage_batch_seconds). */
  seconds: number;
}

/** Per stage, the batch totals a component's /metrics reports (the stage runner's histograms). */
export async function stageBatchTotals(metricsUrl: string): Promise<Map<string, StageBatchTotals>> {
  const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  const out = new Map<string, StageBatchTotals>();
  const line = /^techmap_stage_batch_(seconds|records)_(sum|count)\{stage="([^"]+)"\} (\S+)$/gm;
  for (const m of text.matchAll(line)) {
    const [, metric, kind, stage, value] = m;
    const t = out.get(stage!) ?? { batches: 0, transactions: 0, records: 0, seconds: 0 };
    if (metric === 'seconds' && kind === 'sum') t.seconds = Number(value);
    if (metric === 'seconds' && kind === 'count') t.batches = Number(value);
    if (metric === 'records' && kind === 'sum') t.records = Number(value);
    out.set(stage!, t);
  }
  const committed = /^techmap_stage_transactions_total\{stage="([^"]+)",outcome="committed"\} (\S+)$/gm;
  for (const [, stage, value] of text.matchAll(committed)) {
    const t = out.get(stage!);
    if (t) t.transactions = Number(value);
  }
  return out;
}

/** Sum of a counter over all its label sets in a component's /metrics (e.g. techmap_stage_dead_letters_total). */
export async function counterTotal(metricsUrl: string, name: string): Promise<number> {
  const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))) sum += Number(m[1]);
  return sum;
}
