// The browser tests' world: a private MariaDB database, DynamoDB table and topic prefix filled the way the
// pipeline fills them — gold records on the gold topic, put through the REAL MySQL and DynamoDB sinks — plus
// crawl events and dead letters on their topics, and the REAL gateway (startGateway) serving the built dashboard.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import mysql from 'mysql2/promise';
import { mysqlOptions, repoRoot, type Config } from '../../../platform/config';
import { createKafka } from '../../../platform/kafka';
import { componentLogger } from '../../../platform/logger';
import type { AvroSerde } from '../../../platform/serde';
import { topicName, type TopicId } from '../../../platform/topics';
import { startGateway, type RunningGateway } from '../../../gateway';
import { sinkSettings } from '../../../sinks';
import { DynamoSink } from '../../../sinks/dynamodb';
import { MysqlSink } from '../../../sinks/mysql';
import type { GoldPosting } from '../../../sinks/records';
import type { SinkDeps, SinkRecord } from '../../../sinks/types';
import { dropTopics, isolatedConfig, prepareTopics } from '../../support/services';
import { goldPostings } from './gold-postings';

export const dashboardDist = path.join(repoRoot, 'dashboard', 'dist');

export interface World {
  config: Config;
  golds: GoldPosting[];
  gateway: RunningGateway;
  /** GET a gateway API path (e.g. '/api/v1/fields') as JSON. */
  api<T>(pathAndQuery: string): Promise<T>;
  close(): Promise<void>;
}

