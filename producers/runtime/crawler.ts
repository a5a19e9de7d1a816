// One crawl run of one board: walk every listing scope page by page, fetch what changed, and emit NEW / CHANGED
// raw records; when a scope's listing was walked completely, emit CLOSED for the open postings it no longer lists.
// Every failure of a page or a posting is counted by kind and the crawl goes on; nothing half-parsed is emitted.
import { setMaxListeners } from 'node:events';
import type { Logger } from '../../platform/logger';
import { describeError } from '../../platform/errors';
import { ParseError, type BoardAdapter, type CommonBoardSettings, type PageRequest, type PostingRef } from '../adapter';
import { systemClock, type Clock } from './clock';
import { contentHash } from './content-hash';
import type { CrawlStateStore, PageState, PostingState } from './crawl-state';
import { FetchError } from './fetch-error';
import type { FetchResult, HttpFetcher } from './http-fetcher';
import { CrawlStats, type RawPostingValue } from './records';
import type { CrawlSink } from './sink';
import { TaskPool } from './task-pool';

export interface CrawlOptions {
  runId: string;
  /** Stop after this many postings were looked at (the listing then counts as incomplete: no closures). */
  max?: number;
  /** Skip postings published / updated before this time (ms); they still count as listed. */
  since?: number | null;
  signal?: AbortSignal;
}

export interface BoardCrawlDeps {
  adapter: BoardAdapter<CommonBoardSettings>;
  settings: CommonBoardSettings;
  fetcher: HttpFetcher;
  store: CrawlStateStore;
  sink: CrawlSink;
  log: Logger;
  clock?: Clock;
  /** Largest body a raw record may carry (the broker's message limit). */
  maxRecordBytes: number;
  /** lastSeenAt of an unchanged posting is re-written at most this often (keeps state writes proportional to change). */
  touchIntervalMs: number;
  onProgress?: (stats: CrawlStats) => void;
}

export interface CrawlRunResult {
  board: string;
  runId: string;
  stats: CrawlStats;
  /** Scopes whose listing was walked completely (closures were decided for them). */
  completeScopes: string[];
  failed: string | null;
  /** The failure was not the board's (output could not be committed, or a bug): the session should be reopened. */
  fatal: boolean;
}

interface PageContext {
  url: string;
  status: number;
}

export async function crawlBoard(deps: BoardCrawlDeps, opts: CrawlOptions): Promise<CrawlRunResult> {
  return new BoardCrawl(deps, opts).run();
}

class BoardCrawl {
  private readonly stats = new CrawlStats();
  private readonly clock: Clock;
  private readonly board: string;
  /** Ids listed in this run (present on the board). */
  private readonly listed = new Set<string>();
  private readonly pool: TaskPool;
  private stopped = false;

  constructor(
    private readonly deps: BoardCrawlDeps,
    private readonly opts: CrawlOptions,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.board = deps.adapter.name;
    this.pool = new TaskPool(deps.settings.concurrency);
  }

  async run(): Promise<CrawlRunResult> {
    const { sink, log } = this.deps;
    // Every waiting request listens on the run's signal (got, the rate limiter): more than Node's default 10.
    if (this.opts.signal) setMaxListeners(0, this.opts.signal);
    const complete: string[] = [];
    await sink.event(this.stats.event(this.opts.runId, this.board, 'STARTED', this.clock.now()));
    try {
      for (const start of this.deps.adapter.startRequests(this.deps.settings)) {
        if (await this.walkScope(start)) complete.push(start.scope);
      }
      await this.pool.drain();
      if (!this.stopped) await this.closeMissing(new Set(complete));
      const failed =
        this.stats.pagesFetched === 0 && this.stats.errorCount > 0 ? 'no listing page could be read' : null;
      await sink.event(
        this.stats.event(this.opts.runId, this.board, failed ? 'FAILED' : 'FINISHED', this.clock.now(), failed),
      );
      return {
        board: this.board,
        runId: this.opts.runId,
        stats: this.stats,
        completeScopes: complete,
        failed,
        fatal: false,
      };
    } catch (err) {
      // Output could not be committed (Kafka) or the run was stopped: say so on the events topic if still possible.
      const message = this.opts.signal?.aborted ? 'stopped' : describeError(err);
      log.error({ err, board: this.board, runId: this.opts.runId }, 'crawl run failed');
      await sink
        .event(this.stats.event(this.opts.runId, this.board, 'FAILED', this.clock.now(), message))
        .catch(() => undefined);
      return {
        board: this.board,
        runId: this.opts.runId,
        stats: this.stats,
        completeScopes: [],
        failed: message,
        fatal: !this.opts.signal?.aborted,
      };
    }
  }

