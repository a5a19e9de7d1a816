// Producer settings that platform/config.ts does not carry: the crawler runtime's knobs and each board's own
// settings. Same rules as the platform config: every setting has an env name, a default, a type and a doc, and a
// bad value fails fast naming the variable. Board settings come from BOARD_<BOARD>_<SETTING> (e.g.
// BOARD_GREENHOUSE_BOARD_TOKENS=acme,globex; BOARD_SARAMIN_ACCESS_KEY=...), on top of the adapter's defaults.
import { z } from 'zod';
import type { Config } from '../platform/config';
import { ConfigError } from '../platform/errors';
import type { BoardAdapter, CommonBoardSettings } from './adapter';
import { adapterFor, boardNames } from './registry';

const int = (min: number) => z.coerce.number().int().min(min);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

function setting<T extends z.ZodTypeAny>(env: string, schema: T, dflt: string | undefined, doc: string) {
  return { env, schema, default: dflt, doc };
}

/** The crawler runtime's settings (env name, default, doc). */
export const producerSettings = {
  timeoutMs: setting('CRAWL_TIMEOUT_MS', int(1), '15000', 'Timeout of one HTTP attempt (whole request).'),
  maxRetries: setting(
    'CRAWL_MAX_RETRIES',
    int(0),
    '3',
    'Retries of a request after timeouts, network errors, 429 and 5xx.',
  ),
  backoffBaseMs: setting('CRAWL_BACKOFF_BASE_MS', int(0), '1000', 'First retry delay; doubles per retry, with jitter.'),
  backoffMaxMs: setting('CRAWL_BACKOFF_MAX_MS', int(0), '30000', 'Largest retry delay.'),
  maxRetryAfterMs: setting(
    'CRAWL_MAX_RETRY_AFTER_MS',
    int(0),
    '120000',
    'Longest Retry-After honoured; longer ones fail the request.',
  ),
  maxRedirects: setting('CRAWL_MAX_REDIRECTS', int(0), '5', 'Redirects followed per request.'),
  respectRobots: setting(
    'CRAWL_RESPECT_ROBOTS',
    bool,
    'true',
    'Honour robots.txt (disallowed URLs are skipped and counted).',
  ),
  batchSize: setting('CRAWL_BATCH_SIZE', int(1), '200', 'Raw records per Kafka transaction.'),
  flushIntervalMs: setting('CRAWL_FLUSH_INTERVAL_MS', int(0), '2000', 'A partial batch is committed after this long.'),
  maxRecordBytes: setting(
    'CRAWL_MAX_RECORD_BYTES',
    int(1024),
    '900000',
    'Largest body a raw record carries (broker limit ~1 MB).',
  ),
  touchHours: setting(
    'CRAWL_STATE_TOUCH_HOURS',
    z.coerce.number().min(0),
    '24',
    'lastSeenAt of unchanged postings is refreshed at most this often.',
  ),
  demoBoardUrl: setting(
    'DEMO_BOARD_URL',
    z.string().url().optional(),
    undefined,
    'A running demo board to crawl (default: the one on DEMO_BOARD_PORT, started if absent).',
  ),
  demoBoardHost: setting(
    'DEMO_BOARD_HOST',
    z.string().min(1),
    '127.0.0.1',
    'Address the demo board listens on (0.0.0.0 in a container).',
  ),
  demoIntervalMs: setting(
    'DEMO_CRAWL_INTERVAL_MS',
    int(0),
    '20',
    'Per-host interval when crawling the local demo board.',
  ),
  demoSeed: setting('DEMO_BOARD_SEED', int(0), '20261116', 'Seed of the demo board postings.'),
  demoGeneration: setting('DEMO_BOARD_GENERATION', int(0), '0', 'Generation the demo board starts in.'),
} as const;

type Defs = typeof producerSettings;

/** The same settings as one zod object (keys → schema described by its env name and doc), for specs and docs. */
export const producerSettingsSchema = z.object(
  Object.fromEntries(
    Object.entries(producerSettings).map(([key, def]) => [
      key,
      (def.schema as z.ZodTypeAny).describe(`${def.env}: ${def.doc}`),
    ]),
  ),
);
export type ProducerSettings = { [K in keyof Defs]: z.output<Defs[K]['schema']> };

