// The demo job board: a local HTTP server (node:http) serving a deterministic set of generated postings in the
// real formats of Wanted, Jumpit, Programmers, Greenhouse, Lever and RemoteOK, each under its own path prefix
// (/wanted, /jumpit, ...), with robots.txt, ETag / Last-Modified (304) and a "generation" knob: advancing it closes
// some postings, edits some and publishes new ones, as time passing on a real board would.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { componentLogger } from '../../platform/logger';
import {
  greenhouseJob,
  humanPage,
  jumpitDetail,
  jumpitListItem,
  leverPosting,
  programmersDetail,
  programmersListItem,
  remoteOkJob,
  remoteOkLegalNotice,
  updatedAt,
  wantedDetail,
  wantedListItem,
  type RenderContext,
} from './formats';
import {
  generateUniverse,
  maxGeneration,
  openJobs,
  type DemoBoardName,
  type DemoJob,
  type DemoUniverse,
  type Listing,
} from './generator';

export interface DemoBoardOptions {
  port?: number;
  host?: string;
  seed?: number;
  generation?: number;
}

export interface DemoBoard {
  /** http://host:port */
  url: string;
  port: number;
  generation(): number;
  setGeneration(g: number): void;
  /** Listings per board in the current generation. */
  counts(): Record<DemoBoardName, number>;
  close(): Promise<void>;
}

export const demoRobotsTxt = `# techmap demo board
User-agent: *
Disallow: /admin/
Disallow: /wanted/api/v4/companies/
Allow: /

User-agent: BadBot
Disallow: /
`;

interface Entry {
  job: DemoJob;
  listing: Listing;
}

/** Open listings of one board (and scope) in a generation, newest first, cached per generation. */
class BoardIndex {
  private cache = new Map<number, Map<string, Entry[]>>();

  constructor(private readonly universe: DemoUniverse) {}

  list(gen: number, board: DemoBoardName, scope?: string): Entry[] {
    let byBoard = this.cache.get(gen);
    if (!byBoard) {
      byBoard = new Map();
      for (const job of openJobs(this.universe, gen).sort((a, b) => b.postedAt - a.postedAt || a.uid - b.uid)) {
        for (const listing of job.listings) {
          for (const key of [listing.board, `${listing.board}/${listing.scope}`]) {
            const list = byBoard.get(key) ?? [];
            list.push({ job, listing });
            byBoard.set(key, list);
          }
        }
      }
      this.cache.set(gen, byBoard);
    }
    return byBoard.get(scope ? `${board}/${scope}` : board) ?? [];
  }

  find(gen: number, board: DemoBoardName, id: string): Entry | undefined {
    return this.list(gen, board).find((e) => e.listing.id === id);
  }
}

