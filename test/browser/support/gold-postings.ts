// Deterministic gold postings for the browser tests, in the exact shape of schemas/gold-posting.avsc: Korean
// and English postings over six job fields and 14 weeks, with evidence spans that point into the text, some
// postings on two boards, some closing within days, some closed. Written here (no real board's text).
import type { GoldPosting, SkillMention } from '../../../sinks/records';
import { seededRandom } from '../../../producers/demo-board/prng';

interface SkillDef {
  id: string;
  name: string;
  category: string;
  /** How a Korean posting writes it (transliteration), when different from the name. */
  ko?: string;
}

const SKILLS: SkillDef[] = [
  { id: 'java', name: 'Java', category: 'language', ko: '자바' },
  { id: 'kotlin', name: 'Kotlin', category: 'language', ko: '코틀린' },
  { id: 'spring-boot', name: 'Spring Boot', category: 'framework', ko: '스프링부트' },
  { id: 'spring', name: 'Spring', category: 'framework', ko: '스프링' },
  { id: 'python', name: 'Python', category: 'language', ko: '파이썬' },
  { id: 'django', name: 'Django', category: 'framework' },
  { id: 'fastapi', name: 'FastAPI', category: 'framework' },
  { id: 'go', name: 'Go', category: 'language' },
  { id: 'node-js', name: 'Node.js', category: 'framework' },
  { id: 'typescript', name: 'TypeScript', category: 'language', ko: '타입스크립트' },
  { id: 'javascript', name: 'JavaScript', category: 'language', ko: '자바스크립트' },
  { id: 'react', name: 'React', category: 'framework', ko: '리액트' },
  { id: 'next-js', name: 'Next.js', category: 'framework' },
  { id: 'vue', name: 'Vue.js', category: 'framework' },
  { id: 'jquery', name: 'jQuery', category: 'library' },
  { id: 'mysql', name: 'MySQL', category: 'database' },
  { id: 'postgresql', name: 'PostgreSQL', category: 'database' },
  { id: 'redis', name: 'Redis', category: 'database', ko: '레디스' },
  { id: 'mongodb', name: 'MongoDB', category: 'database' },
  { id: 'kafka', name: 'Kafka', category: 'messaging', ko: '카프카' },
  { id: 'aws', name: 'AWS', category: 'cloud' },
  { id: 'gcp', name: 'GCP', category: 'cloud' },
  { id: 'docker', name: 'Docker', category: 'devops', ko: '도커' },
  { id: 'kubernetes', name: 'Kubernetes', category: 'devops', ko: '쿠버네티스' },
  { id: 'terraform', name: 'Terraform', category: 'devops' },
  { id: 'jenkins', name: 'Jenkins', category: 'devops' },
  { id: 'prometheus', name: 'Prometheus', category: 'devops' },
  { id: 'apache-spark', name: 'Apache Spark', category: 'data', ko: '스파크' },
  { id: 'airflow', name: 'Airflow', category: 'data' },
  { id: 'sql', name: 'SQL', category: 'language' },
  { id: 'pytorch', name: 'PyTorch', category: 'ml', ko: '파이토치' },
  { id: 'tensorflow', name: 'TensorFlow', category: 'ml', ko: '텐서플로' },
  { id: 'langchain', name: 'LangChain', category: 'ml' },
  { id: 'swift', name: 'Swift', category: 'language' },
  { id: 'flutter', name: 'Flutter', category: 'framework', ko: '플러터' },
  { id: 'android', name: 'Android', category: 'mobile', ko: '안드로이드' },
  { id: 'ios', name: 'iOS', category: 'mobile' },
  { id: 'git', name: 'Git', category: 'tool' },
  { id: 'php', name: 'PHP', category: 'language' },
  { id: 'elasticsearch', name: 'Elasticsearch', category: 'database', ko: '엘라스틱서치' },
];
const SKILL = new Map(SKILLS.map((s) => [s.id, s]));

