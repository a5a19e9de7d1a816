// The one place where sinks meet Kafka. It owns the kafkajs consumer (eachBatch, manual resolve and commit) and
// the batching policy; a sink (SinkTask) only writes. How this consumer commits, in one place:
//   - records are handed to put() in chunks of at most `maxRecords` records / `maxBytes` bytes, one partition at a
//     time, in offset order; the broker holds a fetch until `minBytes` arrived or `maxWaitMs` passed (the period);
//   - after each put the runner asks preCommit() which offsets are durable and commits exactly those to the
//     consumer group (synchronously, retried) before the next put of that partition;
//   - a sink that stores its own position (MySQL) returns it from open(): the runner seeks there and never hands
//     it a record before it, so a group offset that lags the database costs nothing;
//   - a retriable error from put() re-delivers the same chunk after a backoff (heartbeating meanwhile); any other
//     error stops the task and the component fails;
//   - every (re)assignment closes all partitions and opens the assigned ones: buffers are dropped and re-read
//     from the committed offsets, which is what makes S3 rotation deterministic.
// In flight: at most `maxInFlight` partitions are processed at once, each with one chunk in flight.
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { z } from 'zod';
import type { Config } from '../platform/config';
import { describeError, isRetriable, TechmapError } from '../platform/errors';
import { createKafka } from '../platform/kafka';
import type { Logger } from '../platform/logger';
import { counter, gauge, histogram } from '../platform/metrics';
import { sleep, withRetry } from './retry';
import { partitionKey, type PartitionKey, type SinkRecord, type SinkTask, type TopicPartition } from './types';

export const batchSettings = z.object({
  maxRecords: z.coerce.number().int().min(1).max(100000).default(500).describe('Most records per put() (one batch).'),
  maxBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024)
    .describe('Most bytes (keys + values) per put().'),
  maxWaitMs: z.coerce
    .number()
    .int()
    .min(0)
    .default(500)
    .describe('Batching period: the broker holds a fetch this long waiting for minBytes.'),
  minBytes: z.coerce
    .number()
    .int()
    .min(1)
    .default(64 * 1024)
    .describe('Bytes a fetch waits for (up to maxWaitMs).'),
  maxInFlight: z.coerce.number().int().min(1).max(64).default(3).describe('Partitions processed at once.'),
  idleFlushMs: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('When > 0: after this long without records on a caught-up partition, call flush() (S3 tail).'),
  sessionTimeoutMs: z.coerce
    .number()
    .int()
    .min(6000)
    .default(30000)
    .describe('Consumer session timeout: how long a dead instance keeps its partitions.'),
  retryInitialMs: z.coerce.number().int().min(1).default(200).describe('First retry delay of a failed put().'),
  retryMaxMs: z.coerce.number().int().min(1).default(10000).describe('Longest retry delay of a failed put().'),
});
export type BatchSettings = z.output<typeof batchSettings>;

/** Splits records into chunks of at most maxRecords records and maxBytes bytes (a single bigger record stays alone). */
export function chunkRecords(records: SinkRecord[], maxRecords: number, maxBytes: number): SinkRecord[][] {
  const chunks: SinkRecord[][] = [];
  let current: SinkRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = (r.key?.length ?? 0) + (r.value?.length ?? 0);
    if (current.length > 0 && (current.length >= maxRecords || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function toSinkRecord(topic: string, partition: number, m: KafkaMessage): SinkRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) headers[k] = first.toString();
  }
  return {
    topic,
    partition,
    offset: Number(m.offset),
    timestamp: Number(m.timestamp),
    key: m.key ?? null,
    value: m.value ?? null,
    headers,
  };
}

const recordsIn = counter('techmap_sink_records_total', 'Records handed to a sink.', ['sink']);
const putSeconds = histogram('techmap_sink_put_seconds', 'Duration of one put() (one batch).', ['sink']);
const putRetries = counter('techmap_sink_put_retries_total', 'Retried put() calls (store unavailable).', ['sink']);
const lagGauge = gauge('techmap_sink_consumer_lag', 'High watermark minus next offset, per partition.', [
  'sink',
  'topic',
  'partition',
]);

