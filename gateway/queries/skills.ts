// Skill aggregates: top skills of a field, weekly trend of a skill, related skills (co-occurrence).
// Unfiltered questions read only the agg_* tables; filters the aggregates do not cover (seniority, region,
// board) count posting_skills joined to postings through their indexes.
import type { Catalog, SkillName } from '../catalog';
import type { Period, Seniority } from '../params';
import { addWeeks, isoWeekLabel, weekStart, weeksBetween } from '../weeks';
import { isoDate, num, one, placeholders, rows, type Db } from './db';
import { topOverWeeks, type FieldWeeks } from './field-weeks';
import { postingWhere, type PostingFilter } from './filters';

export type CountStatus = 'open' | 'all';

const countColumn = (status: CountStatus) => (status === 'open' ? 'open_postings' : 'all_postings');

export interface WeekRange {
  from: string;
  to: string;
}

/** The newest week that has postings (in `field`, or in any field), or the current week when there is none. */
export async function newestWeek(db: Db, field?: string): Promise<string> {
  const r = field
    ? await one<{ w: Date | null }>(
        db,
        'SELECT MAX(week_start) AS w FROM agg_field_week WHERE job_field_id = ? AND all_postings > 0',
        [field],
      )
    : await one<{ w: Date | null }>(db, 'SELECT MAX(week_start) AS w FROM agg_field_week WHERE all_postings > 0');
  return isoDate(r?.w) ?? weekStart(new Date());
}

/**
 * The weeks a period covers. 'Nw' counts back from the newest week with postings (so a dataset that stopped
 * still shows its last N weeks); a date range keeps the weeks whose Monday lies in [Monday of from, to].
 */
export type NewestWeek = (field?: string) => Promise<string>;

export async function resolvePeriod(
  db: Db,
  period: Period,
  field?: string,
  newest: NewestWeek = (f) => newestWeek(db, f),
): Promise<WeekRange | undefined> {
  if (period.kind === 'all') return undefined;
  if (period.kind === 'range') {
    return { from: period.from <= '0001-01-07' ? period.from : weekStart(period.from), to: period.to };
  }
  const to = await newest(field);
  return { from: addWeeks(to, -(period.weeks - 1)), to };
}

/** One skill's names, or undefined when it is unknown (the catalog first, then MySQL). */
export async function findSkill(db: Db, catalog: Catalog, id: string): Promise<SkillName | undefined> {
  const known = catalog.skill(id);
  if (known) return known;
  const r = await one<{ id: string; name: string; category_id: string }>(
    db,
    'SELECT id, name, category_id FROM skills WHERE id = ?',
    [id],
  );
  return r ? { id: r.id, name: r.name, nameKo: null, category: r.category_id } : undefined;
}

/** Names of many skills at once: the catalog first, MySQL for the rest; unknown ids are named by their id. */
export async function skillNames(db: Db, catalog: Catalog, ids: string[]): Promise<Map<string, SkillName>> {
  const out = new Map<string, SkillName>();
  for (const id of ids) {
    const known = catalog.skill(id);
    if (known) out.set(id, known);
  }
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  const found = await rows<{ id: string; name: string; category_id: string }>(
    db,
    `SELECT id, name, category_id FROM skills WHERE id IN (${placeholders(missing.length)})`,
    missing,
  );
  for (const r of found) out.set(r.id, { id: r.id, name: r.name, nameKo: null, category: r.category_id });
  for (const id of ids) {
    if (!out.has(id)) out.set(id, catalog.skill(id) ?? { id, name: id, nameKo: null, category: null });
  }
  return out;
}

export interface SkillShare {
  rank: number;
  id: string;
  name: string;
  nameKo: string | null;
  category: string | null;
  /** Postings that ask for the skill. */
  count: number;
  /** count / postings behind the figure, 0..1. */
  share: number;
  /** Of those, postings where the skill is REQUIRED (null where the aggregate does not keep it). */
  required: number | null;
}

export interface TopSkillsQuery {
  field: string;
  weeks?: WeekRange;
  status: CountStatus;
  seniority?: Seniority[];
  region?: string;
  board?: string;
  limit: number;
}

export interface TopSkills {
  /** Postings behind the figures (the denominator of share). */
  postings: number;
  /** All-time counts of the field, when the query read them anyway (unfiltered, all time). */
  fieldCounts?: { postings: number; openPostings: number };
  skills: SkillShare[];
  /** True when the answer came from the aggregates only. */
  fromAggregates: boolean;
  /** True when the period was summed from the in-memory copy of the field's weekly aggregates. */
  fromMemory: boolean;
}

