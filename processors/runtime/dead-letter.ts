// The dead-letter record (schemas/dead-letter.avsc) of an input record a stage could not process.
import type { DeadLetter } from '../../platform/dead-letter-queue';
import { describeError } from '../../platform/errors';
import type { RecordMeta } from '../runner';

export type { DeadLetter };

/** One line saying what went wrong, with the first cause when there is one. */
export function deadLetterMessage(err: unknown): string {
  const message = describeError(err);
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause === undefined) return message;
  const causeMessage = describeError(cause);
  return message.includes(causeMessage) ? message : `${message} (cause: ${causeMessage})`;
}

export function deadLetterFor(
  stage: string,
  meta: RecordMeta,
  original: { key: Buffer | null; value: Buffer | null },
  err: unknown,
  attempts: number,
  now = Date.now(),
): DeadLetter {
  return {
    stage,
    topic: meta.topic,
    partition: meta.partition,
    offset: meta.offset,
    key: original.key,
    value: original.value,
    headers: meta.headers,
    errorType: err instanceof Error ? err.name : typeof err,
    errorMessage: deadLetterMessage(err),
    retriable: false,
    attempts,
    failedAt: now,
  };
}
