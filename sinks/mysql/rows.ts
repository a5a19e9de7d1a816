// Gold posting → the rows of the MySQL model (pure). Column lists live here, beside the values, in table order.
// What the database enforces (lengths, CHECK constraints) is left to it: a violating record is found by the
// sink and dead-lettered with the server's message. Only what SQL cannot express is checked here.
import { ValidationError } from '../../platform/errors';
import type { GoldPosting } from '../records';
import { isoWeekStart, type Contribution } from './aggregates';

export const postingColumns = [
  'id',
  'version',
  'enriched_at',
  'title',
  'company_id',
  'job_field_id',
  'job_field_confidence',
  'job_field_method',
  'seniority',
  'seniority_method',
  'employment_type',
  'experience_min',
  'experience_max',
  'newcomer_ok',
  'experience_raw',
  'salary_min',
  'salary_max',
  'salary_currency',
  'salary_period',
  'salary_raw',
  'location_raw',
  'city',
  'region',
  'country',
  'remote',
  'language',
  'status',
  'posted_at',
  'deadline',
  'always_open',
  'activity_week',
  'first_seen_at',
  'last_seen_at',
  'closed_at',
  'skill_count',
  'board_tags',
  'board_categories',
  'content_hash',
  'taxonomy_version',
  'llm_used',
  'document_key',
  'refined_at',
  'created_at',
  'updated_at',
] as const;

export const textColumns = [
  'posting_id',
  'intro',
  'responsibilities',
  'requirements',
  'preferred',
  'benefits',
  'other',
] as const;
export const sourceColumns = [
  'board',
  'board_posting_id',
  'posting_id',
  'url',
  'first_seen_at',
  'last_seen_at',
  'closed',
] as const;
export const skillColumns = [
  'posting_id',
  'skill_id',
  'requirement',
  'methods',
  'implied',
  'evidence_count',
  'job_field_id',
  'company_id',
  'seniority',
  'status',
  'activity_week',
] as const;

export type SqlValue = string | number | Date | null;

export interface PostingRows {
  id: string;
  version: number;
  enrichedAt: number;
  posting: SqlValue[];
  text: SqlValue[];
  sources: SqlValue[][];
  skills: SqlValue[][];
  company: { id: string; name: string; boardCompanyId: string | null; firstSeen: Date; lastSeen: Date };
  jobField: { id: string; name: string; nameKo: string };
  skillDefs: Array<{ id: string; name: string; category: string }>;
  boards: Array<{ id: string; firstSeen: Date }>;
  contribution: Contribution;
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function finite(name: string, v: number | null): number | null {
  if (v !== null && !Number.isFinite(v)) throw new ValidationError(`${name} is not a finite number (${v})`);
  return v;
}

/** The rows of one gold posting. `now` stamps created_at/updated_at. Throws ValidationError when unusable. */
export function goldToRows(gold: GoldPosting, now: Date): PostingRows {
  const p = gold.posting;
  if (!p.postingId) throw new ValidationError('posting.postingId is empty');
  if (!gold.jobField.id) throw new ValidationError('jobField.id is empty');
  if (!p.company.id) throw new ValidationError('posting.company.id is empty');
  if (!Number.isSafeInteger(p.version)) throw new ValidationError(`posting.version ${p.version} is not an integer`);
  finite('jobField.confidence', gold.jobField.confidence);
  finite('salary.min', p.salary?.min ?? null);
  finite('salary.max', p.salary?.max ?? null);
  const firstSeen = p.sources.length > 0 ? Math.min(...p.sources.map((s) => s.firstSeenAt)) : p.version;
  const lastSeen = p.sources.length > 0 ? Math.max(...p.sources.map((s) => s.lastSeenAt)) : p.version;
  const week = isoWeekStart(p.postedAt ?? firstSeen);
  const closedAt = p.status === 'CLOSED' ? lastSeen : null;
  const skills = dedupeSkills(gold.skills);
  const posting: SqlValue[] = [
    p.postingId,
    p.version,
    new Date(gold.enrichedAt),
    p.title,
    p.company.id,
    gold.jobField.id,
    gold.jobField.confidence,
    gold.jobField.method,
    gold.seniority.level,
    gold.seniority.method,
    p.employmentType,
    p.experience.minYears,
    p.experience.maxYears,
    p.experience.newcomerOk ? 1 : 0,
    p.experience.raw,
    p.salary?.min ?? null,
    p.salary?.max ?? null,
    p.salary?.currency ?? null,
    p.salary?.period ?? null,
    p.salary?.raw ?? null,
    p.location.raw,
    p.location.city,
    p.location.region,
    p.location.country,
    p.location.remote,
    p.language,
    p.status,
    date(p.postedAt),
    date(p.deadline),
    p.alwaysOpen ? 1 : 0,
    week,
    new Date(firstSeen),
    new Date(lastSeen),
    date(closedAt),
    skills.length,
    JSON.stringify(p.boardTags),
    JSON.stringify(p.boardCategories),
    p.contentHash,
    gold.taxonomyVersion,
    gold.llm.used ? 1 : 0,
    p.postingId,
    new Date(p.refinedAt),
    now,
    now,
  ];
  const s = p.sections;
  return {
    id: p.postingId,
    version: p.version,
    enrichedAt: gold.enrichedAt,
    posting,
    text: [p.postingId, s.intro, s.responsibilities, s.requirements, s.preferred, s.benefits, s.other],
    sources: p.sources.map((src) => [
      src.board,
      src.boardPostingId,
      p.postingId,
      src.url,
      new Date(src.firstSeenAt),
      new Date(src.lastSeenAt),
      src.closed ? 1 : 0,
    ]),
    skills: skills.map((sk) => [
      p.postingId,
      sk.id,
      sk.requirement,
      [...new Set(sk.methods)].join(','),
      sk.implied ? 1 : 0,
      sk.evidence.length,
      gold.jobField.id,
      p.company.id,
      gold.seniority.level,
      p.status,
      week,
    ]),
    company: {
      id: p.company.id,
      name: p.company.name,
      boardCompanyId: p.company.boardCompanyId,
      firstSeen: new Date(firstSeen),
      lastSeen: new Date(lastSeen),
    },
    jobField: { id: gold.jobField.id, name: gold.jobField.name, nameKo: gold.jobField.nameKo },
    skillDefs: skills.map((sk) => ({ id: sk.id, name: sk.name, category: sk.category })),
    boards: p.sources.map((src) => ({ id: src.board, firstSeen: new Date(src.firstSeenAt) })),
    contribution: {
      jobFieldId: gold.jobField.id,
      week,
      open: p.status === 'OPEN',
      skills: skills.map((sk) => ({ id: sk.id, required: sk.requirement === 'REQUIRED' })),
    },
  };
}

const strength = { REQUIRED: 3, PREFERRED: 2, MENTIONED: 1 } as const;

/** One entry per skill id: the strongest requirement, all methods and evidence (a posting may list one twice). */
function dedupeSkills(skills: GoldPosting['skills']): GoldPosting['skills'] {
  const byId = new Map<string, GoldPosting['skills'][number]>();
  for (const s of skills) {
    const cur = byId.get(s.id);
    if (!cur) {
      byId.set(s.id, { ...s, methods: [...s.methods], evidence: [...s.evidence] });
      continue;
    }
    if (strength[s.requirement] > strength[cur.requirement]) cur.requirement = s.requirement;
    cur.methods.push(...s.methods);
    cur.evidence.push(...s.evidence);
    cur.implied = cur.implied && s.implied;
  }
  return [...byId.values()];
}