  /** Walks one scope's listing; true when every page was read and every entry understood. */
  private async walkScope(start: PageRequest): Promise<boolean> {
    const { adapter, settings, log } = this.deps;
    const visited = new Set<string>();
    let request: PageRequest | null = start;
    let complete = true;
    while (request) {
      if (this.opts.signal?.aborted) throw new Error('stopped');
      if (this.stopped) return false;
      if (request.page > settings.maxPages) {
        log.info({ board: this.board, scope: start.scope, maxPages: settings.maxPages }, 'max pages reached');
        return false;
      }
      if (visited.has(request.url)) {
        this.stats.error('pagination_loop');
        return false;
      }
      visited.add(request.url);
      const cached: PageState | undefined = adapter.listCarriesPostings
        ? this.deps.store.page(this.board, request.url)
        : undefined;
      let res: FetchResult;
      try {
        res = await this.fetch(request, cached?.etag, cached?.lastModified);
      } catch (err) {
        this.countFailure(err, request.url);
        return false;
      }
      this.stats.pagesFetched++;
      if (res.notModified && cached) {
        // The page is as it was: every posting on it is listed and unchanged.
        this.stats.notModified++;
        for (const id of cached.pageRefs) {
          if (this.listed.has(id)) continue;
          this.listed.add(id);
          this.stats.listed++;
          this.stats.unchangedPostings++;
        }
        this.progress();
        request = cached.pageNext ? (JSON.parse(cached.pageNext) as PageRequest) : null;
        continue;
      }
      let page;
      try {
        page = adapter.parseListPage(decodeBody(res.body, res.contentType), request, settings);
      } catch (err) {
        this.countFailure(err, request.url);
        return false;
      }
      if (page.badEntries.length > 0) {
        this.stats.error('parse', page.badEntries.length);
        log.warn(
          { board: this.board, url: request.url, problems: page.badEntries.slice(0, 5) },
          'unreadable listing entries',
        );
        complete = false;
      }
      const ctx: PageContext = { url: res.url, status: res.status };
      const errorsBefore = this.stats.errorCount;
      const skippedBefore = this.stats.skipped;
      for (const ref of page.refs) {
        if (this.listed.has(ref.id)) continue;
        if (this.opts.max !== undefined && this.stats.processed >= this.opts.max) {
          this.stopped = true;
          break;
        }
        this.listed.add(ref.id);
        this.stats.listed++;
        this.stats.processed++;
        if (ref.inline) await this.process(ref, ctx);
        else await this.pool.run(() => this.process(ref, ctx));
      }
      this.progress();
      if (adapter.listCarriesPostings && !this.stopped) {
        // Written after the page's postings (same or a later transaction). Validators only when every posting on
        // the page went through (no error, none skipped by --since): a 304 next time must never hide a posting
        // that was not emitted.
        const clean =
          this.stats.errorCount === errorsBefore &&
          this.stats.skipped === skippedBefore &&
          page.badEntries.length === 0;
        await this.savePage(
          request,
          res,
          page.refs.map((r) => r.id),
          page.next,
          clean,
          cached,
        );
      }
      request = page.next;
    }
    return complete && !this.stopped;
  }