/** Marks an error that must stop the task (kafkajs is told not to restart the consumer). */
class TaskFailedError extends TechmapError {
  constructor(cause: unknown) {
    super(`sink task failed: ${describeError(cause)}`, { retriable: false, kind: 'task-failed', cause });
  }
}

interface PartitionState {
  tp: TopicPartition;
  opened: Promise<void>;
  /** Next offset to hand to put (from the sink's stored position, then advanced). */
  expected?: number;
  /** The stored position the runner sought to (a later first record is then accepted: gaps of compaction). */
  seekedTo?: number;
  /** Offset after the last record handed to put. */
  consumed?: number;
  committed?: number;
  lastRecordAt: number;
  caughtUp: boolean;
  closed: boolean;
}

export interface SinkRunnerOptions {
  config: Config;
  task: SinkTask;
  /** Full topic names to consume. */
  topics: string[];
  groupId: string;
  settings: BatchSettings;
  logger: Logger;
  /** Called once when the task fails for good (non-retriable error). */
  onFatal?: (err: unknown) => void;
  kafka?: Kafka;
}

export class SinkRunner {
  readonly kafka: Kafka;
  private consumer?: Consumer;
  private readonly partitions = new Map<PartitionKey, PartitionState>();
  private readonly locks = new Map<PartitionKey, Promise<unknown>>();
  private running = false;
  private fatal?: unknown;
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly opts: SinkRunnerOptions) {
    this.kafka = opts.kafka ?? createKafka(opts.config, `sink-${opts.task.name}`);
  }

  get failure(): unknown {
    return this.fatal;
  }

  /** Starts the task (retrying while its store is away) and the consumer; resolves once consuming. */
  async start(): Promise<void> {
    const { task, logger, settings } = this.opts;
    this.running = true;
    await withRetry(() => task.start(), {
      maxAttempts: Infinity,
      initialMs: settings.retryInitialMs,
      maxMs: settings.retryMaxMs,
      shouldStop: () => !this.running,
      onRetry: (err, attempt, delayMs) =>
        logger.warn({ err: describeError(err), attempt, delayMs }, 'start failed: retrying'),
    });
    const consumer = this.kafka.consumer({
      groupId: this.opts.groupId,
      maxWaitTimeInMs: settings.maxWaitMs,
      minBytes: settings.minBytes,
      maxBytesPerPartition: Math.max(settings.maxBytes, 1024 * 1024),
      maxBytes: Math.max(settings.maxBytes * settings.maxInFlight, 10 * 1024 * 1024),
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: Math.min(3000, Math.floor(settings.sessionTimeoutMs / 3)),
      readUncommitted: false,
      retry: {
        initialRetryTime: 300,
        retries: 10,
        maxRetryTime: 10000,
        restartOnFailure: async (err) => !(err instanceof TaskFailedError) && !(err.cause instanceof TaskFailedError),
      },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      void this.onAssignment(e.payload.memberAssignment);
    });
    // On a transactional topic (silver, gold) a partition ends with a commit marker. kafkajs never hands a fetch of
    // nothing but markers to eachBatch (it resolves it itself), so without this the tail would never count as caught
    // up and never be idle-flushed.
    consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
      const { topic, partition, batchSize, firstOffset, lastOffset, highWatermark } = e.payload;
      const st = this.partitions.get(partitionKey({ topic, partition }));
      if (!st || batchSize !== 0 || st.consumed === undefined || firstOffset === null) return;
      if (Number(firstOffset) >= st.consumed && Number(lastOffset) + 1 >= Number(highWatermark)) st.caughtUp = true;
    });
    consumer.on(consumer.events.CRASH, (e) => {
      const err = e.payload.error;
      if (e.payload.restart) {
        logger.warn({ err: describeError(err) }, 'consumer crashed: restarting');
        return;
      }
      this.failTask(err);
    });
    await consumer.connect();
    for (const topic of this.opts.topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.maxInFlight,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    if (settings.idleFlushMs > 0 && task.flush) {
      this.idleTimer = setInterval(() => void this.flushIdle(), Math.max(50, Math.floor(settings.idleFlushMs / 2)));
    }
  }

  /** Stops consuming, commits what is durable, stops the task. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.running && !this.consumer) return;
    this.running = false;
    if (this.idleTimer) clearInterval(this.idleTimer);
    const consumer = this.consumer;
    this.consumer = undefined;
    if (consumer) {
      try {
        await consumer.stop();
        await this.commitAll(consumer).catch((err: unknown) =>
          this.opts.logger.warn({ err: describeError(err) }, 'final commit failed (records will be re-read)'),
        );
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    }
    await this.opts.task.stop();
  }

  private failTask(err: unknown): void {
    if (this.fatal !== undefined) return;
    this.fatal = err;
    this.opts.logger.error({ err: describeError(err) }, 'sink task failed: stopping');
    this.opts.onFatal?.(err);
  }

  private withLock<T>(pk: PartitionKey, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(pk) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.locks.set(
      pk,
      next.catch(() => undefined),
    );
    return next;
  }

  private async onAssignment(assignment: Record<string, number[]>): Promise<void> {
    const { task, logger } = this.opts;
    const previous = [...this.partitions.values()];
    for (const st of previous) st.closed = true;
    this.partitions.clear();
    const assigned: TopicPartition[] = Object.entries(assignment).flatMap(([topic, ps]) =>
      ps.map((partition) => ({ topic, partition })),
    );
    let release!: () => void;
    const opened = new Promise<void>((resolve) => (release = resolve));
    for (const tp of assigned) {
      this.partitions.set(partitionKey(tp), { tp, opened, lastRecordAt: Date.now(), caughtUp: false, closed: false });
    }
    try {
      if (previous.length > 0) {
        await Promise.all(previous.map((st) => this.withLock(partitionKey(st.tp), async () => undefined)));
        await task.close(previous.map((st) => st.tp));
      }
      const positions = await withRetry(() => task.open(assigned), {
        maxAttempts: Infinity,
        initialMs: this.opts.settings.retryInitialMs,
        maxMs: this.opts.settings.retryMaxMs,
        shouldStop: () => !this.running,
        onRetry: (err, attempt) => logger.warn({ err: describeError(err), attempt }, 'open failed: retrying'),
      });
      for (const [pk, offset] of positions) {
        const st = this.partitions.get(pk);
        if (!st) continue;
        st.expected = offset;
        st.seekedTo = offset;
        this.consumer?.seek({ topic: st.tp.topic, partition: st.tp.partition, offset: String(offset) });
      }
      logger.info(
        { partitions: assigned.map(partitionKey), stored: Object.fromEntries(positions) },
        'partitions assigned',
      );
    } catch (err) {
      this.failTask(err);
    } finally {
      release();
    }
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const pk = partitionKey({ topic: batch.topic, partition: batch.partition });
    let st = this.partitions.get(pk);
    if (!st) {
      // A batch before our GROUP_JOIN handler ran: wait for it once, then look again.
      await sleep(50);
      st = this.partitions.get(pk);
      if (!st) return;
    }
    await st.opened;
    if (this.fatal !== undefined) throw new TaskFailedError(this.fatal);
    if (st.closed || isStale()) return;
    const { settings, task, logger } = this.opts;
    let records = batch.messages.map((m) => toSinkRecord(batch.topic, batch.partition, m));
    if (st.expected !== undefined) {
      const first = records[0]?.offset;
      if (first !== undefined && first > st.expected && st.seekedTo !== st.expected) {
        // The group is ahead of the sink's own position (e.g. its database was reset): go back to it, once.
        // If the log then still starts later (retention, compaction), the records in between no longer exist.
        logger.warn({ partition: pk, first, expected: st.expected }, 'batch starts after the stored position: seeking');
        st.seekedTo = st.expected;
        this.consumer?.seek({ topic: batch.topic, partition: batch.partition, offset: String(st.expected) });
        return;
      }
      const expected = st.expected;
      records = records.filter((r) => r.offset >= expected);
    }
    const highWatermark = Number(batch.highWatermark);
    for (const chunk of chunkRecords(records, settings.maxRecords, settings.maxBytes)) {
      if (!isRunning() || isStale() || st.closed) return;
      const last = chunk[chunk.length - 1]!.offset;
      await this.withLock(pk, async () => {
        // An idle flush whose commit failed must be committed before anything else is written (determinism).
        await this.commitDurable(st, heartbeat);
        const timer = putSeconds.startTimer({ sink: task.name });
        // kafkajs heartbeats only when asked: keep the membership alive while a put (and its retries) runs.
        let groupError: unknown;
        const keepAlive = setInterval(() => {
          heartbeat().catch((err: unknown) => (groupError ??= err));
        }, 1000);
        try {
          await withRetry(() => task.put(chunk), {
            maxAttempts: Infinity,
            initialMs: settings.retryInitialMs,
            maxMs: settings.retryMaxMs,
            shouldStop: () => !isRunning() || isStale() || st.closed || groupError !== undefined,
            onRetry: (err, attempt, delayMs) => {
              putRetries.inc({ sink: task.name });
              logger.warn({ err: describeError(err), partition: pk, attempt, delayMs }, 'put failed: retrying');
            },
          });
        } catch (err) {
          if (!isRetriable(err)) {
            this.failTask(err);
            throw new TaskFailedError(err);
          }
          throw groupError ?? err; // stopping or rebalancing: the chunk will be re-read
        } finally {
          clearInterval(keepAlive);
          timer();
        }
        // The group moved on (rebalance, member expired) while we wrote: kafkajs rejoins and we re-read.
        if (groupError !== undefined) throw groupError;
        recordsIn.inc({ sink: task.name }, chunk.length);
        st.consumed = last + 1;
        st.expected = last + 1;
        st.lastRecordAt = Date.now();
        st.caughtUp = last + 1 >= highWatermark;
        resolveOffset(String(last));
        lagGauge.set(
          { sink: task.name, topic: batch.topic, partition: String(batch.partition) },
          highWatermark - last - 1,
        );
        await this.commitDurable(st, heartbeat);
      });
      await heartbeat();
    }
    // On a transactional topic (silver, gold) a partition ends with a commit marker that is never delivered as a
    // record; the batch's last offset counts it, so without this the tail would never be idle-flushed.
    if (Number(batch.lastOffset()) + 1 >= highWatermark) st.caughtUp = true;
    if (records.length === 0 && batch.messages.length > 0) {
      // Everything was already written (before the stored position): move the fetch position on.
      resolveOffset(batch.lastOffset());
    }
  }

  /** Commits the offsets the task says are durable, if they moved; retried until done or the partition is lost. */
  private async commitDurable(st: PartitionState, heartbeat?: () => Promise<void>): Promise<void> {
    if (st.consumed === undefined) return;
    const pk = partitionKey(st.tp);
    const durable = (await this.opts.task.preCommit(new Map([[pk, st.consumed]]))).get(pk);
    if (durable === undefined || (st.committed !== undefined && durable <= st.committed)) return;
    const consumer = this.consumer;
    if (!consumer) return;
    await withRetry(
      () => consumer.commitOffsets([{ topic: st.tp.topic, partition: st.tp.partition, offset: String(durable) }]),
      {
        maxAttempts: 20,
        initialMs: this.opts.settings.retryInitialMs,
        maxMs: this.opts.settings.retryMaxMs,
        shouldStop: () => st.closed || !this.running,
        onRetry: async (err) => {
          this.opts.logger.warn({ err: describeError(err), partition: pk }, 'commit failed: retrying');
          await heartbeat?.().catch(() => undefined);
        },
      },
    );
    st.committed = durable;
  }

  private async commitAll(consumer: Consumer): Promise<void> {
    this.consumer = consumer;
    try {
      for (const st of this.partitions.values()) if (!st.closed) await this.commitDurable(st);
    } finally {
      this.consumer = undefined;
    }
  }

  /** Flushes partitions that are caught up and quiet (S3's tail); commits what that made durable. */
  private async flushIdle(): Promise<void> {
    const { task, settings, logger } = this.opts;
    if (!task.flush || !this.running) return;
    const now = Date.now();
    for (const [pk, st] of this.partitions) {
      if (st.closed || !st.caughtUp || st.consumed === undefined) continue;
      if (st.committed !== undefined && st.committed >= st.consumed) continue;
      if (now - st.lastRecordAt < settings.idleFlushMs) continue;
      await this.withLock(pk, async () => {
        if (st.closed || !this.running) return;
        try {
          await task.flush!([st.tp]);
          await this.commitDurable(st);
        } catch (err) {
          logger.warn({ err: describeError(err), partition: pk }, 'idle flush failed: will retry');
        }
      });
    }
  }
}
