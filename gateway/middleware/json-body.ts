// A small JSON body reader for the admin routes (the only ones with a body): bounded size, JSON only.
import type Koa from 'koa';
import type { GatewayState } from '../context';
import { BadRequestError, HttpError } from '../http-errors';

export function jsonBody(maxBytes: number): Koa.Middleware<GatewayState> {
  return async (ctx, next) => {
    const length = Number(ctx.get('Content-Length') || '0');
    if (length > maxBytes) throw new HttpError(413, 'too_large', `body larger than ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new HttpError(413, 'too_large', `body larger than ${maxBytes} bytes`);
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8').trim();
    let body: unknown = {};
    if (text.length > 0) {
      if (!ctx.is('application/json')) {
        throw new BadRequestError({ parameter: 'Content-Type', message: 'must be application/json' });
      }
      try {
        body = JSON.parse(text);
      } catch {
        throw new BadRequestError({ parameter: 'body', message: 'is not valid JSON' });
      }
    }
    (ctx.request as unknown as { body: unknown }).body = body;
    await next();
  };
}
