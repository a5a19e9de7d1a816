// Retry with exponential backoff and full jitter, for the errors platform/errors says are retriable.
import { isRetriable } from '../platform/errors';

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Give up after this many attempts (Infinity: until `shouldStop` says so). */
  maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 100, maxMs: 5000, maxAttempts: 8 };

/** Delay before attempt `attempt` (1-based retry count), full jitter. */
export function backoffDelay(
  policy: Pick<BackoffPolicy, 'initialMs' | 'maxMs'>,
  attempt: number,
  random = Math.random,
): number {
  const cap = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `op` until it succeeds, a non-retriable error is thrown, attempts run out or `shouldStop()` is true
 * (then the last error is thrown). `onRetry` sees every retriable failure (log it, heartbeat).
 */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  opts: Partial<BackoffPolicy> & {
    onRetry?: (err: unknown, attempt: number, delayMs: number) => Promise<void> | void;
    shouldStop?: () => boolean;
    retriable?: (err: unknown) => boolean;
  } = {},
): Promise<T> {
  const policy = { ...defaultBackoff, ...opts };
  const retriable = opts.retriable ?? isRetriable;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (!retriable(err) || attempt >= policy.maxAttempts || opts.shouldStop?.()) throw err;
      const delay = backoffDelay(policy, attempt);
      await opts.onRetry?.(err, attempt, delay);
      await sleep(delay);
      if (opts.shouldStop?.()) throw err;
    }
  }
}
