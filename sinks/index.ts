// The sinks as components: `techmap run sink-s3 | sink-dynamodb | sink-mysql`. Each is a SinkTask (one file per
// sink) driven by the shared runner. Settings come from each spec, read from environment variables named
// SINK_<SINK>_<SETTING> (e.g. SINK_MYSQL_MAX_RECORDS=1000, SINK_S3_SPAN_MS=600000), validated at start-up.
import { z } from 'zod';
import type { Component } from '../platform/component';
import type { Config } from '../platform/config';
import { settingEnvName as envNameOf, settingsFromEnv } from '../platform/settings-env';
import { createKafka } from '../platform/kafka';
import { componentLogger } from '../platform/logger';
import { AvroSerde } from '../platform/serde';
import { shutdown } from '../platform/shutdown';
import { topicName } from '../platform/topics';
import { createDeadLetterFn } from './dead-letters';
import { DynamoSink, spec as dynamoSpec } from './dynamodb';
import { MysqlSink, spec as mysqlSpec } from './mysql';
import { SinkRunner } from './runner';
import { S3Sink, spec as s3Spec } from './s3';
import type { SinkTask } from './types';

export { itemDocument } from './dynamodb/item';
export { postingIndexes } from './dynamodb';
export type { SinkTask, SinkRecord } from './types';

export const sinkSpecs = { 'sink-s3': s3Spec, 'sink-dynamodb': dynamoSpec, 'sink-mysql': mysqlSpec } as const;
export type SinkName = keyof typeof sinkSpecs;

export function isSinkName(name: string): name is SinkName {
  return name in sinkSpecs;
}

/** SINK_MYSQL for 'sink-mysql': the prefix of the sink's setting variables. */
function envPrefix(sink: SinkName): string {
  return sink.replace(/-/g, '_').toUpperCase();
}

/** SINK_MYSQL_MAX_RECORDS for ('sink-mysql', 'maxRecords'). */
export function settingEnvName(sink: SinkName, key: string): string {
  return envNameOf(envPrefix(sink), key);
}

/** Parses a sink's settings from the environment (and overrides); a bad value fails naming the variable. */
export function sinkSettings<N extends SinkName>(
  sink: N,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Record<string, unknown> = {},
): z.output<(typeof sinkSpecs)[N]['settings']> {
  const schema = sinkSpecs[sink].settings as z.ZodObject<z.ZodRawShape>;
  return settingsFromEnv(sink, schema, envPrefix(sink), env, { overrides }) as z.output<
    (typeof sinkSpecs)[N]['settings']
  >;
}

export interface SinkComponent extends Component {
  readonly task: SinkTask;
  readonly runner: SinkRunner;
}

export interface SinkComponentOptions {
  /** Setting overrides (tests, bench); otherwise from SINK_<NAME>_* variables. */
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Called when the task fails for good; default: graceful shutdown of the process with exit code 1. */
  onFatal?: (err: unknown) => void;
}

/** Builds one sink component: its task, the runner that feeds it, and its dead-letter producer. */
export async function createSinkComponent(
  name: SinkName,
  config: Config,
  opts: SinkComponentOptions = {},
): Promise<SinkComponent> {
  const logger = componentLogger(`sink.${name.replace(/^sink-/, '')}`);
  const kafka = createKafka(config, name);
  const serde = new AvroSerde(config);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const groupId = `${config.topicPrefix}techmap.${name}`;
  const deps = { logger, groupId, deadLetter: createDeadLetterFn(config, name.replace(/^sink-/, ''), producer, serde) };
  const env = opts.env ?? process.env;
  let task: SinkTask;
  let topics: string[];
  let batch;
  if (name === 'sink-s3') {
    const settings = sinkSettings('sink-s3', env, opts.settings);
    const s3 = new S3Sink(config, settings, serde, deps);
    task = s3;
    topics = s3.topics();
    batch = settings;
  } else if (name === 'sink-dynamodb') {
    const settings = sinkSettings('sink-dynamodb', env, opts.settings);
    task = new DynamoSink(config, settings, serde, deps);
    topics = [topicName(config, 'gold')];
    batch = settings;
  } else {
    const settings = sinkSettings('sink-mysql', env, opts.settings);
    task = new MysqlSink(config, settings, serde, deps);
    topics = [topicName(config, 'gold')];
    batch = settings;
  }
  const onFatal =
    opts.onFatal ??
    (() => {
      process.exitCode = 1;
      void shutdown(`${name} failed`);
    });
  const runner = new SinkRunner({ config, task, topics, groupId, settings: batch, logger, kafka, onFatal });
  return {
    name,
    task,
    runner,
    async start() {
      await producer.connect();
      await runner.start();
    },
    async stop() {
      try {
        await runner.stop();
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    },
    async ready() {
      await task.ready?.();
    },
  };
}
