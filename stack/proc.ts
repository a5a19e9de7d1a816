// Processes the stack starts: spawn detached with output to a log file, remember them in pid files, recognise them
// again through /proc/<pid>/cmdline, stop them with SIGTERM then SIGKILL, and read their memory use.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What .infra/run/<service>.json records about a process the stack started. */
export interface PidRecord {
  service: string;
  pid: number;
  /** An argument of the process's command line that no foreign process has (it names our state folder). */
  marker: string;
  startedAt: string;
  /** Time from spawn to the first healthy answer, when known. */
  startupMs?: number;
  command: string[];
}

export function readPidRecord(file: string): PidRecord | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const rec = JSON.parse(text) as Partial<PidRecord>;
    if (typeof rec.pid !== 'number' || typeof rec.marker !== 'string' || typeof rec.service !== 'string') return null;
    return rec as PidRecord;
  } catch {
    return null;
  }
}

export function writePidRecord(file: string, rec: PidRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(rec, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export function removePidRecord(file: string): void {
  fs.rmSync(file, { force: true });
}

interface ProcStat {
  state: string;
  ppid: number;
  pgrp: number;
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ppid pgrp ..." where comm may itself contain spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
}

export function cmdlineOf(pid: number): string[] | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((s) => s.length > 0);
  } catch {
    return null;
  }
}

/** True when the recorded pid is alive and still runs our command (pids are reused after a process dies). */
export function isOurProcess(rec: Pick<PidRecord, 'pid' | 'marker'>): boolean {
  if (!isAlive(rec.pid)) return false;
  const cmdline = cmdlineOf(rec.pid);
  return cmdline !== null && cmdline.includes(rec.marker);
}

/** Resident memory of a process in KiB (VmRSS), or null when it is gone. */
export function rssKb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export interface LaunchSpec {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
}

/** Starts a process in its own session (it outlives the CLI), stdout and stderr appended to logFile. */
export function spawnDetached(spec: LaunchSpec): Promise<number> {
  fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
  const fd = fs.openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => {
        child.unref();
        if (child.pid === undefined) reject(new Error(`${spec.command} did not start`));
        else resolve(child.pid);
      });
    });
  } finally {
    fs.closeSync(fd);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  // Our processes lead their own process group (spawned detached): signal the group so helpers go too.
  const stat = procStat(pid);
  try {
    process.kill(stat && stat.pgrp === pid ? -pid : pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

export type StopOutcome = 'terminated' | 'killed' | 'gone';

/** SIGTERM, then SIGKILL once graceMs has passed. Resolves when the process is gone. */
export async function stopProcess(pid: number, graceMs: number): Promise<StopOutcome> {
  if (!isAlive(pid)) return 'gone';
  signal(pid, 'SIGTERM');
  if (await waitGone(pid, graceMs)) return 'terminated';
  signal(pid, 'SIGKILL');
  if (await waitGone(pid, 10_000)) return 'killed';
  throw new Error(`process ${pid} survived SIGKILL`);
}
