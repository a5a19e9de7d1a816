// The gateway declares itself: its name, what it does and its settings (with defaults), like every component.
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../platform/config';

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

export const spec = {
  name: 'gateway',
  summary:
    'Koa REST API under /api/v1 over the MySQL aggregates and DynamoDB documents, with OpenAPI, /metrics and the dashboard.',
  settings: gatewaySettings,
};
