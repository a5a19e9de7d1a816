// Errors of the local stack. Each carries the CLI exit code it maps to, so `techmap stack ...` exits meaningfully.
import { TechmapError } from '../platform/errors';

/** Exit codes of `techmap stack` (documented in `techmap stack --help`). */
export const exitCodes = {
  ok: 0,
  failure: 1,
  /** A service is down (status) or did not become healthy in time (up). */
  serviceDown: 3,
  /** Java, Maven or MariaDB is missing on this machine. */
  prerequisiteMissing: 4,
  /** A port the stack needs is taken by a process that is not ours. */
  portInUse: 5,
  /** A service's data folder is inconsistent; `techmap stack reset <svc>` wipes it. */
  corruptData: 6,
} as const;

export type StackErrorKind = Exclude<keyof typeof exitCodes, 'ok'>;

/** A one-line, actionable failure of the local stack. */
export class StackError extends TechmapError {
  readonly exitCode: number;

  constructor(kind: StackErrorKind, message: string, opts: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, { kind: `stack.${kind}`, retriable: opts.retriable ?? false, cause: opts.cause });
    this.exitCode = exitCodes[kind];
  }
}

/** The exit code for any error thrown by the stack (1 for foreign errors). */
export function exitCodeOf(err: unknown): number {
  return err instanceof StackError ? err.exitCode : exitCodes.failure;
}
