// The one config module: every setting has a name, a default for the local stack, a type and a description.
// Values come from environment variables; a bad value fails fast with a message naming the variable.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './errors';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
const brokerList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every((b) => /^[^:\s]+:\d+$/.test(b)), 'must be host:port[,host:port...]');

interface SettingDef<T extends z.ZodTypeAny> {
  env: string;
  schema: T;
  default?: string;
  doc: string;
}

function setting<T extends z.ZodTypeAny>(env: string, schema: T, defaultValue: string | undefined, doc: string) {
  return { env, schema, default: defaultValue, doc } satisfies SettingDef<T>;
}

/** Every setting techmap reads. The README's config table and docker-compose's environment are checked against it. */
export const settings = {
  kafkaBrokers: setting('KAFKA_BROKERS', brokerList, '127.0.0.1:9092', 'Kafka bootstrap servers, comma separated.'),
  kafkaClientId: setting('KAFKA_CLIENT_ID', z.string().min(1), 'techmap', 'Client id prefix sent to Kafka.'),
  topicPrefix: setting(
    'TECHMAP_TOPIC_PREFIX',
    z.string().regex(/^[a-zA-Z0-9._-]*$/),
    '',
    'Prefix for every topic name (isolates test runs).',
  ),
  topicPartitions: setting('TOPIC_PARTITIONS', positiveInt, '6', 'Partitions of the posting topics when created.'),
  schemaRegistryUrl: setting(
    'SCHEMA_REGISTRY_URL',
    httpUrl,
    'http://127.0.0.1:8081/apis/ccompat/v7',
    'Confluent-compatible Schema Registry API base URL.',
  ),
  s3Endpoint: setting('S3_ENDPOINT', httpUrl.optional(), 'http://127.0.0.1:9000', 'S3 endpoint (unset on AWS).'),
  s3Region: setting('S3_REGION', z.string().min(1), 'us-east-1', 'S3 region.'),
  s3Bucket: setting('S3_BUCKET', z.string().min(3), 'techmap-archive', 'Bucket of the archive.'),
  s3AccessKeyId: setting('S3_ACCESS_KEY_ID', z.string().optional(), 'local-access-key', 'S3 access key id.'),
  s3SecretAccessKey: setting('S3_SECRET_ACCESS_KEY', z.string().optional(), 'local-secret-key', 'S3 secret key.'),
  dynamoEndpoint: setting(
    'DYNAMODB_ENDPOINT',
    httpUrl.optional(),
    'http://127.0.0.1:4567',
    'DynamoDB endpoint (unset on AWS).',
  ),
  dynamoRegion: setting('DYNAMODB_REGION', z.string().min(1), 'us-east-1', 'DynamoDB region.'),
  dynamoTable: setting('DYNAMODB_TABLE', z.string().min(3), 'techmap-postings', 'Table of gold posting documents.'),
  mysqlUrl: setting(
    'MYSQL_URL',
    z.string().regex(/^mysql:\/\//, 'must start with mysql://'),
    'mysql://root@127.0.0.1:3306/techmap',
    'MySQL/MariaDB connection URL (database is created if missing).',
  ),
  gatewayHost: setting('GATEWAY_HOST', z.string().min(1), '127.0.0.1', 'Address the gateway listens on.'),
  gatewayPort: setting('GATEWAY_PORT', port, '8080', 'Port of the REST API and dashboard.'),
  gatewayCorsOrigin: setting('GATEWAY_CORS_ORIGIN', z.string(), '*', 'Allowed CORS origin(s), comma separated.'),
  adminToken: setting('TECHMAP_ADMIN_TOKEN', z.string().optional(), undefined, 'Bearer token for admin routes.'),
  metricsPort: setting(
    'METRICS_PORT',
    z.coerce.number().int().min(0).max(65535),
    '0',
    'Port of /metrics, /health and /ready for non-gateway components (0 = off).',
  ),
  geminiApiKey: setting('GEMINI_API_KEY', z.string().optional(), undefined, 'Gemini API key; unset = rules only.'),
  geminiModel: setting('GEMINI_MODEL', z.string().min(1), 'gemini-2.5-flash', 'Gemini model name.'),
  geminiBaseUrl: setting('GEMINI_BASE_URL', httpUrl.optional(), undefined, 'Override of the Gemini API base URL.'),
  llmDailyCallBudget: setting('LLM_DAILY_CALL_BUDGET', positiveInt, '500', 'Max LLM calls per UTC day.'),
  llmDailyTokenBudget: setting('LLM_DAILY_TOKEN_BUDGET', positiveInt, '1000000', 'Max LLM tokens per UTC day.'),
  llmRatePerMinute: setting('LLM_RATE_PER_MINUTE', positiveInt, '30', 'Max LLM calls per minute.'),
  llmTimeoutMs: setting(
    'LLM_TIMEOUT_MS',
    positiveInt,
    '20000',
    'Timeout of one LLM call; the stage then keeps the rules result.',
  ),
  llmBreakerFailures: setting(
    'LLM_BREAKER_FAILURES',
    positiveInt,
    '5',
    'Consecutive LLM failures that open the circuit breaker.',
  ),
  llmBreakerCooldownMs: setting(
    'LLM_BREAKER_COOLDOWN_MS',
    positiveInt,
    '60000',
    'Time the LLM breaker stays open before one trial call.',
  ),
  llmJobFieldMinConfidence: setting(
    'LLM_JOB_FIELD_MIN_CONFIDENCE',
    z.coerce.number().min(0).max(1),
    '0.6',
    'Job-field confidence below which the enrich stage asks the LLM.',
  ),
  instanceId: setting(
    'TECHMAP_INSTANCE_ID',
    z
      .string()
      .regex(/^[a-zA-Z0-9._-]+$/)
      .optional(),
    undefined,
    'Stable id of this replica of a component (stage transactional ids); default: the host name.',
  ),
  crawlUserAgent: setting(
    'CRAWL_USER_AGENT',
    z.string().min(10),
    'techmap-crawler/0.1 (+https://github.com/techmap/techmap; crawler@techmap.dev)',
    'User-Agent of the crawlers, with a contact.',
  ),
  crawlMinIntervalMs: setting('CRAWL_MIN_INTERVAL_MS', positiveInt, '2000', 'Min time between requests to one host.'),
  crawlBoards: setting('CRAWL_BOARDS', z.string(), 'demo', 'Boards the producers crawl, comma separated.'),
  demoBoardPort: setting('DEMO_BOARD_PORT', port, '8090', 'Port of the offline demo job board.'),
  infraDir: setting(
    'TECHMAP_INFRA_DIR',
    z.string().min(1),
    path.join(repoRoot, '.infra'),
    'Where the local stack keeps downloads, data, logs and pids.',
  ),
  logLevel: setting(
    'LOG_LEVEL',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info',
    'Log level (pino).',
  ),
  logPretty: setting('LOG_PRETTY', bool, 'false', 'Human-readable logs instead of JSON lines.'),
} as const;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

/** Reads and validates every setting; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, def] of Object.entries(settings) as Array<[keyof Settings, SettingDef<z.ZodTypeAny>]>) {
    const raw = env[def.env] !== undefined && env[def.env] !== '' ? env[def.env] : def.default;
    const parsed = def.schema.safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${def.env}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join(' | ')}`);
  return { ...(out as Config), ...overrides };
}

/** Names of all environment variables techmap reads. */
export const settingEnvNames: string[] = Object.values(settings).map((s) => s.env);

/** Parses MYSQL_URL into mysql2 connection options. */
export function mysqlOptions(config: Pick<Config, 'mysqlUrl'>) {
  const u = new URL(config.mysqlUrl);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, '') || 'techmap',
  };
}
