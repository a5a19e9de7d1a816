// The sink contract, in the shape of Kafka Connect's SinkTask: the runner (sinks/runner.ts) owns Kafka and calls
// open → put* → preCommit → close/stop; a sink only writes. Offsets are plain numbers (int64 offsets stay far
// below 2^53 in practice) and always mean "the next offset to read" when they describe a position.
import type { Logger } from '../platform/logger';

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** One Kafka record as a sink sees it: bytes untouched, plus where it came from. */
export interface SinkRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Kafka record timestamp (ms): the record time every deterministic decision uses (never wall clock). */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** `<topic>/<partition>`: the key of per-partition maps. */
export type PartitionKey = string;

export function partitionKey(tp: TopicPartition): PartitionKey {
  return `${tp.topic}/${tp.partition}`;
}

export function parsePartitionKey(key: PartitionKey): TopicPartition {
  const i = key.lastIndexOf('/');
  return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)) };
}

export interface SinkTask {
  readonly name: string;
  /** Prepares to write; may connect, create tables/buckets. Retriable errors are retried by the runner. */
  start(): Promise<void>;
  /**
   * Partitions were assigned. Returns the position to resume from for partitions whose position the sink
   * stores itself (MySQL: sink_offsets); other partitions resume from the consumer group's committed offset.
   */
  open(partitions: TopicPartition[]): Promise<Map<PartitionKey, number>>;
  /**
   * Writes (or buffers) records of ONE partition, in offset order. Per-record problems go to the dead-letter
   * topic inside put; a thrown retriable error makes the runner re-deliver the same records; any other stops the task.
   */
  put(records: SinkRecord[]): Promise<void>;
  /**
   * `consumed` holds, per partition, the offset after the last record given to put. Returns the offsets that
   * are durable (everything before them is written), which the runner commits to the consumer group.
   */
  preCommit(consumed: Map<PartitionKey, number>): Promise<Map<PartitionKey, number>>;
  /**
   * Optional: writes what is buffered for these partitions now (the runner calls it for caught-up, quiet
   * partitions when idleFlushMs > 0, then commits the new durable offsets before the next put).
   */
  flush?(partitions: TopicPartition[]): Promise<void>;
  /** Partitions were revoked: drop their buffers (they will be re-read from the committed offset). */
  close(partitions: TopicPartition[]): Promise<void>;
  /** Releases connections. Buffered, uncommitted records are not flushed: they will be re-read. */
  stop(): Promise<void>;
  /** Throws when the sink's store does not answer (for /ready). */
  ready?(): Promise<void>;
}

/** What a record that cannot be written becomes: a dead letter with the reason (see sinks/dead-letters.ts). */
export type DeadLetterFn = (record: SinkRecord, error: unknown) => Promise<void>;

export interface SinkDeps {
  logger: Logger;
  deadLetter: DeadLetterFn;
  /** Consumer group of this sink (MySQL stores its offsets under it). */
  groupId: string;
}
