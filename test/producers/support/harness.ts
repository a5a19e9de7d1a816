// Test harness for the producers: a local fixture HTTP server with scripted answers (faults included), a fetcher
// with fast test timings, and a one-call crawl of an adapter against the server into a MemorySink.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentLogger } from '../../../platform/logger';
import type { BoardAdapter, CommonBoardSettings } from '../../../producers/adapter';
import { crawlBoard, type CrawlOptions, type CrawlRunResult } from '../../../producers/runtime/crawler';
import { CrawlStateStore } from '../../../producers/runtime/crawl-state';
import { HttpFetcher, type FetcherOptions } from '../../../producers/runtime/http-fetcher';
import { MemorySink } from '../../../producers/runtime/sink';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function fixture(rel: string): string {
  return fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export type Route = Reply | string | ((req: http.IncomingMessage, hit: number) => Reply | string);

export interface FixtureServer {
  url: string;
  /** Every request as 'METHOD /path?query' in arrival order. */
  hits: string[];
  /** Request headers per hit, same order. */
  headers: http.IncomingHttpHeaders[];
  /** Request start times (ms). */
  times: number[];
  routes: Record<string, Route>;
  count(pathPrefix: string): number;
  close(): Promise<void>;
}

/**
 * Serves `routes` keyed by path + query exactly as requested ('/api/x?page=1'), falling back to the path alone.
 * A string route is a JSON/HTML body (content type guessed); unknown paths answer 404. robots.txt allows all
 * unless a route says otherwise. JSON answers get an ETag and honour If-None-Match (304).
 */
export async function startFixtureServer(routes: Record<string, Route>): Promise<FixtureServer> {
  const hits: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const times: number[] = [];
  const perRoute = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const target = req.url ?? '/';
    hits.push(`${req.method} ${target}`);
    headers.push(req.headers);
    times.push(Date.now());
    const pathOnly = target.split('?')[0]!;
    const key = target in routes ? target : pathOnly in routes ? pathOnly : undefined;
    let route: Route | undefined =
      key !== undefined ? routes[key] : pathOnly === '/robots.txt' ? 'User-agent: *\nAllow: /\n' : undefined;
    const n = (perRoute.get(key ?? pathOnly) ?? 0) + 1;
    perRoute.set(key ?? pathOnly, n);
    if (typeof route === 'function') route = route(req, n);
    const reply: Reply =
      route === undefined
        ? { status: 404, body: '{"error":"not found"}' }
        : typeof route === 'string'
          ? { body: route }
          : route;
    const body = reply.body ?? '';
    const contentType =
      reply.headers?.['content-type'] ??
      (body.trimStart().startsWith('<')
        ? 'text/html; charset=utf-8'
        : pathOnly.endsWith('.txt')
          ? 'text/plain'
          : 'application/json; charset=utf-8');
    const status = reply.status ?? 200;
    const etag =
      status === 200 && contentType.includes('json') ? `"${Buffer.from(body).length}-${hash(body)}"` : undefined;
    const send = () => {
      if (res.destroyed) return;
      if (etag && req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(status, { 'content-type': contentType, ...(etag ? { etag } : {}), ...reply.headers });
      res.end(body);
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    headers,
    times,
    routes,
    count: (prefix) => hits.filter((h) => h.split(' ')[1]!.startsWith(prefix)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

export function testFetcher(overrides: Partial<FetcherOptions> = {}): HttpFetcher {
  return new HttpFetcher({
    userAgent: 'techmap-crawler/test (+https://example.invalid/contact)',
    timeoutMs: 300,
    maxRetries: 2,
    backoff: { baseMs: 5, maxMs: 20 },
    maxRetryAfterMs: 2000,
    maxRedirects: 3,
    respectRobots: true,
    defaultMinIntervalMs: 0,
    ...overrides,
  });
}

export function settingsFor<S extends CommonBoardSettings>(
  adapter: BoardAdapter<S>,
  server: Pick<FixtureServer, 'url'>,
  extra: Record<string, string | number> = {},
): S {
  return adapter.spec.settings.parse({
    minIntervalMs: 0,
    ...adapter.defaults,
    baseUrl: server.url,
    humanBaseUrl: server.url,
    ...extra,
  });
}

export interface CrawlHarness {
  store: CrawlStateStore;
  fetcher: HttpFetcher;
  crawl(opts?: Partial<CrawlOptions>): Promise<{ result: CrawlRunResult; sink: MemorySink }>;
}

/** Crawls `adapter` with `settings` into MemorySinks sharing one state store (so re-crawls are incremental). */
export function crawlHarness<S extends CommonBoardSettings>(
  adapter: BoardAdapter<S>,
  settings: S,
  fetcher: HttpFetcher = testFetcher(),
  store = new CrawlStateStore(),
): CrawlHarness {
  let n = 0;
  return {
    store,
    fetcher,
    async crawl(opts = {}) {
      const sink = new MemorySink(store);
      const result = await crawlBoard(
        {
          adapter: adapter as unknown as BoardAdapter<CommonBoardSettings>,
          settings,
          fetcher,
          store,
          sink,
          log: componentLogger('test'),
          maxRecordBytes: 900_000,
          touchIntervalMs: 24 * 3600 * 1000,
        },
        { runId: `run-${++n}`, ...opts },
      );
      return { result, sink };
    },
  };
}

/** Sorted change kinds of emitted records as 'KIND id'. */
export function emitted(sink: MemorySink): string[] {
  return sink.raws.map((r) => `${r.change} ${r.boardPostingId}`).sort();
}
