// S3 sink: archives bronze (and gold) records as gzip JSON Lines objects, laid out by board and date, with
// deterministic names and rotation (see sinks/s3/archive.ts). preCommit returns, per partition, the start of the
// open round: everything before it is in S3, everything from it will be re-read and rebuilt identically after a
// crash. The bucket is created if missing. Records the replay command re-produced (header techmap.replay-of) are
// already archived and are skipped.
import { CreateBucketCommand, HeadBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import type { Config } from '../platform/config';
import { UnavailableError } from '../platform/errors';
import { counter } from '../platform/metrics';
import type { AvroSerde } from '../platform/serde';
import { topicName, topicSpecs, type TopicId } from '../platform/topics';
import { classifyAwsError, createS3Client } from './clients';
import { batchSettings } from './runner';
import {
  boardOf,
  encodeKey,
  encodeLines,
  Round,
  toJsonValue,
  type ArchiveLine,
  type RotationPolicy,
} from './s3/archive';
import {
  partitionKey,
  type PartitionKey,
  type SinkDeps,
  type SinkRecord,
  type SinkTask,
  type TopicPartition,
} from './types';

export const REPLAY_HEADER = 'techmap.replay-of';

export const spec = {
  name: 'sink-s3',
  summary: 'Archives bronze and gold records to S3 as gzip JSON Lines, by board and date, deterministic names.',
  settings: batchSettings.extend({
    topics: z
      .string()
      .default('raw,gold')
      .describe('Topics to archive, as topic ids (raw, gold, silver), comma separated.'),
    objectRecords: z.coerce.number().int().min(1).default(10000).describe('Records per object (rotation).'),
    objectBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024 * 1024)
      .describe('Uncompressed bytes per object (rotation).'),
    roundBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * 1024 * 1024)
      .describe('Uncompressed bytes buffered per partition before everything is written.'),
    spanMs: z.coerce
      .number()
      .int()
      .min(1)
      .default(3600 * 1000)
      .describe('Record-time span of one round (rotation by record time, never wall clock).'),
    uploadConcurrency: z.coerce.number().int().min(1).default(4).describe('Objects uploaded at once.'),
    archiveReplayed: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('Also archive records re-produced by `techmap replay` (already archived once).'),
  }),
};
export type S3SinkSettings = z.output<typeof spec.settings>;

const objectsWritten = counter('techmap_sink_s3_objects_total', 'Archive objects written.');
const recordsArchived = counter('techmap_sink_s3_records_total', 'Records archived.');

interface PartitionState {
  round: Round;
  /** Offset after the last record taken into the round (re-delivered records below it are skipped). */
  next?: number;
  /** The round reached a rotation point but is not written yet (a failed upload): write it before anything else. */
  mustFlush: boolean;
}

export class S3Sink implements SinkTask {
  readonly name = 's3';
  private readonly s3: S3Client;
  private readonly state = new Map<PartitionKey, PartitionState>();
  private readonly topicIds = new Map<string, TopicId>();
  private readonly policy: RotationPolicy;

  constructor(
    private readonly config: Config,
    private readonly settings: S3SinkSettings,
    private readonly serde: AvroSerde,
    private readonly deps: SinkDeps,
    s3?: S3Client,
  ) {
    this.s3 = s3 ?? createS3Client(config);
    for (const id of Object.keys(topicSpecs) as TopicId[]) this.topicIds.set(topicName(config, id), id);
    this.policy = {
      maxRecords: settings.objectRecords,
      maxBytes: settings.objectBytes,
      maxRoundBytes: settings.roundBytes,
      maxSpanMs: settings.spanMs,
    };
  }

  /** Full names of the topics this sink archives. */
  topics(): string[] {
    return this.settings.topics
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((id) => {
        if (!(id in topicSpecs)) throw new Error(`sink-s3: unknown topic id '${id}'`);
        return topicName(this.config, id as TopicId);
      });
  }

