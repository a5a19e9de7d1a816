// Restores the crawl state by reading the compacted crawl.state topic from the beginning to its end as of now
// (read_committed: aborted batches of a killed crawl are never restored).
//
// Why a compacted topic and not the database: the state changes in the same Kafka transaction as the raw records
// it describes, so "records emitted" and "state saved" can never disagree after a crash (a database write could
// not join that transaction: we would need an outbox or accept duplicates). Compaction keeps one value per
// posting, the crawler needs no other service than the broker it already writes to, and restoring a few thousand
// keys at start takes about a second.
import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '../../platform/logger';
import { fromStateValue, type CrawlStateStore } from './crawl-state';

export interface Decoder {
  decode<T = unknown>(topic: 'crawlState', buf: Buffer | null): Promise<T>;
}

/**
 * Reads every committed message of `topic` up to its end as of the call (the last stable offset per partition),
 * then stops. Uses a throw-away consumer group that is deleted afterwards.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  onMessage: (m: KafkaMessage, partition: number) => Promise<void> | void,
  timeoutMs = 60000,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return 0;

  const groupId = `techmap-read-to-end-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, allowAutoTopicCreation: false });
  let count = 0;
  await consumer.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`did not reach the end of ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const remaining = new Set(ends.keys());
      consumer
        .subscribe({ topic, fromBeginning: true })
        .then(() =>
          consumer.run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              for (const m of batch.messages) {
                await onMessage(m, batch.partition);
                count++;
              }
              // lastOffset() counts the transaction markers too, so a partition ending in a commit marker is "done".
              const end = ends.get(batch.partition);
              if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) remaining.delete(batch.partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          }),
        )
        .catch((err: unknown) => {
          clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        });
    });
  } finally {
    await consumer.disconnect();
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
  }
  return count;
}

export async function restoreCrawlState(
  kafka: Kafka,
  topic: string,
  serde: Decoder,
  store: CrawlStateStore,
  log: Logger,
): Promise<number> {
  const restored = await readTopicToEnd(kafka, topic, async (m) => {
    const key = m.key?.toString() ?? '';
    if (m.value === null) store.delete(key);
    else store.set(fromStateValue(await serde.decode<Record<string, unknown>>('crawlState', m.value)));
  });
  log.info({ topic, restored, entries: store.size }, 'crawl state restored');
  return restored;
}
