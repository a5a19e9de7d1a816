// Runs pipeline components as child processes (`techmap run <name>`), one log file each, restarting a child
// that dies with a capped backoff. Used by `techmap start`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/config';
import { componentLogger } from '../platform/logger';

export interface ChildSpec {
  name: string;
  args: string[];
  env?: Record<string, string>;
}

interface Running {
  spec: ChildSpec;
  child?: ChildProcess;
  restarts: number;
  stopping: boolean;
  startedAt: number;
}

const log = componentLogger('supervisor');

export class Supervisor {
  private readonly running = new Map<string, Running>();

  constructor(private readonly logDir: string) {
    fs.mkdirSync(logDir, { recursive: true });
  }

  start(spec: ChildSpec): void {
    const entry: Running = { spec, restarts: 0, stopping: false, startedAt: Date.now() };
    this.running.set(spec.name, entry);
    this.spawn(entry);
  }

  logFile(name: string): string {
    return path.join(this.logDir, `${name}.log`);
  }

  status(): Array<{ name: string; pid?: number; restarts: number; alive: boolean }> {
    return [...this.running.values()].map((r) => ({
      name: r.spec.name,
      pid: r.child?.pid,
      restarts: r.restarts,
      alive: Boolean(r.child && r.child.exitCode === null && r.child.signalCode === null),
    }));
  }

  /** SIGTERM to every child, SIGKILL to those still alive after `graceMs`. */
  async stopAll(graceMs = 15000): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const r of this.running.values()) {
      r.stopping = true;
      const child = r.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      waits.push(
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
      );
    }
    await Promise.all(waits);
  }

  private spawn(entry: Running): void {
    const out = fs.openSync(this.logFile(entry.spec.name), 'a');
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/techmap.js'), ...entry.spec.args], {
      cwd: repoRoot,
      env: { ...process.env, ...entry.spec.env },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    entry.child = child;
    entry.startedAt = Date.now();
    child.on('exit', (code, signal) => {
      if (entry.stopping) return;
      entry.restarts++;
      // Capped exponential backoff; a child that ran a while starts again quickly.
      const ranMs = Date.now() - entry.startedAt;
      const delay = ranMs > 60000 ? 1000 : Math.min(30000, 1000 * 2 ** Math.min(entry.restarts, 5));
      log.warn({ component: entry.spec.name, code, signal, delay }, 'component exited: restarting');
      setTimeout(() => {
        if (!entry.stopping) this.spawn(entry);
      }, delay).unref();
    });
  }
}