interface FieldDef {
  id: string;
  name: string;
  nameKo: string;
  titles: { en: string[]; ko: string[] };
  /** skill id → base probability a posting asks for it; `trend` shifts it from the oldest to the newest week. */
  skills: Record<string, number | { p: number; trend: number }>;
  weight: number;
}

const FIELDS: FieldDef[] = [
  {
    id: 'backend',
    name: 'Backend',
    nameKo: '백엔드',
    titles: {
      en: ['Backend Engineer', 'Senior Backend Engineer', 'Server Engineer'],
      ko: ['백엔드 개발자', '서버 개발자', '시니어 백엔드 엔지니어'],
    },
    skills: {
      java: 0.55,
      'spring-boot': 0.5,
      kotlin: { p: 0.3, trend: 0.25 },
      python: 0.25,
      go: { p: 0.15, trend: 0.12 },
      'node-js': 0.18,
      mysql: 0.45,
      postgresql: 0.25,
      redis: 0.35,
      kafka: { p: 0.22, trend: 0.1 },
      aws: 0.45,
      docker: 0.35,
      kubernetes: { p: 0.2, trend: 0.15 },
      git: 0.3,
      php: { p: 0.12, trend: -0.12 },
      elasticsearch: 0.12,
    },
    weight: 0.28,
  },
  {
    id: 'frontend',
    name: 'Frontend',
    nameKo: '프론트엔드',
    titles: {
      en: ['Frontend Engineer', 'Senior Frontend Developer', 'Web Engineer'],
      ko: ['프론트엔드 개발자', '웹 프론트엔드 엔지니어', '시니어 프론트엔드 개발자'],
    },
    skills: {
      react: 0.7,
      typescript: { p: 0.55, trend: 0.2 },
      javascript: 0.6,
      'next-js': { p: 0.25, trend: 0.25 },
      vue: 0.22,
      jquery: { p: 0.15, trend: -0.14 },
      git: 0.35,
      'node-js': 0.2,
      aws: 0.12,
    },
    weight: 0.22,
  },
  {
    id: 'data-engineering',
    name: 'Data engineering',
    nameKo: '데이터 엔지니어링',
    titles: { en: ['Data Engineer', 'Senior Data Engineer'], ko: ['데이터 엔지니어', '데이터 플랫폼 엔지니어'] },
    skills: {
      python: 0.75,
      sql: 0.7,
      'apache-spark': 0.5,
      airflow: { p: 0.4, trend: 0.15 },
      kafka: 0.35,
      aws: 0.4,
      gcp: 0.2,
      postgresql: 0.2,
      mysql: 0.2,
      docker: 0.2,
      kubernetes: 0.15,
    },
    weight: 0.14,
  },
  {
    id: 'devops',
    name: 'DevOps / SRE / Cloud',
    nameKo: '데브옵스·SRE·클라우드',
    titles: {
      en: ['DevOps Engineer', 'Site Reliability Engineer', 'Platform Engineer'],
      ko: ['DevOps 엔지니어', 'SRE 엔지니어', '인프라 엔지니어'],
    },
    skills: {
      kubernetes: 0.75,
      docker: 0.65,
      aws: 0.7,
      terraform: { p: 0.5, trend: 0.15 },
      prometheus: 0.35,
      jenkins: { p: 0.3, trend: -0.15 },
      go: 0.2,
      python: 0.35,
      gcp: 0.2,
      git: 0.3,
    },
    weight: 0.13,
  },
  {
    id: 'mobile',
    name: 'Mobile',
    nameKo: '모바일',
    titles: {
      en: ['iOS Engineer', 'Android Engineer', 'Mobile Engineer'],
      ko: ['iOS 개발자', '안드로이드 개발자', '모바일 앱 개발자'],
    },
    skills: {
      swift: 0.4,
      ios: 0.45,
      kotlin: 0.45,
      android: 0.45,
      flutter: { p: 0.2, trend: 0.2 },
      java: 0.2,
      git: 0.35,
    },
    weight: 0.1,
  },
  {
    id: 'ml',
    name: 'Data science / ML',
    nameKo: '데이터 사이언스·머신러닝',
    titles: {
      en: ['Machine Learning Engineer', 'ML Engineer', 'Applied Scientist'],
      ko: ['머신러닝 엔지니어', 'AI 엔지니어', 'ML 리서치 엔지니어'],
    },
    skills: {
      python: 0.9,
      pytorch: { p: 0.55, trend: 0.15 },
      tensorflow: { p: 0.35, trend: -0.2 },
      langchain: { p: 0.2, trend: 0.35 },
      sql: 0.3,
      docker: 0.25,
      kubernetes: 0.2,
      aws: 0.3,
      'apache-spark': 0.15,
    },
    weight: 0.13,
  },
];

