// One log line per request (method, path, route, status, duration, client IP) and the request metrics.
import type Koa from 'koa';
import { counter, histogram } from '../../platform/metrics';
import type { Logger } from '../../platform/logger';
import type { GatewayState } from '../context';

const duration = histogram(
  'techmap_gateway_http_request_duration_seconds',
  'Gateway HTTP request duration by route and status.',
  ['method', 'route', 'status'],
);
const requests = counter('techmap_gateway_http_requests_total', 'Gateway HTTP requests by route and status.', [
  'method',
  'route',
  'status',
]);

export function requestLogging(logger: Logger): Koa.Middleware<GatewayState> {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The matched route pattern keeps metric labels bounded; unmatched paths share one label.
      const matched = (ctx as unknown as { _matchedRoute?: string | RegExp })._matchedRoute;
      const route = typeof matched === 'string' ? matched : ctx.path.startsWith('/api/') ? 'unmatched' : 'static';
      const labels = { method: ctx.method, route, status: String(ctx.status) };
      duration.observe(labels, seconds);
      requests.inc(labels);
      const line = {
        reqId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        route,
        status: ctx.status,
        ms: Math.round(seconds * 10000) / 10,
        ip: ctx.ip,
      };
      if (ctx.status >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    }
  };
}
