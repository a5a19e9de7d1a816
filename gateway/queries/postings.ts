// Posting search with keyset (cursor) pagination, exports, and one posting's MySQL rows.
import type { Catalog } from '../catalog';
import type { Cursor, Sort } from '../cursor';
import { isoTime, num, one, placeholders, rows, type Db, type SqlValue } from './db';
import { mysqlDateTime, postingWhere, type PostingFilter } from './filters';

export interface SourceLink {
  board: string;
  boardPostingId: string;
  /** Direct link to the posting on that board. */
  url: string;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  closed: boolean;
}

export interface PostingSkill {
  id: string;
  name: string;
  nameKo: string | null;
  category: string | null;
  requirement: 'REQUIRED' | 'PREFERRED' | 'MENTIONED';
  implied: boolean;
}

export interface PostingSummary {
  id: string;
  title: string;
  company: { id: string; name: string };
  field: { id: string; name: string; nameKo: string } | null;
  seniority: string;
  experience: { minYears: number | null; maxYears: number | null; newcomerOk: boolean; raw: string | null };
  location: { city: string | null; region: string | null; country: string | null; remote: string };
  status: 'OPEN' | 'CLOSED';
  postedAt: string | null;
  deadline: string | null;
  alwaysOpen: boolean;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  skills: PostingSkill[];
  sources: SourceLink[];
}

export interface PostingRow {
  id: string;
  title: string;
  company_id: string;
  company_name: string | null;
  job_field_id: string;
  field_name: string | null;
  field_name_ko: string | null;
  seniority: string;
  experience_min: number | null;
  experience_max: number | null;
  newcomer_ok: number;
  experience_raw: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  remote: string;
  status: 'OPEN' | 'CLOSED';
  posted_at: Date | null;
  deadline: Date | null;
  always_open: number;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  sort_key: Date;
}

const SORT_KEY: Record<Sort, { expr: string; dir: 'ASC' | 'DESC' }> = {
  // Newest first: when the board gave no posting date, when we first saw it.
  recent: { expr: 'COALESCE(p.posted_at, p.first_seen_at)', dir: 'DESC' },
  // Soonest deadline first; postings without a deadline (always open) come last.
  deadline: { expr: "COALESCE(p.deadline, TIMESTAMP('9999-12-31 00:00:00'))", dir: 'ASC' },
};

const SUMMARY_COLUMNS = `p.id, p.title, p.company_id, c.name AS company_name, p.job_field_id, f.name AS field_name,
  f.name_ko AS field_name_ko, p.seniority, p.experience_min, p.experience_max, p.newcomer_ok, p.experience_raw,
  p.city, p.region, p.country, p.remote, p.status, p.posted_at, p.deadline, p.always_open, p.first_seen_at,
  p.last_seen_at`;

export interface SearchQuery {
  filter: PostingFilter;
  sort: Sort;
  cursor?: Cursor;
  limit: number;
  /** Count every match (the first page only, typically). */
  withTotal: boolean;
}

export interface SearchPage {
  items: PostingSummary[];
  nextCursor: Cursor | null;
  total: number | null;
}

