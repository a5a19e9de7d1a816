// Reading and re-driving the dead-letter topic (postings.dlq), shared by `techmap dlq list|retry` and the
// gateway's POST /api/v1/admin/dlq/retry.
// - scanDeadLetters reads a snapshot of the topic: from the start (or from where a progress consumer group
//   stopped) up to the end offsets seen when it began, so a scan always ends even while new letters arrive.
// - redriveDeadLetters sends each selected letter's original key/value/headers back to the topic it came from
//   (only the pipeline's own topics), adding techmap.redriven-from and techmap.attempts headers. With a progress
//   group it commits after each sent batch, so a second re-drive never sends the same letter again.
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { Config } from './config';
import { describeError } from './errors';
import type { Logger } from './logger';
import type { AvroSerde } from './serde';
import { topicName, type TopicId } from './topics';

/** The decoded value of a dead-letter record (schemas/dead-letter.avsc). */
export interface DeadLetter {
  stage: string;
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  errorType: string;
  errorMessage: string;
  retriable: boolean;
  attempts: number;
  /** Epoch milliseconds. */
  failedAt: number;
}

/** One record of the dead-letter topic: where it sits there, and its letter (absent if it did not decode). */
export interface DeadLetterEntry {
  partition: number;
  offset: string;
  letter?: DeadLetter;
  decodeError?: string;
}

export interface DeadLetterFilter {
  /** Only this stage ('refine', 'enrich', 'sink.mysql', ...). */
  stage?: string;
  /** Only letters that failed at or after this time (epoch ms). */
  since?: number;
}

/** Whether a decoded entry passes the filter (pure). */
export function matchesFilter(
  entry: DeadLetterEntry,
  filter: DeadLetterFilter,
): entry is Required<Pick<DeadLetterEntry, 'letter'>> & DeadLetterEntry {
  const l = entry.letter;
  if (!l) return false;
  if (filter.stage !== undefined && l.stage !== filter.stage) return false;
  if (filter.since !== undefined && l.failedAt < filter.since) return false;
  return true;
}

/** Topics a dead letter may be sent back to: the pipeline's inputs, never arbitrary names. */
const REDRIVABLE: TopicId[] = ['raw', 'silver', 'gold'];

export function redrivableTopics(config: Pick<Config, 'topicPrefix'>): Set<string> {
  return new Set(REDRIVABLE.map((id) => topicName(config, id)));
}

export interface DlqDeps {
  kafka: Kafka;
  serde: AvroSerde;
  config: Pick<Config, 'topicPrefix'>;
}

export interface ScanOptions {
  /** Start where this group's committed offsets are and commit what `onBatch` consumed; absent = read from the
   * oldest record with a throwaway group and commit nothing. */
  progressGroup?: string;
  /** Give up waiting for records after this long (the result then says complete: false). */
  timeoutMs?: number;
  /**
   * Called with the entries of one fetched batch, in offset order. Returns how many of them it consumed; fewer
   * than all stops the scan (e.g. a limit was reached) and only the consumed ones count as read.
   */
  onBatch(entries: DeadLetterEntry[]): Promise<number>;
}

