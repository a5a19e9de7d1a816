// Writes records to a run's topics with the producers' settings (idempotent, acks from all replicas) and returns
// where each landed, so the archive can be checked record by record. Partitions are chosen here (round robin), so
// a record's offset is its batch's base offset plus its place in the batch.
import type { Config } from '../../../platform/config';
import { createKafka } from '../../../platform/kafka';
import { topicName, topicPartitions, type TopicId } from '../../../platform/topics';

export interface FeedRecord {
  key: string;
  value: Buffer;
}

/** Sends `records` in batches; returns `<partition>/<offset>` per record, in order. */
export async function feed(config: Config, topic: TopicId, records: FeedRecord[], perSend = 500): Promise<string[]> {
  const producer = createKafka(config, 'chaos-feed').producer({ idempotent: true, maxInFlightRequests: 1 });
  const partitions = topicPartitions(config, topic);
  const where: string[] = [];
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += perSend) {
      const messages = records.slice(i, i + perSend).map((r, j) => ({ ...r, partition: (i + j) % partitions }));
      const meta = await producer.send({ topic: topicName(config, topic), acks: -1, messages });
      const base = new Map(meta.map((m) => [m.partition, Number(m.baseOffset)]));
      const next = new Map<number, number>();
      for (const m of messages) {
        const k = next.get(m.partition) ?? 0;
        next.set(m.partition, k + 1);
        where.push(`${m.partition}/${base.get(m.partition)! + k}`);
      }
    }
  } finally {
    await producer.disconnect();
  }
  return where;
}