export async function searchPostings(db: Db, catalog: Catalog, q: SearchQuery): Promise<SearchPage> {
  const where = postingWhere(q.filter);
  const { expr, dir } = SORT_KEY[q.sort];
  const clauses = [where.sql];
  const params: SqlValue[] = [...where.params];
  if (q.cursor) {
    const op = dir === 'DESC' ? '<' : '>';
    const key = mysqlDateTime(new Date(q.cursor.key));
    clauses.push(`(${expr} ${op} ? OR (${expr} = ? AND p.id ${op} ?))`);
    params.push(key, key, q.cursor.id);
  }
  const found = await rows<PostingRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, ${expr} AS sort_key
       FROM postings p
       LEFT JOIN companies c ON c.id = p.company_id
       LEFT JOIN job_fields f ON f.id = p.job_field_id
      WHERE ${clauses.join(' AND ')}
      ORDER BY sort_key ${dir}, p.id ${dir}
      LIMIT ?`,
    [...params, String(q.limit + 1)],
  );
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor =
    found.length > q.limit && last ? { sort: q.sort, key: isoTime(last.sort_key)!, id: last.id } : null;
  let total: number | null = null;
  if (q.withTotal) {
    total = num(
      (await one<{ n: unknown }>(db, `SELECT COUNT(*) AS n FROM postings p WHERE ${where.sql}`, where.params))?.n,
    );
  }
  return { items: await summarise(db, catalog, page), nextCursor, total };
}

/** Turns posting rows into summaries with their skills and board links (two queries per 1000 rows). */
export async function summarise(db: Db, catalog: Catalog, page: PostingRow[]): Promise<PostingSummary[]> {
  const skillsOf = new Map<string, PostingSkill[]>();
  const sourcesOf = new Map<string, SourceLink[]>();
  for (let i = 0; i < page.length; i += 1000) {
    const ids = page.slice(i, i + 1000).map((r) => r.id);
    for (const [postingId, skill] of await skillsFor(db, catalog, ids)) {
      if (!skillsOf.has(postingId)) skillsOf.set(postingId, []);
      skillsOf.get(postingId)!.push(skill);
    }
    for (const [postingId, link] of await sourcesFor(db, ids)) {
      if (!sourcesOf.has(postingId)) sourcesOf.set(postingId, []);
      sourcesOf.get(postingId)!.push(link);
    }
  }
  return page.map((r) => ({
    id: r.id,
    title: r.title,
    company: { id: r.company_id, name: r.company_name ?? r.company_id },
    field: r.job_field_id
      ? {
          id: r.job_field_id,
          name: r.field_name ?? catalog.field(r.job_field_id)?.name ?? r.job_field_id,
          nameKo: r.field_name_ko ?? catalog.field(r.job_field_id)?.nameKo ?? r.job_field_id,
        }
      : null,
    seniority: r.seniority,
    experience: {
      minYears: r.experience_min,
      maxYears: r.experience_max,
      newcomerOk: r.newcomer_ok === 1,
      raw: r.experience_raw,
    },
    location: { city: r.city, region: r.region, country: r.country, remote: r.remote },
    status: r.status,
    postedAt: isoTime(r.posted_at),
    deadline: isoTime(r.deadline),
    alwaysOpen: r.always_open === 1,
    firstSeenAt: isoTime(r.first_seen_at),
    lastSeenAt: isoTime(r.last_seen_at),
    skills: skillsOf.get(r.id) ?? [],
    sources: sourcesOf.get(r.id) ?? [],
  }));
}

const REQUIREMENT_ORDER = "FIELD(ps.requirement, 'REQUIRED', 'PREFERRED', 'MENTIONED')";

async function skillsFor(db: Db, catalog: Catalog, ids: string[]): Promise<Array<[string, PostingSkill]>> {
  if (ids.length === 0) return [];
  const found = await rows<{
    posting_id: string;
    skill_id: string;
    requirement: PostingSkill['requirement'];
    implied: number;
    name: string | null;
    category_id: string | null;
  }>(
    db,
    `SELECT ps.posting_id, ps.skill_id, ps.requirement, ps.implied, s.name, s.category_id
       FROM posting_skills ps LEFT JOIN skills s ON s.id = ps.skill_id
      WHERE ps.posting_id IN (${placeholders(ids.length)})
      ORDER BY ps.posting_id, ${REQUIREMENT_ORDER}, ps.implied, ps.skill_id`,
    ids,
  );
  return found.map((r) => [
    r.posting_id,
    {
      id: r.skill_id,
      name: r.name ?? catalog.skill(r.skill_id)?.name ?? r.skill_id,
      nameKo: catalog.skill(r.skill_id)?.nameKo ?? null,
      category: r.category_id ?? catalog.skill(r.skill_id)?.category ?? null,
      requirement: r.requirement,
      implied: r.implied === 1,
    },
  ]);
}

export async function sourcesFor(db: Db, ids: string[]): Promise<Array<[string, SourceLink]>> {
  if (ids.length === 0) return [];
  const found = await rows<{
    posting_id: string;
    board: string;
    board_posting_id: string;
    url: string;
    first_seen_at: Date | null;
    last_seen_at: Date | null;
    closed: number;
  }>(
    db,
    `SELECT posting_id, board, board_posting_id, url, first_seen_at, last_seen_at, closed
       FROM posting_sources WHERE posting_id IN (${placeholders(ids.length)})
      ORDER BY posting_id, first_seen_at, board`,
    ids,
  );
  return found.map((r) => [
    r.posting_id,
    {
      board: r.board,
      boardPostingId: r.board_posting_id,
      url: r.url,
      firstSeenAt: isoTime(r.first_seen_at),
      lastSeenAt: isoTime(r.last_seen_at),
      closed: r.closed === 1,
    },
  ]);
}

export interface PostingFull extends PostingSummary {
  language: string;
  employmentType: string | null;
  salary: {
    min: number | null;
    max: number | null;
    currency: string;
    period: string;
    raw: string | null;
  } | null;
  closedAt: string | null;
  boardTags: string[];
  boardCategories: string[];
  jobFieldConfidence: number;
  jobFieldMethod: string;
  seniorityMethod: string;
  version: number;
  documentKey: string;
  sections: Record<string, string>;
}

/** One posting from MySQL (texts included), or undefined. Evidence spans come from the DynamoDB document. */
export async function findPosting(db: Db, catalog: Catalog, id: string): Promise<PostingFull | undefined> {
  const r = await one<
    PostingRow & {
      language: string;
      employment_type: string | null;
      salary_min: number | null;
      salary_max: number | null;
      salary_currency: string | null;
      salary_period: string | null;
      salary_raw: string | null;
      closed_at: Date | null;
      board_tags: unknown;
      board_categories: unknown;
      job_field_confidence: number;
      job_field_method: string;
      seniority_method: string;
      version: unknown;
      document_key: string;
      intro: string | null;
      responsibilities: string | null;
      requirements: string | null;
      preferred: string | null;
      benefits: string | null;
      other: string | null;
    }
  >(
    db,
    `SELECT ${SUMMARY_COLUMNS}, p.first_seen_at AS sort_key, p.language, p.employment_type, p.salary_min, p.salary_max,
            p.salary_currency, p.salary_period, p.salary_raw, p.closed_at, p.board_tags, p.board_categories,
            p.job_field_confidence, p.job_field_method, p.seniority_method, p.version, p.document_key,
            t.intro, t.responsibilities, t.requirements, t.preferred, t.benefits, t.other
       FROM postings p
       LEFT JOIN companies c ON c.id = p.company_id
       LEFT JOIN job_fields f ON f.id = p.job_field_id
       LEFT JOIN posting_texts t ON t.posting_id = p.id
      WHERE p.id = ?`,
    [id],
  );
  if (!r) return undefined;
  const [summary] = await summarise(db, catalog, [r]);
  return {
    ...summary!,
    language: r.language,
    employmentType: r.employment_type,
    salary:
      r.salary_currency && r.salary_period
        ? {
            min: r.salary_min,
            max: r.salary_max,
            currency: r.salary_currency,
            period: r.salary_period,
            raw: r.salary_raw,
          }
        : null,
    closedAt: isoTime(r.closed_at),
    boardTags: jsonArray(r.board_tags),
    boardCategories: jsonArray(r.board_categories),
    jobFieldConfidence: r.job_field_confidence,
    jobFieldMethod: r.job_field_method,
    seniorityMethod: r.seniority_method,
    version: num(r.version),
    documentKey: r.document_key,
    sections: {
      intro: r.intro ?? '',
      responsibilities: r.responsibilities ?? '',
      requirements: r.requirements ?? '',
      preferred: r.preferred ?? '',
      benefits: r.benefits ?? '',
      other: r.other ?? '',
    },
  };
}

function jsonArray(v: unknown): string[] {
  let a = v;
  if (typeof v === 'string') {
    try {
      a = JSON.parse(v);
    } catch {
      return [];
    }
  }
  return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}
