// Gold postings for the gateway tests, in the shape of schemas/gold-posting.avsc. Small on purpose: every count
// the tests expect can be checked by hand from the table below.
//
// week0 = Monday 2026-03-02, week1 = 2026-03-09, week2 = 2026-03-16 (the newest week with postings).
// | id                   | field            | week | status | REQUIRED (implied*)              | other                 | company | boards          |
// | wanted:101           | backend          | 0    | OPEN   | java, spring-boot, spring*, mysql | docker (P)            | acme    | wanted, jumpit  |
// | wanted:102           | backend          | 1    | OPEN   | java, spring                     | kubernetes (P)        | acme    | wanted          |
// | jumpit:201           | backend          | 1    | OPEN   | kotlin, spring-boot, spring*     | mysql (P)             | beta    | jumpit          |
// | jumpit:202           | backend          | 2    | CLOSED | java, mysql                      |                       | beta    | jumpit          |
// | greenhouse:acme/301  | backend          | 2    | OPEN   | java                             | docker (M)            | gamma   | greenhouse      |
// | wanted:103           | backend          | 2    | OPEN   | python, docker                   | kubernetes (P)        | gamma   | wanted          |
// | wanted:401           | frontend         | 0    | OPEN   | react, typescript                | javascript (P)        | acme    | wanted          |
// | jumpit:402           | frontend         | 1    | OPEN   | react, javascript                |                       | beta    | jumpit          |
// | wanted:403           | frontend         | 2    | OPEN   | typescript                       | react (P)             | delta   | wanted          |
// | wanted:501           | data-engineering | 1    | OPEN   | python, apache-spark, sql        | airflow (P)           | delta   | wanted          |
// | greenhouse:acme/502  | data-engineering | 2    | OPEN   | python, airflow                  |                       | gamma   | greenhouse      |
import type { GoldPosting, SkillMention } from '../../sinks/records';

const DAY = 86400000;
export const week0 = Date.UTC(2026, 2, 2);
export const weekStarts = ['2026-03-02', '2026-03-09', '2026-03-16'];

const SKILLS: Record<string, { name: string; category: string }> = {
  java: { name: 'Java', category: 'language' },
  spring: { name: 'Spring Framework', category: 'framework' },
  'spring-boot': { name: 'Spring Boot', category: 'framework' },
  kotlin: { name: 'Kotlin', category: 'language' },
  mysql: { name: 'MySQL', category: 'database' },
  docker: { name: 'Docker', category: 'devops' },
  kubernetes: { name: 'Kubernetes', category: 'devops' },
  python: { name: 'Python', category: 'language' },
  react: { name: 'React', category: 'framework' },
  typescript: { name: 'TypeScript', category: 'language' },
  javascript: { name: 'JavaScript', category: 'language' },
  'apache-spark': { name: 'Apache Spark', category: 'data' },
  sql: { name: 'SQL', category: 'language' },
  airflow: { name: 'Apache Airflow', category: 'data' },
};

const FIELDS: Record<string, { name: string; nameKo: string }> = {
  backend: { name: 'Backend', nameKo: '백엔드' },
  frontend: { name: 'Frontend', nameKo: '프론트엔드' },
  'data-engineering': { name: 'Data engineering', nameKo: '데이터 엔지니어링' },
};

interface Spec {
  id: string;
  field: string;
  week: number;
  status?: 'OPEN' | 'CLOSED';
  required: string[];
  implied?: string[];
  preferred?: string[];
  mentioned?: string[];
  company: string;
  boards: string[];
  title: string;
  experience?: [number | null, number | null, boolean];
  city?: string;
  region?: string;
  country?: string;
  /** Deadline in days from "now" (the test run), or null. */
  deadlineInDays?: number | null;
  llm?: boolean;
}

export const postingSpecs: Spec[] = [
  {
    id: 'wanted:101',
    field: 'backend',
    week: 0,
    required: ['java', 'spring-boot', 'mysql'],
    implied: ['spring'],
    preferred: ['docker'],
    company: 'acme',
    boards: ['wanted', 'jumpit'],
    title: '백엔드 개발자 (Java/Spring Boot)',
    experience: [3, 5, false],
    deadlineInDays: 10,
    llm: true,
  },
  {
    id: 'wanted:102',
    field: 'backend',
    week: 1,
    required: ['java', 'spring'],
    preferred: ['kubernetes'],
    company: 'acme',
    boards: ['wanted'],
    title: '서버 개발자 신입',
    experience: [null, null, true],
  },
  {
    id: 'jumpit:201',
    field: 'backend',
    week: 1,
    required: ['kotlin', 'spring-boot'],
    implied: ['spring'],
    preferred: ['mysql'],
    company: 'beta',
    boards: ['jumpit'],
    title: 'Kotlin Backend Engineer',
    experience: [5, 10, false],
    city: 'Seongnam',
    region: 'Gyeonggi',
    deadlineInDays: 100,
  },
  {
    id: 'jumpit:202',
    field: 'backend',
    week: 2,
    status: 'CLOSED',
    required: ['java', 'mysql'],
    company: 'beta',
    boards: ['jumpit'],
    title: 'Java 백엔드 (마감)',
  },
  {
    id: 'greenhouse:acme/301',
    field: 'backend',
    week: 2,
    required: ['java'],
    mentioned: ['docker'],
    company: 'gamma',
    boards: ['greenhouse'],
    title: 'Senior Java Engineer',
    experience: [2, 4, false],
    city: 'San Francisco',
    region: 'CA',
    country: 'US',
  },
  {
    id: 'wanted:103',
    field: 'backend',
    week: 2,
    required: ['python', 'docker'],
    preferred: ['kubernetes'],
    company: 'gamma',
    boards: ['wanted'],
    title: 'Python 백엔드 엔지니어',
  },
  {
    id: 'wanted:401',
    field: 'frontend',
    week: 0,
    required: ['react', 'typescript'],
    preferred: ['javascript'],
    company: 'acme',
    boards: ['wanted'],
    title: '프론트엔드 개발자 (React)',
  },
  {
    id: 'jumpit:402',
    field: 'frontend',
    week: 1,
    required: ['react', 'javascript'],
    company: 'beta',
    boards: ['jumpit'],
    title: 'Frontend Engineer',
  },
  {
    id: 'wanted:403',
    field: 'frontend',
    week: 2,
    required: ['typescript'],
    preferred: ['react'],
    company: 'delta',
    boards: ['wanted'],
    title: 'TypeScript 개발자',
  },
  {
    id: 'wanted:501',
    field: 'data-engineering',
    week: 1,
    required: ['python', 'apache-spark', 'sql'],
    preferred: ['airflow'],
    company: 'delta',
    boards: ['wanted'],
    title: '데이터 엔지니어',
  },
  {
    id: 'greenhouse:acme/502',
    field: 'data-engineering',
    week: 2,
    required: ['python', 'airflow'],
    company: 'gamma',
    boards: ['greenhouse'],
    title: 'Data Engineer',
    country: 'US',
  },
];