  private async process(ref: PostingRef, page: PageContext): Promise<void> {
    const { adapter, store } = this.deps;
    const prev = store.posting(this.board, ref.id);
    if (this.isBeforeSince(ref.postedAt)) {
      this.stats.skipped++;
      return;
    }
    let body: Buffer;
    let fetched: {
      status: number;
      sourceUrl: string;
      contentType: string;
      etag: string | null;
      lastModified: string | null;
    };
    if (ref.inline) {
      body = Buffer.from(ref.inline.body, 'utf8');
      fetched = {
        status: page.status,
        sourceUrl: page.url,
        contentType: ref.inline.contentType,
        etag: null,
        lastModified: null,
      };
    } else if (ref.detail) {
      const conditional = prev?.status === 'OPEN' && prev.body !== null;
      let res: FetchResult;
      try {
        res = await this.fetch(ref.detail, conditional ? prev.etag : null, conditional ? prev.lastModified : null);
      } catch (err) {
        this.countFailure(err, ref.detail.url);
        return;
      }
      if (res.notModified && prev?.body) {
        // 304: the detail is the body we hold. The listing entry may still have changed: re-hash with it below.
        this.stats.notModified++;
        body = prev.body;
        fetched = {
          status: prev.httpStatus,
          sourceUrl: prev.sourceUrl,
          contentType: prev.contentType,
          etag: res.etag ?? prev.etag,
          lastModified: res.lastModified ?? prev.lastModified,
        };
      } else {
        body = res.body;
        fetched = {
          status: res.status,
          sourceUrl: res.url,
          contentType: res.contentType,
          etag: res.etag,
          lastModified: res.lastModified,
        };
      }
    } else {
      this.stats.error('parse');
      return;
    }

    let parsed;
    try {
      parsed = adapter.parsePosting(decodeBody(body, fetched.contentType), ref);
    } catch (err) {
      this.countFailure(err, fetched.sourceUrl);
      return;
    }
    if (parsed.gone) {
      this.listed.delete(ref.id); // gone from the board: a complete listing closes it
      return;
    }
    if (this.isBeforeSince(parsed.postedAt)) {
      this.stats.skipped++;
      return;
    }
    const hash = contentHash(parsed.content);
    const now = this.clock.now();
    const listEntry = ref.listEntry ?? null;
    if (prev && prev.status === 'OPEN' && prev.contentHash === hash) {
      this.stats.unchangedPostings++;
      const validatorsMoved = prev.etag !== fetched.etag || prev.lastModified !== fetched.lastModified;
      if (validatorsMoved || now - prev.lastSeenAt >= this.deps.touchIntervalMs) {
        await this.deps.sink.put(null, {
          ...prev,
          etag: fetched.etag,
          lastModified: fetched.lastModified,
          lastSeenAt: now,
          runId: this.opts.runId,
        });
      }
      this.progress();
      return;
    }
    if (body.length > this.deps.maxRecordBytes) {
      this.stats.error('too_large');
      return;
    }
    const change = prev ? 'CHANGED' : 'NEW';
    const raw: RawPostingValue = {
      board: this.board,
      boardPostingId: ref.id,
      change,
      url: ref.url,
      sourceUrl: redactUrl(fetched.sourceUrl),
      fetchedAt: now,
      httpStatus: fetched.status,
      contentType: fetched.contentType,
      body,
      listEntry,
      contentHash: hash,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      crawlRunId: this.opts.runId,
    };
    const state: PostingState = {
      kind: 'POSTING',
      board: this.board,
      boardPostingId: ref.id,
      scope: ref.scope,
      status: 'OPEN',
      contentHash: hash,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      firstSeenAt: prev?.firstSeenAt ?? now,
      lastSeenAt: now,
      url: ref.url,
      sourceUrl: raw.sourceUrl,
      httpStatus: fetched.status,
      contentType: fetched.contentType,
      body,
      listEntry,
      runId: this.opts.runId,
    };
    await this.deps.sink.put(raw, state);
    if (change === 'NEW') this.stats.newPostings++;
    else this.stats.changedPostings++;
    this.progress();
  }

