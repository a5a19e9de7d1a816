// The stage runner: the one place that owns Kafka for the processors. A stage is a plain `process` function;
// the runner consumes its input topic and, for each fetch, writes the outputs, the store's changelog updates,
// the dead letters and the consumed offsets of all its partition batches in ONE Kafka transaction
// (consume-transform-produce; the batches are prepared side by side and meet in runtime/commit-group.ts). Readers
// use read_committed, so a batch is seen entirely or not at all, and a crash at any moment re-processes from the
// last committed offset: nothing lost, nothing duplicated.
//
// How it commits: offsets only through the transaction (autoCommit off). What happens to a record it can't handle:
// a fatal error (DecodeError, ValidationError, any non-retriable error from `process`) sends it to the dead-letter
// topic with the stage, the error and its original bytes, and processing continues; a transient error
// (isRetriable) retries that record with exponential backoff and never skips it.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type {
  Admin,
  Batch,
  EachBatchPayload,
  IHeaders,
  Kafka,
  KafkaMessage,
  Message,
  Producer,
  Transaction,
} from 'kafkajs';
import type { Config } from '../platform/config';
import { ConfigError, describeError, isRetriable, ValidationError } from '../platform/errors';
import { createKafka } from '../platform/kafka';
import { componentLogger, type Logger } from '../platform/logger';
import { schemaFor } from '../platform/schemas';
import { AvroSerde } from '../platform/serde';
import { topicName, topicSpecs, type TopicId } from '../platform/topics';
import { backoffDelay, defaultBackoff, sleep, type BackoffPolicy } from './runtime/backoff';
import { readChangelog } from './runtime/changelog';
import { CommitGroup } from './runtime/commit-group';
import { deadLetterFor } from './runtime/dead-letter';
import { stageMetrics } from './runtime/stage-metrics';
import { ChangelogStore, noStore, type StoreBatch, type StoreScope } from './runtime/store';

export type { StoreScope } from './runtime/store';

export interface RecordMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** Record timestamp, ISO 8601. */
  timestamp: string;
}

export interface KeyValueStore<V> {
  get(key: string): V | undefined;
  /** `null` deletes the key (a tombstone on the changelog). */
  put(key: string, value: V | null): void;
}

export interface StageDefinition<In, Out, S = unknown> {
  name: string;
  input: TopicId;
  output: TopicId;
  /** Compacted changelog; value schema = that topic's schema in platform/topics.ts. Default scope: 'partition'. */
  store?: { topic: TopicId; scope?: StoreScope };
  /**
   * Records of one batch processed at the same time (outputs keep input order). Only for stages without a store;
   * useful when `process` waits on I/O (the LLM). Default 1.
   */
  concurrency?: number;
  process(input: In, meta: RecordMeta, store: KeyValueStore<S>): Promise<Array<{ key: string; value: Out }>>;
}

export interface StageStats {
  recordsIn: number;
  recordsOut: number;
  deadLetters: number;
  batches: number;
  /** Transactions aborted (or of unknown outcome) and retried. */
  aborted: number;
  /** Transactions committed (a transaction holds the batches of every partition of a fetch). */
  transactions: number;
  /** Record attempts repeated after a transient error. */
  retries: number;
  restores: number;
  storeEntries: number;
}

export interface RunningStage {
  readonly name: string;
  readonly groupId: string;
  readonly transactionalId: string;
  stats(): StageStats;
  /** Throws when Kafka does not answer (for /ready). */
  ready(): Promise<void>;
  /** Stops consuming after the batch in flight, then disconnects. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves after stop(); rejects when the stage failed for good (e.g. fenced by another instance). */
  readonly done: Promise<void>;
}

