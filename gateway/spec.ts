// The gateway declares itself: its name, what it does and its settings (with defaults), like every component.
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../platform/config';
import { ConfigError } from '../platform/errors';
import { settingEnvName } from '../platform/settings-env';

export const gatewaySettings = z.object({
  rateLimit: z
    .object({
      perSecond: z.number().positive().describe('Tokens added per second to each client IP bucket.'),
      burst: z.number().int().positive().describe('Bucket size: requests a client may send at once.'),
    })
    .or(z.literal(false))
    .default({ perSecond: 20, burst: 60 })
    .describe('Token-bucket rate limit per client IP (false = off). /health, /ready and /metrics are exempt.'),
  cacheMaxAgeSeconds: z
    .number()
    .int()
    .min(0)
    .default(60)
    .describe('Cache-Control max-age of aggregate routes (they also carry a weak ETag).'),
  coverageWaitMs: z
    .number()
    .int()
    .min(0)
    .default(50)
    .describe(
      'How long an aggregate request waits for a first count of the companies/boards/dates behind it; later they are recounted in the background.',
    ),
  dashboardDir: z
    .string()
    .default(path.join(repoRoot, 'dashboard', 'dist'))
    .describe('Built dashboard served at / (SPA fallback to index.html) when the folder exists.'),
  trustProxy: z.boolean().default(false).describe('Take the client IP from X-Forwarded-For (behind a proxy).'),
  maxExportRows: z.number().int().positive().default(10000).describe('Most rows one CSV/JSON export returns.'),
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(16 * 1024)
    .describe('Largest JSON body an admin route accepts.'),
});

export type GatewaySettings = z.output<typeof gatewaySettings>;

/**
 * The gateway's settings from GATEWAY_* variables: GATEWAY_RATE_LIMIT_PER_SECOND and GATEWAY_RATE_LIMIT_BURST (or
 * GATEWAY_RATE_LIMIT=off), and one variable per other setting (GATEWAY_TRUST_PROXY=true behind an ingress or load
 * balancer, GATEWAY_CACHE_MAX_AGE_SECONDS, ...). Unset variables keep the defaults; a bad value names its variable.
 */
export function gatewaySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const input: Record<string, unknown> = {};
  const names = new Map<string, string>();
  const defaults = gatewaySettings.parse({});
  for (const key of Object.keys(gatewaySettings.shape)) {
    if (key === 'rateLimit') continue;
    const name = settingEnvName('GATEWAY', key);
    names.set(key, name);
    const v = env[name];
    if (v === undefined || v === '') continue;
    const d = defaults[key as keyof GatewaySettings];
    input[key] = typeof d === 'number' ? Number(v) : typeof d === 'boolean' ? parseBoolean(v) : v;
  }
  const limit = env.GATEWAY_RATE_LIMIT;
  const perSecond = env.GATEWAY_RATE_LIMIT_PER_SECOND;
  const burst = env.GATEWAY_RATE_LIMIT_BURST;
  names.set('rateLimit', 'GATEWAY_RATE_LIMIT_PER_SECOND / GATEWAY_RATE_LIMIT_BURST');
  if (limit === 'off' || limit === 'false') input.rateLimit = false;
  else if (limit !== undefined && limit !== '' && limit !== 'on' && limit !== 'true') {
    throw new ConfigError(`invalid gateway settings: GATEWAY_RATE_LIMIT: "${limit}" is not on or off`);
  } else if (perSecond || burst) {
    // The schema's default is a limit, never false.
    const base = defaults.rateLimit as Exclude<GatewaySettings['rateLimit'], false>;
    input.rateLimit = {
      perSecond: perSecond ? Number(perSecond) : base.perSecond,
      burst: burst ? Number(burst) : base.burst,
    };
  }
  const parsed = gatewaySettings.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${names.get(String(i.path[0])) ?? String(i.path[0])}: ${i.message}`);
  throw new ConfigError(`invalid gateway settings: ${problems.join(' | ')}`);
}

function parseBoolean(v: string): boolean | string {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return v; // left for zod to refuse, naming the variable
}

export const spec = {
  name: 'gateway',
  summary:
    'Koa REST API under /api/v1 over the MySQL aggregates and DynamoDB documents, with OpenAPI, /metrics and the dashboard.',
  settings: gatewaySettings,
};
