// Time as a dependency: the real clock for crawls, a virtual one for tests and the rate-limit benchmark.
import { setTimeout as sleepReal } from 'node:timers/promises';

export interface Clock {
  now(): number;
  /** Resolves after ms (rejects with an AbortError when signal aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (ms > 0) await sleepReal(ms, undefined, signal ? { signal } : undefined);
  },
};

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A discrete-event clock: time only moves when every task is waiting on a sleep, then it jumps to the earliest
 * wake-up. Work that waits on real I/O must not run under it.
 */
export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.timers.push({ at: this.t + ms, seq: this.seq++, resolve }));
  }

  /** Drives time until `work` settles and returns its result. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    done.catch(() => undefined);
    while (!settled) {
      await new Promise<void>((r) => setImmediate(r));
      if (settled || this.timers.length === 0) continue;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    return work;
  }
}
