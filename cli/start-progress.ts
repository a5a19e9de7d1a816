// What `techmap start` prints while it runs (pure, so it is tested without processes): a progress line whenever
// the counts change until the first postings are visible in the API, then one "data visible at <url>" line, and
// after that only what an operator must notice — a component that stopped or came back, new dead letters.
export interface StartSnapshot {
  counts: { raw: number; silver: number; gold: number; dlq: number };
  /** Postings the REST API counts over all job fields. */
  visible: number;
  /** Components whose process is not running (being restarted by the supervisor). */
  down: string[];
}

export class StartProgress {
  private lastLine = '';
  private visibleSince = false;
  private down = new Set<string>();
  private dlq = 0;

  constructor(private readonly dashboardUrl: string) {}

  /** True once the data-visible line was printed. */
  get dataVisible(): boolean {
    return this.visibleSince;
  }

  /** The lines to print for this snapshot (often none). */
  update(s: StartSnapshot): string[] {
    const out: string[] = [];
    if (!this.visibleSince) {
      const { raw, silver, gold, dlq } = s.counts;
      const line =
        `progress: raw=${raw} silver=${silver} gold=${gold} dlq=${dlq} postings in API=${s.visible}` +
        (s.down.length ? ` restarting=${s.down.join(',')}` : '');
      if (line !== this.lastLine) out.push(line);
      this.lastLine = line;
      if (s.visible > 0) {
        this.visibleSince = true;
        out.push(`techmap: data visible at ${this.dashboardUrl} (${s.visible} postings; Ctrl-C stops everything)`);
      }
    } else {
      for (const name of s.down) if (!this.down.has(name)) out.push(`techmap: ${name} stopped, restarting it`);
      for (const name of this.down) if (!s.down.includes(name)) out.push(`techmap: ${name} running again`);
      if (s.counts.dlq > this.dlq) {
        const n = s.counts.dlq - this.dlq;
        out.push(`techmap: ${n} new dead letter${n === 1 ? '' : 's'} (${s.counts.dlq} in all; see techmap dlq list)`);
      }
    }
    this.down = new Set(s.down);
    this.dlq = s.counts.dlq;
    return out;
  }
}
