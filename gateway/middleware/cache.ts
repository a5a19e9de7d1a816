// Aggregate routes are cacheable: the body is serialised here, a weak ETag (hash of the body) and
// Cache-Control are set, and a request whose If-None-Match matches gets 304 with no body.
import { createHash } from 'node:crypto';
import type Koa from 'koa';
import type { GatewayState } from '../context';

export function weakEtag(body: string | Buffer): string {
  const hash = createHash('sha1').update(body).digest('base64url').slice(0, 27);
  return `W/"${Buffer.byteLength(body).toString(16)}-${hash}"`;
}

export function cacheable(maxAgeSeconds: number): Koa.Middleware<GatewayState> {
  return async (ctx, next) => {
    await next();
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 200 || ctx.body == null) return;
    let body: string | Buffer;
    if (typeof ctx.body === 'string' || Buffer.isBuffer(ctx.body)) body = ctx.body;
    else if (typeof ctx.body === 'object' && typeof (ctx.body as { pipe?: unknown }).pipe !== 'function') {
      const type = ctx.type;
      body = JSON.stringify(ctx.body);
      ctx.body = body;
      ctx.type = type || 'application/json';
    } else return; // streams are not hashed
    const etag = weakEtag(body);
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
    if (noneMatch(ctx.get('If-None-Match'), etag)) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
}

/**
 * RFC 9110 If-None-Match with the weak comparison: true when any listed tag (or '*') matches `etag`. A request
 * Cache-Control: no-cache (which fetch adds with If-None-Match) does not change the answer of the origin.
 */
export function noneMatch(header: string, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const want = opaque(etag);
  return header.split(',').some((t) => opaque(t) === want);
}

/** For routes whose answer must not be cached (search, documents that change, operations). */
export function noStore(): Koa.Middleware<GatewayState> {
  return async (ctx, next) => {
    await next();
    if (!ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
  };
}
