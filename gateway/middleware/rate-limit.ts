// Token bucket per client IP: each IP may send `burst` requests at once and `perSecond` on average; beyond
// that it gets 429 with Retry-After (whole seconds until one token is back). Probes and metrics are exempt.
import type Koa from 'koa';
import { counter } from '../../platform/metrics';
import type { GatewayState } from '../context';
import { TooManyRequestsError } from '../http-errors';

const limited = counter('techmap_gateway_rate_limited_total', 'Requests answered 429 by the gateway rate limiter.');

export interface TokenBucketSettings {
  perSecond: number;
  burst: number;
}

/** Pure token-bucket state per key; `take` answers 0 when allowed, else the seconds to wait. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly settings: TokenBucketSettings,
    private readonly maxKeys = 50000,
  ) {}

  take(key: string, now: number = Date.now()): number {
    const { perSecond, burst } = this.settings;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      b = { tokens: burst, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }

  /** Drops buckets that are full again (their clients are idle), so memory stays bounded. */
  sweep(now: number = Date.now()): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.settings.perSecond >= this.settings.burst) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

const EXEMPT = new Set(['/health', '/ready', '/metrics']);

export function rateLimit(settings: TokenBucketSettings | false): Koa.Middleware<GatewayState> {
  if (settings === false) return (_ctx, next) => next();
  const buckets = new TokenBuckets(settings);
  return async (ctx, next) => {
    if (!EXEMPT.has(ctx.path)) {
      const wait = buckets.take(ctx.ip || 'unknown');
      if (wait > 0) {
        limited.inc();
        throw new TooManyRequestsError(wait);
      }
    }
    await next();
  };
}
