// What the admin routes do. Both act through Kafka by default:
// - requestCrawl produces a CrawlCommand record (topic crawl.commands, key = board) that the producers'
//   scheduler consumes and runs once;
// - retryDeadLetters re-drives dead letters: it reads postings.dlq from where the previous re-drive stopped
//   (consumer group `<prefix>techmap.dlq-retry[.<stage>]`), sends each original key/value/headers back to the
//   topic it came from (only the pipeline's own topics) and commits after each batch is sent.
// Tests and embedders may inject their own functions instead.
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { AvroSerde } from '../platform/serde';
import { topicName, type TopicId } from '../platform/topics';

export interface CrawlRequest {
  board: string;
  maxPages?: number;
  requestId: string;
}

export interface CrawlAccepted {
  commandId: string;
  board: string;
  requestedAt: string;
  /** Where the command went, e.g. the topic name. */
  via: string;
}

export interface DeadLetterRetryRequest {
  /** Only dead letters of this stage ('refine', 'enrich', 'sink.mysql'...); absent = all. */
  stage?: string;
  /** Most dead letters to re-drive in this call. */
  max: number;
  requestId: string;
}

export interface DeadLetterRetryResult {
  retried: number;
  /** Dead letters passed over (other stage, no original value, or from a topic outside the pipeline). */
  skipped: number;
  byStage: Record<string, number>;
  /** True when the end of the dead-letter topic was reached. */
  complete: boolean;
}

export interface AdminActions {
  requestCrawl(req: CrawlRequest): Promise<CrawlAccepted>;
  retryDeadLetters(req: DeadLetterRetryRequest): Promise<DeadLetterRetryResult>;
}

interface DeadLetter {
  stage: string;
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  attempts: number;
}

/** Topics a dead letter may be sent back to: the pipeline's inputs, never arbitrary names. */
const REDRIVABLE: TopicId[] = ['raw', 'silver', 'gold'];

export function kafkaAdminActions(deps: {
  kafka: Kafka;
  serde: AvroSerde;
  config: Config;
  logger: Logger;
  timeoutMs?: number;
}): AdminActions & { stop(): Promise<void> } {
  const { kafka, serde, config, logger } = deps;
  let producer: Producer | undefined;
  const producerReady = async () => {
    if (!producer) {
      const p = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
      await p.connect();
      producer = p;
    }
    return producer;
  };
  let retrying: Promise<DeadLetterRetryResult> | undefined;

  return {
    async requestCrawl(req) {
      const commandId = randomUUID();
      const requestedAt = Date.now();
      const value = await serde.encode('crawlCommands', {
        commandId,
        board: req.board,
        requestedAt,
        requestedBy: `gateway:${req.requestId}`,
        maxPages: req.maxPages ?? null,
      });
      const topic = topicName(config, 'crawlCommands');
      await (await producerReady()).send({ topic, acks: -1, messages: [{ key: req.board, value }] });
      logger.info({ board: req.board, commandId, reqId: req.requestId }, 'crawl command sent');
      return { commandId, board: req.board, requestedAt: new Date(requestedAt).toISOString(), via: topic };
    },

    async retryDeadLetters(req) {
      // One re-drive at a time per gateway: two would race on the same consumer group.
      if (retrying) await retrying.catch(() => undefined);
      retrying = redrive(req);
      try {
        return await retrying;
      } finally {
        retrying = undefined;
      }
    },

    async stop() {
      await producer?.disconnect().catch(() => undefined);
    },
  };

  async function redrive(req: DeadLetterRetryRequest): Promise<DeadLetterRetryResult> {
    const dlq = topicName(config, 'dlq');
    const allowed = new Set(REDRIVABLE.map((id) => topicName(config, id)));
    const groupId = `${config.topicPrefix}techmap.dlq-retry${req.stage ? `.${req.stage}` : ''}`;
    const admin = kafka.admin();
    await admin.connect();
    let ends: Map<number, number>;
    let starts: Map<number, number>;
    try {
      const offsets = await admin.fetchTopicOffsets(dlq);
      ends = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
      const committed = await admin.fetchOffsets({ groupId, topics: [dlq] });
      const low = new Map(offsets.map((o) => [o.partition, Number(o.low)]));
      starts = new Map(
        (committed[0]?.partitions ?? []).map((p) => [
          p.partition,
          Number(p.offset) >= 0 ? Number(p.offset) : (low.get(p.partition) ?? 0),
        ]),
      );
    } finally {
      await admin.disconnect();
    }
    const result: DeadLetterRetryResult = { retried: 0, skipped: 0, byStage: {}, complete: false };
    const pending = new Set([...ends].filter(([p, end]) => (starts.get(p) ?? 0) < end).map(([p]) => p));
    if (pending.size === 0) return { ...result, complete: true };

    const out = await producerReady();
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    await consumer.connect();
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    let budgetLeft = req.max;
    try {
      await consumer.subscribe({ topic: dlq, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          if (!pending.has(batch.partition)) return;
          const end = ends.get(batch.partition)!;
          const sends: Array<{
            topic: string;
            messages: Array<{ key: Buffer | null; value: Buffer; headers: Record<string, string> }>;
          }> = [];
          let next: number | undefined;
          let reachedEnd = false;
          for (const m of batch.messages) {
            const offset = Number(m.offset);
            if (offset >= end) {
              reachedEnd = true;
              break;
            }
            if (budgetLeft <= 0) break;
            next = offset + 1;
            let d: DeadLetter;
            try {
              d = await serde.decode<DeadLetter>('dlq', m.value);
            } catch {
              result.skipped++;
              continue;
            }
            if ((req.stage && d.stage !== req.stage) || !d.value || !allowed.has(d.topic)) {
              result.skipped++;
              continue;
            }
            budgetLeft--;
            result.retried++;
            result.byStage[d.stage] = (result.byStage[d.stage] ?? 0) + 1;
            sends.push({
              topic: d.topic,
              messages: [
                {
                  key: d.key,
                  value: d.value,
                  headers: {
                    ...d.headers,
                    'techmap.redriven-from': `${dlq}/${batch.partition}/${offset}`,
                    'techmap.attempts': String((d.attempts ?? 1) + 1),
                  },
                },
              ],
            });
          }
          if (sends.length > 0) await out.sendBatch({ topicMessages: sends, acks: -1 });
          if (next !== undefined) {
            resolveOffset(String(next - 1));
            await consumer.commitOffsets([{ topic: dlq, partition: batch.partition, offset: String(next) }]);
          }
          await heartbeat();
          if (reachedEnd || (next !== undefined && next >= end)) pending.delete(batch.partition);
          if (pending.size === 0 || budgetLeft <= 0) finish();
        },
      });
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), deps.timeoutMs ?? 30000).unref(),
      );
      await Promise.race([done, timeout]);
      result.complete = pending.size === 0;
      logger.info({ ...result, stage: req.stage, reqId: req.requestId }, 'dead letters re-driven');
      return result;
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }
}