  async start(): Promise<void> {
    const Bucket = this.config.s3Bucket;
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket }));
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 404 && (err as Error).name !== 'NotFound') throw classifyAwsError(err, `S3 bucket ${Bucket}`);
      try {
        await this.s3.send(new CreateBucketCommand({ Bucket }));
        this.deps.logger.info({ bucket: Bucket }, 'bucket created');
      } catch (e) {
        const name = (e as Error).name;
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists')
          throw classifyAwsError(e, `create bucket ${Bucket}`);
      }
    }
  }

  async ready(): Promise<void> {
    await this.s3.send(new HeadBucketCommand({ Bucket: this.config.s3Bucket }));
  }

  async open(partitions: TopicPartition[]): Promise<Map<PartitionKey, number>> {
    for (const tp of partitions) {
      this.state.set(partitionKey(tp), { round: new Round(tp.topic, tp.partition, this.policy), mustFlush: false });
    }
    return new Map(); // resume from the consumer group's committed offsets (always a round start)
  }

  async put(records: SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const first = records[0]!;
    const pk = partitionKey(first);
    let st = this.state.get(pk);
    if (!st) {
      st = { round: new Round(first.topic, first.partition, this.policy), mustFlush: false };
      this.state.set(pk, st);
    }
    const next = st.next;
    const fresh = records.filter((r) => next === undefined || r.offset >= next);
    if (fresh.length === 0) return;
    // Decode everything first: a registry outage then fails the put before anything was taken in.
    const lines: Array<string | undefined> = [];
    for (const r of fresh) lines.push(await this.line(r));
    for (let i = 0; i < fresh.length; i++) {
      const r = fresh[i]!;
      if (st.mustFlush) await this.flushRound(st);
      const line = lines[i];
      if (line !== undefined) {
        if (!st.round.isEmpty && st.round.closesBefore(r.timestamp)) {
          st.mustFlush = true;
          await this.flushRound(st);
        }
        if (st.round.add(r.offset, r.timestamp, boardOf(r.key), line)) st.mustFlush = true;
      }
      st.next = r.offset + 1;
    }
    if (st.mustFlush) await this.flushRound(st);
  }

  /** A record's archive line; undefined when it is skipped (dead-lettered, or re-produced by a replay). */
  private async line(r: SinkRecord): Promise<string | undefined> {
    if (!this.settings.archiveReplayed && r.headers[REPLAY_HEADER] !== undefined) return undefined;
    const id = this.topicIds.get(r.topic);
    if (!id) throw new Error(`sink-s3: no schema known for topic ${r.topic}`);
    let value: unknown;
    try {
      value = await this.serde.decode(id, r.value);
    } catch (err) {
      if (err instanceof UnavailableError) throw err;
      await this.deps.deadLetter(r, err);
      return undefined;
    }
    const line: ArchiveLine = {
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      key: encodeKey(r.key),
      headers: r.headers,
      schemaId: r.value && r.value.length >= 5 ? r.value.readInt32BE(1) : null,
      value: toJsonValue(value),
    };
    return JSON.stringify(line);
  }

  async flush(partitions: TopicPartition[]): Promise<void> {
    for (const tp of partitions) {
      const st = this.state.get(partitionKey(tp));
      if (st && !st.round.isEmpty) await this.flushRound(st);
    }
  }

  /** Writes every object of the round (idempotent overwrites), then starts a new round. */
  private async flushRound(st: PartitionState): Promise<void> {
    const objects = [...st.round.objects.values()];
    const queue = [...objects];
    const worker = async () => {
      for (let obj = queue.shift(); obj; obj = queue.shift()) {
        try {
          await this.s3.send(
            new PutObjectCommand({
              Bucket: this.config.s3Bucket,
              Key: obj.key,
              Body: encodeLines(obj.lines),
              ContentType: 'application/x-ndjson',
              ContentEncoding: 'gzip',
              Metadata: { 'start-offset': String(obj.startOffset), records: String(obj.lines.length) },
            }),
          );
        } catch (err) {
          throw classifyAwsError(err, `put s3://${this.config.s3Bucket}/${obj.key}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.uploadConcurrency, objects.length) }, worker));
    objectsWritten.inc(objects.length);
    recordsArchived.inc(objects.reduce((n, o) => n + o.lines.length, 0));
    this.deps.logger.debug({ objects: objects.map((o) => o.key) }, 'round written');
    st.round.clear();
    st.mustFlush = false;
  }

  async preCommit(consumed: Map<PartitionKey, number>): Promise<Map<PartitionKey, number>> {
    const out = new Map<PartitionKey, number>();
    for (const [pk, offset] of consumed) {
      const st = this.state.get(pk);
      if (!st) continue;
      out.set(pk, st.round.isEmpty ? Math.max(offset, st.next ?? offset) : st.round.start!);
    }
    return out;
  }

  async close(partitions: TopicPartition[]): Promise<void> {
    for (const tp of partitions) this.state.delete(partitionKey(tp));
  }

  async stop(): Promise<void> {
    this.state.clear();
    this.s3.destroy();
  }
}