const COMPANY_NAMES: Record<string, string> = { acme: 'Acme', beta: '베타랩스', gamma: 'Gamma Inc', delta: 'Delta' };

function mention(
  id: string,
  requirement: SkillMention['requirement'],
  section: string,
  text: string,
  implied = false,
): SkillMention {
  const s = SKILLS[id]!;
  const at = text.indexOf(s.name);
  return {
    id,
    name: s.name,
    category: s.category,
    requirement,
    methods: implied ? ['RULES'] : ['RULES', 'BOARD_TAG'],
    implied,
    evidence: implied || at < 0 ? [] : [{ section, start: at, end: at + s.name.length, text: s.name }],
  };
}

/** The gold records of the table above; `now` anchors the deadlines (closing_within is relative to now). */
export function goldPostings(now: number): GoldPosting[] {
  return postingSpecs.map((p, i) => {
    const postedAt = week0 + p.week * 7 * DAY + (i % 3) * DAY + 3600000;
    const version = postedAt + DAY;
    const requirements = `자격요건: ${p.required.map((s) => SKILLS[s]!.name).join(', ')}`;
    const preferred = `우대사항: ${(p.preferred ?? []).map((s) => SKILLS[s]!.name).join(', ')}`;
    const other = `기술 스택: ${(p.mentioned ?? []).map((s) => SKILLS[s]!.name).join(', ')}`;
    const [boardOf, boardId] = [p.id.split(':')[0]!, p.id.split(':').slice(1).join(':')];
    const closed = p.status === 'CLOSED';
    const deadline = p.deadlineInDays === undefined || p.deadlineInDays === null ? null : now + p.deadlineInDays * DAY;
    const field = FIELDS[p.field]!;
    return {
      posting: {
        postingId: p.id,
        version,
        sources: p.boards.map((board) => ({
          board,
          boardPostingId: board === boardOf ? boardId : `${boardId}0`,
          url: `https://${board}.example/jobs/${board === boardOf ? boardId : `${boardId}0`}`,
          firstSeenAt: postedAt,
          lastSeenAt: version,
          closed,
        })),
        title: p.title,
        company: { id: p.company, name: COMPANY_NAMES[p.company]!, boardCompanyId: null },
        location: {
          raw: p.city ?? '서울',
          city: p.city ?? 'Seoul',
          region: p.region ?? 'Seoul',
          country: p.country ?? 'KR',
          remote: p.country === 'US' ? 'REMOTE' : 'ONSITE',
        },
        employmentType: 'FULL_TIME',
        experience: {
          minYears: p.experience?.[0] ?? null,
          maxYears: p.experience?.[1] ?? null,
          newcomerOk: p.experience?.[2] ?? false,
          raw: p.experience ? `경력 ${p.experience[0] ?? 0}년` : null,
          method: p.experience ? 'BOARD_FIELD' : 'NONE',
        },
        salary: null,
        postedAt,
        deadline,
        alwaysOpen: deadline === null,
        status: p.status ?? 'OPEN',
        language: 'ko',
        sections: {
          intro: `${p.title} 채용`,
          responsibilities: '서비스 개발',
          requirements,
          preferred,
          benefits: '',
          other,
        },
        boardTags: p.required.map((s) => SKILLS[s]!.name),
        boardCategories: [],
        contentHash: String(i).padStart(64, '0'),
        refinedAt: version,
      },
      skills: [
        ...p.required.map((s) => mention(s, 'REQUIRED', 'requirements', requirements)),
        ...(p.implied ?? []).map((s) => mention(s, 'REQUIRED', 'requirements', requirements, true)),
        ...(p.preferred ?? []).map((s) => mention(s, 'PREFERRED', 'preferred', preferred)),
        ...(p.mentioned ?? []).map((s) => mention(s, 'MENTIONED', 'other', other)),
      ],
      jobField: { id: p.field, name: field.name, nameKo: field.nameKo, confidence: 0.9, method: 'RULES' },
      seniority: {
        level: p.experience?.[2] ? 'JUNIOR' : (p.experience?.[0] ?? 0) >= 5 ? 'SENIOR' : 'MID',
        method: 'RULES',
      },
      unknownTerms: [],
      taxonomyVersion: 'tx-test',
      llm: {
        used: p.llm === true,
        fields: p.llm ? ['seniority'] : [],
        promptVersion: p.llm ? 'p1' : null,
        cached: false,
      },
      enrichedAt: now - 1000,
    };
  });
}