/** Newest modification time (ms) of the files under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dashboard/dist with Vite unless it is newer than every source file. */
export async function ensureDashboardBuilt(): Promise<void> {
  const index = path.join(dashboardDist, 'index.html');
  const root = path.join(repoRoot, 'dashboard');
  const sources = Math.max(
    newestMtime(path.join(root, 'src')),
    newestMtime(path.join(root, 'public')),
    fs.statSync(path.join(root, 'index.html')).mtimeMs,
    fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs,
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn', configFile: path.join(root, 'vite.config.ts') });
}

async function produce(
  config: Config,
  serde: AvroSerde,
  topic: TopicId,
  records: Array<{ key: string; value: unknown; timestamp?: number }>,
) {
  const producer = createKafka(config, 'browser-test').producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += 500) {
      const messages = await Promise.all(
        records.slice(i, i + 500).map(async (r) => ({
          key: r.key,
          value: await serde.encode(topic, r.value),
          partition: 0,
          timestamp: r.timestamp !== undefined ? String(r.timestamp) : undefined,
        })),
      );
      await producer.send({ topic: topicName(config, topic), acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

/** The gold records as the sinks' runner would hand them over: partition 0, offsets from 0, Avro bytes. */
async function sinkRecords(config: Config, serde: AvroSerde, golds: GoldPosting[]): Promise<SinkRecord[]> {
  const topic = topicName(config, 'gold');
  return Promise.all(
    golds.map(async (g, i) => ({
      topic,
      partition: 0,
      offset: i,
      timestamp: g.enrichedAt,
      key: Buffer.from(g.posting.postingId),
      value: await serde.encode('gold', g),
      headers: {},
    })),
  );
}

async function putThroughSinks(config: Config, serde: AvroSerde, golds: GoldPosting[]): Promise<void> {
  const records = await sinkRecords(config, serde, golds);
  const deps = (name: string): SinkDeps => ({
    logger: componentLogger(`test.browser.${name}`),
    groupId: `${config.topicPrefix}techmap.sink-${name}`,
    deadLetter: async (_record, err) => {
      throw new Error(`the browser-test fixtures produced a dead letter: ${String(err)}`);
    },
  });
  const mysqlSink = new MysqlSink(config, sinkSettings('sink-mysql', {}), serde, deps('mysql'));
  const dynamoSink = new DynamoSink(config, sinkSettings('sink-dynamodb', {}), serde, deps('dynamodb'));
  try {
    await mysqlSink.start();
    await dynamoSink.start();
    const tp = [{ topic: topicName(config, 'gold'), partition: 0 }];
    await mysqlSink.open(tp);
    await dynamoSink.open();
    for (let i = 0; i < records.length; i += 500) {
      const batch = records.slice(i, i + 500);
      await mysqlSink.put(batch);
      await dynamoSink.put(batch);
    }
    const consumed = new Map([[`${tp[0]!.topic}/0`, records.length]]);
    await mysqlSink.preCommit(consumed);
    await dynamoSink.preCommit(consumed);
  } finally {
    await mysqlSink.stop();
    await dynamoSink.stop();
    dynamoSink.client.destroy();
  }
}

/** Crawl runs and dead letters for the Pipeline page (what producers and processors would emit). */
async function pipelineEvents(config: Config, serde: AvroSerde, now: number): Promise<void> {
  const boards = [
    { board: 'wanted', pages: 12, newPostings: 180, ago: 2 },
    { board: 'jumpit', pages: 8, newPostings: 120, ago: 3 },
    { board: 'saramin', pages: 10, newPostings: 140, ago: 5 },
    { board: 'greenhouse', pages: 4, newPostings: 90, ago: 26 },
  ];
  type Out = { key: string; timestamp: number; value: Record<string, unknown> };
  const events: Out[] = boards.flatMap((b, i): Out[] => {
    const runId = `run-${i}`;
    const started = now - b.ago * 3600_000;
    const base = {
      runId,
      board: b.board,
      requests: b.pages * 3,
      unchangedPostings: 4,
      closedPostings: 2,
      notModified: 1,
    };
    return [
      {
        key: b.board,
        timestamp: started,
        value: {
          ...base,
          kind: 'STARTED',
          at: started,
          pagesFetched: 0,
          newPostings: 0,
          changedPostings: 0,
          errors: {},
          message: null,
        },
      },
      {
        key: b.board,
        timestamp: started + 90_000,
        value: {
          ...base,
          kind: 'FINISHED',
          at: started + 90_000,
          pagesFetched: b.pages,
          newPostings: b.newPostings,
          changedPostings: 3,
          errors: i === 3 ? { timeout: 1 } : {},
          message: null,
        },
      },
    ];
  });
  events.push({
    key: 'lever',
    timestamp: now - 3600_000,
    value: {
      runId: 'run-lever',
      board: 'lever',
      kind: 'FAILED',
      at: now - 3600_000,
      pagesFetched: 1,
      requests: 3,
      newPostings: 0,
      changedPostings: 0,
      unchangedPostings: 0,
      closedPostings: 0,
      notModified: 0,
      errors: { http_5xx: 3 },
      message: 'HTTP 503 from the listing after 3 attempts',
    },
  });
  await produce(config, serde, 'crawlEvents', events);
  const dead = (
    stage: string,
    topic: string,
    offset: number,
    errorType: string,
    errorMessage: string,
    ago: number,
  ) => ({
    key: `${stage}-${offset}`,
    timestamp: now - ago,
    value: {
      stage,
      topic,
      partition: 0,
      offset: String(offset),
      key: Buffer.from(`demo:${offset}`),
      value: Buffer.from('{not avro'),
      headers: {},
      errorType,
      errorMessage,
      retriable: false,
      attempts: 1,
      failedAt: now - ago,
    },
  });
  await produce(config, serde, 'dlq', [
    dead('refine', topicName(config, 'raw'), 17, 'ParseError', 'listing entry without an id', 7200_000),
    dead('refine', topicName(config, 'raw'), 42, 'ParseError', 'unreadable deadline "내일까지?"', 3600_000),
    dead('enrich', topicName(config, 'silver'), 9, 'SchemaError', 'unknown schema id 9999', 600_000),
  ]);
}

async function dropDatabase(config: Config): Promise<void> {
  const o = mysqlOptions(config);
  const conn = await mysql.createConnection({ host: o.host, port: o.port, user: o.user, password: o.password });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${o.database}\``);
  } finally {
    await conn.end();
  }
}

/** Fills a private world with `count` gold postings and starts the gateway over it on a free port. */
export async function createWorld(opts: { count?: number; now?: Date } = {}): Promise<World> {
  const id = randomBytes(4).toString('hex');
  const config = isolatedConfig('browser', {
    mysqlUrl: `mysql://root@127.0.0.1:3306/techmap_browser_${id}`,
    dynamoTable: `techmap-browser-${id}`,
    topicPartitions: 1,
  });
  const now = opts.now ?? new Date();
  const golds = goldPostings({ now, count: opts.count });
  const serde = await prepareTopics(config, ['raw', 'silver', 'gold', 'dlq', 'crawlEvents']);
  await produce(
    config,
    serde,
    'gold',
    golds.map((g) => ({ key: g.posting.postingId, value: g, timestamp: g.enrichedAt })),
  );
  await putThroughSinks(config, serde, golds);
  await pipelineEvents(config, serde, now.getTime());
  const gateway = await startGateway(config, {
    port: 0,
    // The gateway's own defaults (rate limit included), only pointed at the freshly built dashboard.
    settings: { dashboardDir: dashboardDist },
  });
  return {
    config,
    golds,
    gateway,
    async api<T>(pathAndQuery: string): Promise<T> {
      const res = await fetch(`${gateway.url}${pathAndQuery}`);
      if (!res.ok) throw new Error(`GET ${pathAndQuery}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      await gateway.stop().catch(() => undefined);
      const dynamo = new DynamoDBClient({
        endpoint: config.dynamoEndpoint,
        region: config.dynamoRegion,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      await dynamo.send(new DeleteTableCommand({ TableName: config.dynamoTable })).catch(() => undefined);
      dynamo.destroy();
      await dropDatabase(config).catch(() => undefined);
      await dropTopics(config);
    },
  };
}
