// Bounded concurrency: run() waits for a free slot (backpressure on the listing walk), drain() for all tasks.
// The first task failure is kept and rethrown by the next run()/drain().
export class TaskPool {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private failure: unknown;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  async run(task: () => Promise<void>): Promise<void> {
    while (this.active >= this.limit) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure !== undefined) throw this.failure;
    this.active++;
    const p = task()
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => {
        this.active--;
        this.running.delete(p);
        this.waiters.shift()?.();
      });
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
    if (this.failure !== undefined) throw this.failure;
  }
}
