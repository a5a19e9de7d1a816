// The local stack's operations: up (install, start, wait until each service really answers), down (stop what we
// started), status (health, address, pid, memory) and reset (wipe a service's data). Services run in parallel.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, type Config } from '../platform/config';
import { describeError } from '../platform/errors';
import { StackError } from './errors';
import { acquireLock } from './install';
import {
  cmdlineOf,
  isAlive,
  isOurProcess,
  readPidRecord,
  removePidRecord,
  rssKb,
  spawnDetached,
  stopProcess,
  writePidRecord,
  type PidRecord,
} from './proc';
import { portOwner } from './ports';
import {
  logFileOf,
  pidFileOf,
  serviceAliases,
  serviceNames,
  stateDirOf,
  type ServiceContext,
  type ServiceDefinition,
  type ServiceName,
} from './service';
import { services } from './services';
import { stackSettings, type StackSettings } from './settings';

export type ServiceStatus = 'up' | 'down' | 'unhealthy' | 'external' | 'stopped' | 'failed';

export interface ServiceReport {
  name: ServiceName;
  role: string;
  product: string;
  address: string;
  status: ServiceStatus;
  /** What this command did: started, already running, stopped, ... */
  action: string;
  /** True when the stack started (and will stop) this process. */
  managed: boolean;
  pid: number | null;
  rssKb: number | null;
  startupMs: number | null;
  logFile: string;
  error?: string;
}

export interface StackRunOptions {
  config?: Config;
  /** Receives progress lines (without newline). */
  progress?: (line: string) => void;
}

export interface StackResult {
  reports: ServiceReport[];
  failures: StackError[];
  totalMs: number;
}

/** Resolves names and role aliases (`registry`, `s3`, `mysql`, ...) to service names; empty means all. */
export function resolveServiceNames(names: string[]): ServiceName[] {
  if (names.length === 0 || names.includes('all')) return [...serviceNames];
  const out: ServiceName[] = [];
  for (const raw of names) {
    const name = raw.toLowerCase();
    const resolved = (serviceNames as readonly string[]).includes(name) ? (name as ServiceName) : serviceAliases[name];
    if (!resolved) {
      throw new StackError('failure', `unknown service "${raw}": use one of ${serviceNames.join(', ')} (or all)`);
    }
    if (!out.includes(resolved)) out.push(resolved);
  }
  return out;
}

export function addressOf(def: ServiceDefinition, s: StackSettings): string {
  switch (def.name) {
    case 'kafka':
      return `${s.kafka.host}:${s.kafka.port}`;
    case 'apicurio':
      return s.registry.url;
    case 's3proxy':
      return s.s3?.endpoint ?? '(S3_ENDPOINT unset)';
    case 'dynalite':
      return s.dynamodb?.endpoint ?? '(DYNAMODB_ENDPOINT unset)';
    case 'mariadb':
      return `${s.mysql.host}:${s.mysql.port}/${s.mysql.database}`;
  }
}

/** S3 and DynamoDB may have no endpoint at all (the AWS services); the stack then has nothing to run or probe. */
function endpointSet(def: ServiceDefinition, s: StackSettings): boolean {
  if (def.name === 's3proxy') return s.s3 !== null;
  if (def.name === 'dynalite') return s.dynamodb !== null;
  return true;
}

function contextOf(def: ServiceDefinition, settings: StackSettings, progress: (line: string) => void): ServiceContext {
  return {
    settings,
    stateDir: stateDirOf(settings, def.name),
    logFile: logFileOf(settings, def.name),
    progress: (message) => progress(`${def.name.padEnd(9)} ${message}`),
  };
}

function baseReport(def: ServiceDefinition, settings: StackSettings): ServiceReport {
  return {
    name: def.name,
    role: def.role,
    product: def.product(settings),
    address: addressOf(def, settings),
    status: 'down',
    action: '',
    managed: false,
    pid: null,
    rssKb: null,
    startupMs: null,
    logFile: logFileOf(settings, def.name),
  };
}