export function loadProducerSettings(env: NodeJS.ProcessEnv = process.env): ProducerSettings {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, def] of Object.entries(producerSettings)) {
    const raw = env[def.env] !== undefined && env[def.env] !== '' ? env[def.env] : def.default;
    const parsed = (def.schema as z.ZodTypeAny).safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${def.env}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join(' | ')}`);
  return out as ProducerSettings;
}

/** The boards the demo board serves, and what the demo-mode adapters need beyond a base URL. */
export const demoBoards: Record<string, Record<string, string>> = {
  wanted: {},
  jumpit: {},
  programmers: {},
  greenhouse: { boardTokens: 'karrotlane,tidewave,northwindai' },
  lever: { sites: 'bluefin,quill' },
  remoteok: {},
};
/** Demo boards are re-crawled every 10 minutes by `techmap run producers` (a real board every 6 hours). */
const demoScheduleMinutes = '10';

export interface CrawlTarget {
  adapter: BoardAdapter<CommonBoardSettings>;
  settings: CommonBoardSettings;
  demo: boolean;
}

const envName = (board: string, key: string) =>
  `BOARD_${board.toUpperCase()}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** Settings of one board: adapter defaults < demo overrides < BOARD_<BOARD>_<SETTING> env. */
export function boardSettings(
  adapter: BoardAdapter<CommonBoardSettings>,
  config: Pick<Config, 'crawlMinIntervalMs'>,
  producer: ProducerSettings,
  env: NodeJS.ProcessEnv,
  demoUrl?: string,
): CommonBoardSettings {
  const shape = (adapter.spec.settings as unknown as z.ZodObject<z.ZodRawShape>).shape;
  const raw: Record<string, unknown> = { minIntervalMs: String(config.crawlMinIntervalMs), ...adapter.defaults };
  if (demoUrl) {
    Object.assign(raw, {
      baseUrl: `${demoUrl}/${adapter.name}`,
      humanBaseUrl: `${demoUrl}/${adapter.name}`,
      minIntervalMs: String(producer.demoIntervalMs),
      scheduleMinutes: demoScheduleMinutes,
      ...demoBoards[adapter.name],
    });
  }
  for (const key of Object.keys(shape)) {
    const v = env[envName(adapter.name, key)];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const parsed = adapter.spec.settings.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${envName(adapter.name, String(i.path[0] ?? ''))}: ${i.message}`);
    throw new ConfigError(`invalid settings of board ${adapter.name}: ${issues.join(' | ')}`);
  }
  return parsed.data;
}

/**
 * Board names → crawl targets. 'demo' stands for every board the demo board serves (pointed at demoUrl);
 * other names are the real boards.
 */
export function resolveTargets(
  names: string[],
  config: Pick<Config, 'crawlMinIntervalMs'>,
  producer: ProducerSettings,
  env: NodeJS.ProcessEnv,
  demoUrl?: string,
): CrawlTarget[] {
  const targets: CrawlTarget[] = [];
  const seen = new Set<string>();
  for (const name of names
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter(Boolean)) {
    const demo = name === 'demo';
    const boards = demo ? Object.keys(demoBoards) : [name];
    for (const board of boards) {
      const adapter = adapterFor(board);
      if (!adapter) throw new ConfigError(`unknown board '${board}': one of demo, ${boardNames.join(', ')}`);
      if (seen.has(board))
        throw new ConfigError(`board '${board}' given twice (its demo and real postings would share keys)`);
      seen.add(board);
      if (demo && !demoUrl) throw new ConfigError('the demo boards need a demo board URL');
      targets.push({
        adapter,
        settings: boardSettings(adapter, config, producer, env, demo ? demoUrl : undefined),
        demo,
      });
    }
  }
  return targets;
}

/** Env variables of every board setting (for --help and the README's config table). */
export function boardSettingDocs(): Array<{ env: string; doc: string }> {
  const out: Array<{ env: string; doc: string }> = [];
  for (const name of boardNames) {
    const adapter = adapterFor(name)!;
    const shape = (adapter.spec.settings as unknown as z.ZodObject<z.ZodRawShape>).shape;
    for (const [key, schema] of Object.entries(shape)) {
      out.push({ env: envName(name, key), doc: (schema as z.ZodTypeAny).description ?? '' });
    }
  }
  return out;
}
