// Reads a compacted changelog topic from its beginning up to its end offsets (read_committed: the last stable
// offset), handing every record to `apply`. Used to restore a stage's store at start and after every rebalance.
// kafkajs has no manual partition assignment, so a throw-away consumer group reads the topic and is deleted after.
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from '../../platform/logger';

export interface ChangelogRecord {
  partition: number;
  offset: string;
  key: string;
  value: Buffer | null;
}

export interface RestoreResult {
  records: number;
  ms: number;
}

/**
 * Reads `topic` partitions `partitions` ('all' = every partition) up to the end offsets taken when it starts.
 * Resolves once every wanted partition reached its end; `signal` abandons the read.
 */
export async function readChangelog(opts: {
  kafka: Kafka;
  admin: Admin;
  topic: string;
  groupPrefix: string;
  partitions: number[] | 'all';
  apply: (record: ChangelogRecord) => void | Promise<void>;
  logger: Logger;
  signal?: AbortSignal;
}): Promise<RestoreResult> {
  const started = Date.now();
  const offsets = await opts.admin.fetchTopicOffsets(opts.topic);
  const wanted = new Map<number, bigint>();
  for (const p of offsets) {
    if (opts.partitions !== 'all' && !opts.partitions.includes(p.partition)) continue;
    const end = BigInt(p.high);
    if (end > BigInt(p.low)) wanted.set(p.partition, end);
  }
  if (wanted.size === 0) return { records: 0, ms: Date.now() - started };

  const position = new Map<number, bigint>();
  const groupId = `${opts.groupPrefix}.restore.${randomUUID()}`;
  const consumer = opts.kafka.consumer({
    groupId,
    readUncommitted: false,
    maxWaitTimeInMs: 200,
    sessionTimeout: 30_000,
    retry: { retries: 8 },
  });
  let records = 0;
  let done!: () => void;
  let failed!: (err: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const check = () => {
    for (const [p, end] of wanted) if ((position.get(p) ?? -1n) < end) return;
    done();
  };
  const onAbort = () => failed(new Error('restore abandoned'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // Batches made only of transaction markers never reach eachBatch; this event still carries their last offset.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.topic !== opts.topic) return;
    const next = BigInt(payload.lastOffset) + 1n;
    if (next > (position.get(payload.partition) ?? -1n)) position.set(payload.partition, next);
    check();
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) failed(payload.error);
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (!wanted.has(batch.partition)) return;
        for (const m of batch.messages) {
          if (m.key === null) continue; // a store record always has a key
          await opts.apply({
            partition: batch.partition,
            offset: m.offset,
            key: m.key.toString('utf8'),
            value: m.value,
          });
          records++;
        }
      },
    });
    await finished;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await consumer.disconnect().catch(() => undefined);
    await opts.admin.deleteGroups([groupId]).catch((err: unknown) => {
      opts.logger.debug({ err, groupId }, 'could not delete the restore group');
    });
  }
  return { records, ms: Date.now() - started };
}
