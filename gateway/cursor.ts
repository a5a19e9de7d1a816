// Opaque page cursors for /postings: base64url of the sort it belongs to, the last row's sort key and its id.
// Rows are ordered by (key, id), both unique together, so pages never skip or repeat a row.
import { z } from 'zod';

export const SORTS = ['recent', 'deadline'] as const;
export type Sort = (typeof SORTS)[number];

export interface Cursor {
  sort: Sort;
  /** The last row's sort key: an ISO timestamp. */
  key: string;
  /** The last row's posting id. */
  id: string;
}

const shape = z.strictObject({
  v: z.literal(1),
  s: z.enum(SORTS),
  k: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  i: z.string().min(1).max(191),
});

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, s: c.sort, k: c.key, i: c.id }), 'utf8').toString('base64url');
}

/** The cursor, or a reason it is not one of ours. */
export function decodeCursor(text: string): Cursor | { error: string } {
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(text)) return { error: 'is not a cursor returned by this API' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { error: 'is not a cursor returned by this API' };
  }
  const parsed = shape.safeParse(json);
  if (!parsed.success || Number.isNaN(Date.parse(parsed.data.k))) {
    return { error: 'is not a cursor returned by this API' };
  }
  return { sort: parsed.data.s, key: parsed.data.k, id: parsed.data.i };
}
