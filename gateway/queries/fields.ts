// Job fields: the list with posting counts, and one field's names (404 when neither MySQL nor the taxonomy
// knows it).
import type { Catalog, FieldName } from '../catalog';
import { num, one, rows, type Db } from './db';

export interface FieldSummary extends FieldName {
  /** Every stored posting of the field (open and closed). */
  postings: number;
  openPostings: number;
}

interface FieldRow {
  id: string;
  name: string;
  name_ko: string;
  all_postings: unknown;
  open_postings: unknown;
}

/** Every job field MySQL or the taxonomy knows, most postings first. */
export async function listFields(db: Db, catalog: Catalog): Promise<FieldSummary[]> {
  const found = await rows<FieldRow>(
    db,
    `SELECT f.id, f.name, f.name_ko, COALESCE(a.all_postings, 0) AS all_postings,
            COALESCE(a.open_postings, 0) AS open_postings
       FROM job_fields f LEFT JOIN agg_field a ON a.job_field_id = f.id`,
  );
  const out = new Map<string, FieldSummary>();
  for (const r of found) {
    const named = catalog.field(r.id);
    out.set(r.id, {
      id: r.id,
      name: r.name || named?.name || r.id,
      nameKo: r.name_ko || named?.nameKo || r.name,
      postings: num(r.all_postings),
      openPostings: num(r.open_postings),
    });
  }
  for (const f of catalog.fields()) if (!out.has(f.id)) out.set(f.id, { ...f, postings: 0, openPostings: 0 });
  return [...out.values()].sort((a, b) => b.postings - a.postings || a.id.localeCompare(b.id));
}

/** The names of one field, or undefined when it is unknown (the catalog first, then MySQL). */
export async function findField(db: Db, catalog: Catalog, id: string): Promise<FieldName | undefined> {
  const known = catalog.field(id);
  if (known) return known;
  const r = await one<{ id: string; name: string; name_ko: string }>(
    db,
    'SELECT id, name, name_ko FROM job_fields WHERE id = ?',
    [id],
  );
  return r ? { id: r.id, name: r.name, nameKo: r.name_ko || r.name } : undefined;
}

/** Posting counts of one field (zeros for a field with no postings yet). */
export async function fieldCounts(db: Db, id: string): Promise<{ postings: number; openPostings: number }> {
  const r = await one<{ all_postings: unknown; open_postings: unknown }>(
    db,
    'SELECT all_postings, open_postings FROM agg_field WHERE job_field_id = ?',
    [id],
  );
  return { postings: num(r?.all_postings), openPostings: num(r?.open_postings) };
}
