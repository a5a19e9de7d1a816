// What the gateway is built from (injected, so tests and the bench pass their own) and what each request carries.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Admin } from 'kafkajs';
import type Koa from 'koa';
import type { RouterContext } from '@koa/router';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { Db } from './queries/db';
import type { AdminActions } from './admin-actions';
import type { PipelineMonitor } from './pipeline-monitor';
import type { GatewaySettings } from './spec';

export interface GatewayDeps {
  config: Config;
  /** mysql2 pool over the database the MySQL sink writes. */
  db: Db;
  /** DynamoDB document client; the table is config.dynamoTable. */
  dynamo: DynamoDBDocumentClient;
  /** Kafka admin for /pipeline (offsets, lag) and the default admin actions; absent = those report null. */
  kafkaAdmin?: Admin;
  logger: Logger;
  /** Overrides of spec.settings (rate limit, cache max-age, dashboard folder...). */
  settings?: Partial<GatewaySettings>;
  /** What the admin routes do; default: Kafka-backed actions when kafkaAdmin is given. */
  adminActions?: Partial<AdminActions>;
  /** Follows postings.dlq and crawl.events for /pipeline; absent = those sections report null with a reason. */
  pipelineMonitor?: PipelineMonitor;
}

export interface GatewayState {
  requestId: string;
  log: Logger;
  /** Parsed, validated parameters of this request (set by the validate middleware). */
  input: unknown;
}

export type GatewayContext = Koa.ParameterizedContext<GatewayState>;
export type RouteContext = RouterContext<GatewayState>;

/** What route files receive: the injected dependencies plus what createGateway builds once. */
export interface RouteDeps {
  config: Config;
  db: Db;
  dynamo: DynamoDBDocumentClient;
  kafkaAdmin?: Admin;
  settings: GatewaySettings;
  catalog: import('./live-catalog').LiveCatalog;
  /** The newest week with postings, per field ('' = any field), remembered for a short while. */
  newestWeek: import('./queries/skills').NewestWeek;
  /** The field's weekly aggregates from memory (reloaded in the background); undefined while a first load runs. */
  fieldWeeks: (field: string) => Promise<import('./queries/field-weeks').FieldWeeks | undefined>;
  coverageMemo: import('./memo').BackgroundMemo<import('./queries/skills').Coverage>;
  adminActions: Partial<AdminActions>;
  pipelineMonitor?: PipelineMonitor;
  offsetHistory: import('./queries/pipeline').OffsetHistory;
}
