// Restores the crawl state by reading the compacted crawl.state topic from the beginning to its end as of now
// (read_committed: aborted batches of a killed crawl are never restored).
//
// Why a compacted topic and not the database: the state changes in the same Kafka transaction as the raw records
// it describes, so "records emitted" and "state saved" can never disagree after a crash (a database write could
// not join that transaction: we would need an outbox or accept duplicates). Compaction keeps one value per
// posting, the crawler needs no other service than the broker it already writes to, and restoring a few thousand
// keys at start takes a second.
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Logger } from '../../platform/logger';
import { fromStateValue, type CrawlStateStore } from './crawl-state';

export interface Decoder {
  decode<T = unknown>(topic: 'crawlState', buf: Buffer | null): Promise<T>;
}

export async function restoreCrawlState(
  kafka: Kafka,
  topic: string,
  serde: Decoder,
  store: CrawlStateStore,
  log: Logger,
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

  const groupId = `techmap-crawl-state-restore-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false, allowAutoTopicCreation: false });
  let restored = 0;
  await consumer.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`crawl state restore did not reach the end of ${topic} in ${timeoutMs} ms`)), timeoutMs);
      const remaining = new Set(ends.keys());
      consumer
        .subscribe({ topic, fromBeginning: true })
        .then(() =>
          consumer.run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              for (const m of batch.messages) {
                const key = m.key?.toString() ?? '';
                if (m.value === null) store.delete(key);
                else store.set(fromStateValue(await serde.decode<Record<string, unknown>>('crawlState', m.value)));
                restored++;
              }
              const end = ends.get(batch.partition);
              if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) remaining.delete(batch.partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          }),
        )
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    const admin2 = kafka.admin();
    await admin2.connect();
    await admin2.deleteGroups([groupId]).catch(() => undefined);
    await admin2.disconnect();
  }
  log.info({ topic, restored, entries: store.size }, 'crawl state restored');
  return restored;
}
