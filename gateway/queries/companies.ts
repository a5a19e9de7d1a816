// A company and its stack: the skills its postings ask for, its fields and counts.
import type { Catalog } from '../catalog';
import { isoTime, num, one, rows, type Db } from './db';
import { round, skillNames, type SkillShare } from './skills';

export interface CompanyProfile {
  id: string;
  name: string;
  boardCompanyId: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  postings: number;
  openPostings: number;
}

export interface CompanyStack {
  company: CompanyProfile;
  fields: Array<{ id: string; name: string; nameKo: string; postings: number }>;
  skills: SkillShare[];
}

export async function findCompany(
  db: Db,
  catalog: Catalog,
  id: string,
  limit: number,
): Promise<CompanyStack | undefined> {
  const c = await one<{
    id: string;
    name: string;
    board_company_id: string | null;
    first_seen_at: Date;
    last_seen_at: Date;
  }>(db, 'SELECT id, name, board_company_id, first_seen_at, last_seen_at FROM companies WHERE id = ?', [id]);
  if (!c) return undefined;
  const counts = await one<{ n: unknown; open: unknown }>(
    db,
    "SELECT COUNT(*) AS n, SUM(status = 'OPEN') AS open FROM postings WHERE company_id = ?",
    [id],
  );
  const postings = num(counts?.n);
  const fields = await rows<{ id: string; name: string | null; name_ko: string | null; n: unknown }>(
    db,
    `SELECT p.job_field_id AS id, f.name, f.name_ko, COUNT(*) AS n
       FROM postings p LEFT JOIN job_fields f ON f.id = p.job_field_id
      WHERE p.company_id = ? GROUP BY p.job_field_id, f.name, f.name_ko ORDER BY n DESC, p.job_field_id`,
    [id],
  );
  const skills = await rows<{ skill_id: string; n: unknown; r: unknown }>(
    db,
    `SELECT skill_id, COUNT(*) AS n, SUM(requirement = 'REQUIRED') AS r FROM posting_skills
      WHERE company_id = ? GROUP BY skill_id ORDER BY n DESC, skill_id LIMIT ?`,
    [id, String(limit)],
  );
  const names = await skillNames(
    db,
    catalog,
    skills.map((s) => s.skill_id),
  );
  return {
    company: {
      id: c.id,
      name: c.name,
      boardCompanyId: c.board_company_id,
      firstSeenAt: isoTime(c.first_seen_at),
      lastSeenAt: isoTime(c.last_seen_at),
      postings,
      openPostings: num(counts?.open),
    },
    fields: fields.map((f) => ({
      id: f.id,
      name: f.name ?? catalog.field(f.id)?.name ?? f.id,
      nameKo: f.name_ko ?? catalog.field(f.id)?.nameKo ?? f.id,
      postings: num(f.n),
    })),
    skills: skills.map((s, i) => {
      const n = names.get(s.skill_id)!;
      const count = num(s.n);
      return {
        rank: i + 1,
        id: s.skill_id,
        name: n.name,
        nameKo: n.nameKo,
        category: n.category,
        count,
        share: postings > 0 ? round(count / postings) : 0,
        required: num(s.r),
      };
    }),
  };
}
