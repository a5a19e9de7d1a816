// Incremental crawl state: what was last emitted per posting (hash, validators, last body for a CLOSED record)
// and, for list-only boards, what each listing page held (so a 304 on the page vouches for all its postings).
// Persisted as the compacted topic crawl.state (schemas/crawl-state.avsc); this module is the in-memory view
// plus the mapping to and from Avro values.
import { createHash } from 'node:crypto';

export type PostingStatus = 'OPEN' | 'CLOSED';

export interface PostingState {
  kind: 'POSTING';
  board: string;
  boardPostingId: string;
  scope: string;
  status: PostingStatus;
  contentHash: string;
  etag: string | null;
  lastModified: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  url: string;
  sourceUrl: string;
  httpStatus: number;
  contentType: string;
  /** Last emitted body, repeated by the CLOSED record. */
  body: Buffer | null;
  listEntry: string | null;
  runId: string;
}

export interface PageState {
  kind: 'LIST_PAGE';
  board: string;
  /** The page URL. */
  boardPostingId: string;
  scope: string;
  etag: string | null;
  lastModified: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Board posting ids the page listed. */
  pageRefs: string[];
  /** JSON of the next PageRequest, or null when it was the scope's last page. */
  pageNext: string | null;
  runId: string;
}

export type StateEntry = PostingState | PageState;

export function postingKey(board: string, id: string): string {
  return `${board}:${id}`;
}

export function pageKey(board: string, url: string): string {
  return `${board}:page:${createHash('sha1').update(url).digest('hex')}`;
}

export function keyOf(entry: StateEntry): string {
  return entry.kind === 'POSTING'
    ? postingKey(entry.board, entry.boardPostingId)
    : pageKey(entry.board, entry.boardPostingId);
}

export class CrawlStateStore {
  private readonly entries = new Map<string, StateEntry>();

  get size(): number {
    return this.entries.size;
  }

  posting(board: string, id: string): PostingState | undefined {
    const e = this.entries.get(postingKey(board, id));
    return e?.kind === 'POSTING' ? e : undefined;
  }

  page(board: string, url: string): PageState | undefined {
    const e = this.entries.get(pageKey(board, url));
    return e?.kind === 'LIST_PAGE' ? e : undefined;
  }

  set(entry: StateEntry): void {
    this.entries.set(keyOf(entry), entry);
  }

  clear(): void {
    this.entries.clear();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Open postings of a board in the given scopes. */
  openPostings(board: string, scopes: ReadonlySet<string>): PostingState[] {
    const out: PostingState[] = [];
    for (const e of this.entries.values()) {
      if (e.kind === 'POSTING' && e.board === board && e.status === 'OPEN' && scopes.has(e.scope)) out.push(e);
    }
    return out;
  }
}

/** The Avro value (schemas/crawl-state.avsc) of an entry. */
export function toStateValue(e: StateEntry): Record<string, unknown> {
  const common = {
    kind: e.kind,
    board: e.board,
    boardPostingId: e.boardPostingId,
    scope: e.scope,
    etag: e.etag,
    lastModified: e.lastModified,
    firstSeenAt: e.firstSeenAt,
    lastSeenAt: e.lastSeenAt,
    runId: e.runId,
  };
  if (e.kind === 'LIST_PAGE') {
    return {
      ...common,
      status: 'OPEN',
      contentHash: null,
      url: e.boardPostingId,
      sourceUrl: e.boardPostingId,
      httpStatus: 200,
      contentType: '',
      body: null,
      listEntry: null,
      pageRefs: e.pageRefs,
      pageNext: e.pageNext,
    };
  }
  return {
    ...common,
    status: e.status,
    contentHash: e.contentHash,
    url: e.url,
    sourceUrl: e.sourceUrl,
    httpStatus: e.httpStatus,
    contentType: e.contentType,
    body: e.body,
    listEntry: e.listEntry,
    pageRefs: [],
    pageNext: null,
  };
}

/** An entry from its decoded Avro value. */
export function fromStateValue(v: Record<string, unknown>): StateEntry {
  const str = (k: string) => String(v[k] ?? '');
  const opt = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null);
  const num = (k: string) => Number(v[k] ?? 0);
  const common = {
    board: str('board'),
    boardPostingId: str('boardPostingId'),
    scope: str('scope'),
    etag: opt('etag'),
    lastModified: opt('lastModified'),
    firstSeenAt: num('firstSeenAt'),
    lastSeenAt: num('lastSeenAt'),
    runId: str('runId'),
  };
  if (v.kind === 'LIST_PAGE') {
    return {
      kind: 'LIST_PAGE',
      ...common,
      pageRefs: Array.isArray(v.pageRefs) ? (v.pageRefs as string[]) : [],
      pageNext: opt('pageNext'),
    };
  }
  return {
    kind: 'POSTING',
    ...common,
    status: v.status === 'CLOSED' ? 'CLOSED' : 'OPEN',
    contentHash: str('contentHash'),
    url: str('url'),
    sourceUrl: str('sourceUrl'),
    httpStatus: num('httpStatus'),
    contentType: str('contentType'),
    body: Buffer.isBuffer(v.body) ? v.body : null,
    listEntry: opt('listEntry'),
  };
}
