// Gold and raw records for the sink tests, written here in the shape of schemas/*.avsc.
import type { GoldPosting, RawPosting, SkillMention } from '../../sinks/records';

const day = 24 * 3600 * 1000;
/** Monday 2026-03-02 00:00 UTC. */
export const baseTime = Date.UTC(2026, 2, 2);

export function skill(
  id: string,
  requirement: SkillMention['requirement'] = 'REQUIRED',
  category = 'framework',
): SkillMention {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    category,
    requirement,
    methods: ['RULES'],
    implied: false,
    evidence: [{ section: 'requirements', start: 0, end: id.length, text: id }],
  };
}

export interface GoldOptions {
  id?: string;
  version?: number;
  enrichedAt?: number;
  field?: string;
  skills?: SkillMention[];
  status?: 'OPEN' | 'CLOSED';
  postedAt?: number | null;
  title?: string;
  company?: string;
  experience?: { minYears: number | null; maxYears: number | null };
  boards?: string[];
  requirements?: string;
}

export function gold(o: GoldOptions = {}): GoldPosting {
  const id = o.id ?? 'wanted:1';
  const version = o.version ?? baseTime + day;
  const boards = o.boards ?? [id.split(':')[0]!];
  const field = o.field ?? 'backend';
  return {
    posting: {
      postingId: id,
      version,
      sources: boards.map((board, i) => ({
        board,
        boardPostingId: i === 0 ? id.split(':').slice(1).join(':') : `${id.split(':')[1]}-${board}`,
        url: `https://${board}.example/jobs/${id.split(':')[1]}`,
        firstSeenAt: baseTime,
        lastSeenAt: version,
        closed: o.status === 'CLOSED',
      })),
      title: o.title ?? `Backend engineer ${id}`,
      company: { id: o.company ?? 'acme', name: (o.company ?? 'acme').toUpperCase(), boardCompanyId: null },
      location: { raw: '서울 강남구', city: 'Seoul', region: 'Seoul', country: 'KR', remote: 'ONSITE' },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: o.experience?.minYears ?? 3,
        maxYears: o.experience?.maxYears ?? 5,
        newcomerOk: false,
        raw: '경력 3~5년',
        method: 'BOARD_FIELD',
      },
      salary: { min: 50000000, max: 70000000, currency: 'KRW', period: 'YEAR', raw: null, method: 'BOARD_FIELD' },
      postedAt: o.postedAt === undefined ? baseTime + 2 * day : o.postedAt,
      deadline: null,
      alwaysOpen: true,
      status: o.status ?? 'OPEN',
      language: 'ko',
      sections: {
        intro: '소개',
        responsibilities: '백엔드 개발',
        requirements: o.requirements ?? 'Java, Spring',
        preferred: '',
        benefits: '',
        other: '',
      },
      boardTags: ['Java'],
      boardCategories: ['서버 개발자'],
      contentHash: 'a'.repeat(64),
      refinedAt: version,
    },
    skills: o.skills ?? [skill('java'), skill('spring'), skill('mysql', 'PREFERRED', 'database')],
    jobField: {
      id: field,
      name: field === 'backend' ? 'Backend' : field,
      nameKo: field === 'backend' ? '백엔드' : field,
      confidence: 0.9,
      method: 'RULES',
    },
    seniority: { level: 'MID', method: 'RULES' },
    unknownTerms: [],
    taxonomyVersion: 't1',
    llm: { used: false, fields: [], promptVersion: null, cached: false },
    enrichedAt: o.enrichedAt ?? version + 1000,
  };
}

export function raw(
  board: string,
  id: string,
  fetchedAt: number,
  body: Buffer | string = `{"id":"${id}"}`,
): RawPosting {
  return {
    board,
    boardPostingId: id,
    change: 'NEW',
    url: `https://${board}.example/jobs/${id}`,
    sourceUrl: `https://${board}.example/api/jobs/${id}`,
    fetchedAt,
    httpStatus: 200,
    contentType: 'application/json',
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    listEntry: null,
    contentHash: 'b'.repeat(64),
    etag: null,
    lastModified: null,
    crawlRunId: 'run-1',
  };
}
