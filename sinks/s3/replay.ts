// Re-produces archived bronze records from S3 to postings.raw (a backfill after a taxonomy change). Objects are
// read in (topic, partition, start offset) order, so each board's records keep their original order; every
// record keeps its key and headers and gains techmap.replay-of=<topic>+<partition>+<offset> (the S3 sink does not
// archive it a second time) and techmap.original-timestamp=<ms>. The record time is the time of the replay: an
// original time older than the topic's retention would have the broker delete the record before anyone reads it.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../platform/config';
import { describeError, ValidationError } from '../../platform/errors';
import { createKafka } from '../../platform/kafka';
import { schemaFor } from '../../platform/schemas';
import { AvroSerde } from '../../platform/serde';
import { topicName, topicSpecs } from '../../platform/topics';
import { classifyAwsError, createS3Client } from '../clients';
import { REPLAY_HEADER } from '../s3';
import { decodeKey, decodeLines, fromJsonValue, parseObjectKey } from './archive';

export const ORIGINAL_TIMESTAMP_HEADER = 'techmap.original-timestamp';

export interface ReplayProgress {
  objectsTotal: number;
  objectsDone: number;
  records: number;
  skipped: number;
}

export interface ReplayOptions {
  config: Config;
  prefix: string;
  bucket?: string;
  /** Records per produce request. */
  batchSize?: number;
  /** List and read, but produce nothing. */
  dryRun?: boolean;
  onProgress?: (p: ReplayProgress) => void;
  s3?: S3Client;
}

export interface ReplaySummary extends ReplayProgress {
  topic: string;
  bucket: string;
  ms: number;
}

/** Archive objects under `prefix` that hold bronze records, in replay order. */
export async function listBronzeObjects(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: Array<{ key: string; topic: string; partition: number; startOffset: number }> = [];
  let token: string | undefined;
  do {
    let page;
    try {
      page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    } catch (err) {
      const classified = classifyAwsError(err, `list s3://${bucket}/${prefix}`);
      if (classified !== err) throw classified;
      throw new ValidationError(`cannot list s3://${bucket}/${prefix}: ${describeError(err)}`, err);
    }
    for (const o of page.Contents ?? []) {
      const parsed = o.Key ? parseObjectKey(o.Key) : undefined;
      if (parsed && parsed.topic.endsWith(topicSpecs.raw.name)) keys.push({ key: o.Key!, ...parsed });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  keys.sort((a, b) =>
    a.topic !== b.topic ? (a.topic < b.topic ? -1 : 1) : a.partition - b.partition || a.startOffset - b.startOffset,
  );
  return keys.map((k) => k.key);
}

export async function replayFromS3(opts: ReplayOptions): Promise<ReplaySummary> {
  const started = Date.now();
  const { config } = opts;
  const bucket = opts.bucket ?? config.s3Bucket;
  const s3 = opts.s3 ?? createS3Client(config);
  const topic = topicName(config, 'raw');
  const rawType = schemaFor(topicSpecs.raw.schema).type;
  const serde = new AvroSerde(config);
  const producer = opts.dryRun
    ? undefined
    : createKafka(config, 'replay').producer({ idempotent: true, maxInFlightRequests: 1 });
  const progress: ReplayProgress = { objectsTotal: 0, objectsDone: 0, records: 0, skipped: 0 };
  try {
    const keys = await listBronzeObjects(s3, bucket, opts.prefix);
    progress.objectsTotal = keys.length;
    opts.onProgress?.({ ...progress });
    await producer?.connect();
    for (const key of keys) {
      let body: Buffer;
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        body = Buffer.from(await res.Body!.transformToByteArray());
      } catch (err) {
        throw classifyAwsError(err, `get s3://${bucket}/${key}`);
      }
      const lines = decodeLines(body);
      const batchSize = opts.batchSize ?? 500;
      for (let i = 0; i < lines.length; i += batchSize) {
        const messages = [];
        for (const line of lines.slice(i, i + batchSize)) {
          if (!line.topic.endsWith(topicSpecs.raw.name)) {
            progress.skipped++;
            continue;
          }
          // clone() fills fields added to the schema since the archive was written with their defaults.
          let value: unknown;
          try {
            value = rawType.clone(fromJsonValue(line.value));
          } catch (err) {
            throw new ValidationError(`${key}: offset ${line.offset} is not a RawPosting: ${(err as Error).message}`);
          }
          messages.push({
            key: decodeKey(line.key),
            value: await serde.encode('raw', value),
            headers: {
              ...line.headers,
              [REPLAY_HEADER]: `${line.topic}+${line.partition}+${line.offset}`,
              [ORIGINAL_TIMESTAMP_HEADER]: String(line.timestamp),
            },
          });
        }
        if (messages.length > 0) await producer?.send({ topic, acks: -1, messages });
        progress.records += messages.length;
        opts.onProgress?.({ ...progress });
      }
      progress.objectsDone++;
      opts.onProgress?.({ ...progress });
    }
  } finally {
    await producer?.disconnect().catch(() => undefined);
    if (!opts.s3) s3.destroy();
  }
  return { ...progress, topic, bucket, ms: Date.now() - started };
}
