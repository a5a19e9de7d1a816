// Errors a route may throw on purpose. The errors middleware turns each into its status and a JSON body;
// anything else becomes a 500 (or 503 when a dependency is away) without internals.

export interface ParameterIssue {
  /** The parameter at fault: a path, query or body parameter name, or a header name. */
  parameter: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: a parameter is missing, malformed, out of range or unknown. Names the parameter and why. */
export class BadRequestError extends HttpError {
  readonly issues: ParameterIssue[];
  constructor(issues: ParameterIssue[] | ParameterIssue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(400, 'invalid_parameter', list.map((i) => `${i.parameter}: ${i.message}`).join('; '));
    this.issues = list;
  }

  get parameter(): string {
    return this.issues[0]?.parameter ?? '';
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message: string) {
    super(401, 'unauthorized', message, { 'WWW-Authenticate': 'Bearer realm="techmap-admin"' });
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', `too many requests: retry after ${retryAfterSeconds} s`, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(message: string, retryAfterSeconds = 5) {
    super(503, 'unavailable', message, { 'Retry-After': String(retryAfterSeconds) });
  }
}
