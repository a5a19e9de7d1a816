// TypeScript shapes of the Avro records the sinks read, as avsc decodes them (unions with null unwrapped,
// longs and timestamp-millis as numbers, bytes as Buffer). Mirrors schemas/*.avsc; only what sinks use.

export type DecisionMethod = 'BOARD_FIELD' | 'RULES' | 'BOARD_TAG' | 'LLM' | 'NONE';

export interface RawPosting {
  board: string;
  boardPostingId: string;
  change: 'NEW' | 'CHANGED' | 'CLOSED';
  url: string;
  sourceUrl: string;
  fetchedAt: number;
  httpStatus: number;
  contentType: string;
  body: Buffer;
  listEntry: string | null;
  contentHash: string;
  etag: string | null;
  lastModified: string | null;
  crawlRunId: string;
}

export interface PostingSource {
  board: string;
  boardPostingId: string;
  url: string;
  firstSeenAt: number;
  lastSeenAt: number;
  closed: boolean;
}

export interface SilverPosting {
  postingId: string;
  version: number;
  sources: PostingSource[];
  title: string;
  company: { id: string; name: string; boardCompanyId: string | null };
  location: {
    raw: string | null;
    city: string | null;
    region: string | null;
    country: string | null;
    remote: 'ONSITE' | 'HYBRID' | 'REMOTE' | 'UNKNOWN';
  };
  employmentType: 'FULL_TIME' | 'CONTRACT' | 'PART_TIME' | 'INTERN' | 'TEMPORARY' | 'OTHER' | null;
  experience: {
    minYears: number | null;
    maxYears: number | null;
    newcomerOk: boolean;
    raw: string | null;
    method: DecisionMethod;
  };
  salary: {
    min: number | null;
    max: number | null;
    currency: string;
    period: 'YEAR' | 'MONTH' | 'HOUR';
    raw: string | null;
    method: DecisionMethod;
  } | null;
  postedAt: number | null;
  deadline: number | null;
  alwaysOpen: boolean;
  status: 'OPEN' | 'CLOSED';
  language: string;
  sections: {
    intro: string;
    responsibilities: string;
    requirements: string;
    preferred: string;
    benefits: string;
    other: string;
  };
  boardTags: string[];
  boardCategories: string[];
  contentHash: string;
  refinedAt: number;
}

export type Requirement = 'REQUIRED' | 'PREFERRED' | 'MENTIONED';

export interface SkillMention {
  id: string;
  name: string;
  category: string;
  requirement: Requirement;
  methods: DecisionMethod[];
  implied: boolean;
  evidence: Array<{ section: string; start: number; end: number; text: string }>;
}

export interface GoldPosting {
  posting: SilverPosting;
  skills: SkillMention[];
  jobField: { id: string; name: string; nameKo: string; confidence: number; method: DecisionMethod };
  seniority: { level: 'INTERN' | 'JUNIOR' | 'MID' | 'SENIOR' | 'LEAD' | 'UNKNOWN'; method: DecisionMethod };
  unknownTerms: string[];
  taxonomyVersion: string;
  llm: { used: boolean; fields: string[]; promptVersion: string | null; cached: boolean };
  enrichedAt: number;
}

/** True when gold record `a` is older than `b`: versions first, then enrichment time (a re-enrichment wins). */
export function isOlder(
  a: { version: number; enrichedAt: number },
  b: { version: number; enrichedAt: number },
): boolean {
  return a.version < b.version || (a.version === b.version && a.enrichedAt < b.enrichedAt);
}