const KO_COMPANIES = [
  '가온테크',
  '누리랩스',
  '다온페이',
  '별빛게임즈',
  '솔빛데이터',
  '하늘모빌리티',
  '코드숲',
  '마루커머스',
  '한결헬스케어',
  '바람물류',
];
const EN_COMPANIES = [
  'Northwind Labs',
  'Acme Cloud',
  'Globex Data',
  'Initech',
  'Umbrella Health',
  'Stark Mobility',
  'Wayne Fintech',
  'Hooli',
];
const KO_BOARDS = ['wanted', 'jumpit', 'saramin'] as const;
const EN_BOARDS = ['greenhouse', 'lever', 'remoteok'] as const;
const KO_PLACES = [
  { city: 'Seoul', region: 'Seoul', raw: '서울 강남구' },
  { city: 'Seoul', region: 'Seoul', raw: '서울 성동구' },
  { city: 'Seongnam', region: 'Gyeonggi', raw: '경기 성남시 분당구' },
  { city: 'Busan', region: 'Busan', raw: '부산 해운대구' },
];
const EN_PLACES = [
  { city: 'San Francisco', region: 'CA', raw: 'San Francisco, CA' },
  { city: 'New York', region: 'NY', raw: 'New York, NY' },
  { city: null, region: null, raw: 'Remote' },
];

function boardUrl(board: string, id: string, company: string): string {
  const slug = company.toLowerCase().replace(/[^a-z0-9]+/g, '');
  switch (board) {
    case 'wanted':
      return `https://www.wanted.co.kr/wd/${id}`;
    case 'jumpit':
      return `https://jumpit.saramin.co.kr/position/${id}`;
    case 'saramin':
      return `https://www.saramin.co.kr/zf_user/jobs/relay/view?rec_idx=${id}`;
    case 'greenhouse':
      return `https://boards.greenhouse.io/${slug}/jobs/${id}`;
    case 'lever':
      return `https://jobs.lever.co/${slug}/${id}`;
    default:
      return `https://remoteok.com/remote-jobs/${id}`;
  }
}

/** Builds a section from parts; a skill part records its evidence (offsets into the section). */
class SectionBuilder {
  text = '';
  readonly spans: Array<{ id: string; start: number; end: number; text: string }> = [];
  add(s: string): this {
    this.text += s;
    return this;
  }
  skill(id: string, written: string): this {
    const start = this.text.length;
    this.text += written;
    this.spans.push({ id, start, end: this.text.length, text: written });
    return this;
  }
}

export interface GoldOptions {
  /** "Today" for posting dates and deadlines. */
  now: Date;
  /** How many postings (default 1200: enough for steady weekly shares). */
  count?: number;
  seed?: number;
}

const DAY = 86400000;
const WEEKS = 14;

