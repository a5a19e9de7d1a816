// Response shapes of the gateway's /api/v1 routes, transcribed from the component schemas of its OpenAPI
// document (gateway/openapi.ts, served at /api/openapi.json). Names match the schema names there.

export type SeniorityLevel = 'INTERN' | 'JUNIOR' | 'MID' | 'SENIOR' | 'LEAD' | 'UNKNOWN';
export type Requirement = 'REQUIRED' | 'PREFERRED' | 'MENTIONED';
export type RemotePolicy = 'ONSITE' | 'HYBRID' | 'REMOTE' | 'UNKNOWN';
export type CountedStatus = 'all' | 'open';

/** Error: the body of every 4xx/5xx. */
export interface ErrorBody {
  error: string;
  message: string;
  requestId: string;
  parameter?: string;
  issues?: Array<{ parameter: string; message: string }>;
}

/** FieldRef */
export interface FieldRef {
  id: string;
  name: string;
  nameKo: string;
}

/** FieldSummary */
export interface FieldSummary extends FieldRef {
  /** Every stored posting of the field, open and closed. */
  postings: number;
  openPostings: number;
}

/** SkillRef */
export interface SkillRef {
  id: string;
  name: string;
  nameKo: string | null;
  category: string | null;
}

/** SkillShare */
export interface SkillShare extends SkillRef {
  rank: number;
  /** Postings that ask for the skill (any requirement level). */
  count: number;
  /** count / total.postings, 0..1. */
  share: number;
  required: number | null;
}

/** Coverage: what stands behind an aggregate. */
export interface Coverage {
  postings: number;
  companies: number;
  boards: number;
  /** First day of the oldest week counted. */
  from: string | null;
  /** Last day of the newest week counted. */
  to: string | null;
}

/** WeekRange */
export interface WeekRange {
  from: string;
  to: string;
}

/** FieldsResponse */
export interface FieldsResponse {
  fields: FieldSummary[];
}

/** TopSkillsResponse */
export interface TopSkillsResponse {
  field: FieldSummary;
  status: CountedStatus;
  period: WeekRange | null;
  filters: { seniority: SeniorityLevel[] | null; region: string | null; board: string | null };
  total: Coverage;
  fromAggregates: boolean;
  skills: SkillShare[];
}

/** TrendPoint */
export interface TrendPoint {
  /** Monday of the ISO week (YYYY-MM-DD). */
  week: string;
  isoWeek: string;
  count: number;
  postings: number;
  share: number;
}

/** TrendResponse */
export interface TrendResponse {
  skill: SkillRef;
  field: FieldRef | null;
  status: CountedStatus;
  from: string;
  to: string;
  weeks: TrendPoint[];
}

/** RelatedSkill */
export interface RelatedSkill extends SkillRef {
  /** Postings asking for both skills. */
  count: number;
  /** P(other | skill). */
  share: number;
  lift: number;
  otherCount: number;
}

/** RelatedResponse */
export interface RelatedResponse {
  skill: SkillRef & { count: number };
  field: FieldRef | null;
  status: CountedStatus;
  postings: number;
  related: RelatedSkill[];
}

/** CompareColumn */
export interface CompareColumn {
  field: FieldSummary;
  period: WeekRange | null;
  total: Coverage;
  skills: SkillShare[];
}

/** CompareResponse */
export interface CompareResponse {
  status: CountedStatus;
  fields: CompareColumn[];
  /** The union of every column's top skills with every field's figures. */
  skills: Array<SkillRef & { byField: Record<string, { count: number; share: number }> }>;
}

/** SourceLink */
export interface SourceLink {
  board: string;
  boardPostingId: string;
  url: string;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  closed: boolean;
}

/** PostingSkill */
export interface PostingSkill extends SkillRef {
  requirement: Requirement;
  implied: boolean;
}

