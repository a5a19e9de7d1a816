// The S3 archive's format and rotation (pure).
//
// Lines: one JSON object per record — where it came from (topic, partition, offset, record time, key, headers,
// writer schema id) and the decoded Avro value. Bytes fields (the raw body) are stored losslessly as
// {"$bytes":"utf8","text":...} when the bytes are valid UTF-8, else {"$bytes":"base64","data":...}.
//
// Objects: topics/<topic>/board=<board>/date=<yyyy-mm-dd of record time>/<topic>+<partition>+<start offset>.jsonl.gz
// with the start offset zero-padded to 20 digits (the offset of the object's first record).
//
// Rotation, as Confluent's S3 sink does it: records of one topic-partition are gathered in a ROUND that holds one
// open object per (board, date). The round is written (all its objects) when one object reaches maxRecords or
// maxBytes, when the round reaches maxRoundBytes, or before a record whose record time is maxSpanMs or more after
// the round's first record. Every decision depends only on the records from the round's start offset, and the
// consumer commits only round starts, so a re-run after a crash rebuilds exactly the same rounds and rewrites
// exactly the same objects: no duplicates, no gaps. Wall-clock time is never used.
import { gunzipSync, gzipSync } from 'node:zlib';

export interface ArchiveLine {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: unknown;
  headers: Record<string, string>;
  schemaId: number | null;
  value: unknown;
}

export type BytesMarker = { $bytes: 'utf8'; text: string } | { $bytes: 'base64'; data: string };

export function encodeBytes(buf: Buffer): BytesMarker {
  const text = buf.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(buf)) return { $bytes: 'utf8', text };
  return { $bytes: 'base64', data: buf.toString('base64') };
}

function isBytesMarker(v: unknown): v is BytesMarker {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  return (m.$bytes === 'utf8' && typeof m.text === 'string') || (m.$bytes === 'base64' && typeof m.data === 'string');
}

/** A decoded Avro value as plain JSON: Buffers become byte markers (recursively). */
export function toJsonValue(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return encodeBytes(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJsonValue(x);
    return out;
  }
  return v;
}

/** The inverse of toJsonValue: byte markers become Buffers again. */
export function fromJsonValue(v: unknown): unknown {
  if (isBytesMarker(v)) return v.$bytes === 'utf8' ? Buffer.from(v.text, 'utf8') : Buffer.from(v.data, 'base64');
  if (Array.isArray(v)) return v.map(fromJsonValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromJsonValue(x);
    return out;
  }
  return v;
}

/** Keys are text ids; anything that is not UTF-8 is kept as a byte marker. */
export function encodeKey(key: Buffer | null): string | BytesMarker | null {
  if (key === null) return null;
  const m = encodeBytes(key);
  return m.$bytes === 'utf8' ? m.text : m;
}

export function decodeKey(key: unknown): Buffer | null {
  if (key === null || key === undefined) return null;
  if (typeof key === 'string') return Buffer.from(key, 'utf8');
  if (isBytesMarker(key)) return fromJsonValue(key) as Buffer;
  throw new Error('archived key is neither text nor bytes');
}

/** The board of a record from its key (`<board>:<id>`), safe as a path segment. */
export function boardOf(key: Buffer | null): string {
  const text = key?.toString('utf8') ?? '';
  const i = text.indexOf(':');
  const board = (i > 0 ? text.slice(0, i) : '').toLowerCase().replace(/[^a-z0-9._-]/g, '_');
  return board && board !== '.' && board !== '..' ? board : 'unknown';
}

export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function objectKey(topic: string, partition: number, board: string, date: string, startOffset: number): string {
  return `topics/${topic}/board=${board}/date=${date}/${topic}+${partition}+${String(startOffset).padStart(20, '0')}.jsonl.gz`;
}

/** Parses an archive object key; undefined when it is not one. */
export function parseObjectKey(
  key: string,
): { topic: string; partition: number; board: string; date: string; startOffset: number } | undefined {
  const m =
    /^(?:.*\/)?topics\/([^/]+)\/board=([^/]+)\/date=(\d{4}-\d{2}-\d{2})\/(.+)\+(\d+)\+(\d{20})\.jsonl\.gz$/.exec(key);
  if (!m || m[1] !== m[4]) return undefined;
  return { topic: m[1]!, board: m[2]!, date: m[3]!, partition: Number(m[5]), startOffset: Number(m[6]) };
}

export function encodeLines(lines: string[]): Buffer {
  return gzipSync(Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'));
}

export function decodeLines(body: Buffer): ArchiveLine[] {
  return gunzipSync(body)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as ArchiveLine);
}

export interface RotationPolicy {
  /** Records in one object. */
  maxRecords: number;
  /** Uncompressed bytes in one object. */
  maxBytes: number;
  /** Uncompressed bytes in one round (all its objects). */
  maxRoundBytes: number;
  /** Record-time span of a round. */
  maxSpanMs: number;
}

export interface OpenObject {
  key: string;
  startOffset: number;
  lines: string[];
  bytes: number;
}

/** The open round of one topic-partition. */
export class Round {
  readonly objects = new Map<string, OpenObject>();
  /** Offset of the round's first record (what the consumer may commit). */
  start?: number;
  firstTime?: number;
  bytes = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly policy: RotationPolicy,
  ) {}

  get isEmpty(): boolean {
    return this.start === undefined;
  }

  /** True when a record with this time must start a new round (the span would be exceeded). */
  closesBefore(timestamp: number): boolean {
    return this.firstTime !== undefined && timestamp - this.firstTime >= this.policy.maxSpanMs;
  }

  /** Adds one record's line; returns true when the round must now be written. */
  add(offset: number, timestamp: number, board: string, line: string): boolean {
    if (this.start === undefined) {
      this.start = offset;
      this.firstTime = timestamp;
    }
    const date = utcDate(timestamp);
    const id = `${board}/${date}`;
    let obj = this.objects.get(id);
    if (!obj) {
      obj = {
        key: objectKey(this.topic, this.partition, board, date, offset),
        startOffset: offset,
        lines: [],
        bytes: 0,
      };
      this.objects.set(id, obj);
    }
    const size = Buffer.byteLength(line, 'utf8') + 1;
    obj.lines.push(line);
    obj.bytes += size;
    this.bytes += size;
    return (
      obj.lines.length >= this.policy.maxRecords ||
      obj.bytes >= this.policy.maxBytes ||
      this.bytes >= this.policy.maxRoundBytes
    );
  }

  clear(): void {
    this.objects.clear();
    this.start = undefined;
    this.firstTime = undefined;
    this.bytes = 0;
  }
}
