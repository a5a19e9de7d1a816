// One builder for the WHERE clause over `postings p`, shared by search, export, filtered top skills and
// coverage, so every route reads a filter the same way. Values always go as placeholders.
import type { Seniority } from '../params';
import type { SqlValue } from './db';

export interface PostingFilter {
  field?: string;
  /** 'open' = status OPEN, 'closed' = CLOSED, 'all' or absent = both. */
  status?: 'open' | 'closed' | 'all';
  /** Inclusive range of activity weeks (Mondays / dates). */
  weeks?: { from: string; to: string };
  seniority?: Seniority[];
  /** Matches the posting's city, region or country code (case-insensitive). */
  region?: string;
  /** The posting is on this board. */
  board?: string;
  company?: string;
  /** The posting asks for every one of these skills (any requirement). */
  skills?: string[];
  /** Words of the title or the company name (substring, case-insensitive). */
  q?: string;
  /** Years of experience the person has: the posting's range must admit it; 'newcomer' = entry level. */
  experience?: number | 'newcomer';
  /** Deadline within the next N days (and not passed). */
  closingWithinDays?: number;
  /** "Now" for closingWithinDays (tests pin it). */
  now?: Date;
}

export interface Where {
  sql: string;
  params: SqlValue[];
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeLiteral(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function mysqlDateTime(d: Date): string {
  return d.toISOString().slice(0, 23).replace('T', ' ');
}

export function postingWhere(f: PostingFilter): Where {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (f.field) {
    clauses.push('p.job_field_id = ?');
    params.push(f.field);
  }
  if (f.status === 'open') clauses.push("p.status = 'OPEN'");
  else if (f.status === 'closed') clauses.push("p.status = 'CLOSED'");
  if (f.weeks) {
    clauses.push('p.activity_week BETWEEN ? AND ?');
    params.push(f.weeks.from, f.weeks.to);
  }
  if (f.seniority && f.seniority.length > 0) {
    clauses.push(`p.seniority IN (${f.seniority.map(() => '?').join(', ')})`);
    params.push(...f.seniority);
  }
  if (f.region) {
    clauses.push('(p.city = ? OR p.region = ? OR p.country = ?)');
    params.push(f.region, f.region, f.region);
  }
  if (f.board) {
    clauses.push('EXISTS (SELECT 1 FROM posting_sources s WHERE s.posting_id = p.id AND s.board = ?)');
    params.push(f.board);
  }
  if (f.company) {
    clauses.push('p.company_id = ?');
    params.push(f.company);
  }
  for (const skill of f.skills ?? []) {
    clauses.push('EXISTS (SELECT 1 FROM posting_skills k WHERE k.posting_id = p.id AND k.skill_id = ?)');
    params.push(skill);
  }
  if (f.q) {
    clauses.push('(p.title LIKE ? OR EXISTS (SELECT 1 FROM companies c WHERE c.id = p.company_id AND c.name LIKE ?))');
    params.push(likeLiteral(f.q), likeLiteral(f.q));
  }
  if (f.experience === 'newcomer') {
    clauses.push('(p.newcomer_ok = 1 OR p.experience_min = 0)');
  } else if (typeof f.experience === 'number') {
    clauses.push(
      '(p.experience_min IS NULL OR p.experience_min <= ?) AND (p.experience_max IS NULL OR p.experience_max >= ?)',
    );
    params.push(f.experience, f.experience);
  }
  if (f.closingWithinDays !== undefined) {
    const now = f.now ?? new Date();
    clauses.push('p.deadline BETWEEN ? AND ?');
    params.push(mysqlDateTime(now), mysqlDateTime(new Date(now.getTime() + f.closingWithinDays * 86400000)));
  }
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : '1 = 1', params };
}
