// What one consume-transform-produce transaction costs on this broker, beside a plain send, step by step as the
// stage runner does it (processors/runner.ts commitTogether()): sendBatch (AddPartitionsToTxn + Produce, acks=all),
// sendOffsets (AddOffsetsToTxn + TxnOffsetCommit), commit (EndTxn). Transactions run back to back, as the runner
// runs one per fetch under load. A transaction begun while the broker still writes the previous one's commit
// markers is answered CONCURRENT_TRANSACTIONS and kafkajs retries it after its retry delay, so the cost depends on
// the producer's `initialRetryTime`: measured with the runner's setting and with a short one, side by side.
import { Kafka, logLevel } from 'kafkajs';
import type { Config } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { summarize, type LatencySummary } from './_latency';

export interface TransactionCost {
  retryMs: number;
  /** Requests the broker answered CONCURRENT_TRANSACTIONS (each retried after the retry delay). */
  concurrentRetries: number;
  transaction: LatencySummary;
  steps: { send: LatencySummary; offsets: LatencySummary; commit: LatencySummary };
}

const summary = (xs: number[]): LatencySummary => {
  const s = summarize(xs);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { count: s.count, p50: r(s.p50), p95: r(s.p95), p99: r(s.p99), max: r(s.max) };
};

/** `rounds` plain sends (acks=all) of a silver-sized record to partition 0 of `topic`. */
export async function plainSendCost(config: Config, topic: string, rounds: number): Promise<LatencySummary> {
  const producer = createKafka(config, 'bench-send-cost').producer();
  await producer.connect();
  const times: number[] = [];
  try {
    const value = Buffer.alloc(4000, 1);
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await producer.send({ topic, acks: -1, messages: [{ key: `p${i}`, value, partition: 0 }] });
      times.push(performance.now() - t);
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return summary(times);
}

/**
 * `rounds` back-to-back one-record transactions into partition 0 of `topic`, each with an offset commit for `input`,
 * by a transactional producer whose retries start at `retryMs` (the runner uses 200).
 */
export async function transactionCost(
  config: Config,
  topic: string,
  input: string,
  rounds: number,
  retryMs: number,
): Promise<TransactionCost> {
  let concurrentRetries = 0;
  // A client of its own whose log only counts the CONCURRENT_TRANSACTIONS answers (kafkajs logs each as an error).
  const kafka = new Kafka({
    clientId: `${config.kafkaClientId}-bench-transaction-cost`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.ERROR,
    logCreator: () => (entry) => {
      const error = (entry.log as { error?: unknown }).error;
      if (entry.log.message.startsWith('Response') && String(error).includes('another concurrent operation'))
        concurrentRetries++;
    },
  });
  const id = `${config.topicPrefix}bench-transaction-cost-${retryMs}`;
  const producer = kafka.producer({
    transactionalId: id,
    idempotent: true,
    maxInFlightRequests: 1,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: retryMs, maxRetryTime: 5_000 },
  });
  await producer.connect();
  const times = { total: [] as number[], send: [] as number[], offsets: [] as number[], commit: [] as number[] };
  try {
    const value = Buffer.alloc(4000, 1); // about a silver record
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const txn = await producer.transaction();
      let t = performance.now();
      await txn.sendBatch({ topicMessages: [{ topic, messages: [{ key: `t${i}`, value, partition: 0 }] }], acks: -1 });
      times.send.push(performance.now() - t);
      t = performance.now();
      await txn.sendOffsets({
        consumerGroupId: id,
        topics: [{ topic: input, partitions: [{ partition: 0, offset: String(i + 1) }] }],
      });
      times.offsets.push(performance.now() - t);
      t = performance.now();
      await txn.commit();
      times.commit.push(performance.now() - t);
      times.total.push(performance.now() - t0);
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return {
    retryMs,
    concurrentRetries,
    transaction: summary(times.total),
    steps: { send: summary(times.send), offsets: summary(times.offsets), commit: summary(times.commit) },
  };
}