export function isFiltered(q: Pick<TopSkillsQuery, 'seniority' | 'region' | 'board'>): boolean {
  return Boolean((q.seniority && q.seniority.length > 0) || q.region || q.board);
}

/**
 * Top skills of a field. `fieldWeeks`, when given, supplies the field's weekly aggregates from memory for period
 * questions (see field-weeks.ts); without it, or when it has nothing yet, the period is summed in SQL.
 */
export async function topSkills(
  db: Db,
  catalog: Catalog,
  q: TopSkillsQuery,
  fieldWeeks?: (field: string) => Promise<FieldWeeks | undefined>,
): Promise<TopSkills> {
  const col = countColumn(q.status);
  let postings: number;
  let counted: Array<{ skill_id: string; n: unknown; r: unknown }>;
  let requiredKnown = true;
  let fieldCounts: TopSkills['fieldCounts'];
  type Counted = Array<{ skill_id: string; n: unknown; r: unknown }>;
  const fw = q.weeks && !isFiltered(q) && fieldWeeks ? await fieldWeeks(q.field) : undefined;
  if (fw && q.weeks) {
    const top = topOverWeeks(fw, q.weeks, q.status, q.limit);
    postings = top.postings;
    counted = top.skills;
    fieldCounts = {
      postings: fw.totals.all.reduce((a, b) => a + b, 0),
      openPostings: fw.totals.open.reduce((a, b) => a + b, 0),
    };
    requiredKnown = q.status === 'all';
  } else if (!isFiltered(q)) {
    // One round trip: the field's counts (and the period's denominator) beside its top skills. The LEFT JOIN
    // keeps the counts row when the field has no skill yet (skill_id is then NULL).
    const joined = await rows<{
      fa: unknown;
      fo: unknown;
      total: unknown;
      skill_id: string | null;
      n: unknown;
      r: unknown;
    }>(
      db,
      q.weeks
        ? `SELECT t.fa, t.fo, t.total, s.skill_id, s.n, s.r
             FROM (SELECT (SELECT all_postings FROM agg_field WHERE job_field_id = ?) AS fa,
                          (SELECT open_postings FROM agg_field WHERE job_field_id = ?) AS fo,
                          (SELECT SUM(${col}) FROM agg_field_week
                            WHERE job_field_id = ? AND week_start BETWEEN ? AND ?) AS total) t
             LEFT JOIN (SELECT skill_id, SUM(${col}) AS n, SUM(required_postings) AS r FROM agg_skill_week
                         WHERE job_field_id = ? AND week_start BETWEEN ? AND ?
                         GROUP BY skill_id HAVING n > 0 ORDER BY n DESC, skill_id LIMIT ?) s ON TRUE
            ORDER BY s.n DESC, s.skill_id`
        : `SELECT t.fa, t.fo, NULL AS total, s.skill_id, s.n, s.r
             FROM (SELECT (SELECT all_postings FROM agg_field WHERE job_field_id = ?) AS fa,
                          (SELECT open_postings FROM agg_field WHERE job_field_id = ?) AS fo) t
             LEFT JOIN (SELECT skill_id, ${col} AS n, required_postings AS r FROM agg_field_skill
                         WHERE job_field_id = ? AND ${col} > 0 ORDER BY ${col} DESC, skill_id LIMIT ?) s ON TRUE
            ORDER BY s.n DESC, s.skill_id`,
      q.weeks
        ? [q.field, q.field, q.field, q.weeks.from, q.weeks.to, q.field, q.weeks.from, q.weeks.to, String(q.limit)]
        : [q.field, q.field, q.field, String(q.limit)],
    );
    const first = joined[0];
    fieldCounts = { postings: num(first?.fa), openPostings: num(first?.fo) };
    postings = q.weeks ? num(first?.total) : q.status === 'open' ? fieldCounts.openPostings : fieldCounts.postings;
    counted = joined.filter((j): j is Counted[number] & typeof j => j.skill_id !== null);
    // required_postings counts open and closed postings alike, so it only matches the 'all' count.
    requiredKnown = q.status === 'all';
  } else {
    // Filters the aggregates do not cover: count the rows (the denominator and the counts run at once).
    const where = postingWhere(filterOf(q));
    const [t, c] = await Promise.all([
      one<{ n: unknown }>(db, `SELECT COUNT(*) AS n FROM postings p WHERE ${where.sql}`, where.params),
      rows<Counted[number]>(
        db,
        `SELECT ps.skill_id, COUNT(*) AS n, SUM(ps.requirement = 'REQUIRED') AS r
           FROM posting_skills ps JOIN postings p ON p.id = ps.posting_id
          WHERE ps.job_field_id = ? AND ${where.sql}
          GROUP BY ps.skill_id ORDER BY n DESC, ps.skill_id LIMIT ?`,
        [q.field, ...where.params, String(q.limit)],
      ),
    ]);
    postings = num(t?.n);
    counted = c;
  }
  const names = await skillNames(
    db,
    catalog,
    counted.map((c) => c.skill_id),
  );
  const skills = counted.map((c, i): SkillShare => {
    const n = names.get(c.skill_id)!;
    const count = num(c.n);
    return {
      rank: i + 1,
      id: c.skill_id,
      name: n.name,
      nameKo: n.nameKo,
      category: n.category,
      count,
      share: postings > 0 ? round(count / postings) : 0,
      required: requiredKnown ? num(c.r) : null,
    };
  });
  return { postings, fieldCounts, skills, fromAggregates: !isFiltered(q), fromMemory: fw !== undefined };
}