/** PostingSummaryBase */
export interface PostingSummaryBase {
  id: string;
  title: string;
  company: { id: string; name: string };
  field: FieldRef | null;
  seniority: SeniorityLevel;
  experience: { minYears: number | null; maxYears: number | null; newcomerOk: boolean; raw: string | null };
  location: { city: string | null; region: string | null; country: string | null; remote: RemotePolicy };
  status: 'OPEN' | 'CLOSED';
  postedAt: string | null;
  deadline: string | null;
  alwaysOpen: boolean;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  sources: SourceLink[];
}

/** PostingSummary */
export interface PostingSummary extends PostingSummaryBase {
  skills: PostingSkill[];
}

/** PostingsPage */
export interface PostingsPage {
  items: PostingSummary[];
  nextCursor: string | null;
  /** All matches; counted on the first page only. */
  total: number | null;
  sort: 'recent' | 'deadline';
}

/** Evidence */
export interface Evidence {
  section: string;
  start: number;
  end: number;
  text: string;
}

/** PostingSkillDetail */
export interface PostingSkillDetail extends PostingSkill {
  methods: string[];
  evidence: Evidence[];
}

/** PostingDetail */
export interface PostingDetail extends PostingSummaryBase {
  language: string;
  employmentType: string | null;
  salary: {
    min: number | null;
    max: number | null;
    currency: string;
    period: 'YEAR' | 'MONTH' | 'HOUR';
    raw: string | null;
  } | null;
  closedAt: string | null;
  boardTags: string[];
  boardCategories: string[];
  jobFieldConfidence: number;
  jobFieldMethod: string;
  seniorityMethod: string;
  version: number;
  sections: Record<string, string>;
  skills: PostingSkillDetail[];
  document: { available: boolean; version: number | null; reason: string | null };
}

/** CompanyResponse */
export interface CompanyResponse {
  company: {
    id: string;
    name: string;
    boardCompanyId: string | null;
    firstSeenAt: string | null;
    lastSeenAt: string | null;
    postings: number;
    openPostings: number;
  };
  fields: Array<FieldRef & { postings: number }>;
  skills: SkillShare[];
  recentPostings: PostingSummary[];
}

/** RecommendStep */
export interface RecommendStep {
  rank: number;
  skill: SkillRef;
  /** Postings this step matches in addition. */
  gain: number;
  matchedBefore: number;
  matchedAfter: number;
  /** matchedBefore / postings. */
  coverageBefore: number;
  /** matchedAfter / postings. */
  coverageAfter: number;
  /** Postings of the field that require this skill. */
  demand: number;
}

/** RecommendResponse */
export interface RecommendResponse {
  field: FieldRef;
  status: CountedStatus;
  have: SkillRef[];
  implied: string[];
  definition: string;
  postings: number;
  matched: number;
  coverage: number;
  steps: RecommendStep[];
}

export interface TopicOffsets {
  topic: string;
  endOffset: number;
  retained: number;
  partitions: number;
  ratePerSecond: number | null;
}
export interface ConsumerLag {
  component: string;
  group: string;
  topic: string;
  lag: number;
  source: 'kafka' | 'mysql';
}
export interface DeadLetterCount {
  stage: string;
  count: number;
  lastAt: string | null;
  lastError: string | null;
  errorTypes: Record<string, number>;
}
export interface BoardCrawl {
  board: string;
  runId: string;
  status: 'running' | 'finished' | 'failed';
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  pages: number | null;
  requests: number | null;
  newPostings: number | null;
  changed: number | null;
  closed: number | null;
  errors: number | null;
  message: string | null;
}
export interface LlmUsage {
  calls: number;
  tokens: number;
  callBudget: number | null;
  tokenBudget: number | null;
}

/** PipelineResponse: a section whose source can't be read is null and `unavailable` says why. */
export interface PipelineResponse {
  generatedAt: string;
  topics: TopicOffsets[] | null;
  lag: ConsumerLag[] | null;
  deadLetters: DeadLetterCount[] | null;
  crawls: BoardCrawl[] | null;
  llm: LlmUsage | null;
  llmPostingsToday: number | null;
  unavailable: Record<string, string>;
}
