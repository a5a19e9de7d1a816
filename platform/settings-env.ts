// A component's own settings (declared as a zod object in its spec) from environment variables named after them:
// prefix + key in upper snake case (REFINE_DEDUP + maxDistance → REFINE_DEDUP_MAX_DISTANCE). Values are strings, so
// the schemas coerce; a bad value fails the start naming its variable.
import type { z } from 'zod';
import { ConfigError } from './errors';

/** REFINE_DEDUP + maxDistance → REFINE_DEDUP_MAX_DISTANCE. */
export function settingEnvName(prefix: string, key: string): string {
  return `${prefix}_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/**
 * Parses `schema` from the variables set in `env`, over `defaults` (values the component takes from elsewhere, e.g.
 * the platform config) and under `overrides` (code that calls the component directly, such as tests and benches).
 */
export function settingsFromEnv<S extends z.ZodObject<z.ZodRawShape>>(
  component: string,
  schema: S,
  prefix: string,
  env: NodeJS.ProcessEnv = process.env,
  opts: { defaults?: Record<string, unknown>; overrides?: Record<string, unknown> } = {},
): z.output<S> {
  const fromEnv: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = env[settingEnvName(prefix, key)];
    if (v !== undefined && v !== '') fromEnv[key] = v;
  }
  const parsed = schema.safeParse({ ...opts.defaults, ...fromEnv, ...opts.overrides });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${settingEnvName(prefix, String(i.path[0]))}: ${i.message}`);
  throw new ConfigError(`invalid ${component} settings: ${problems.join(' | ')}`);
}
