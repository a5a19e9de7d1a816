// CORS from GATEWAY_CORS_ORIGIN: '*' (any origin, no credentials) or a comma-separated list of allowed origins.
import cors from '@koa/cors';
import type Koa from 'koa';
import type { GatewayState } from '../context';

export function corsPolicy(originSetting: string): Koa.Middleware<GatewayState> {
  const allowed = originSetting
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const any = allowed.length === 0 || allowed.includes('*');
  return cors({
    origin: (ctx) => {
      if (any) return '*';
      const origin = ctx.get('Origin');
      // An origin that is not allowed gets no Access-Control-Allow-Origin header, so the browser blocks it.
      return allowed.includes(origin) ? origin : '';
    },
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'X-Request-Id'],
    exposeHeaders: ['ETag', 'X-Request-Id', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
  }) as Koa.Middleware<GatewayState>;
}
