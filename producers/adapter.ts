// The one small interface every board adapter implements: listing pages → posting refs → (detail) → parsed posting.
// Adapters are pure: they build requests and parse response text. HTTP, politeness, state and Kafka live in runtime/.
import { z } from 'zod';
import { TechmapError } from '../platform/errors';

/** One HTTP request an adapter wants made (a listing page or a posting's detail). */
export interface PageRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Form or JSON body for POST requests. */
  body?: string;
  /**
   * Listing scope the request belongs to (a Greenhouse board token, a Lever site, or the board itself).
   * A posting is only marked CLOSED when the whole listing of its scope was walked in the run.
   */
  scope: string;
  /** 1-based page number inside the scope, for the max-pages bound. */
  page: number;
  /** Adapter-private cursor carried to the next page (JSON-serialisable). */
  cursor?: Record<string, string | number | boolean | null | Array<string | number>>;
}

export interface PostingRef {
  /** The board's own id ('<board token>/<job id>' for Greenhouse and Lever). */
  id: string;
  scope: string;
  /** Human-facing URL of the posting on the board. */
  url: string;
  /** Detail request; absent for list-only boards whose listing already carries the whole posting. */
  detail?: Omit<PageRequest, 'scope' | 'page'>;
  /** For list-only boards: the posting's element of the listing, serialised as received JSON (or the element's HTML). */
  inline?: { body: string; contentType: string };
  /** The posting's listing entry as JSON text, when the detail lacks fields the listing has (list-only tags). */
  listEntry?: string | null;
  /** Posting / update time known from the listing (ms), for --since. */
  postedAt?: number | null;
  /** Title as listed, for logs and progress. */
  title?: string;
}

export interface ListPage {
  refs: PostingRef[];
  /** The next listing request, or null when this was the last page of the scope. */
  next: PageRequest | null;
  /** Listing entries that could not be read (missing id, wrong type...). Any such entry makes the listing incomplete. */
  badEntries: string[];
}

export interface ParsedPosting {
  /**
   * The posting's content normalised for change detection: plain JSON, volatile fields (view/apply counts,
   * bookmark flags, request ids) removed. Equal content ⇒ equal contentHash.
   */
  content: unknown;
  title: string;
  /** When the posting was published or last updated (ms), when the board says. */
  postedAt: number | null;
  /** The board says the posting is gone (a deleted HN comment): nothing is emitted and it counts as not listed. */
  gone?: boolean;
}

/** What an adapter throws when a response is not what the board's format promises (malformed, fields missing). */
export class ParseError extends TechmapError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: false, kind: 'parse', cause });
  }
}

/** Settings every board has; adapters extend this schema with their own (tokens, sites, keys...). */
export const commonBoardSettings = z.object({
  baseUrl: z
    .string()
    .url()
    .describe('Base URL of the board (API host); tests and the demo point it at a local server.'),
  humanBaseUrl: z.string().url().describe('Base URL of human-facing posting pages.'),
  minIntervalMs: z.coerce.number().int().min(0).describe('Min time between two requests to one host of this board.'),
  maxPages: z.coerce.number().int().positive().default(50).describe('Max listing pages per scope and run.'),
  concurrency: z.coerce.number().int().positive().default(4).describe('Detail fetches in flight.'),
  scheduleMinutes: z.coerce
    .number()
    .positive()
    .default(360)
    .describe('Interval between runs in `techmap run producers`.'),
  maxBodyBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024)
    .describe('Largest response accepted; bigger ones are counted as too_large.'),
});
export type CommonBoardSettings = z.output<typeof commonBoardSettings>;

/** A board setting given as a comma-separated list (tokens, sites, category ids); empty = none. */
export function commaList(doc: string) {
  return z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .describe(doc);
}

export interface ComponentSpec<S extends z.ZodTypeAny> {
  name: string;
  summary: string;
  settings: S;
}

export interface BoardAdapter<S extends CommonBoardSettings = CommonBoardSettings> {
  /** Board name: the first part of every key, e.g. 'wanted'. */
  readonly name: string;
  readonly spec: ComponentSpec<z.ZodType<S>>;
  /** Default settings for the real board (before env overrides). */
  readonly defaults: Record<string, string>;
  /**
   * True when the listing carries whole postings (no detail requests): listing pages are then fetched
   * conditionally and a 304 means every posting on the page is unchanged.
   */
  readonly listCarriesPostings: boolean;
  /** One request per listing scope. */
  startRequests(settings: S): PageRequest[];
  /** Pure: one listing response → refs and the next request. Throws ParseError when the page itself is unreadable. */
  parseListPage(body: string, request: PageRequest, settings: S): ListPage;
  /** Pure: a posting body (detail response or inline element) → normalised content. Throws ParseError. */
  parsePosting(body: string, ref: PostingRef): ParsedPosting;
}

// ---- small helpers the adapters share (pure) ----

/** JSON.parse that throws ParseError with the board name in the message. */
export function parseJson(body: string, what: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    throw new ParseError(`${what}: malformed JSON (${(err as Error).message})`, err);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads obj[key] as an object or throws ParseError naming the path. */
export function requireRecord(v: unknown, path: string): Record<string, unknown> {
  if (!isRecord(v)) throw new ParseError(`missing object ${path}`);
  return v;
}

export function requireArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ParseError(`missing array ${path}`);
  return v;
}

export function requireString(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new ParseError(`missing string ${path}`);
  return v;
}

/** An id given as a number or a non-empty string. */
export function requireId(v: unknown, path: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  throw new ParseError(`missing id ${path}`);
}

/** Parses a date string or epoch (s or ms) to ms; null when absent or unreadable. */
export function toMillis(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e12 ? v * 1000 : v;
  if (typeof v !== 'string' || v === '') return null;
  // Korean boards use 'YYYY-MM-DD HH:mm:ss' (KST) without a zone.
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v.replace(' ', 'T')}+09:00` : v;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * Reads every listing entry with `read`, which throws ParseError for an entry it cannot use (or returns null to
 * skip one on purpose). An unreadable entry becomes a bad entry of the page, never an error of the whole page.
 */
export function readEntries(
  entries: unknown[],
  path: string,
  read: (entry: Record<string, unknown>, at: string) => PostingRef | null,
): Pick<ListPage, 'refs' | 'badEntries'> {
  const refs: PostingRef[] = [];
  const badEntries: string[] = [];
  entries.forEach((entry, i) => {
    const at = `${path}[${i}]`;
    try {
      const ref = read(requireRecord(entry, at), at);
      if (ref) refs.push(ref);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      badEntries.push(err.message);
    }
  });
  return { refs, badEntries };
}

/** A deep copy of a JSON value without the named keys (at any depth): the volatile fields of a board. */
export function withoutKeys(value: unknown, volatile: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutKeys(v, volatile));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!volatile.has(k)) out[k] = withoutKeys(v, volatile);
  return out;
}

/** Joins a path (or absolute URL) to a base URL that may itself carry a path prefix. */
export function joinUrl(base: string, pathAndQuery: string): string {
  if (/^https?:\/\//.test(pathAndQuery)) return pathAndQuery;
  return base.replace(/\/+$/, '') + (pathAndQuery.startsWith('/') ? '' : '/') + pathAndQuery;
}

/** Appends query parameters (arrays repeat the key). */
export function withQuery(
  url: string,
  params: Record<string, string | number | Array<string | number> | undefined>,
): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, String(item));
  }
  return u.toString();
}
