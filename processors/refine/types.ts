// TypeScript shapes of the Avro records refine reads and writes (schemas/raw-posting.avsc, silver-posting.avsc,
// dedup-state.avsc). Values are plain objects exactly as avsc encodes and decodes them (longs as numbers).
import type { Sections } from './sections';

export type ChangeKind = 'NEW' | 'CHANGED' | 'CLOSED';

export interface RawPosting {
  board: string;
  boardPostingId: string;
  change: ChangeKind;
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

export type RemotePolicy = 'ONSITE' | 'HYBRID' | 'REMOTE' | 'UNKNOWN';
export type EmploymentType = 'FULL_TIME' | 'CONTRACT' | 'PART_TIME' | 'INTERN' | 'TEMPORARY' | 'OTHER';
export type DecisionMethod = 'BOARD_FIELD' | 'RULES' | 'BOARD_TAG' | 'LLM' | 'NONE';
export type SalaryPeriod = 'YEAR' | 'MONTH' | 'HOUR';

export interface PostingSource {
  board: string;
  boardPostingId: string;
  url: string;
  firstSeenAt: number;
  lastSeenAt: number;
  closed: boolean;
}

export interface Company {
  id: string;
  name: string;
  boardCompanyId: string | null;
}

export interface Location {
  raw: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  remote: RemotePolicy;
}

export interface Experience {
  minYears: number | null;
  maxYears: number | null;
  newcomerOk: boolean;
  raw: string | null;
  method: DecisionMethod;
}

export interface Salary {
  min: number | null;
  max: number | null;
  currency: string;
  period: SalaryPeriod;
  raw: string | null;
  method: DecisionMethod;
}

export interface SilverPosting {
  postingId: string;
  version: number;
  sources: PostingSource[];
  title: string;
  company: Company;
  location: Location;
  employmentType: EmploymentType | null;
  experience: Experience;
  salary: Salary | null;
  postedAt: number | null;
  deadline: number | null;
  alwaysOpen: boolean;
  status: 'OPEN' | 'CLOSED';
  language: string;
  sections: Sections;
  boardTags: string[];
  boardCategories: string[];
  contentHash: string;
  refinedAt: number;
}

export interface DedupSource extends PostingSource {
  boardTags: string[];
  boardCategories: string[];
}

export interface DedupEntry {
  postingId: string;
  titleKey: string;
  simhash: string;
  /** MinHash signature; absent in entries written before signatures existed (Avro default: empty). */
  minhash?: Buffer;
  version: number;
  sources: DedupSource[];
}

export interface DedupState {
  companyId: string;
  postings: DedupEntry[];
}
