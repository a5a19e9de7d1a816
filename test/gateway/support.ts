// The gateway's integration world: a private MariaDB database, DynamoDB table and topic prefix, filled by the
// REAL sinks (gold records encoded through the Schema Registry and put through MysqlSink and DynamoSink), and a
// gateway listening on a free loopback port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Admin } from 'kafkajs';
import type mysql from 'mysql2/promise';
import type { Config } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { componentLogger } from '../../platform/logger';
import type { AvroSerde } from '../../platform/serde';
import { topicName } from '../../platform/topics';
import { kafkaAdminActions } from '../../gateway/admin-actions';
import { createGateway, type Gateway } from '../../gateway/app';
import type { GatewayDeps } from '../../gateway/context';
import { createDocumentClient, createGatewayPool } from '../../gateway/clients';
import { KafkaPipelineMonitor } from '../../gateway/pipeline-monitor';
import { sinkSettings } from '../../sinks';
import { DynamoSink } from '../../sinks/dynamodb';
import { MysqlSink } from '../../sinks/mysql';
import type { GoldPosting } from '../../sinks/records';
import type { SinkDeps, SinkRecord } from '../../sinks/types';
import { dropDatabase } from '../sinks/support';
import { dropTopics, isolatedConfig, prepareTopics } from '../support/services';
import { goldPostings } from './fixtures';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface World {
  config: Config;
  serde: AvroSerde;
  db: mysql.Pool;
  dynamo: DynamoDBDocumentClient;
  admin: Admin;
  golds: GoldPosting[];
  /** Builds (another) gateway app over this world's data. */
  app(overrides?: Partial<GatewayDeps>): Gateway;
  /** Listens with `app` on a free loopback port. */
  listen(app: Gateway): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/** Puts gold records through the real sinks (one batch each, partition 0 of the gold topic). */
export async function putThroughSinks(config: Config, serde: AvroSerde, golds: GoldPosting[], firstOffset = 0) {
  const topic = topicName(config, 'gold');
  const records: SinkRecord[] = [];
  for (const [i, g] of golds.entries()) {
    records.push({
      topic,
      partition: 0,
      offset: firstOffset + i,
      timestamp: g.enrichedAt,
      key: Buffer.from(g.posting.postingId),
      value: await serde.encode('gold', g),
      headers: {},
    });
  }
  const deps = (name: string): SinkDeps => ({
    logger: componentLogger(`test.${name}`),
    groupId: `${config.topicPrefix}techmap.sink-${name}`,
    deadLetter: async (_record, err) => {
      throw new Error(`unexpected dead letter in the gateway fixtures: ${String(err)}`);
    },
  });
  const mysqlSink = new MysqlSink(config, sinkSettings('sink-mysql', {}), serde, deps('mysql'));
  const dynamoSink = new DynamoSink(config, sinkSettings('sink-dynamodb', {}), serde, deps('dynamodb'));
  try {
    await mysqlSink.start();
    await dynamoSink.start();
    await mysqlSink.open([{ topic, partition: 0 }]);
    await mysqlSink.put(records);
    await dynamoSink.put(records);
  } finally {
    await mysqlSink.stop();
    await dynamoSink.stop();
    dynamoSink.client.destroy();
  }
}

export async function createWorld(suite: string, opts: { golds?: GoldPosting[] } = {}): Promise<World> {
  const id = randomBytes(4).toString('hex');
  const config = isolatedConfig(`gw-${suite}`, {
    mysqlUrl: `mysql://root@127.0.0.1:3306/techmap_test_${id}`,
    dynamoTable: `techmap-test-${id}`,
    adminToken: ADMIN_TOKEN,
  });
  const serde = await prepareTopics(config, ['gold', 'dlq', 'crawlEvents', 'crawlCommands', 'raw']);
  const golds = opts.golds ?? goldPostings(Date.now());
  await putThroughSinks(config, serde, golds);
  const db = createGatewayPool(config, 8);
  const dynamo = createDocumentClient(config);
  const kafka = createKafka(config, 'test-gateway');
  const admin = kafka.admin();
  await admin.connect();
  const logger = componentLogger('gateway.test');
  const actions = kafkaAdminActions({ kafka, serde, config, logger, timeoutMs: 20000 });
  const monitor = new KafkaPipelineMonitor(kafka, serde, config, logger);
  monitor.start();
  const closers: Array<() => Promise<void>> = [];
  return {
    config,
    serde,
    db,
    dynamo,
    admin,
    golds,
    app: (overrides = {}) =>
      createGateway({
        config,
        db,
        dynamo,
        kafkaAdmin: admin,
        logger,
        // Tests expect exact coverage counts on the first request: wait for them (the default is 50 ms).
        settings: { rateLimit: false, coverageWaitMs: 20000 },
        adminActions: actions,
        pipelineMonitor: monitor,
        boards: ['wanted', 'jumpit', 'greenhouse', 'demo'],
        ...overrides,
      }),
    async listen(app) {
      const server = http.createServer(app.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const close = () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      closers.push(close);
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
    },
    async close() {
      for (const c of closers) await c().catch(() => undefined);
      await actions.stop();
      await monitor.stop();
      await admin.disconnect().catch(() => undefined);
      await db.end().catch(() => undefined);
      await dynamo.send(new DeleteTableCommand({ TableName: config.dynamoTable })).catch(() => undefined);
      dynamo.destroy();
      await dropDatabase(config).catch(() => undefined);
      await dropTopics(config);
    },
  };
}

/** GET (or other method) returning status, headers and the parsed JSON (or text) body. */
export async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body, text };
}