/** Reads the dead-letter snapshot; resolves with complete = true when every partition was read to its end. */
export async function scanDeadLetters(deps: DlqDeps, opts: ScanOptions): Promise<{ complete: boolean }> {
  const { kafka, serde, config } = deps;
  const dlq = topicName(config, 'dlq');
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, number>;
  let starts: Map<number, number>;
  try {
    // kafkajs retries an unknown topic for half a minute; say at once what is wrong instead.
    if (!(await admin.listTopics()).includes(dlq)) {
      throw new Error(
        `the dead-letter topic ${dlq} does not exist: run 'techmap schemas register' or check TECHMAP_TOPIC_PREFIX`,
      );
    }
    const offsets = await admin.fetchTopicOffsets(dlq);
    ends = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
    starts = new Map(offsets.map((o) => [o.partition, Number(o.low)]));
    if (opts.progressGroup) {
      const committed = await admin.fetchOffsets({ groupId: opts.progressGroup, topics: [dlq] });
      for (const p of committed[0]?.partitions ?? []) {
        if (Number(p.offset) >= 0) starts.set(p.partition, Math.max(Number(p.offset), starts.get(p.partition) ?? 0));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const pending = new Set([...ends].filter(([p, end]) => (starts.get(p) ?? 0) < end).map(([p]) => p));
  if (pending.size === 0) return { complete: true };

  const commit = opts.progressGroup !== undefined;
  const groupId = opts.progressGroup ?? `techmap-dlq-scan-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  await consumer.connect();
  let stopped = false;
  let failure: unknown;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  // A transactional writer leaves a commit marker after its last letter; kafkajs hands batches holding only
  // markers to no eachBatch, but reports them here, so the end is still seen.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (!stopped && payload.batchSize === 0 && Number(payload.lastOffset) + 1 >= (ends.get(payload.partition) ?? 0)) {
      pending.delete(payload.partition);
      if (pending.size === 0) finish();
    }
  });
  try {
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        if (stopped || !pending.has(batch.partition)) return;
        const end = ends.get(batch.partition)!;
        const start = starts.get(batch.partition) ?? 0;
        const entries: DeadLetterEntry[] = [];
        for (const m of batch.messages) {
          const offset = Number(m.offset);
          if (offset < start) continue;
          if (offset >= end) break;
          try {
            entries.push({ partition: batch.partition, offset: m.offset, letter: await serde.decode('dlq', m.value) });
          } catch (err) {
            entries.push({ partition: batch.partition, offset: m.offset, decodeError: describeError(err) });
          }
        }
        let consumed: number;
        try {
          consumed = entries.length > 0 ? await opts.onBatch(entries) : 0;
        } catch (err) {
          failure = err;
          stopped = true;
          finish();
          return;
        }
        const last = consumed > 0 ? Number(entries[consumed - 1]!.offset) : undefined;
        if (last !== undefined) {
          resolveOffset(String(last));
          if (commit) {
            await consumer.commitOffsets([{ topic: dlq, partition: batch.partition, offset: String(last + 1) }]);
          }
        }
        await heartbeat();
        if (consumed < entries.length) stopped = true;
        else if (Number(batch.lastOffset()) + 1 >= end) pending.delete(batch.partition);
        if (stopped || pending.size === 0) finish();
      },
    });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, opts.timeoutMs ?? 30000).unref());
    await Promise.race([done, timeout]);
    stopped = true;
    if (failure) throw failure;
    return { complete: pending.size === 0 };
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

export interface RedriveRequest extends DeadLetterFilter {
  /** Most letters to re-drive. */
  max: number;
  /** Count what would be sent, send and commit nothing. */
  dryRun?: boolean;
  progressGroup?: string;
  timeoutMs?: number;
}

export interface RedriveResult {
  /** Letters sent back (or, with dryRun, that would be). */
  retried: number;
  /** Letters passed over: filtered out, undecodable, without an original value, or from a non-pipeline topic. */
  skipped: number;
  byStage: Record<string, number>;
  /** Where the retried letters went: topic → count. */
  byTopic: Record<string, number>;
  /** True when the end of the dead-letter topic was reached. */
  complete: boolean;
}

/** Sends the selected dead letters back to their original topics (see the header comment). */
export async function redriveDeadLetters(
  deps: DlqDeps & { producer: () => Promise<Producer>; logger?: Logger },
  req: RedriveRequest,
): Promise<RedriveResult> {
  const dlq = topicName(deps.config, 'dlq');
  const allowed = redrivableTopics(deps.config);
  const result: RedriveResult = { retried: 0, skipped: 0, byStage: {}, byTopic: {}, complete: false };
  let budgetLeft = req.max;
  const { complete } = await scanDeadLetters(deps, {
    progressGroup: req.dryRun ? undefined : req.progressGroup,
    timeoutMs: req.timeoutMs,
    onBatch: async (entries) => {
      const sends = new Map<string, Array<{ key: Buffer | null; value: Buffer; headers: Record<string, string> }>>();
      let consumed = 0;
      for (const entry of entries) {
        if (budgetLeft <= 0) break;
        consumed++;
        const d = entry.letter;
        if (!matchesFilter(entry, req) || !d?.value || !allowed.has(d.topic)) {
          result.skipped++;
          continue;
        }
        budgetLeft--;
        result.retried++;
        result.byStage[d.stage] = (result.byStage[d.stage] ?? 0) + 1;
        result.byTopic[d.topic] = (result.byTopic[d.topic] ?? 0) + 1;
        const messages = sends.get(d.topic) ?? [];
        messages.push({
          key: d.key,
          value: d.value,
          headers: {
            ...d.headers,
            'techmap.redriven-from': `${dlq}/${entry.partition}/${entry.offset}`,
            'techmap.attempts': String((d.attempts ?? 1) + 1),
          },
        });
        sends.set(d.topic, messages);
      }
      if (sends.size > 0 && !req.dryRun) {
        const topicMessages = [...sends].map(([topic, messages]) => ({ topic, messages }));
        await (await deps.producer()).sendBatch({ topicMessages, acks: -1 });
      }
      return consumed;
    },
  });
  // Stopped by the budget with letters left unread is not the end of the topic.
  result.complete = complete;
  deps.logger?.info({ ...result, stage: req.stage, dryRun: Boolean(req.dryRun) }, 'dead letters re-driven');
  return result;
}