/** `count` gold postings whose dates are relative to `now`. */
export function goldPostings({ now, count = 1200, seed = 7 }: GoldOptions): GoldPosting[] {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const out: GoldPosting[] = [];

  for (let i = 0; i < count; i++) {
    // Field by weight.
    let x = r();
    let field = FIELDS[0]!;
    for (const f of FIELDS) {
      if (x < f.weight) {
        field = f;
        break;
      }
      x -= f.weight;
    }
    const korean = r() < 0.6;
    const weekAgo = Math.floor(r() * WEEKS); // 0 = this week
    const postedAt = today - weekAgo * 7 * DAY - Math.floor(r() * 6) * DAY - 3600_000 * 9;
    const recency = 1 - weekAgo / (WEEKS - 1); // 0 oldest .. 1 newest

    // Skills: each with its probability, shifted by its trend over time.
    const chosen: string[] = [];
    for (const [id, def] of Object.entries(field.skills)) {
      const p = typeof def === 'number' ? def : Math.max(0.02, def.p + def.trend * (recency - 0.5) * 2);
      if (r() < p) chosen.push(id);
    }
    if (chosen.length === 0) chosen.push(Object.keys(field.skills)[0]!);
    if (chosen.includes('spring-boot') && !chosen.includes('spring')) chosen.push('spring');
    const required = chosen.filter((id, k) => id !== 'spring' && (k % 3 !== 2 || chosen.length < 3));
    const preferred = chosen.filter((id) => id !== 'spring' && !required.includes(id));

    const company = korean ? pick(KO_COMPANIES) : pick(EN_COMPANIES);
    const companyId = company
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(/[^a-z0-9가-힣-]/g, '');
    const title = pick(korean ? field.titles.ko : field.titles.en);
    const minYears = r() < 0.25 ? 0 : Math.floor(r() * 8);
    const maxYears = minYears === 0 ? (r() < 0.5 ? 3 : null) : r() < 0.4 ? minYears + 5 : null;
    const newcomerOk = minYears === 0;
    const level =
      minYears === 0 ? 'JUNIOR' : minYears < 3 ? 'JUNIOR' : minYears < 6 ? 'MID' : minYears < 9 ? 'SENIOR' : 'LEAD';
    const written = (id: string) => {
      const s = SKILL.get(id)!;
      return korean && s.ko && r() < 0.5 ? s.ko : s.name;
    };

    // Text with evidence.
    const intro = new SectionBuilder().add(
      korean ? `${company}에서 함께 성장할 ${title}를 찾습니다.` : `${company} is hiring a ${title} to help us grow.`,
    );
    const resp = new SectionBuilder();
    const req = new SectionBuilder();
    const pref = new SectionBuilder();
    const lead = required.slice(0, 2);
    if (korean) {
      resp.add('- ');
      lead.forEach((id, k) => resp.add(k ? ', ' : '').skill(id, written(id)));
      resp.add(' 기반 서비스 설계, 개발 및 운영\n- 코드 리뷰와 기술 문서 작성');
      req.add(minYears > 0 ? `- 관련 경력 ${minYears}년 이상\n` : '- 신입 지원 가능\n');
      for (const id of required) req.add('- ').skill(id, written(id)).add(' 실무 경험\n');
      req.add('- 원활한 커뮤니케이션 능력');
      for (const id of preferred) pref.add('- ').skill(id, written(id)).add(' 사용 경험\n');
      pref.add('- 대규모 트래픽 서비스 경험');
    } else {
      resp.add('- Design, build and run services on ');
      lead.forEach((id, k) => resp.add(k ? ' and ' : '').skill(id, written(id)));
      resp.add('\n- Review code and write design docs');
      req.add(minYears > 0 ? `- ${minYears}+ years of professional experience\n` : '- New graduates welcome\n');
      for (const id of required) req.add('- Hands-on experience with ').skill(id, written(id)).add('\n');
      req.add('- Clear written communication');
      for (const id of preferred) pref.add('- Experience with ').skill(id, written(id)).add('\n');
      pref.add('- Experience with high-traffic systems');
    }
    const benefits = korean
      ? '- 유연 근무제\n- 최신 장비 지원\n- 교육비 지원'
      : '- Flexible hours\n- Learning budget\n- Health insurance';

    const skills: SkillMention[] = chosen.map((id) => {
      const s = SKILL.get(id)!;
      const evidence = [
        ...resp.spans.filter((e) => e.id === id).map((e) => ({ section: 'responsibilities', ...e })),
        ...req.spans.filter((e) => e.id === id).map((e) => ({ section: 'requirements', ...e })),
        ...pref.spans.filter((e) => e.id === id).map((e) => ({ section: 'preferred', ...e })),
      ].map(({ section, start, end, text }) => ({ section, start, end, text }));
      const implied = id === 'spring' && evidence.length === 0;
      return {
        id,
        name: s.name,
        category: s.category,
        requirement: implied ? 'REQUIRED' : required.includes(id) ? 'REQUIRED' : 'PREFERRED',
        methods: ['RULES'],
        implied,
        evidence,
      };
    });

    // Boards: one, sometimes two (the same job cross-posted).
    const boards = korean ? KO_BOARDS : EN_BOARDS;
    const first = pick(boards);
    const second = r() < 0.18 ? pick(boards.filter((b) => b !== first)) : null;
    const sourceBoards = second ? [first, second] : [first];
    const ids = sourceBoards.map((b) =>
      b === 'lever' ? `${(i * 7919).toString(16)}-${b}` : String(100000 + i * 37 + b.length),
    );
    // Seen a day or three after posting, never in the future (Kafka refuses record times far ahead).
    const fetchedAt = Math.min(now.getTime() - 60_000, postedAt + DAY * (1 + Math.floor(r() * 3)));

    // Deadlines: a fifth open-ended, some closing this week, some already past (closed).
    const roll = r();
    const alwaysOpen = roll < 0.2;
    let deadline: number | null = null;
    if (!alwaysOpen) {
      deadline =
        roll < 0.38
          ? today + (1 + Math.floor(r() * 6)) * DAY + 15 * 3600_000
          : postedAt + (28 + Math.floor(r() * 30)) * DAY;
    }
    const closed = deadline !== null && deadline < today;
    const place = korean ? pick(KO_PLACES) : pick(EN_PLACES);
    const remote = place.city === null ? 'REMOTE' : r() < 0.25 ? 'HYBRID' : 'ONSITE';

    out.push({
      posting: {
        postingId: `${first}:${ids[0]}`,
        version: fetchedAt,
        sources: sourceBoards.map((b, k) => ({
          board: b,
          boardPostingId: ids[k]!,
          url: boardUrl(b, ids[k]!, company),
          firstSeenAt: postedAt + 3600_000 * (k + 1),
          lastSeenAt: fetchedAt,
          closed,
        })),
        title,
        company: { id: companyId, name: company, boardCompanyId: null },
        location: {
          raw: place.raw,
          city: place.city,
          region: place.region,
          country: korean ? 'KR' : place.city === null ? null : 'US',
          remote,
        },
        employmentType: 'FULL_TIME',
        experience: {
          minYears,
          maxYears,
          newcomerOk,
          raw: korean
            ? minYears > 0
              ? `경력 ${minYears}년 이상`
              : '신입'
            : minYears > 0
              ? `${minYears}+ years`
              : 'New grad',
          method: 'RULES',
        },
        salary:
          korean && r() < 0.4
            ? {
                min: (4000 + minYears * 600) * 10000,
                max: (6000 + minYears * 900) * 10000,
                currency: 'KRW',
                period: 'YEAR',
                raw: null,
                method: 'RULES',
              }
            : null,
        postedAt,
        deadline,
        alwaysOpen,
        status: closed ? 'CLOSED' : 'OPEN',
        language: korean ? 'ko' : 'en',
        sections: {
          intro: intro.text,
          responsibilities: resp.text,
          requirements: req.text,
          preferred: pref.text,
          benefits,
          other: '',
        },
        boardTags: [],
        boardCategories: [field.name],
        contentHash: `fixture-${seed}-${i}`,
        refinedAt: fetchedAt,
      },
      skills,
      jobField: { id: field.id, name: field.name, nameKo: field.nameKo, confidence: 0.9, method: 'RULES' },
      seniority: { level, method: 'RULES' },
      unknownTerms: [],
      taxonomyVersion: 'fixture-1',
      llm: { used: false, fields: [], promptVersion: null, cached: false },
      enrichedAt: fetchedAt + 1000,
    });
  }
  return out;
}
