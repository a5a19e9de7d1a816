// Admin routes need `Authorization: Bearer <TECHMAP_ADMIN_TOKEN>`: 401 when no bearer token is given (or no
// admin token is configured: admin is then off), 403 when the token is wrong. Compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type { GatewayState } from '../context';
import { ForbiddenError, UnauthorizedError } from '../http-errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function adminAuth(adminToken: string | undefined): Koa.Middleware<GatewayState> {
  const expected = adminToken ? digest(adminToken) : undefined;
  return async (ctx, next) => {
    if (!expected) throw new UnauthorizedError('admin routes are disabled: TECHMAP_ADMIN_TOKEN is not set');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
    if (!match?.[1]) throw new UnauthorizedError('admin route: send Authorization: Bearer <admin token>');
    if (!timingSafeEqual(digest(match[1]), expected)) throw new ForbiddenError('admin route: wrong token');
    await next();
  };
}
