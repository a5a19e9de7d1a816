// The values this component writes, shaped as their Avro schemas (raw-posting, crawl-event).
export type ChangeKind = 'NEW' | 'CHANGED' | 'CLOSED';

export interface RawPostingValue {
  board: string;
  boardPostingId: string;
  change: ChangeKind;
  url: string;
  sourceUrl: string;
  fetchedAt: number;
  httpStatus: number;
  contentType: string;
  body: Buffer;
  listEntry: string | null;
  contentHash: string;
  etag: string | null;
  lastModified: string | null;
  crawlRunId: string;
}

export type CrawlEventKind = 'STARTED' | 'FINISHED' | 'FAILED';

export interface CrawlEventValue {
  runId: string;
  board: string;
  kind: CrawlEventKind;
  at: number;
  pagesFetched: number;
  requests: number;
  newPostings: number;
  changedPostings: number;
  unchangedPostings: number;
  closedPostings: number;
  notModified: number;
  errors: Record<string, number>;
  message: string | null;
}

/** Counters of one board's crawl run; what the summary table and the crawl events show. */
export class CrawlStats {
  pagesFetched = 0;
  requests = 0;
  listed = 0;
  processed = 0;
  newPostings = 0;
  changedPostings = 0;
  unchangedPostings = 0;
  closedPostings = 0;
  notModified = 0;
  skipped = 0;
  readonly errors: Record<string, number> = {};

  error(kind: string, n = 1): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + n;
  }

  get errorCount(): number {
    return Object.values(this.errors).reduce((a, b) => a + b, 0);
  }

  get emitted(): number {
    return this.newPostings + this.changedPostings + this.closedPostings;
  }

  event(
    runId: string,
    board: string,
    kind: CrawlEventKind,
    at: number,
    message: string | null = null,
  ): CrawlEventValue {
    return {
      runId,
      board,
      kind,
      at,
      pagesFetched: this.pagesFetched,
      requests: this.requests,
      newPostings: this.newPostings,
      changedPostings: this.changedPostings,
      unchangedPostings: this.unchangedPostings,
      closedPostings: this.closedPostings,
      notModified: this.notModified,
      errors: { ...this.errors },
      message,
    };
  }
}