export interface RunStageDeps {
  config: Config;
  logger?: Logger;
  /** Stable id of this replica; with the stage name it forms the transactional id. Default: config / host name. */
  instanceId?: string;
  kafka?: Kafka;
  serde?: AvroSerde;
  backoff?: BackoffPolicy;
  /**
   * Largest encoded output record (key + value bytes); a bigger one is dead-lettered instead of failing the batch.
   * Sends inside a transaction are also cut into requests of at most about this size. Default 900 kB (the broker's
   * message.max.bytes is 1 MB by default and applies to one partition's batch of one request).
   */
  maxRecordBytes?: number;
  /**
   * Fault injection for crash tests: runs after a transaction's records and offsets were sent, before the commit,
   * once for each batch (input partition) in it.
   */
  faults?: { beforeCommit?: (info: { partition: number; records: number }) => Promise<void> | void };
  /**
   * How long a transaction waits for the other partitions' batches of the same fetch to join it (they are processed
   * at the same time and normally join within a millisecond). Default 50 ms.
   */
  groupCommitWaitMs?: number;
  /** Consumer tuning (kafkajs consumer options). */
  consumer?: {
    maxBytesPerPartition?: number;
    maxBytes?: number;
    maxWaitTimeInMs?: number;
    sessionTimeout?: number;
    heartbeatInterval?: number;
    rebalanceTimeout?: number;
  };
}

/** Thrown inside the batch loop to leave it without committing (stop requested, partition revoked, rebalance). */
class Interrupt extends Error {
  constructor(
    readonly reason: 'stopping' | 'stale' | 'rebalance',
    readonly original?: unknown,
  ) {
    super(`batch interrupted: ${reason}`);
  }
}

/** Attempts of a batch failing with a non-retriable error before the stage gives up. */
const maxFatalAttempts = 5;

const fencedTypes = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED']);

function isFenced(err: unknown): boolean {
  const type = (err as { type?: unknown } | null)?.type;
  return typeof type === 'string' && fencedTypes.has(type);
}

function isConcurrentTransactions(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { type?: unknown }).type === 'CONCURRENT_TRANSACTIONS') return true;
  }
  return false;
}

/** txn.sendOffsets, repeated while the coordinator is busy with another change of the same transaction. */
async function sendOffsetsRetrying(txn: Transaction, offsets: Parameters<Transaction['sendOffsets']>[0]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await txn.sendOffsets(offsets);
    } catch (err) {
      if (!isConcurrentTransactions(err) || attempt >= 50) throw err;
      await sleep(Math.min(5 * attempt, 50));
    }
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    if (one !== undefined) out[k] = one.toString();
  }
  return out;
}

function messageBytes(m: Message): number {
  const size = (v: Message['key'] | Message['value']) =>
    v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length;
  return size(m.key) + size(m.value) + 64;
}

