// Produce to and read back from the test's own topics (read_committed, as downstream consumers read).
import { randomUUID } from 'node:crypto';
import type { Config } from '../../../platform/config';
import { createKafka } from '../../../platform/kafka';
import type { AvroSerde } from '../../../platform/serde';
import { topicName, type TopicId } from '../../../platform/topics';

export async function produce(
  config: Config,
  topic: TopicId,
  records: Array<{ key: string | null; value: Buffer | null; partition?: number }>,
  /** Records per send (one Kafka record batch per partition and send). */
  perSend = 500,
): Promise<void> {
  const producer = createKafka(config, 'test-feed').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += perSend) {
      await producer.send({ topic: topicName(config, topic), acks: -1, messages: records.slice(i, i + perSend) });
    }
  } finally {
    await producer.disconnect();
  }
}

export interface ReadRecord<T> {
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  headers: Record<string, string>;
}

/** A read_committed reader of one topic from its beginning that keeps everything it sees. */
export async function startReader<T>(config: Config, serde: AvroSerde, topic: TopicId) {
  const consumer = createKafka(config, 'test-reader').consumer({
    groupId: `${config.topicPrefix}test-reader-${randomUUID()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  const records: Array<ReadRecord<T>> = [];
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(config, topic), fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      records.push({
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value: await serde.decode<T>(topic, message.value),
        headers,
      });
    },
  });
  return {
    records,
    /** Waits until at least `n` records arrived, then `quietMs` more without any new one (catches duplicates). */
    async waitFor(n: number, timeoutMs: number, quietMs = 1500): Promise<Array<ReadRecord<T>>> {
      const deadline = Date.now() + timeoutMs;
      while (records.length < n) {
        if (Date.now() > deadline) throw new Error(`timed out: ${records.length} of ${n} records on ${topic}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      let seen = -1;
      while (seen !== records.length) {
        seen = records.length;
        await new Promise((r) => setTimeout(r, quietMs));
      }
      return records;
    },
    stop: () => consumer.disconnect(),
  };
}
