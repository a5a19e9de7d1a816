// Per-host politeness: at most one request start per minIntervalMs per host. Callers reserve the next free slot
// in arrival order and sleep until it, so concurrent fetchers to one host are spaced, fetchers to different hosts
// are not. Retry-After and robots.txt crawl-delay push a host's next slot further out.
import { systemClock, type Clock } from './clock';

export class HostRateLimiter {
  private readonly nextSlot = new Map<string, number>();

  constructor(private readonly clock: Clock = systemClock) {}

  /** Waits for this host's next slot and takes it. */
  async acquire(host: string, minIntervalMs: number, signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const start = Math.max(now, this.nextSlot.get(host) ?? now);
    this.nextSlot.set(host, start + minIntervalMs);
    if (start > now) await this.clock.sleep(start - now, signal);
  }

  /** No request to host starts before `until` (ms since epoch on this limiter's clock). */
  deferUntil(host: string, until: number): void {
    this.nextSlot.set(host, Math.max(this.nextSlot.get(host) ?? 0, until));
  }
}