/** Cuts the messages into produce requests of at most about `maxBytes` each (the broker limits one batch's size). */
export function requestsOf(
  all: Array<{ topic: string; messages: Message[] }>,
  maxBytes: number,
): Array<Array<{ topic: string; messages: Message[] }>> {
  const requests: Array<Array<{ topic: string; messages: Message[] }>> = [];
  let current: Array<{ topic: string; messages: Message[] }> = [];
  let bytes = 0;
  for (const { topic, messages } of all) {
    let slot: { topic: string; messages: Message[] } | undefined;
    for (const m of messages) {
      const b = messageBytes(m);
      if (bytes + b > maxBytes && bytes > 0) {
        requests.push(current);
        current = [];
        bytes = 0;
        slot = undefined;
      }
      if (!slot) {
        slot = { topic, messages: [] };
        current.push(slot);
      }
      slot.messages.push(m);
      bytes += b;
    }
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

type RecordOutcome = { kind: 'ok'; outputs: Message[] } | { kind: 'dead'; deadLetter: Message; errorType: string };

interface PreparedBatch<S> {
  outputs: Message[];
  changelog: Message[];
  deadLetters: Message[];
  deadByType: Map<string, number>;
  storeBatch: StoreBatch<S> | undefined;
}

/** A prepared batch of one input partition, waiting to commit with the others of its fetch. */
interface PendingCommit<S> {
  prepared: PreparedBatch<S>;
  partition: number;
  nextOffset: string;
  isStale: () => boolean;
}

/** Starts a stage and resolves once it has joined its consumer group and is consuming. */
export async function runStage<In, Out, S>(
  def: StageDefinition<In, Out, S>,
  deps: RunStageDeps,
): Promise<RunningStage> {
  const { config } = deps;
  const log = deps.logger ?? componentLogger(`stage.${def.name}`);
  const instanceId = deps.instanceId ?? config.instanceId ?? os.hostname();
  const kafka = deps.kafka ?? createKafka(config, `stage-${def.name}`);
  const serde = deps.serde ?? new AvroSerde(config);
  const backoff = deps.backoff ?? defaultBackoff;
  const inputTopic = topicName(config, def.input);
  const outputTopic = topicName(config, def.output);
  const dlqTopic = topicName(config, 'dlq');
  const storeTopic = def.store ? topicName(config, def.store.topic) : undefined;
  const groupId = `${config.topicPrefix}techmap.${def.name}`;
  const transactionalId = `${groupId}.${instanceId}`;
  const fencedHint =
    `producer ${transactionalId} was fenced: another process uses the same transactional id ` +
    '(give each replica its own TECHMAP_INSTANCE_ID)';
  if (def.store && (def.concurrency ?? 1) > 1) {
    throw new ConfigError(`stage ${def.name}: concurrency > 1 is only allowed for stages without a store`);
  }
  const concurrency = Math.max(1, def.concurrency ?? 1);
  const maxRecordBytes = deps.maxRecordBytes ?? 900_000;
  const store = def.store ? new ChangelogStore<S>(def.store.scope ?? 'partition') : undefined;
  const storeSchema = def.store ? topicSpecs[def.store.topic].schema : undefined;
  const storeType = storeSchema ? schemaFor(storeSchema).type : undefined;
  const labels = { stage: def.name };
  const stats: StageStats = {
    recordsIn: 0,
    recordsOut: 0,
    deadLetters: 0,
    batches: 0,
    aborted: 0,
    transactions: 0,
    retries: 0,
    restores: 0,
    storeEntries: 0,
  };
  const stopSignal = new AbortController();
  let stopping = false;
  let stopped: Promise<void> | undefined;
  let resolveDone!: () => void;
  let rejectDone!: (err: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined); // observed through `running.done`; never an unhandled rejection

  const admin: Admin = kafka.admin();
  await admin.connect();
  let inputPartitions: number;
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [inputTopic] });
    inputPartitions = Math.max(1, topics[0]?.partitions.length ?? 1);
  } catch (err) {
    await admin.disconnect();
    throw err;
  }

  if (def.store && storeTopic && (def.store.scope ?? 'partition') === 'partition') {
    const { topics } = await admin.fetchTopicMetadata({ topics: [inputTopic, storeTopic] });
    const count = (name: string) => topics.find((t) => t.name === name)?.partitions.length ?? 0;
    if (count(inputTopic) !== count(storeTopic)) {
      await admin.disconnect();
      throw new ConfigError(
        `stage ${def.name}: store topic ${storeTopic} has ${count(storeTopic)} partitions, input ${inputTopic} has ` +
          `${count(inputTopic)}; a partition-scoped store needs the same number`,
      );
    }
  }

  // ---- the transactional producers ------------------------------------------------------------------------
  // Two, used in turn. After EndTxn returns, the coordinator still writes the commit markers, and until it has, the
  // same transactional id's next AddPartitionsToTxn is answered CONCURRENT_TRANSACTIONS and retried: back to back,
  // that made a transaction cost ~16 ms instead of ~4 (bench/_transactions.ts). Alternating ids lets the next
  // transaction start at once. Each id is fenced at start like one; the offsets stay in order because the group
  // coordinator keeps, per partition, the offset commit appended last.
  const transactionalIds = [transactionalId, `${transactionalId}.b`] as const;

  async function newProducer(id: string): Promise<Producer> {
    const p = kafka.producer({
      transactionalId: id,
      idempotent: true,
      // Produce requests stay one at a time (kafkajs holds a per-broker lock for idempotent sends); more in flight
      // lets the offsets travel beside them.
      maxInFlightRequests: 5,
      transactionTimeout: 60_000,
      allowAutoTopicCreation: false,
      // Unbounded, as kafkajs wants for idempotence; stop() interrupts it by disconnecting. A transaction begun right
      // after the previous commit is often refused with CONCURRENT_TRANSACTIONS until the markers are written (a few
      // ms): a short first delay keeps that from adding 200 ms to a record's latency; real outages still back off.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 5, maxRetryTime: 5_000 },
    });
    try {
      await p.connect();
    } catch (err) {
      await p.disconnect().catch(() => undefined);
      throw err;
    }
    // Opening (and dropping) an empty transaction runs InitProducerId now: it fences any earlier incarnation with
    // this transactional id and aborts its unfinished transaction before this one reads a store or a record.
    const t = await p.transaction();
    await t.abort();
    return p;
  }

  const producers: Producer[] = [];
  for (const id of transactionalIds) {
    producers.push(await retryForever(`connect the transactional producer ${id}`, () => newProducer(id)));
  }
  let turn = 0;

  async function replaceProducer(slot: number): Promise<void> {
    await producers[slot]!.disconnect().catch(() => undefined);
    const id = transactionalIds[slot]!;
    producers[slot] = await retryForever(`re-create the transactional producer ${id}`, () => newProducer(id));
  }

  async function retryForever<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (stopping) throw new Interrupt('stopping', err);
        if (isFenced(err)) throw err;
        const delay = backoffDelay(attempt, backoff);
        log.warn({ err, attempt, delay }, `could not ${what}; retrying`);
        await sleep(delay, stopSignal.signal);
      }
    }
  }

  // ---- the store: restored from its changelog at every group join, before any batch is processed ------------
  let restoring: Promise<void> = Promise.resolve();

  async function restore(partitions: number[]): Promise<void> {
    if (!store || !def.store || !storeTopic) return;
    const storeId = def.store.topic;
    const t0 = performance.now();
    for (let attempt = 1; !stopping; attempt++) {
      store.clear();
      try {
        let skipped = 0;
        const result = await readChangelog({
          kafka,
          admin,
          topic: storeTopic,
          groupPrefix: groupId,
          partitions: store.scope === 'partition' ? partitions : 'all',
          logger: log,
          signal: stopSignal.signal,
          apply: async (r) => {
            if (r.value === null) return store.load(r.partition, r.key, null);
            try {
              store.load(r.partition, r.key, await serde.decode<S>(storeId, r.value));
            } catch (err) {
              if (isRetriable(err)) throw err;
              skipped++;
              log.error({ err, partition: r.partition, offset: r.offset }, 'unreadable changelog record skipped');
            }
          },
        });
        stats.restores++;
        stats.storeEntries = store.size();
        stageMetrics.storeEntries.set(labels, stats.storeEntries);
        stageMetrics.restoreSeconds.observe(labels, (performance.now() - t0) / 1000);
        log.info(
          { partitions, records: result.records, entries: stats.storeEntries, skipped, ms: result.ms },
          'store restored',
        );
        return;
      } catch (err) {
        if (stopping) return;
        const delay = backoffDelay(attempt, backoff);
        log.warn({ err, attempt, delay }, 'store restore failed; retrying');
        await sleep(delay, stopSignal.signal);
      }
    }
  }

  /** Throws ValidationError, naming the invalid paths, when `value` does not fit the store's changelog schema. */
  function checkStoreValue(value: S): void {
    if (!storeType || storeType.isValid(value)) return;
    const paths: string[] = [];
    storeType.isValid(value, { errorHook: (p) => paths.push(p.join('.') || '(root)') });
    throw new ValidationError(`store value does not match ${storeSchema}: invalid at ${paths.join(', ')}`);
  }

  // ---- one record: decode → process → encode, retrying transient errors, dead-lettering fatal ones ----------
  async function processRecord(
    batch: Batch,
    m: KafkaMessage,
    storeBatch: StoreBatch<S> | undefined,
    heartbeat: () => Promise<void>,
    isStale: () => boolean,
    checkWrites: boolean,
  ): Promise<RecordOutcome> {
    const meta: RecordMeta = {
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key ? m.key.toString('utf8') : null,
      headers: headersToStrings(m.headers),
      timestamp: new Date(Number(m.timestamp)).toISOString(),
    };
    const source = `${batch.topic}/${batch.partition}/${m.offset}`;
    for (let attempt = 1; ; attempt++) {
      const recordStore = storeBatch?.forRecord();
      try {
        try {
          const input = await serde.decode<In>(def.input, m.value);
          const results = await def.process(input, meta, recordStore ?? (noStore as KeyValueStore<S>));
          const outputs: Message[] = [];
          for (const r of results) {
            const value = await serde.encode(def.output, r.value);
            if (value.length + Buffer.byteLength(r.key) > maxRecordBytes) {
              throw new ValidationError(
                `output record ${r.key} is ${value.length} bytes, more than the ${maxRecordBytes} a record may have`,
              );
            }
            outputs.push({ key: r.key, value, headers: { 'techmap-source': source } });
          }
          if (recordStore) {
            if (checkWrites)
              for (const value of recordStore.pending.values()) if (value !== null) checkStoreValue(value);
            recordStore.merge();
          }
          return { kind: 'ok', outputs };
        } catch (err) {
          if (isRetriable(err)) throw err;
          const letter = deadLetterFor(def.name, meta, { key: m.key, value: m.value }, err, attempt);
          log.warn({ offset: m.offset, partition: batch.partition, err: letter.errorMessage }, 'dead letter');
          return {
            kind: 'dead',
            errorType: letter.errorType,
            deadLetter: { key: m.key, value: await serde.encode('dlq', letter), headers: { 'techmap-source': source } },
          };
        }
      } catch (err) {
        if (!isRetriable(err)) throw err; // the dead letter itself could not be encoded: a bug, retried per batch
        if (stopping) throw new Interrupt('stopping', err);
        if (isStale()) throw new Interrupt('stale', err);
        stats.retries++;
        stageMetrics.retries.inc({ ...labels, scope: 'record' });
        const delay = backoffDelay(attempt, backoff);
        log.warn({ err, offset: m.offset, partition: batch.partition, attempt, delay }, 'transient error; retrying');
        await sleep(delay, stopSignal.signal);
        try {
          await heartbeat();
        } catch (hbErr) {
          throw new Interrupt('rebalance', hbErr);
        }
      }
    }
  }

  /**
   * Processes a batch's records into what its transaction will write. Store writes reach the changelog as the
   * batch's last value per key, encoded (which checks them against the changelog schema) once per batch, not once per
   * record: refine.dedup rewrites one large per-company value for many records of a batch. When a last value fails
   * the check, the batch is prepared again with every record's writes checked (`checkEachWrite`), so that exactly
   * the records writing invalid values are dead-lettered and the others see the store as it was before them.
   */
  async function prepare(
    batch: Batch,
    messages: KafkaMessage[],
    heartbeat: () => Promise<void>,
    isStale: () => boolean,
    checkEachWrite = false,
  ): Promise<PreparedBatch<S>> {
    const storeBatch = store?.begin(batch.partition);
    const outcomes: RecordOutcome[] = [];
    // Long batches (a slow LLM) keep the group membership alive; kafkajs only sends a heartbeat when one is due.
    // A rebalance announced there abandons the batch uncommitted: the partition may be someone else's now.
    const keepAlive = async () => {
      if (stopping) throw new Interrupt('stopping');
      try {
        await heartbeat();
      } catch (err) {
        throw new Interrupt('rebalance', err);
      }
    };
    for (let i = 0; i < messages.length; i += concurrency) {
      const chunk = messages.slice(i, i + concurrency);
      const one = (m: KafkaMessage) => processRecord(batch, m, storeBatch, heartbeat, isStale, checkEachWrite);
      if (chunk.length === 1) outcomes.push(await one(chunk[0]!));
      else outcomes.push(...(await Promise.all(chunk.map(one))));
      if (performance.now() - lastKeepAlive > 1000) {
        lastKeepAlive = performance.now();
        await keepAlive();
      }
    }
    const prepared: PreparedBatch<S> = {
      outputs: [],
      changelog: [],
      deadLetters: [],
      deadByType: new Map(),
      storeBatch,
    };
    for (const o of outcomes) {
      if (o.kind === 'ok') {
        prepared.outputs.push(...o.outputs);
      } else {
        prepared.deadLetters.push(o.deadLetter);
        prepared.deadByType.set(o.errorType, (prepared.deadByType.get(o.errorType) ?? 0) + 1);
      }
    }
    if (storeBatch && def.store) {
      for (const [key, value] of storeBatch.writes) {
        let encoded: Buffer | null = null;
        if (value !== null) {
          try {
            encoded = await serde.encode(def.store.topic, value); // validates while it writes
          } catch (err) {
            if (checkEachWrite || !(err instanceof ValidationError)) throw err;
            log.warn(
              { partition: batch.partition, err: describeError(err) },
              'invalid store write; re-checking per record',
            );
            return prepare(batch, messages, heartbeat, isStale, true);
          }
        }
        prepared.changelog.push({ key, value: encoded, partition: batch.partition });
      }
    }
    return prepared;
  }

  /**
   * Commits the prepared batches of several input partitions in one transaction: their outputs, changelog writes,
   * dead letters and consumed offsets. A batch whose partition was revoked meanwhile does not commit (its new owner
   * re-processes it from the committed offset); if that is found only after sending, the whole transaction aborts
   * and every batch of it is fetched again. After a failed commit the producer is replaced before the batches retry.
   */
  async function commitTogether(items: Array<PendingCommit<S>>): Promise<unknown[]> {
    const results: unknown[] = items.map((i) => (i.isStale() ? new Interrupt('stale') : undefined));
    const live = items.filter((_, n) => results[n] === undefined);
    if (live.length === 0) return results;
    const slot = turn;
    turn = 1 - turn;
    const txn = await producers[slot]!.transaction();
    try {
      const all = [
        { topic: outputTopic, messages: live.flatMap((i) => i.prepared.outputs) },
        ...(storeTopic ? [{ topic: storeTopic, messages: live.flatMap((i) => i.prepared.changelog) }] : []),
        { topic: dlqTopic, messages: live.flatMap((i) => i.prepared.deadLetters) },
      ];
      const sendRecords = async () => {
        for (const topicMessages of requestsOf(all, maxRecordBytes)) await txn.sendBatch({ topicMessages, acks: -1 });
      };
      // Records and offsets are sent side by side: four round trips become two (AddPartitionsToTxn ∥ AddOffsetsToTxn,
      // then Produce ∥ TxnOffsetCommit). The coordinator takes one change of a transaction at a time and answers the
      // other CONCURRENT_TRANSACTIONS; kafkajs retries that for the records but not for the offsets, so it is
      // retried here.
      // Both settle before anything else happens to the transaction (an abort while one is in flight is refused).
      const sent = await Promise.allSettled([
        sendRecords(),
        sendOffsetsRetrying(txn, {
          consumerGroupId: groupId,
          topics: [
            { topic: inputTopic, partitions: live.map((i) => ({ partition: i.partition, offset: i.nextOffset })) },
          ],
        }),
      ]);
      for (const r of sent) if (r.status === 'rejected') throw r.reason;
      // A partition moved to another member while we worked: its new owner re-processes from the committed offset,
      // so this transaction must not commit.
      if (live.some((i) => i.isStale())) throw new Interrupt('stale');
      for (const i of live)
        await deps.faults?.beforeCommit?.({ partition: i.partition, records: i.prepared.outputs.length });
      await txn.commit();
      stageMetrics.transactions.inc({ ...labels, outcome: 'committed' });
      stats.transactions++;
      return results;
    } catch (err) {
      if (txn.isActive()) await txn.abort().catch(() => undefined);
      if (err instanceof Interrupt) throw err;
      stats.aborted++;
      stageMetrics.transactions.inc({ ...labels, outcome: 'aborted' });
      // Replaced once for the whole group, not by each of its batches; a stop or a fence during that wins.
      if (!isFenced(err)) await replaceProducer(slot);
      throw err;
    }
  }

  const commitGroup = new CommitGroup<PendingCommit<S>>(commitTogether, deps.groupCommitWaitMs ?? 50);

  async function committedOffset(partition: number): Promise<bigint | undefined> {
    const res = await retryForever('read the committed offset', () =>
      admin.fetchOffsets({ groupId, topics: [inputTopic] }),
    );
    const off = res.find((t) => t.topic === inputTopic)?.partitions.find((p) => p.partition === partition)?.offset;
    return off === undefined || off === '-1' ? undefined : BigInt(off);
  }

  function finish(batch: Batch, prepared: PreparedBatch<S>, recordsIn: number, startedAt: number) {
    prepared.storeBatch?.apply();
    stats.batches++;
    stats.recordsIn += recordsIn;
    stats.recordsOut += prepared.outputs.length;
    stats.deadLetters += prepared.deadLetters.length;
    stageMetrics.recordsIn.inc(labels, recordsIn);
    stageMetrics.recordsOut.inc(labels, prepared.outputs.length);
    for (const [error, n] of prepared.deadByType) stageMetrics.deadLetters.inc({ ...labels, error }, n);
    stageMetrics.batchSeconds.observe(labels, (performance.now() - startedAt) / 1000);
    stageMetrics.batchSize.observe(labels, recordsIn);
    const lag = BigInt(batch.highWatermark) - (BigInt(batch.lastOffset()) + 1n);
    stageMetrics.lag.set({ ...labels, partition: String(batch.partition) }, Number(lag < 0n ? 0n : lag));
    reportedLag.add(String(batch.partition));
    if (store) {
      stats.storeEntries = store.size();
      stageMetrics.storeEntries.set(labels, stats.storeEntries);
    }
    log.debug(
      { partition: batch.partition, records: recordsIn, out: prepared.outputs.length, lag: Number(lag) },
      'batch committed',
    );
  }

  let lastKeepAlive = performance.now();
  const reportedLag = new Set<string>();

  // ---- one batch (one input partition): prepared, then committed with the fetch's other batches in one
  // transaction (commitTogether), retried until it commits ------------------------------------------------------
  async function handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    const slot = commitGroup.open();
    try {
      await restoring;
      const startedAt = performance.now();
      const lastOffset = batch.lastOffset();
      const nextOffset = (BigInt(lastOffset) + 1n).toString();
      let pending = batch.messages;
      for (let attempt = 1; ; attempt++) {
        if (stopping || !isRunning() || isStale()) return; // not resolved: re-fetched from the committed offset
        let prepared: PreparedBatch<S> | undefined;
        let phase: 'prepare' | 'commit' = 'prepare';
        try {
          prepared = await prepare(batch, pending, heartbeat, isStale);
          phase = 'commit';
          await slot.commit({ prepared, partition: batch.partition, nextOffset, isStale });
          slot.close();
          finish(batch, prepared, pending.length, startedAt);
          resolveOffset(lastOffset);
          break;
        } catch (err) {
          if (err instanceof Interrupt) {
            if (err.reason === 'rebalance') throw err.original; // kafkajs re-joins the group
            return;
          }
          if (isFenced(err)) {
            fail(new Error(`stage ${def.name}: ${fencedHint}`, { cause: err }));
            return;
          }
          if (!isRetriable(err) && attempt >= maxFatalAttempts) {
            // The same non-retriable failure again and again (not a record's fault: those are dead-lettered):
            // stop rather than spin; the supervisor restarts the process and the batch is processed again.
            fail(new Error(`stage ${def.name}: batch keeps failing: ${describeError(err)}`, { cause: err }));
            return;
          }
          stageMetrics.retries.inc({ ...labels, scope: 'batch' });
          const delay = backoffDelay(attempt, backoff);
          log.warn({ err, phase, partition: batch.partition, attempt, delay }, 'batch failed; retrying');
          try {
            // Re-process from the last committed offset. If the commit did happen (its answer was lost), the
            // committed offset is already past this batch: keep its effects and move on.
            const committed = await committedOffset(batch.partition);
            if (committed !== undefined && committed > BigInt(lastOffset)) {
              slot.close();
              if (prepared) finish(batch, prepared, pending.length, startedAt);
              resolveOffset(lastOffset);
              break;
            }
            pending = batch.messages.filter((m) => committed === undefined || BigInt(m.offset) >= committed);
          } catch (inner) {
            if (inner instanceof Interrupt) return;
            throw inner;
          }
          await sleep(delay, stopSignal.signal);
        }
      }
    } finally {
      slot.close();
    }
    await heartbeat();
  }

  // ---- the consumer ----------------------------------------------------------------------------------------
  const consumer = kafka.consumer({
    groupId,
    readUncommitted: false,
    sessionTimeout: deps.consumer?.sessionTimeout ?? 30_000,
    rebalanceTimeout: deps.consumer?.rebalanceTimeout ?? 60_000,
    heartbeatInterval: deps.consumer?.heartbeatInterval ?? 3_000,
    maxBytesPerPartition: deps.consumer?.maxBytesPerPartition ?? 2 * 1024 * 1024,
    maxBytes: deps.consumer?.maxBytes ?? 16 * 1024 * 1024,
    maxWaitTimeInMs: deps.consumer?.maxWaitTimeInMs ?? 250,
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const partitions = (payload.memberAssignment[inputTopic] ?? []).slice().sort((a, b) => a - b);
    log.info({ partitions, groupId }, 'joined the group');
    for (const p of reportedLag) stageMetrics.lag.remove({ ...labels, partition: p });
    reportedLag.clear();
    restoring = restore(partitions);
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart && !stopping) fail(payload.error);
  });

  function fail(err: unknown) {
    log.fatal({ err }, 'stage failed');
    rejectDone(err);
    void running.stop().catch(() => undefined);
  }

  const running: RunningStage = {
    name: def.name,
    groupId,
    transactionalId,
    done,
    stats: () => ({ ...stats }),
    ready: async () => {
      await admin.fetchTopicMetadata({ topics: [inputTopic, outputTopic] });
    },
    stop: () => {
      if (!stopped) {
        stopping = true;
        stopSignal.abort();
        stopped = (async () => {
          await consumer.disconnect().catch((err: unknown) => log.warn({ err }, 'consumer disconnect failed'));
          for (const p of producers) {
            await p.disconnect().catch((err: unknown) => log.warn({ err }, 'producer disconnect failed'));
          }
          await admin.disconnect().catch(() => undefined);
          log.info({ ...stats }, 'stopped');
          resolveDone();
        })();
      }
      return stopped;
    },
  };

  try {
    await consumer.connect();
    await consumer.subscribe({ topic: inputTopic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // The batches of a fetch are prepared side by side and commit in one transaction (commitGroup). A shared store
      // is one map for every partition: its batches must run one after another.
      partitionsConsumedConcurrently: store?.scope === 'shared' ? 1 : inputPartitions,
      eachBatch: handleBatch,
    });
  } catch (err) {
    await running.stop();
    throw err;
  }
  log.info({ input: inputTopic, output: outputTopic, groupId, transactionalId }, 'stage running');
  return running;
}