/** One probe, bounded by timeoutMs even if a client library ignores its own timeouts. */
async function probeOnce(def: ServiceDefinition, settings: StackSettings, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 1000);
  });
  try {
    await Promise.race([def.probe(settings, timeoutMs), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when the service answers; a busy machine gets `attempts` tries, a second apart. */
async function answers(def: ServiceDefinition, settings: StackSettings, attempts = 1): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(1000);
    try {
      await probeOnce(def, settings, 10_000);
      return true;
    } catch {
      // try again, or report it down
    }
  }
  return false;
}

/** Our live process of this service, per its pid file; removes a stale pid file. */
function ourProcess(def: ServiceDefinition, settings: StackSettings): PidRecord | null {
  const file = pidFileOf(settings, def.name);
  const rec = readPidRecord(file);
  if (!rec) {
    if (fs.existsSync(file)) removePidRecord(file); // unreadable
    return null;
  }
  if (isOurProcess(rec)) return rec;
  return null;
}

function rotateLog(file: string): void {
  try {
    if (fs.statSync(file).size > 20 * 1024 * 1024) fs.renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

function readFrom(file: string, offset: number, maxBytes = 64 * 1024): string {
  try {
    const size = fs.statSync(file).size;
    const start = Math.max(offset, size - maxBytes);
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(Math.max(0, size - start));
      fs.readSync(fd, buf, 0, buf.length, start);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

function exitedError(def: ServiceDefinition, ctx: ServiceContext, logOffset: number): StackError {
  const tail = readFrom(ctx.logFile, logOffset);
  const diagnosed = def.diagnose?.(tail, ctx);
  if (diagnosed) return diagnosed;
  const lines = tail.split('\n').filter((l) => /ERROR|Exception|Error:|FATAL|\[ERROR\]/.test(l));
  const last = (lines.at(-1) ?? tail.trim().split('\n').at(-1) ?? '').trim().slice(0, 240);
  return new StackError(
    'serviceDown',
    `${def.name} exited while starting${last ? `: ${last}` : ''}; see ${ctx.logFile}`,
  );
}

async function waitHealthy(
  def: ServiceDefinition,
  ctx: ServiceContext,
  pid: number,
  since: number,
  logOffset: number,
): Promise<number> {
  const deadline = since + def.startTimeoutMs;
  let lastError: unknown;
  for (;;) {
    if (!isAlive(pid)) throw exitedError(def, ctx, logOffset);
    try {
      await probeOnce(def, ctx.settings, Math.max(1000, Math.min(5000, deadline - Date.now())));
      return Date.now() - since;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw new StackError(
        'serviceDown',
        `${def.name} did not answer within ${Math.round(def.startTimeoutMs / 1000)} s (last error: ${describeError(lastError)}); see ${ctx.logFile}`,
      );
    }
    await sleep(200);
  }
}

function checkPorts(def: ServiceDefinition, settings: StackSettings): void {
  for (const port of def.ports(settings)) {
    const owner = portOwner(port);
    if (!owner) continue;
    const who = owner.pid > 0 ? `pid ${owner.pid} (${owner.name})` : 'another process';
    throw new StackError(
      'portInUse',
      `port ${port} for ${def.name} is already in use by ${who}: stop that process, or set ${def.envVar} to a free port`,
    );
  }
}

async function upOne(def: ServiceDefinition, settings: StackSettings, progress: (line: string) => void) {
  const ctx = contextOf(def, settings, progress);
  const report = baseReport(def, settings);
  if (!endpointSet(def, settings)) {
    report.status = 'external';
    report.action = 'endpoint not set: the AWS service is used';
    return report;
  }
  if (!def.managed(settings)) {
    report.status = (await answers(def, settings)) ? 'external' : 'down';
    report.action = 'not local: probed only';
    if (report.status === 'down') {
      throw Object.assign(new StackError('serviceDown', `${def.name} at ${report.address} does not answer`), {
        report,
      });
    }
    return report;
  }
  const running = ourProcess(def, settings);
  if (running) {
    report.managed = true;
    report.pid = running.pid;
    report.startupMs = running.startupMs ?? null;
    if (await answers(def, settings)) {
      report.status = 'up';
      report.action = 'already running';
      ctx.progress(`already running (pid ${running.pid})`);
    } else {
      ctx.progress(`running (pid ${running.pid}) but not answering yet; waiting`);
      await waitHealthy(
        def,
        ctx,
        running.pid,
        Date.now(),
        fs.existsSync(ctx.logFile) ? fs.statSync(ctx.logFile).size : 0,
      );
      report.status = 'up';
      report.action = 'was starting, now up';
    }
    await def.afterReady?.(ctx);
    report.rssKb = rssKb(running.pid);
    return report;
  }
  removePidRecord(pidFileOf(settings, def.name));
  if (def.adoptsExisting && (await answers(def, settings))) {
    report.status = 'external';
    report.action = 'using the instance already running';
    ctx.progress(`using the ${def.role} server already answering at ${report.address}`);
    await def.afterReady?.(ctx);
    return report;
  }
  checkPorts(def, settings);
  fs.mkdirSync(ctx.stateDir, { recursive: true });
  fs.mkdirSync(settings.logDir, { recursive: true });
  rotateLog(ctx.logFile);
  const installed = (await def.install?.(ctx)) ?? false;
  if (installed) ctx.progress('installed');
  const launch = await def.prepare(ctx);
  const marker = def.markerArg(ctx);
  if (!launch.args.includes(marker)) {
    throw new Error(`launch command of ${def.name} lacks its marker argument; pid checks would fail`);
  }
  fs.appendFileSync(ctx.logFile, `\n=== techmap stack: starting ${def.name} (${new Date().toISOString()}) ===\n`);
  const logOffset = fs.statSync(ctx.logFile).size;
  const t0 = Date.now();
  const pid = await spawnDetached({ ...launch, logFile: ctx.logFile });
  const rec: PidRecord = {
    service: def.name,
    pid,
    marker,
    startedAt: new Date(t0).toISOString(),
    command: [launch.command, ...launch.args],
  };
  writePidRecord(pidFileOf(settings, def.name), rec);
  ctx.progress(`starting (pid ${pid})`);
  report.managed = true;
  report.pid = pid;
  try {
    rec.startupMs = await waitHealthy(def, ctx, pid, t0, logOffset);
  } catch (err) {
    // Never leave a half-started process behind.
    await stopProcess(pid, 5000).catch(() => undefined);
    removePidRecord(pidFileOf(settings, def.name));
    report.pid = null;
    throw err;
  }
  writePidRecord(pidFileOf(settings, def.name), rec);
  report.startupMs = rec.startupMs;
  await def.afterReady?.(ctx);
  report.status = 'up';
  report.action = installed ? 'installed and started' : 'started';
  report.rssKb = rssKb(pid);
  ctx.progress(`up in ${(rec.startupMs / 1000).toFixed(1)} s`);
  return report;
}

function toStackError(err: unknown): StackError {
  return err instanceof StackError ? err : new StackError('failure', describeError(err), { cause: err });
}

async function withStackLock<T>(settings: StackSettings, fn: () => Promise<T>): Promise<T> {
  const release = await acquireLock(path.join(settings.runDir, 'stack.lock'), 15 * 60_000);
  try {
    return await fn();
  } finally {
    release();
  }
}

function settingsOf(opts: StackRunOptions): StackSettings {
  return stackSettings(opts.config ?? loadConfig());
}

/** Installs what is missing and starts the named services (all when empty), waiting until each really answers. */
export async function stackUp(names: string[], opts: StackRunOptions = {}): Promise<StackResult> {
  const t0 = Date.now();
  const settings = settingsOf(opts);
  const selected = resolveServiceNames(names);
  const progress = opts.progress ?? (() => undefined);
  return withStackLock(settings, async () => {
    const failures: StackError[] = [];
    const reports = await Promise.all(
      selected.map(async (name) => {
        const def = services[name];
        try {
          return await upOne(def, settings, progress);
        } catch (err) {
          const error = toStackError(err);
          failures.push(error);
          const report = (err as { report?: ServiceReport }).report ?? baseReport(def, settings);
          report.status = 'failed';
          report.action = 'failed';
          report.error = error.message;
          contextOf(def, settings, progress).progress('failed (reason below)');
          return report;
        }
      }),
    );
    return { reports, failures, totalMs: Date.now() - t0 };
  });
}

/** Processes whose command line carries this marker argument (ours even if a pid file was lost). */
function processesWithMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    if (cmdlineOf(Number(entry))?.includes(marker) && isAlive(Number(entry))) pids.push(Number(entry));
  }
  return pids;
}

/** Stops our processes of one service (per pid file, and any process carrying its marker argument). */
async function downOne(
  def: ServiceDefinition,
  settings: StackSettings,
  progress: (line: string) => void,
  graceMs: number,
): Promise<ServiceReport> {
  const ctx = contextOf(def, settings, progress);
  const report = baseReport(def, settings);
  const rec = readPidRecord(pidFileOf(settings, def.name));
  const pids = new Set(processesWithMarker(def.markerArg(ctx)));
  if (rec && isOurProcess(rec)) pids.add(rec.pid);
  if (pids.size === 0) {
    report.status = 'stopped';
    report.action = rec ? 'was not running (stale pid file removed)' : 'was not running';
    if (def.adoptsExisting && def.managed(settings) && (await answers(def, settings))) {
      report.status = 'external';
      report.action = 'not started by the stack: left running';
    }
  } else {
    ctx.progress(`stopping (pid ${[...pids].join(', ')})`);
    const outcomes = await Promise.all([...pids].map((pid) => stopProcess(pid, graceMs)));
    report.managed = true;
    report.pid = rec?.pid ?? null;
    report.status = 'stopped';
    report.action = outcomes.includes('killed') ? `killed after ${graceMs / 1000} s grace` : 'stopped';
    ctx.progress(report.action);
  }
  removePidRecord(pidFileOf(settings, def.name));
  return report;
}

/** Stops the named services (all when empty) that this stack started: SIGTERM, then SIGKILL after graceMs. */
export async function stackDown(
  names: string[],
  opts: StackRunOptions & { graceMs?: number } = {},
): Promise<StackResult> {
  const t0 = Date.now();
  const settings = settingsOf(opts);
  const selected = resolveServiceNames(names);
  const progress = opts.progress ?? (() => undefined);
  const graceMs = opts.graceMs ?? 20_000;
  return withStackLock(settings, async () => {
    const failures: StackError[] = [];
    const reports = await Promise.all(
      selected.map(async (name) => {
        try {
          return await downOne(services[name], settings, progress, graceMs);
        } catch (err) {
          const error = toStackError(err);
          failures.push(error);
          return {
            ...baseReport(services[name], settings),
            status: 'failed' as const,
            action: 'failed',
            error: error.message,
          };
        }
      }),
    );
    return { reports, failures, totalMs: Date.now() - t0 };
  });
}

/** Health, address, pid and memory of the named services (all when empty). */
export async function stackStatus(names: string[], opts: StackRunOptions = {}): Promise<StackResult> {
  const t0 = Date.now();
  const settings = settingsOf(opts);
  const selected = resolveServiceNames(names);
  const reports = await Promise.all(
    selected.map(async (name) => {
      const def = services[name];
      const report = baseReport(def, settings);
      if (!endpointSet(def, settings)) {
        report.status = 'external';
        report.action = 'endpoint not set: the AWS service is used';
        return report;
      }
      const rec = def.managed(settings) ? ourProcess(def, settings) : null;
      // Our process is alive: give a slow machine a second chance before calling it unhealthy.
      const healthy = await answers(def, settings, rec ? 3 : 1);
      if (rec) {
        report.managed = true;
        report.pid = rec.pid;
        report.rssKb = rssKb(rec.pid);
        report.startupMs = rec.startupMs ?? null;
        report.status = healthy ? 'up' : 'unhealthy';
        report.action = healthy ? 'running' : 'running but not answering';
      } else {
        report.status = healthy ? 'external' : 'down';
        report.action = healthy
          ? 'answering, not started by this stack'
          : def.managed(settings)
            ? 'not running'
            : 'does not answer';
      }
      return report;
    }),
  );
  const failures = reports
    .filter((r) => r.status === 'down' || r.status === 'unhealthy')
    .map((r) => new StackError('serviceDown', `${r.name} is ${r.status} (${r.address})`));
  return { reports, failures, totalMs: Date.now() - t0 };
}

/** Stops the named services if running and deletes their data. */
export async function stackReset(names: string[], opts: StackRunOptions = {}): Promise<StackResult> {
  const t0 = Date.now();
  const settings = settingsOf(opts);
  if (names.length === 0) throw new StackError('failure', 'name the services to reset (or all)');
  const selected = resolveServiceNames(names);
  const progress = opts.progress ?? (() => undefined);
  return withStackLock(settings, async () => {
    const failures: StackError[] = [];
    const reports: ServiceReport[] = [];
    for (const name of selected) {
      const def = services[name];
      const report = baseReport(def, settings);
      reports.push(report);
      if (!def.managed(settings) || !endpointSet(def, settings)) {
        failures.push(
          new StackError(
            'failure',
            `${name} at ${report.address} is not on this machine; the stack does not manage its data`,
          ),
        );
        report.status = 'failed';
        continue;
      }
      if (!ourProcess(def, settings) && def.adoptsExisting && (await answers(def, settings))) {
        failures.push(
          new StackError(
            'failure',
            `${name} at ${report.address} was not started by the stack; change its data there yourself`,
          ),
        );
        report.status = 'failed';
        continue;
      }
      await downOne(def, settings, progress, 20_000);
      const ctx = contextOf(def, settings, progress);
      for (const p of def.dataPaths(ctx)) fs.rmSync(p, { recursive: true, force: true });
      report.status = 'stopped';
      report.action = 'data wiped';
      ctx.progress(`data wiped${def.resetNote ? `: ${def.resetNote}` : ''}`);
    }
    return { reports, failures, totalMs: Date.now() - t0 };
  });
}

/** The log file of a service. */
export function stackLogFile(name: string, opts: StackRunOptions = {}): string {
  const [resolved] = resolveServiceNames([name]);
  if (!resolved) throw new StackError('failure', `unknown service "${name}"`);
  return logFileOf(settingsOf(opts), resolved);
}
