// The middleware chain without services: a fake pool answers every query (or fails on purpose). Covers error
// bodies (never a stack trace), request ids, CORS, rate limiting, the dashboard files and the admin guard.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../platform/config';
import { createGateway } from '../../gateway/app';
import type { GatewayDeps } from '../../gateway/context';
import type { Db } from '../../gateway/queries/db';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

/** A pool whose every statement returns no rows, or runs `fail` first. */
function fakeDb(fail?: (sql: string) => void): Db {
  const run = async (sql: unknown) => {
    const text = typeof sql === 'string' ? sql : String((sql as { sql?: string }).sql);
    fail?.(text);
    return [[], []];
  };
  return { execute: run, query: run } as unknown as Db;
}

const fakeDynamo = { send: async () => ({}) } as unknown as DynamoDBDocumentClient;

async function serve(
  overrides: Omit<Partial<GatewayDeps>, 'config'> & { config?: Partial<Config>; boards?: string[] } = {},
) {
  const { config: configOverrides, ...rest } = overrides;
  const lines: Json[] = [];
  const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l) as Json) });
  const app = createGateway({
    config: loadConfig({}, { adminToken: 'sesame-sesame', ...configOverrides }),
    db: fakeDb(),
    dynamo: fakeDynamo,
    logger,
    settings: { rateLimit: false },
    ...rest,
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  const call = async (p: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${p}`, init);
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, headers: res.headers, text, body: (isJson && text ? JSON.parse(text) : text) as Json };
  };
  return { call, close, lines };
}

describe('gateway middleware', function () {
  this.timeout(10000);
  it('an unexpected error is a 500 with a request id and no internals; the log has the details', async () => {
    const s = await serve({
      db: fakeDb((sql) => {
        if (sql.includes('agg_field')) throw new Error('secret: table agg_field is corrupt at /var/lib/mysql');
      }),
    });
    try {
      const r = await s.call('/api/v1/fields', { headers: { 'x-request-id': 'req-500' } });
      assert.equal(r.status, 500);
      assert.deepEqual(r.body, { error: 'internal', message: 'internal error', requestId: 'req-500' });
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.ok(!r.text.includes('secret') && !r.text.includes('at '));
      const logged = s.lines.find((l) => l.msg === 'unhandled error');
      assert.equal(logged?.reqId, 'req-500');
      assert.match(logged?.err?.stack ?? '', /secret: table agg_field is corrupt/);
    } finally {
      await s.close();
    }
  });

  it('a dependency that does not answer is a 503 with Retry-After', async () => {
    const s = await serve({
      db: fakeDb(() => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
      }),
    });
    try {
      const r = await s.call('/api/v1/fields');
      assert.equal(r.status, 503);
      assert.equal(r.headers.get('retry-after'), '5');
      assert.equal(r.body.error, 'unavailable');
      assert.ok(!r.text.includes('3306'));
    } finally {
      await s.close();
    }
  });

  it('logs one line per request with its id, route and status', async () => {
    const s = await serve();
    try {
      await s.call('/api/v1/fields', { headers: { 'x-request-id': 'abc' } });
      const line = s.lines.find((l) => l.msg === 'request' && l.reqId === 'abc');
      assert.deepEqual([line?.method, line?.route, line?.status], ['GET', '/api/v1/fields', 200]);
      // An id a client may not choose (too long, odd characters) is replaced.
      const r = await s.call('/health', { headers: { 'x-request-id': 'bad id with spaces' } });
      assert.match(r.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
    } finally {
      await s.close();
    }
  });

  it('CORS: a configured origin is allowed, another is not, preflight answers', async () => {
    const s = await serve({ config: { gatewayCorsOrigin: 'https://dash.example, https://other.example' } });
    try {
      const ok = await s.call('/health', { headers: { Origin: 'https://dash.example' } });
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://dash.example');
      assert.match(ok.headers.get('access-control-expose-headers')!, /ETag/);
      const no = await s.call('/health', { headers: { Origin: 'https://evil.example' } });
      assert.equal(no.headers.get('access-control-allow-origin'), null);
      const pre = await s.call('/api/v1/fields', {
        method: 'OPTIONS',
        headers: { Origin: 'https://other.example', 'Access-Control-Request-Method': 'GET' },
      });
      assert.equal(pre.status, 204);
      assert.match(pre.headers.get('access-control-allow-methods')!, /GET/);
    } finally {
      await s.close();
    }
    const any = await serve();
    try {
      const r = await any.call('/health', { headers: { Origin: 'https://x.example' } });
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
    } finally {
      await any.close();
    }
  });

  it('rate limit: a burst, then 429 with Retry-After; probes are exempt', async () => {
    const s = await serve({ settings: { rateLimit: { perSecond: 0.5, burst: 2 } } });
    try {
      assert.equal((await s.call('/api/v1/fields')).status, 200);
      assert.equal((await s.call('/api/v1/fields')).status, 200);
      const limited = await s.call('/api/v1/fields');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '2');
      assert.equal(limited.body.error, 'rate_limited');
      assert.equal((await s.call('/health')).status, 200);
    } finally {
      await s.close();
    }
  });

  it('admin routes: 401 without a token or when admin is off, 403 with a wrong one, 503 without an action', async () => {
    const s = await serve();
    try {
      const none = await s.call('/api/v1/admin/crawl', { method: 'POST' });
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="techmap-admin"');
      const wrong = await s.call('/api/v1/admin/crawl', { method: 'POST', headers: { authorization: 'Bearer nope' } });
      assert.equal(wrong.status, 403);
      const body = JSON.stringify({ board: 'wanted' });
      const headers = { authorization: 'Bearer sesame-sesame', 'content-type': 'application/json' };
      const noAction = await s.call('/api/v1/admin/crawl', { method: 'POST', headers, body });
      assert.equal(noAction.status, 503);
      const badType = await s.call('/api/v1/admin/crawl', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/plain' },
        body,
      });
      assert.deepEqual([badType.status, badType.body.parameter], [400, 'Content-Type']);
      const badJson = await s.call('/api/v1/admin/crawl', { method: 'POST', headers, body: '{"board":' });
      assert.deepEqual([badJson.status, badJson.body.message], [400, 'body: is not valid JSON']);
      const big = await s.call('/api/v1/admin/crawl', { method: 'POST', headers, body: 'x'.repeat(20000) });
      assert.equal(big.status, 413);
    } finally {
      await s.close();
    }
    const off = await serve({ config: { adminToken: undefined } });
    try {
      const r = await off.call('/api/v1/admin/dlq/retry', { method: 'POST', headers: { authorization: 'Bearer x' } });
      assert.deepEqual([r.status, r.body.message], [401, 'admin routes are disabled: TECHMAP_ADMIN_TOKEN is not set']);
    } finally {
      await off.close();
    }
  });

  it('admin crawl calls the injected action with the board and the request id', async () => {
    const seen: Json[] = [];
    const s = await serve({
      adminActions: {
        requestCrawl: async (req) => {
          seen.push(req);
          return { commandId: 'c-1', board: req.board, requestedAt: '2026-03-16T00:00:00.000Z', via: 'test' };
        },
      },
      boards: ['wanted', 'jumpit'],
    });
    try {
      const headers = {
        authorization: 'Bearer sesame-sesame',
        'content-type': 'application/json',
        'x-request-id': 'r1',
      };
      const ok = await s.call('/api/v1/admin/crawl', {
        method: 'POST',
        headers,
        body: JSON.stringify({ board: 'jumpit', maxPages: 2 }),
      });
      assert.equal(ok.status, 202);
      assert.deepEqual(ok.body, {
        accepted: true,
        commandId: 'c-1',
        board: 'jumpit',
        requestedAt: '2026-03-16T00:00:00.000Z',
        via: 'test',
      });
      assert.deepEqual(seen, [{ board: 'jumpit', maxPages: 2, requestId: 'r1' }]);
      const unknown = await s.call('/api/v1/admin/crawl', {
        method: 'POST',
        headers,
        body: JSON.stringify({ board: 'saramin' }),
      });
      assert.deepEqual(
        [unknown.status, unknown.body.message],
        [400, "board: unknown board 'saramin': one of wanted, jumpit"],
      );
      const extra = await s.call('/api/v1/admin/crawl', {
        method: 'POST',
        headers,
        body: JSON.stringify({ board: 'wanted', now: true }),
      });
      assert.deepEqual([extra.status, extra.body.message], [400, 'now: unknown parameter']);
    } finally {
      await s.close();
    }
  });

  it('serves the built dashboard with an SPA fallback, never for API paths', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-dash-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>techmap</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    fs.writeFileSync(path.join(os.tmpdir(), 'techmap-secret.txt'), 'secret');
    const s = await serve({ settings: { rateLimit: false, dashboardDir: dir } });
    try {
      const index = await s.call('/');
      assert.deepEqual([index.status, index.text], [200, '<!doctype html><title>techmap</title>']);
      assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
      const spa = await s.call('/postings/wanted%3A1?lang=ko');
      assert.deepEqual([spa.status, spa.text], [200, '<!doctype html><title>techmap</title>']);
      const js = await s.call('/assets/app-1234.js');
      assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal((await s.call('/assets/missing.js')).status, 404);
      assert.equal((await s.call('/..%2ftechmap-secret.txt')).status, 404);
      const api = await s.call('/api/v1/nothing-here');
      assert.deepEqual([api.status, api.body.error], [404, 'not_found']);
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true });
    }
  });
});