export function filterOf(
  q: Pick<TopSkillsQuery, 'field' | 'weeks' | 'status' | 'seniority' | 'region' | 'board'>,
): PostingFilter {
  return {
    field: q.field,
    status: q.status,
    weeks: q.weeks,
    seniority: q.seniority,
    region: q.region,
    board: q.board,
  };
}

export interface Coverage {
  postings: number;
  companies: number;
  boards: number;
  /** First day of the oldest week counted, YYYY-MM-DD (null when nothing is counted). */
  from: string | null;
  /** Last day of the newest week counted. */
  to: string | null;
}

/** What a response shows: the exact posting count of the figure, and the background counts once known. */
export interface CoverageView {
  postings: number;
  companies: number | null;
  boards: number | null;
  from: string | null;
  to: string | null;
}

export function coverageView(postings: number, counted: Coverage | undefined): CoverageView {
  return {
    postings,
    companies: counted?.companies ?? null,
    boards: counted?.boards ?? null,
    from: counted?.from ?? null,
    to: counted?.to ?? null,
  };
}

/** How many companies and boards stand behind a filter, and the dates it spans (reads postings). */
export async function coverage(db: Db, filter: PostingFilter): Promise<Coverage> {
  const where = postingWhere(filter);
  const r = await one<{ n: unknown; companies: unknown; wmin: Date | null; wmax: Date | null }>(
    db,
    `SELECT COUNT(*) AS n, COUNT(DISTINCT p.company_id) AS companies,
            MIN(p.activity_week) AS wmin, MAX(p.activity_week) AS wmax
       FROM postings p WHERE ${where.sql}`,
    where.params,
  );
  // Boards are few: ask, per board, whether any matching posting is on it (STRAIGHT_JOIN: walk the board's
  // sources and stop at the first match) rather than joining every matching posting to its sources.
  const b = await one<{ boards: unknown }>(
    db,
    `SELECT COUNT(*) AS boards FROM boards b
      WHERE EXISTS (SELECT 1 FROM posting_sources s STRAIGHT_JOIN postings p ON p.id = s.posting_id
                     WHERE s.board = b.id AND ${where.sql})`,
    where.params,
  );
  const wmax = isoDate(r?.wmax);
  return {
    postings: num(r?.n),
    companies: num(r?.companies),
    boards: num(b?.boards),
    from: isoDate(r?.wmin),
    to: wmax ? new Date(Date.parse(`${wmax}T00:00:00Z`) + 6 * 86400000).toISOString().slice(0, 10) : null,
  };
}

export interface TrendPoint {
  /** Monday of the ISO week, YYYY-MM-DD. */
  week: string;
  /** ISO week label, e.g. 2025-W03. */
  isoWeek: string;
  /** Postings of the week that ask for the skill. */
  count: number;
  /** Postings of the week (in the field, when one is given). */
  postings: number;
  share: number;
}

