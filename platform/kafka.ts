// Kafka client factory: one place that knows brokers, client ids, retry policy and how kafkajs logs reach pino.
import { decompress as zstdDecompress } from 'fzstd';
import kafkajs, { Kafka, logLevel, type LogEntry, type Admin, type ITopicConfig } from 'kafkajs';
import type { Config } from './config';
import { installCoordinatorCache } from './kafka-coordinator-cache';
import { componentLogger } from './logger';
import { topicName, topicPartitions, topicSpecs, type TopicId } from './topics';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
installCoordinatorCache();

// Our topics keep the producer's compression (none), but a topic created elsewhere with compression.type=zstd
// hands consumers zstd batches, and kafkajs has no zstd codec of its own: this one
// decompresses them (pure JS, fzstd). Our producers never compress with zstd, so compressing is refused.
// (Default import: Node's ESM loader does not see these two as named exports of the CommonJS module.)
kafkajs.CompressionCodecs[kafkajs.CompressionTypes.ZSTD] = () => ({
  compress: () => Promise.reject(new Error('zstd compression is not available: produce uncompressed or gzip')),
  decompress: (buffer: Buffer) => {
    const out = zstdDecompress(buffer);
    return Promise.resolve(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  },
});

const kafkaLog = componentLogger('kafkajs');

// kafkajs logs every CONCURRENT_TRANSACTIONS answer as an error, but it is the coordinator's normal "busy with
// this transaction, ask again" (after a commit, or when records and offsets of one transaction are sent side by
// side) and is retried; it only counts when it outlasts the retries, which the caller reports.
const concurrentTransactions = /another concurrent operation on the same transaction/;

function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...rest } = log;
    const error = (rest as { error?: unknown }).error;
    if (level === logLevel.ERROR && concurrentTransactions.test(`${message} ${typeof error === 'string' ? error : ''}`))
      kafkaLog.debug(rest, message);
    else if (level === logLevel.ERROR) kafkaLog.error(rest, message);
    else if (level === logLevel.WARN) kafkaLog.warn(rest, message);
    else if (level === logLevel.INFO) kafkaLog.debug(rest, message);
    else kafkaLog.trace(rest, message);
  };
}

export function createKafka(config: Pick<Config, 'kafkaBrokers' | 'kafkaClientId'>, component: string): Kafka {
  return new Kafka({
    clientId: `${config.kafkaClientId}-${component}`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.INFO,
    logCreator,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10000 },
  });
}

/** Creates every topic that is missing, with its partitions and config; returns the names it created. */
export async function ensureTopics(
  admin: Admin,
  config: Pick<Config, 'topicPrefix' | 'topicPartitions'>,
  ids: TopicId[] = Object.keys(topicSpecs) as TopicId[],
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const wanted: ITopicConfig[] = ids
    .map((id) => ({
      topic: topicName(config, id),
      numPartitions: topicPartitions(config, id),
      replicationFactor: -1,
      configEntries: Object.entries(topicSpecs[id].config).map(([name, value]) => ({ name, value })),
    }))
    .filter((t) => !existing.has(t.topic));
  if (wanted.length === 0) return [];
  await admin.createTopics({ topics: wanted, waitForLeaders: true });
  return wanted.map((t) => t.topic);
}
