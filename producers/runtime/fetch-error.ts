// Why a fetch failed, as one of a few kinds (the keys of a crawl event's error counts). Retriable kinds were
// already retried by the fetcher; the flag says whether a later run may succeed.
import { TechmapError } from '../../platform/errors';

export type FetchErrorKind =
  | 'http_404'
  | 'http_4xx'
  | 'http_429'
  | 'http_5xx'
  | 'timeout'
  | 'network'
  | 'too_large'
  | 'robots_disallowed'
  | 'redirect_limit';

const retriableKinds = new Set<FetchErrorKind>(['http_429', 'http_5xx', 'timeout', 'network']);

export class FetchError extends TechmapError {
  declare readonly kind: FetchErrorKind;

  constructor(
    kind: FetchErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
    cause?: unknown,
  ) {
    super(`${kind}: ${message} (${url})`, { kind, retriable: retriableKinds.has(kind), cause });
  }
}

/** The error kind of an HTTP status that is not a success, a redirect or a 304. */
export function kindOfStatus(status: number): FetchErrorKind {
  if (status === 404 || status === 410) return 'http_404';
  if (status === 429) return 'http_429';
  if (status >= 500) return 'http_5xx';
  return 'http_4xx';
}