export async function trend(
  db: Db,
  q: { skill: string; field?: string; weeks: number; status: CountStatus },
  newest: NewestWeek = (f) => newestWeek(db, f),
): Promise<{ from: string; to: string; weeks: TrendPoint[] }> {
  const col = countColumn(q.status);
  const to = await newest(q.field);
  const from = addWeeks(to, -(q.weeks - 1));
  const byField = q.field !== undefined;
  // One round trip: every week with postings in range, and the skill's count that week (weeks in which the skill
  // was asked for always have postings, so the LEFT JOIN loses nothing).
  const found = await rows<{ w: Date | string; total: unknown; n: unknown }>(
    db,
    byField
      ? `SELECT w.week_start AS w, w.${col} AS total, COALESCE(s.${col}, 0) AS n
           FROM agg_field_week w
           LEFT JOIN agg_skill_week s
             ON s.job_field_id = w.job_field_id AND s.skill_id = ? AND s.week_start = w.week_start
          WHERE w.job_field_id = ? AND w.week_start BETWEEN ? AND ?`
      : `SELECT w.week_start AS w, SUM(w.${col}) AS total, SUM(COALESCE(s.${col}, 0)) AS n
           FROM agg_field_week w
           LEFT JOIN agg_skill_week s
             ON s.job_field_id = w.job_field_id AND s.skill_id = ? AND s.week_start = w.week_start
          WHERE w.week_start BETWEEN ? AND ?
          GROUP BY w.week_start`,
    byField ? [q.skill, q.field!, from, to] : [q.skill, from, to],
  );
  const counts = found.map((r) => ({ w: r.w, n: r.n }));
  const totals = found.map((r) => ({ w: r.w, n: r.total }));
  const countOf = new Map(counts.map((r) => [isoDate(r.w)!, num(r.n)]));
  const totalOf = new Map(totals.map((r) => [isoDate(r.w)!, num(r.n)]));
  return {
    from,
    to,
    weeks: weeksBetween(from, to).map((week) => {
      const count = countOf.get(week) ?? 0;
      const postings = totalOf.get(week) ?? 0;
      return { week, isoWeek: isoWeekLabel(week), count, postings, share: postings > 0 ? round(count / postings) : 0 };
    }),
  };
}

export interface RelatedSkill {
  id: string;
  name: string;
  nameKo: string | null;
  category: string | null;
  /** Postings asking for both skills. */
  count: number;
  /** count / postings asking for the skill in question. */
  share: number;
  /** P(both) / (P(skill) · P(other)); > 1 = they go together more often than by chance. */
  lift: number;
  /** Postings asking for the other skill. */
  otherCount: number;
}

export async function related(
  db: Db,
  catalog: Catalog,
  q: { skill: string; field?: string; status: CountStatus; limit: number },
): Promise<{ count: number; postings: number; related: RelatedSkill[] }> {
  const col = countColumn(q.status);
  const byField = q.field !== undefined;
  const [total, own, pairs] = await Promise.all([
    one<{ n: unknown }>(
      db,
      byField ? `SELECT ${col} AS n FROM agg_field WHERE job_field_id = ?` : `SELECT SUM(${col}) AS n FROM agg_field`,
      byField ? [q.field!] : [],
    ),
    one<{ n: unknown }>(
      db,
      byField
        ? `SELECT ${col} AS n FROM agg_field_skill WHERE job_field_id = ? AND skill_id = ?`
        : `SELECT SUM(${col}) AS n FROM agg_field_skill WHERE skill_id = ?`,
      byField ? [q.field!, q.skill] : [q.skill],
    ),
    rows<{ other: string; n: unknown }>(
      db,
      byField
        ? `SELECT other_skill_id AS other, ${col} AS n FROM agg_skill_pair
            WHERE job_field_id = ? AND skill_id = ? AND ${col} > 0 ORDER BY ${col} DESC, other_skill_id LIMIT ?`
        : `SELECT other_skill_id AS other, SUM(${col}) AS n FROM agg_skill_pair WHERE skill_id = ?
            GROUP BY other_skill_id HAVING n > 0 ORDER BY n DESC, other_skill_id LIMIT ?`,
      byField ? [q.field!, q.skill, String(q.limit)] : [q.skill, String(q.limit)],
    ),
  ]);
  const postings = num(total?.n);
  const count = num(own?.n);
  if (pairs.length === 0) return { count, postings, related: [] };
  const ids = pairs.map((p) => p.other);
  const others = await rows<{ skill_id: string; n: unknown }>(
    db,
    byField
      ? `SELECT skill_id, ${col} AS n FROM agg_field_skill WHERE job_field_id = ? AND skill_id IN (${placeholders(ids.length)})`
      : `SELECT skill_id, SUM(${col}) AS n FROM agg_field_skill WHERE skill_id IN (${placeholders(ids.length)}) GROUP BY skill_id`,
    byField ? [q.field!, ...ids] : ids,
  );
  const otherCount = new Map(others.map((o) => [o.skill_id, num(o.n)]));
  const names = await skillNames(db, catalog, ids);
  return {
    count,
    postings,
    related: pairs.map((p) => {
      const n = num(p.n);
      const nb = otherCount.get(p.other) ?? 0;
      const name = names.get(p.other)!;
      return {
        id: p.other,
        name: name.name,
        nameKo: name.nameKo,
        category: name.category,
        count: n,
        share: count > 0 ? round(n / count) : 0,
        lift: count > 0 && nb > 0 ? round((n * postings) / (count * nb)) : 0,
        otherCount: nb,
      };
    }),
  };
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
