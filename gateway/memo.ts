// A small time-bounded memo for slow-changing figures (coverage counts behind an aggregate): one computation
// per key and period, concurrent callers share it, failures are not kept, size is bounded.
export class TtlMemo<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
  ) {}

  get(key: string, compute: () => Promise<V>, now: number = Date.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) {
      for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    const value = compute();
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

/**
 * A memo for figures that are slow to count and slow to change, kept OFF the request path: a request gets the
 * remembered value (even when stale: it is then recounted in the background), or waits at most `waitMs` for a
 * first count and otherwise gets undefined while the count finishes. At most `concurrency` counts run at once,
 * so a burst of new keys cannot flood the database.
 */
export class BackgroundMemo<V> {
  private readonly entries = new Map<string, { at: number; value?: V; pending?: Promise<V> }>();
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly ttlMs: number,
    private readonly concurrency = 2,
    private readonly maxEntries = 2000,
  ) {}

  async get(key: string, compute: () => Promise<V>, waitMs: number): Promise<V | undefined> {
    let e = this.entries.get(key);
    const now = Date.now();
    if (e?.value !== undefined && now - e.at < this.ttlMs) return e.value;
    if (!e) {
      if (this.entries.size >= this.maxEntries) this.evict(now);
      e = { at: 0 };
      this.entries.set(key, e);
    }
    if (!e.pending) {
      e.pending = this.run(key, e, compute);
      e.pending.catch(() => undefined); // a failed count is retried by the next request
    }
    if (e.value !== undefined) return e.value; // stale while it is recounted
    if (waitMs <= 0) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      return await Promise.race([e.pending.catch(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(key: string, e: { at: number; value?: V; pending?: Promise<V> }, compute: () => Promise<V>) {
    await this.slot();
    try {
      const value = await compute();
      e.value = value;
      e.at = Date.now();
      return value;
    } finally {
      e.pending = undefined;
      this.release();
      if (e.value === undefined && this.entries.get(key) === e) this.entries.delete(key);
    }
  }

  private slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.queue.push(() => resolve()));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }

  private evict(now: number): void {
    for (const [k, e] of this.entries) if (!e.pending && now - e.at >= this.ttlMs) this.entries.delete(k);
    if (this.entries.size >= this.maxEntries) {
      for (const [k, e] of this.entries) if (!e.pending) this.entries.delete(k);
    }
  }
}