export async function startDemoBoard(opts: DemoBoardOptions = {}): Promise<DemoBoard> {
  const log = componentLogger('demo-board');
  const universe = generateUniverse(opts.seed);
  const index = new BoardIndex(universe);
  let generation = Math.max(0, Math.min(maxGeneration, opts.generation ?? 0));
  /** Rendered answers per (host, generation, URL): a generation's answers never change, so render each once. */
  const rendered = new Map<string, Prepared>();

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      log.error({ err, url: req.url }, 'demo board error');
      send(res, 500, 'text/plain', 'internal error');
    }
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const key = `${req.headers.host}|${generation}|${req.url}`;
    const hit = req.method === 'GET' ? rendered.get(key) : undefined;
    if (hit) return sendPrepared(req, res, hit);
    route(req, res, (value, lastModified, status = 200) => {
      const prepared = prepare(value, lastModified, status);
      if (req.method === 'GET' && !(req.url ?? '').startsWith('/admin') && !(req.url ?? '').startsWith('/health')) {
        if (rendered.size > 20000) rendered.clear();
        rendered.set(key, prepared);
      }
      sendPrepared(req, res, prepared);
    });
  }

  function route(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    json: (value: unknown, lastModified: Date | null, status?: number) => void,
  ): void {
    const u = new URL(req.url ?? '/', 'http://demo');
    const ctx: RenderContext = { origin: `http://${req.headers.host ?? 'localhost'}`, generation };
    const p = u.pathname;
    let m: RegExpExecArray | null;

    if (p === '/robots.txt') return send(res, 200, 'text/plain; charset=utf-8', demoRobotsTxt);
    if (p === '/health') return json({ status: 'ok', service: 'techmap-demo-board', generation }, null);
    if (p === '/admin/generation' || p === '/admin/advance') {
      if (req.method === 'POST') {
        const value = u.searchParams.get('value');
        setGeneration(p === '/admin/advance' ? generation + 1 : Number(value ?? generation));
      }
      return send(res, 200, 'application/json', JSON.stringify({ generation, maxGeneration, listings: counts() }));
    }

    // Wanted
    if (p === '/wanted/api/chaos/navigation/v1/results') {
      const all = index.list(generation, 'wanted');
      const limit = clampInt(u.searchParams.get('limit'), 20, 1, 100);
      const offset = clampInt(u.searchParams.get('offset'), 0, 0, 1e9);
      const page = all.slice(offset, offset + limit);
      const next = new URLSearchParams(u.searchParams);
      next.set('offset', String(offset + limit));
      const body = {
        data: page.map((e) => wantedListItem(e.job, e.listing, ctx)),
        links: {
          prev:
            offset > 0
              ? `/api/chaos/navigation/v1/results?${withParam(u.searchParams, 'offset', Math.max(0, offset - limit))}`
              : null,
          next: offset + limit < all.length ? `/api/chaos/navigation/v1/results?${next.toString()}` : null,
        },
      };
      return json(body, lastModifiedOf(page, generation));
    }
    if ((m = /^\/wanted\/api\/v4\/jobs\/(\d+)$/.exec(p)))
      return detail('wanted', m[1]!, (e) => wantedDetail(e.job, e.listing, ctx));

    // Jumpit: 16 per page
    if (p === '/jumpit/api/positions') {
      const all = index.list(generation, 'jumpit');
      const pageNo = clampInt(u.searchParams.get('page'), 1, 1, 1e6);
      const page = all.slice((pageNo - 1) * 16, pageNo * 16);
      const body = {
        message: '포지션 리스트가 조회되었습니다.',
        status: 200,
        code: 'P004',
        result: {
          totalCount: page.length > 0 ? all.length : 0,
          page: pageNo,
          keyword: '',
          keywordType: 'etc',
          positions: page.map((e) => jumpitListItem(e.job, e.listing, ctx)),
        },
      };
      return json(body, lastModifiedOf(page, generation));
    }
    if ((m = /^\/jumpit\/api\/position\/(\d+)$/.exec(p)))
      return detail('jumpit', m[1]!, (e) => jumpitDetail(e.job, e.listing, ctx));
    // The plural path 404s on the real board too (the detail is /position/{id}).
    if (/^\/jumpit\/api\/positions\/(\d+)$/.test(p))
      return json({ message: 'Not Found', status: 404, code: 'E404' }, null, 404);

    // Programmers: 20 per page
    if (p === '/programmers/api/job_positions') {
      const all = index.list(generation, 'programmers');
      const pageNo = clampInt(u.searchParams.get('page'), 1, 1, 1e6);
      const page = all.slice((pageNo - 1) * 20, pageNo * 20);
      const body = {
        jobPositions: page.map((e) => programmersListItem(e.job, e.listing, ctx)),
        filterParams: { order: u.searchParams.get('order') ?? 'recent', min_salary: '', job_category_ids: [] },
        page: String(pageNo),
        totalPages: Math.ceil(all.length / 20),
        totalEntries: all.length,
      };
      return json(body, lastModifiedOf(page, generation));
    }
    if ((m = /^\/programmers\/api\/job_positions\/(\d+)$/.exec(p))) {
      return detail('programmers', m[1]!, (e) => programmersDetail(e.job, e.listing, ctx));
    }

    // Greenhouse
    if ((m = /^\/greenhouse\/v1\/boards\/([\w-]+)\/jobs$/.exec(p))) {
      const token = m[1]!;
      const all = index.list(generation, 'greenhouse', token);
      if (
        all.length === 0 &&
        !universe.jobs.some((j) => j.listings.some((l) => l.board === 'greenhouse' && l.scope === token))
      ) {
        return json({ status: 404, error: 'Job board not found' }, null, 404);
      }
      const withContent = u.searchParams.get('content') === 'true';
      const jobs = all.map((e) => {
        const j: Record<string, unknown> = greenhouseJob(e.job, e.listing, ctx);
        if (!withContent) delete j.content;
        return j;
      });
      return json({ jobs, meta: { total: jobs.length } }, lastModifiedOf(all, generation));
    }
    if ((m = /^\/greenhouse\/v1\/boards\/([\w-]+)\/jobs\/(\d+)$/.exec(p))) {
      return detail('greenhouse', m[2]!, (e) => greenhouseJob(e.job, e.listing, ctx));
    }

    // Lever
    if ((m = /^\/lever\/v0\/postings\/([\w-]+)$/.exec(p))) {
      const site = m[1]!;
      const all = index.list(generation, 'lever', site);
      if (
        all.length === 0 &&
        !universe.jobs.some((j) => j.listings.some((l) => l.board === 'lever' && l.scope === site))
      ) {
        return json({ ok: false, error: 'Document not found' }, null, 404);
      }
      const skip = clampInt(u.searchParams.get('skip'), 0, 0, 1e9);
      const limit = clampInt(u.searchParams.get('limit'), 100, 1, 500);
      const page = all.slice(skip, skip + limit);
      return json(
        page.map((e) => leverPosting(e.job, e.listing, ctx)),
        lastModifiedOf(page, generation),
      );
    }
    if ((m = /^\/lever\/v0\/postings\/([\w-]+)\/([\w-]+)$/.exec(p)))
      return detail('lever', m[2]!, (e) => leverPosting(e.job, e.listing, ctx));

    // RemoteOK
    if (p === '/remoteok/api') {
      const all = index.list(generation, 'remoteok');
      return json(
        [remoteOkLegalNotice, ...all.map((e) => remoteOkJob(e.job, e.listing, ctx))],
        lastModifiedOf(all, generation),
      );
    }

    // Human-facing pages (what a record's url opens)
    const human: Array<[RegExp, DemoBoardName, number]> = [
      [/^\/wanted\/wd\/(\d+)$/, 'wanted', 1],
      [/^\/jumpit\/position\/(\d+)$/, 'jumpit', 1],
      [/^\/programmers\/job_positions\/(\d+)$/, 'programmers', 1],
      [/^\/greenhouse\/[\w-]+\/jobs\/(\d+)$/, 'greenhouse', 1],
      [/^\/lever\/[\w-]+\/([\w-]+)$/, 'lever', 1],
      [/^\/remoteok\/remote-jobs\/.*-(\d+)$/, 'remoteok', 1],
    ];
    for (const [re, board, group] of human) {
      const hm = re.exec(p);
      if (!hm) continue;
      const e = index.find(generation, board, hm[group]!);
      if (!e) return send(res, 404, 'text/html; charset=utf-8', '<!doctype html><p>This posting is closed.</p>');
      return send(res, 200, 'text/html; charset=utf-8', humanPage(e.job, generation));
    }
    return send(res, 404, 'application/json', JSON.stringify({ error: 'not found' }));

    function detail(board: DemoBoardName, id: string, render: (e: Entry) => unknown): void {
      const e = index.find(generation, board, id);
      if (!e) return json({ message: '존재하지 않는 공고입니다.', status: 404 }, null, 404);
      json(render(e), new Date(updatedAt(e.job, generation)));
    }
  }

  function setGeneration(g: number): void {
    if (!Number.isInteger(g) || g < 0) return;
    generation = Math.min(maxGeneration, g);
    log.info({ generation, listings: counts() }, 'demo board generation set');
  }

  function counts(): Record<DemoBoardName, number> {
    const out = { wanted: 0, jumpit: 0, programmers: 0, greenhouse: 0, lever: 0, remoteok: 0 } as Record<
      DemoBoardName,
      number
    >;
    for (const b of Object.keys(out) as DemoBoardName[]) out[b] = index.list(generation, b).length;
    return out;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  const url = `http://${host}:${address.port}`;
  log.info({ url, generation, listings: counts() }, 'demo board listening');
  return {
    url,
    port: address.port,
    generation: () => generation,
    setGeneration,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The newest content time of a page of entries (its Last-Modified). */
function lastModifiedOf(entries: Entry[], gen: number): Date | null {
  if (entries.length === 0) return null;
  return new Date(Math.max(...entries.map((e) => updatedAt(e.job, gen))));
}

interface Prepared {
  body: string;
  status: number;
  etag: string | null;
  lastModified: Date | null;
}

function prepare(value: unknown, lastModified: Date | null, status = 200): Prepared {
  const body = JSON.stringify(value);
  const etag = status === 200 ? `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"` : null;
  return { body, status, etag, lastModified };
}

/** A JSON answer with ETag / Last-Modified; 304 when the request's validators match. */
function sendPrepared(req: http.IncomingMessage, res: http.ServerResponse, p: Prepared): void {
  if (p.status !== 200 || !p.etag) return send(res, p.status, 'application/json; charset=utf-8', p.body);
  const headers: Record<string, string> = { etag: p.etag, 'cache-control': 'no-cache' };
  if (p.lastModified) headers['last-modified'] = p.lastModified.toUTCString();
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const notModified =
    inm !== undefined
      ? inm.split(',').some((t) => t.trim() === p.etag)
      : ims !== undefined &&
        p.lastModified !== null &&
        Math.floor(p.lastModified.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
  if (notModified) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  send(res, 200, 'application/json; charset=utf-8', p.body, headers);
}

function send(
  res: http.ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function clampInt(v: string | null, dflt: number, min: number, max: number): number {
  const n = v === null ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? Math.max(min, Math.min(max, n)) : dflt;
}

function withParam(params: URLSearchParams, key: string, value: number): string {
  const p = new URLSearchParams(params);
  p.set(key, String(value));
  return p.toString();
}
