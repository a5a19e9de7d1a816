// First middleware: every request gets an id (the caller's x-request-id when it is sane, else a new one),
// echoed in the response header and bound to every log line of the request.
import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../../platform/logger';
import type { GatewayState } from '../context';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(logger: Logger): Koa.Middleware<GatewayState> {
  return async (ctx, next) => {
    const given = ctx.get('x-request-id');
    const id = SANE_ID.test(given) ? given : randomUUID();
    ctx.state.requestId = id;
    // The child logger is made on first use: most requests log only their request line (see logging.ts).
    let child: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', {
      get: () => (child ??= logger.child({ reqId: id })),
      configurable: true,
      enumerable: true,
    });
    ctx.set('X-Request-Id', id);
    await next();
  };
}
