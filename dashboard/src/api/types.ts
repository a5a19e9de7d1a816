// Response shapes of the gateway's /api/v1 routes, written from the schemas of its OpenAPI document
// (/api/openapi.json, gateway/openapi.*). Fields the dashboard can live without are optional so an older or
// newer gateway degrades a view instead of breaking it.

export type SeniorityLevel = 'INTERN' | 'JUNIOR' | 'MID' | 'SENIOR' | 'LEAD' | 'UNKNOWN';
export type Requirement = 'REQUIRED' | 'PREFERRED' | 'MENTIONED';
export type DecisionMethod = 'BOARD_FIELD' | 'RULES' | 'BOARD_TAG' | 'LLM' | 'NONE';
export type PostingStatus = 'OPEN' | 'CLOSED';

/** GET /api/v1/fields */
export interface JobField {
  id: string;
  name: string;
  nameKo: string;
  postings: number;
}
export interface FieldsResponse {
  fields: JobField[];
}

/** How many postings, boards and companies stand behind an aggregate, and the dates they span. */
export interface Coverage {
  postings: number;
  boards?: number;
  companies?: number;
  /** ISO date (YYYY-MM-DD) of the oldest posting counted. */
  from?: string | null;
  /** ISO date of the newest posting counted. */
  to?: string | null;
}

export interface SkillShare {
  id: string;
  name: string;
  category?: string;
  /** Postings that ask for the skill. */
  count: number;
  /** count / postings of the field, 0..1. */
  share: number;
  required?: number;
  preferred?: number;
}

/** GET /api/v1/fields/{field}/skills */
export interface TopSkillsResponse {
  field: JobField;
  total: Coverage;
  skills: SkillShare[];
}

export interface TrendPoint {
  /** ISO date (YYYY-MM-DD) of the Monday that starts the week. */
  week: string;
  count: number;
  /** Postings of the week (in the field, when one is given). */
  postings?: number;
  /** count / postings, 0..1. */
  share: number;
}

/** GET /api/v1/skills/{skill}/trend */
export interface TrendResponse {
  skill: { id: string; name: string; category?: string };
  field?: { id: string; name: string; nameKo: string } | null;
  weeks: TrendPoint[];
}

export interface RelatedSkill {
  id: string;
  name: string;
  category?: string;
  /** Postings that ask for both skills. */
  count: number;
  /** Of the postings asking for the skill, the share that also ask for this one, 0..1. */
  share: number;
  /** P(both) / (P(a) P(b)); > 1 means they go together more than by chance. */
  lift: number;
}

/** GET /api/v1/skills/{skill}/related */
export interface RelatedResponse {
  skill: { id: string; name: string; category?: string; count?: number };
  field?: { id: string; name: string; nameKo: string } | null;
  related: RelatedSkill[];
}

export interface CompareColumn {
  field: JobField;
  total: Coverage;
  skills: SkillShare[];
}

/** GET /api/v1/compare */
export interface CompareResponse {
  fields: CompareColumn[];
}

export interface PostingSourceLink {
  board: string;
  /** Display name of the board, for the credit line. */
  boardName?: string;
  boardPostingId?: string;
  url: string;
  firstSeenAt?: string | null;
  lastSeenAt?: string | null;
  closed?: boolean;
}

export interface PostingSkill {
  id: string;
  name: string;
  category?: string;
  requirement?: Requirement;
}

export interface CompanyRef {
  id: string;
  name: string;
}

export interface PostingSummary {
  id: string;
  title: string;
  company: CompanyRef;
  field?: { id: string; name: string; nameKo: string } | null;
  seniority?: SeniorityLevel | null;
  location?: { city?: string | null; region?: string | null; country?: string | null; remote?: string | null } | null;
  experience?: { minYears?: number | null; maxYears?: number | null; newcomerOk?: boolean; raw?: string | null } | null;
  postedAt?: string | null;
  deadline?: string | null;
  alwaysOpen?: boolean;
  status?: PostingStatus;
  skills: PostingSkill[];
  sources: PostingSourceLink[];
}

/** GET /api/v1/postings */
export interface PostingsPage {
  items: PostingSummary[];
  /** Opaque cursor of the next page; null on the last page. */
  nextCursor: string | null;
  /** Total matches, when the gateway counts them. */
  total?: number | null;
}

export interface Evidence {
  section: string;
  start: number;
  end: number;
  text: string;
}

export interface PostingSkillDetail extends PostingSkill {
  methods?: DecisionMethod[];
  implied?: boolean;
  evidence: Evidence[];
}

/** GET /api/v1/postings/{id} */
export interface PostingDetail extends Omit<PostingSummary, 'skills'> {
  language?: string;
  employmentType?: string | null;
  salary?: {
    min?: number | null;
    max?: number | null;
    currency: string;
    period: 'YEAR' | 'MONTH' | 'HOUR';
    raw?: string | null;
  } | null;
  sections: Record<string, string>;
  boardTags?: string[];
  skills: PostingSkillDetail[];
}

/** GET /api/v1/companies/{id} */
export interface CompanyResponse {
  company: CompanyRef & { postings: number; openPostings?: number };
  skills: SkillShare[];
  fields?: Array<{ id: string; name: string; nameKo: string; postings: number }>;
}

export interface RecommendStep {
  skill: { id: string; name: string; category?: string };
  /** Postings matched after adding this skill (and every earlier step). */
  coverageBefore: number;
  coverageAfter: number;
  /** Additional postings this step matches. */
  gain: number;
}

/** GET /api/v1/recommend */
export interface RecommendResponse {
  field: { id: string; name: string; nameKo: string };
  have: Array<{ id: string; name: string }>;
  /** Postings in the field (the denominator of every coverage). */
  postings: number;
  /** Postings matched by the skills the person has now. */
  matched: number;
  steps: RecommendStep[];
}

export interface TopicOffsets {
  topic: string;
  endOffset: number;
  /** Records per second over the last minute, when known. */
  ratePerSecond?: number | null;
}
export interface ConsumerLag {
  component: string;
  group?: string;
  topic: string;
  lag: number | null;
}
export interface DeadLetterCount {
  stage: string;
  count: number;
  lastAt?: string | null;
  lastError?: string | null;
}
export interface BoardCrawl {
  board: string;
  boardName?: string;
  lastStartedAt?: string | null;
  lastFinishedAt?: string | null;
  status?: string | null;
  pages?: number | null;
  newPostings?: number | null;
  changed?: number | null;
  errors?: number | null;
}
export interface LlmUsage {
  calls: number;
  tokens: number;
  callBudget?: number | null;
  tokenBudget?: number | null;
  cacheHits?: number | null;
}

/** GET /api/v1/pipeline. A section the gateway can't read right now is null (with a reason in `unavailable`). */
export interface PipelineResponse {
  generatedAt?: string;
  topics: TopicOffsets[] | null;
  lag: ConsumerLag[] | null;
  deadLetters: DeadLetterCount[] | null;
  crawls: BoardCrawl[] | null;
  llm: LlmUsage | null;
  unavailable?: Record<string, string>;
}

/** Error body of every 4xx/5xx. */
export interface ErrorBody {
  error: string;
  message: string;
  requestId?: string;
  parameter?: string;
}
