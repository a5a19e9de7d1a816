// A circuit breaker for the LLM: after `failureThreshold` consecutive failures it opens and refuses calls; after
// `cooldownMs` it lets one trial call through (half-open): success closes it, failure opens it again.

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private current: BreakerState = 'closed';

  constructor(
    private readonly failureThreshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
  ) {}

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) this.set('half-open');
    return this.current;
  }

  /** True when a call may be made now; in half-open state only one trial call is let through at a time. */
  tryAcquire(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    if (this.current !== 'closed') this.set('closed');
  }

  failure(): void {
    this.failures++;
    const trial = this.trialInFlight;
    this.trialInFlight = false;
    if (trial || this.failures >= this.failureThreshold) {
      this.openedAt = this.now();
      this.set('open');
    }
  }

  /** A call that was let through but not made (e.g. the budget said no) gives its trial slot back. */
  release(): void {
    this.trialInFlight = false;
  }

  private set(state: BreakerState) {
    if (state === this.current) return;
    this.current = state;
    this.onChange(state);
  }
}
