// Gold posting → DynamoDB item (pure). The whole gold document is kept as JSON text in `doc`; a few top-level
// attributes carry the version condition and the keys of the gateway's indexes.
//
// Size: documents over `compressAboveBytes` (default 2 KB, so nearly all) are stored gzip-compressed in `docGz`
// (binary) instead of `doc`, with docEncoding 'gzip+json': posting text compresses ~4-8x, which is fewer write
// units on DynamoDB and far less work for a local emulator. Large items (the limit is 400 KB): if an item is still
// over `maxItemBytes` compressed, skill evidence is truncated to the first span per skill (evidenceTruncated: true);
// if even that does not fit, the record is refused (ValidationError → dead letter). Text is never cut.
import { gunzipSync, gzipSync } from 'node:zlib';
import { ValidationError } from '../../platform/errors';
import type { GoldPosting } from '../records';

export interface ItemLimits {
  compressAboveBytes: number;
  maxItemBytes: number;
}

export const defaultItemLimits: ItemLimits = { compressAboveBytes: 2048, maxItemBytes: 390 * 1024 };

export interface PostingItem {
  pk: string;
  version: number;
  enrichedAt: number;
  title: string;
  companyId: string;
  jobFieldId: string;
  status: string;
  /** Sort key of the GSIs: posted time, or first seen when the board gave none (ms). */
  postedAt: number;
  boards: string[];
  skillIds: string[];
  docEncoding: 'json' | 'gzip+json';
  doc?: string;
  docGz?: Uint8Array;
  evidenceTruncated: boolean;
}

/** Approximate DynamoDB size of an item: attribute names + values (UTF-8 bytes; numbers ~ 21 bytes). */
export function itemSize(item: PostingItem): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) {
    if (v === undefined) continue;
    n += Buffer.byteLength(k);
    if (typeof v === 'string') n += Buffer.byteLength(v);
    else if (typeof v === 'number') n += 21;
    else if (typeof v === 'boolean') n += 1;
    else if (v instanceof Uint8Array) n += v.length;
    else if (Array.isArray(v)) n += 3 + v.reduce((s: number, x: string) => s + Buffer.byteLength(x) + 1, 0);
  }
  return n + 100;
}

function withDoc(
  base: Omit<PostingItem, 'docEncoding' | 'doc' | 'docGz'>,
  json: string,
  limits: ItemLimits,
): PostingItem {
  if (Buffer.byteLength(json) <= limits.compressAboveBytes) return { ...base, docEncoding: 'json', doc: json };
  return { ...base, docEncoding: 'gzip+json', docGz: gzipSync(json) };
}

export function goldToItem(gold: GoldPosting, limits: ItemLimits = defaultItemLimits): PostingItem {
  const p = gold.posting;
  if (!p.postingId) throw new ValidationError('posting.postingId is empty');
  const firstSeen = p.sources.length > 0 ? Math.min(...p.sources.map((s) => s.firstSeenAt)) : p.version;
  const base = {
    pk: p.postingId,
    version: p.version,
    enrichedAt: gold.enrichedAt,
    title: p.title,
    companyId: p.company.id || 'unknown',
    jobFieldId: gold.jobField.id || 'unknown',
    status: p.status,
    postedAt: p.postedAt ?? firstSeen,
    boards: [...new Set(p.sources.map((s) => s.board))],
    skillIds: [...new Set(gold.skills.map((s) => s.id))],
    evidenceTruncated: false,
  };
  let item = withDoc(base, JSON.stringify(gold), limits);
  if (itemSize(item) <= limits.maxItemBytes) return item;
  const trimmed: GoldPosting = {
    ...gold,
    skills: gold.skills.map((s) => ({ ...s, evidence: s.evidence.slice(0, 1) })),
  };
  item = withDoc({ ...base, evidenceTruncated: true }, JSON.stringify(trimmed), limits);
  if (itemSize(item) <= limits.maxItemBytes) return item;
  throw new ValidationError(
    `posting ${p.postingId} is too large for DynamoDB even compressed with evidence truncated (${itemSize(item)} bytes)`,
  );
}

/** The gold document of an item as the sink wrote it (for readers such as the gateway). */
export function itemDocument(item: { docEncoding?: unknown; doc?: unknown; docGz?: unknown }): GoldPosting {
  if (item.docEncoding === 'gzip+json' && item.docGz instanceof Uint8Array) {
    return JSON.parse(gunzipSync(item.docGz).toString('utf8')) as GoldPosting;
  }
  if (typeof item.doc === 'string') return JSON.parse(item.doc) as GoldPosting;
  throw new Error('item has no document');
}
