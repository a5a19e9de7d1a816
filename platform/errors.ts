// Typed errors: whether a failure is worth retrying is a property of its type, decided once here.

export class TechmapError extends Error {
  /** True when the same operation may succeed if tried again (a service away, a timeout, throttling). */
  readonly retriable: boolean;
  /** Short machine-readable kind, used as a metric label and in dead letters. */
  readonly kind: string;

  constructor(message: string, opts: { retriable?: boolean; kind?: string; cause?: unknown } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = new.target.name;
    this.retriable = opts.retriable ?? false;
    this.kind = opts.kind ?? 'error';
  }
}

/** A setting is missing or malformed: fatal, the message names the variable. */
export class ConfigError extends TechmapError {
  constructor(message: string) {
    super(message, { retriable: false, kind: 'config' });
  }
}

/** A record's bytes or shape are wrong: never retried, goes to the dead-letter topic. */
export class ValidationError extends TechmapError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: false, kind: 'validation', cause });
  }
}

/** A record could not be decoded (bad magic byte, unknown schema id, corrupt Avro). */
export class DecodeError extends TechmapError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: false, kind: 'decode', cause });
  }
}

/** A dependency did not answer or answered with a transient failure. */
export class UnavailableError extends TechmapError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: true, kind: 'unavailable', cause });
  }
}

/** True when err (ours or a client library's) says a retry may succeed. */
export function isRetriable(err: unknown): boolean {
  if (err instanceof TechmapError) return err.retriable;
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { retriable?: unknown; code?: unknown; name?: unknown; $retryable?: unknown };
  if (typeof e.retriable === 'boolean') return e.retriable; // kafkajs KafkaJSError
  if (e.$retryable) return true; // AWS SDK v3
  const transientCodes = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'PROTOCOL_CONNECTION_LOST',
    'ER_LOCK_DEADLOCK',
    'ER_LOCK_WAIT_TIMEOUT',
    'ER_CON_COUNT_ERROR',
  ]);
  if (typeof e.code === 'string' && transientCodes.has(e.code)) return true;
  const transientNames = new Set([
    'ThrottlingException',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
    'InternalServerError',
    'ServiceUnavailable',
    'TimeoutError',
  ]);
  return typeof e.name === 'string' && transientNames.has(e.name);
}

/** A one-line description of any thrown value, for CLI output and dead letters. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
