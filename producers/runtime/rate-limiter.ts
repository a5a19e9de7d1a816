// Per-host politeness: request starts to one host are at least minIntervalMs apart. Callers queue per host in
// arrival order; each waits for the one before it to start, then until the interval since that actual start has
// passed (so a stalled event loop can never release a burst of overdue requests at once). Requests to different
// hosts do not wait for each other. Retry-After and robots.txt crawl-delay push a host's next start further out.
import { systemClock, type Clock } from './clock';

export class HostRateLimiter {
  private readonly tail = new Map<string, Promise<void>>();
  private readonly lastStart = new Map<string, number>();
  private readonly notBefore = new Map<string, number>();

  constructor(private readonly clock: Clock = systemClock) {}

  /** Waits for this host's turn and takes it. */
  async acquire(host: string, minIntervalMs: number, signal?: AbortSignal): Promise<void> {
    const previous = this.tail.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tail.set(host, mine);
    await previous;
    try {
      const last = this.lastStart.get(host);
      const earliest = Math.max(
        last === undefined ? -Infinity : last + minIntervalMs,
        this.notBefore.get(host) ?? -Infinity,
      );
      const wait = earliest - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
      this.lastStart.set(host, this.clock.now());
    } finally {
      if (this.tail.get(host) === mine) this.tail.delete(host);
      release();
    }
  }

  /** No request to host starts before `until` (ms on this limiter's clock). */
  deferUntil(host: string, until: number): void {
    this.notBefore.set(host, Math.max(this.notBefore.get(host) ?? 0, until));
  }
}