  private async closeMissing(completeScopes: Set<string>): Promise<void> {
    if (completeScopes.size === 0) return;
    const now = this.clock.now();
    for (const prev of this.deps.store.openPostings(this.board, completeScopes)) {
      if (this.listed.has(prev.boardPostingId)) continue;
      const raw: RawPostingValue = {
        board: this.board,
        boardPostingId: prev.boardPostingId,
        change: 'CLOSED',
        url: prev.url,
        sourceUrl: prev.sourceUrl,
        fetchedAt: now,
        httpStatus: prev.httpStatus,
        contentType: prev.contentType,
        body: prev.body ?? Buffer.alloc(0),
        listEntry: prev.listEntry,
        contentHash: prev.contentHash,
        etag: prev.etag,
        lastModified: prev.lastModified,
        crawlRunId: this.opts.runId,
      };
      await this.deps.sink.put(raw, { ...prev, status: 'CLOSED', runId: this.opts.runId });
      this.stats.closedPostings++;
    }
    this.progress();
  }

  private async savePage(
    request: PageRequest,
    res: FetchResult,
    ids: string[],
    next: PageRequest | null,
    clean: boolean,
    cached: PageState | undefined,
  ): Promise<void> {
    const now = this.clock.now();
    const entry: PageState = {
      kind: 'LIST_PAGE',
      board: this.board,
      boardPostingId: request.url,
      scope: request.scope,
      etag: clean ? res.etag : null,
      lastModified: clean ? res.lastModified : null,
      firstSeenAt: cached?.firstSeenAt ?? now,
      lastSeenAt: now,
      pageRefs: ids,
      pageNext: next ? JSON.stringify(next) : null,
      runId: this.opts.runId,
    };
    const same =
      cached &&
      cached.etag === entry.etag &&
      cached.lastModified === entry.lastModified &&
      cached.pageNext === entry.pageNext &&
      cached.pageRefs.join('\n') === ids.join('\n');
    if (!same) await this.deps.sink.put(null, entry);
  }

  private fetch(
    req: Pick<PageRequest, 'url' | 'method' | 'headers' | 'body'>,
    etag?: string | null,
    lastModified?: string | null,
  ) {
    return this.deps.fetcher.fetch({
      url: req.url,
      method: req.method,
      headers: req.headers,
      body: req.body,
      minIntervalMs: this.deps.settings.minIntervalMs,
      maxBodyBytes: this.deps.settings.maxBodyBytes,
      etag,
      lastModified,
      signal: this.opts.signal,
      onRequest: () => {
        this.stats.requests++;
      },
    });
  }

  private countFailure(err: unknown, url: string): void {
    if (this.opts.signal?.aborted) throw err;
    if (err instanceof FetchError) this.stats.error(err.kind);
    else if (err instanceof ParseError) this.stats.error('parse');
    else throw err; // a bug or an unexpected failure: let the run fail loudly
    this.deps.log.warn({ board: this.board, url: redactUrl(url), err: describeError(err) }, 'crawl error');
    this.progress();
  }

  private isBeforeSince(t: number | null | undefined): boolean {
    return this.opts.since != null && t != null && t < this.opts.since;
  }

  private progress(): void {
    this.deps.onProgress?.(this.stats);
  }
}

/** Body text in the charset the Content-Type names (Korean sites sometimes still send EUC-KR); UTF-8 otherwise. */
export function decodeBody(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8') return body.toString('utf8');
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return body.toString('utf8');
  }
}

/** A URL without secrets in its query (API keys), for records and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const k of [...u.searchParams.keys()]) {
      if (/^(access-key|access_key|api[-_]?key|token|key|secret)$/i.test(k)) u.searchParams.set(k, 'REDACTED');
    }
    return u.toString();
  } catch {
    return url;
  }
}
