// Latency bookkeeping of the end-to-end benchmark. Each bronze record is sent with its send time as `fetchedAt`
// (what a crawler stamps); refine copies it into the posting's source (`lastSeenAt`), de-duplication keeps the
// newest per source, and enrich keeps the sources. So the first record downstream whose sources include
// `<board>:<boardPostingId>` with exactly that `lastSeenAt` is the first to carry that bronze record, even when
// de-duplication merged it into a posting seen on another board.

export interface SourceStamp {
  board: string;
  boardPostingId: string;
  lastSeenAt: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values (q in 0..1); NaN when empty. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

/** When each bronze record first showed up in one topic. */
export class ArrivalLog {
  private readonly expected = new Map<string, number>();
  private readonly arrived = new Map<string, number>();

  /** A bronze record sent with `fetchedAt`, to be looked for in this topic. */
  expect(id: string, fetchedAt: number): void {
    this.expected.set(id, fetchedAt);
  }

  /** A record of this topic seen at `at` (ms): marks every expected bronze record it carries for the first time. */
  seen(sources: SourceStamp[], at: number): void {
    for (const s of sources) {
      const id = `${s.board}:${s.boardPostingId}`;
      if (this.expected.get(id) === s.lastSeenAt && !this.arrived.has(id)) this.arrived.set(id, at);
    }
  }

  arrivalOf(id: string): number | undefined {
    return this.arrived.get(id);
  }

  has(id: string): boolean {
    return this.arrived.has(id);
  }
}
