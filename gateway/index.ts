// The gateway's public surface: createGateway (the Koa app from injected dependencies), startGateway (the
// process: pools, clients, monitor, listening socket) and the component `techmap run gateway` uses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Admin } from 'kafkajs';
import type { Component } from '../platform/component';
import type { Config } from '../platform/config';
import { describeError } from '../platform/errors';
import { createKafka } from '../platform/kafka';
import { componentLogger } from '../platform/logger';
import { AvroSerde } from '../platform/serde';
import { kafkaAdminActions } from './admin-actions';
import { createGateway, type Gateway } from './app';
import { createDocumentClient, createGatewayPool } from './clients';
import { KafkaPipelineMonitor } from './pipeline-monitor';
import { gatewaySettingsFromEnv, type GatewaySettings } from './spec';

export { createGateway, type Gateway } from './app';
export { createDocumentClient, createGatewayPool } from './clients';
export type { GatewayDeps } from './context';
export { kafkaAdminActions, type AdminActions } from './admin-actions';
export { openapiDocument } from './openapi';
export { KafkaPipelineMonitor, type PipelineMonitor } from './pipeline-monitor';
export { spec, gatewaySettings, gatewaySettingsFromEnv, type GatewaySettings } from './spec';

export interface RunningGateway {
  app: Gateway;
  server: http.Server;
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  settings?: Partial<GatewaySettings>;
  /** Port override (0 = any free port); default config.gatewayPort. */
  port?: number;
  /** Connect to Kafka for /pipeline and the admin routes (default true). */
  kafka?: boolean;
}

/** Starts the gateway with its own pools and clients; resolves once it listens. */
export async function startGateway(config: Config, opts: StartOptions = {}): Promise<RunningGateway> {
  const logger = componentLogger('gateway');
  const db = createGatewayPool(config);
  const dynamo = createDocumentClient(config);
  const stops: Array<() => Promise<void>> = [];
  let kafkaAdmin: Admin | undefined;
  let adminActions;
  let pipelineMonitor;
  if (opts.kafka !== false) {
    const kafka = createKafka(config, 'gateway');
    const serde = new AvroSerde(config);
    kafkaAdmin = kafka.admin();
    try {
      await kafkaAdmin.connect();
      stops.push(() => kafkaAdmin!.disconnect());
    } catch (err) {
      // The API works without Kafka; /pipeline then says why its Kafka sections are null.
      logger.warn({ err: describeError(err) }, 'Kafka not reachable: /pipeline and admin routes degraded');
    }
    const actions = kafkaAdminActions({ kafka, serde, config, logger });
    adminActions = actions;
    stops.push(() => actions.stop());
    const monitor = new KafkaPipelineMonitor(kafka, serde, config, logger);
    monitor.start();
    pipelineMonitor = monitor;
    stops.push(() => monitor.stop());
  }
  const { boardNames } = await import('../producers/registry').catch(() => ({ boardNames: [] as string[] }));
  const app = createGateway({
    config,
    db,
    dynamo,
    kafkaAdmin,
    logger,
    settings: { ...gatewaySettingsFromEnv(), ...opts.settings },
    adminActions,
    pipelineMonitor,
    boards: [...boardNames, 'demo'],
  });
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? config.gatewayPort, config.gatewayHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.gatewayHost.includes(':') ? `[${config.gatewayHost}]` : config.gatewayHost}:${port}`;
  logger.info({ url }, 'gateway listening');
  let stopping: Promise<void> | undefined;
  return {
    app,
    server,
    url,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        for (const s of stops.reverse()) await s().catch(() => undefined);
        await db.end().catch(() => undefined);
        dynamo.destroy();
      })();
      return stopping;
    },
  };
}

/** The gateway as a `techmap run` component. */
export function gatewayComponent(config: Config, opts: StartOptions = {}): Component {
  let running: RunningGateway | undefined;
  return {
    name: 'gateway',
    async start() {
      running = await startGateway(config, opts);
    },
    async stop() {
      await running?.stop();
    },
    async ready() {
      const res = await fetch(`${running?.url ?? ''}/ready`);
      if (!res.ok) throw new Error(`gateway not ready: HTTP ${res.status}`);
    },
  };
}
