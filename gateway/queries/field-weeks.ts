// A field's weekly aggregates held in memory, for "top skills over a period": summing agg_skill_week in SQL
// reads skills x weeks rows per request (~10-20 ms at a million posting-skill rows), while one copy of the
// field's weekly counts answers any period in microseconds. Loaded with one query per field and reloaded in the
// background (see routes/fields.ts), so a period answer may lag the sink by up to that reload period.
import { isoDate, num, rows, type Db } from './db';

export interface FieldWeeks {
  field: string;
  /** Mondays, ascending. */
  weeks: string[];
  /** Postings per week: [all, open] per week index. */
  totals: { all: Int32Array; open: Int32Array };
  skills: string[];
  /** Per skill (row) and week (column): counts, row-major, skills.length x weeks.length. */
  all: Int32Array;
  open: Int32Array;
  required: Int32Array;
  loadedAt: number;
}

export async function loadFieldWeeks(db: Db, field: string): Promise<FieldWeeks> {
  const [weekRows, cells] = await Promise.all([
    rows<{ w: Date | string; a: unknown; o: unknown }>(
      db,
      'SELECT week_start AS w, all_postings AS a, open_postings AS o FROM agg_field_week WHERE job_field_id = ?',
      [field],
    ),
    rows<{ s: string; w: Date | string; a: unknown; o: unknown; r: unknown }>(
      db,
      `SELECT skill_id AS s, week_start AS w, all_postings AS a, open_postings AS o, required_postings AS r
         FROM agg_skill_week WHERE job_field_id = ?`,
      [field],
    ),
  ]);
  const weeks = [...new Set([...weekRows.map((r) => isoDate(r.w)!), ...cells.map((c) => isoDate(c.w)!)])].sort();
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const skills = [...new Set(cells.map((c) => c.s))].sort();
  const skillIndex = new Map(skills.map((s, i) => [s, i]));
  const n = weeks.length;
  const out: FieldWeeks = {
    field,
    weeks,
    totals: { all: new Int32Array(n), open: new Int32Array(n) },
    skills,
    all: new Int32Array(skills.length * n),
    open: new Int32Array(skills.length * n),
    required: new Int32Array(skills.length * n),
    loadedAt: Date.now(),
  };
  for (const r of weekRows) {
    const i = weekIndex.get(isoDate(r.w)!)!;
    out.totals.all[i] = num(r.a);
    out.totals.open[i] = num(r.o);
  }
  for (const c of cells) {
    const at = skillIndex.get(c.s)! * n + weekIndex.get(isoDate(c.w)!)!;
    out.all[at] = num(c.a);
    out.open[at] = num(c.o);
    out.required[at] = num(c.r);
  }
  return out;
}

/** First index whose week is >= `week` (binary search). */
function lowerBound(weeks: string[], week: string): number {
  let lo = 0;
  let hi = weeks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (weeks[mid]! < week) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface PeriodTop {
  postings: number;
  skills: Array<{ skill_id: string; n: number; r: number }>;
}

/** Top `limit` skills over the weeks in [from, to] (inclusive dates), most postings first, then by id. */
export function topOverWeeks(
  fw: FieldWeeks,
  range: { from: string; to: string },
  status: 'open' | 'all',
  limit: number,
): PeriodTop {
  const a = lowerBound(fw.weeks, range.from);
  const b = lowerBound(fw.weeks, `${range.to}\uffff`); // exclusive end: every week <= to
  const n = fw.weeks.length;
  const counts = status === 'open' ? fw.open : fw.all;
  const totals = status === 'open' ? fw.totals.open : fw.totals.all;
  let postings = 0;
  for (let w = a; w < b; w++) postings += totals[w]!;
  const sums: Array<{ skill_id: string; n: number; r: number }> = [];
  for (let s = 0; s < fw.skills.length; s++) {
    let c = 0;
    let r = 0;
    for (let w = a; w < b; w++) {
      c += counts[s * n + w]!;
      r += fw.required[s * n + w]!;
    }
    if (c > 0) sums.push({ skill_id: fw.skills[s]!, n: c, r });
  }
  sums.sort((x, y) => y.n - x.n || (x.skill_id < y.skill_id ? -1 : x.skill_id > y.skill_id ? 1 : 0));
  return { postings, skills: sums.slice(0, limit) };
}
