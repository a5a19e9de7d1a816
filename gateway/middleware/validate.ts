// Validation before the route: path, query and body parameters are parsed by zod schemas; the first failure
// becomes a 400 naming each parameter and why. Unknown query parameters and repeated ones are refused too,
// so a typo (?limt=5) is an error rather than silently ignored.
import type Koa from 'koa';
import { z } from 'zod';
import type { GatewayState, RouteContext } from '../context';
import { BadRequestError, type ParameterIssue } from '../http-errors';

export interface InputSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

/** Converts zod issues into parameter issues; `where` is used when an issue has no path (a whole-object rule). */
export function toParameterIssues(error: z.ZodError, where: string): ParameterIssue[] {
  const out: ParameterIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ parameter: String(key), message: 'unknown parameter' });
      continue;
    }
    const parameter = issue.path.length > 0 ? String(issue.path[0]) : where;
    const item = issue.path.length > 1 && typeof issue.path[1] === 'number' ? `item ${issue.path[1] + 1} ` : '';
    out.push({ parameter, message: `${item}${describeIssue(issue)}` });
  }
  return out;
}

/** zod's own wording starts like this; a schema's custom message is kept as written. */
const DEFAULT_MESSAGE = /^(Too big|Too small|Invalid input|Invalid option|Invalid string|Invalid number)/;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_big':
      return `must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Flattens Koa's query object; a parameter given twice is an error (each parameter takes one value). */
function singleValued(query: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const issues: ParameterIssue[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) issues.push({ parameter: k, message: 'given more than once' });
    else if (v !== undefined) out[k] = v;
  }
  if (issues.length > 0) throw new BadRequestError(issues);
  return out;
}

export interface ValidatedInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

export function validate(schemas: InputSchemas): Koa.Middleware<GatewayState> {
  return async (ctx, next) => {
    const issues: ParameterIssue[] = [];
    const input: ValidatedInput = { params: {}, query: {}, body: undefined };
    const run = (schema: z.ZodType | undefined, value: unknown, where: keyof ValidatedInput) => {
      if (!schema) return;
      const parsed = schema.safeParse(value);
      if (parsed.success) input[where] = parsed.data;
      else issues.push(...toParameterIssues(parsed.error, where));
    };
    run(schemas.params, (ctx as unknown as RouteContext).params ?? {}, 'params');
    run(schemas.query ?? z.strictObject({}), singleValued(ctx.query), 'query');
    if (schemas.body) run(schemas.body, (ctx.request as unknown as { body?: unknown }).body, 'body');
    if (issues.length > 0) throw new BadRequestError(issues);
    ctx.state.input = input;
    await next();
  };
}

/** The validated input of this request, typed by the schemas the route declared. */
export function inputOf<P = unknown, Q = unknown, B = unknown>(
  ctx: Koa.ParameterizedContext<GatewayState>,
): { params: P; query: Q; body: B } {
  return ctx.state.input as { params: P; query: Q; body: B };
}
