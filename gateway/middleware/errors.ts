// Turns every failure into a JSON body { error, message, requestId, ... }. Clients never see a stack trace or
// an internal message: unexpected errors are logged in full and answered with a generic 500 (503 when a
// dependency is away, with Retry-After).
import type Koa from 'koa';
import { isRetriable } from '../../platform/errors';
import type { GatewayState } from '../context';
import { BadRequestError, HttpError } from '../http-errors';

export interface ErrorBody {
  error: string;
  message: string;
  requestId: string;
  parameter?: string;
  issues?: Array<{ parameter: string; message: string }>;
}

export function errorHandling(): Koa.Middleware<GatewayState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && isApiPath(ctx.path)) {
        throw new HttpError(404, 'not_found', `no route ${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      const body = toBody(err, ctx.state.requestId);
      ctx.status = body.status;
      for (const [k, v] of Object.entries(body.headers)) ctx.set(k, v);
      ctx.remove('ETag');
      ctx.remove('Content-Disposition');
      ctx.set('Cache-Control', 'no-store');
      ctx.body = body.json;
      if (body.status >= 500) ctx.state.log.error({ err }, 'unhandled error');
    }
  };
}

const CODES: Record<number, string> = {
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'too_large',
  415: 'unsupported_media_type',
  501: 'not_implemented',
};

export function isApiPath(p: string): boolean {
  return p === '/api' || p.startsWith('/api/') || p === '/health' || p === '/ready' || p === '/metrics';
}

function toBody(err: unknown, requestId: string): { status: number; headers: Record<string, string>; json: ErrorBody } {
  if (err instanceof BadRequestError) {
    return {
      status: 400,
      headers: {},
      json: { error: err.code, message: err.message, parameter: err.parameter, issues: err.issues, requestId },
    };
  }
  if (err instanceof HttpError) {
    return { status: err.status, headers: err.headers, json: { error: err.code, message: err.message, requestId } };
  }
  // Errors raised by Koa itself (e.g. a malformed URL) carry an http status and say whether the message is safe.
  const e = err as { status?: unknown; expose?: unknown; message?: unknown; headers?: unknown };
  if (typeof e?.status === 'number' && e.status >= 400 && (e.status < 500 || e.expose === true) && e.status < 600) {
    const message = e.expose === true && typeof e.message === 'string' ? e.message : 'bad request';
    const headers =
      e.headers && typeof e.headers === 'object'
        ? (e.headers as Record<string, string>)
        : ({} as Record<string, string>);
    return { status: e.status, headers, json: { error: CODES[e.status] ?? 'bad_request', message, requestId } };
  }
  if (isRetriable(err)) {
    return {
      status: 503,
      headers: { 'Retry-After': '5' },
      json: { error: 'unavailable', message: 'a dependency is not answering; try again shortly', requestId },
    };
  }
  return { status: 500, headers: {}, json: { error: 'internal', message: 'internal error', requestId } };
}
