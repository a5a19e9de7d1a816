// Cross-board de-duplication: the same job posted on several boards becomes one canonical posting listing all its
// sources. Candidates are the postings of the same company (the stage is keyed by company id); a posting matches a
// candidate when their normalised titles agree (same level, similar words) and their role-specific text is a near
// duplicate: estimated Jaccard similarity of word shingles from MinHash signatures, or — for state written without
// a signature — the Hamming distance of 64-bit SimHashes. Pure functions over the per-company state; the stage
// stores it.
import { z } from 'zod';
import { ValidationError } from '../../platform/errors';
import { companyNames } from './company';
import { estimateJaccard, minhashOf } from './minhash';
import { sectionsText } from './sections';
import { shingles, words } from './shingles';
import { hammingDistance, simhashOf } from './simhash';
import type { DedupEntry, DedupSource, DedupState, SilverPosting } from './types';

export const dedupSettings = z.object({
  shingleSize: z.coerce.number().int().min(1).max(5).default(2).describe('Words per shingle of the text fingerprints.'),
  minhashSize: z.coerce
    .number()
    .int()
    .min(16)
    .max(256)
    .default(64)
    .describe('Hash functions of a MinHash signature (4 bytes each in the state).'),
  minJaccardSameTitle: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.52)
    .describe('Min estimated Jaccard similarity of the role text of two postings with the same normalised title.'),
  minJaccard: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.6)
    .describe('Min estimated Jaccard similarity of two postings whose titles are similar but not equal.'),
  maxDistance: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(10)
    .describe('Without signatures: max SimHash Hamming distance of two postings whose titles are similar.'),
  maxDistanceSameTitle: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(13)
    .describe('Without signatures: max SimHash Hamming distance of two postings with the same normalised title.'),
  minTitleSimilarity: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.6)
    .describe('Min Jaccard similarity of the title words of two postings that may be one job.'),
  minFingerprintWords: z.coerce
    .number()
    .int()
    .min(0)
    .default(25)
    .describe('Fewer words of text than this: no text fingerprint; such postings match on an equal title only.'),
  crossBoardOnly: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .default(true)
    .describe('Never merge two postings of the same board (a board lists one job once).'),
  maxPostingsPerCompany: z.coerce
    .number()
    .int()
    .positive()
    .default(500)
    .describe('Canonical postings kept per company for matching; the least recently seen are forgotten first.'),
  closedRetentionDays: z.coerce
    .number()
    .positive()
    .default(60)
    .describe('A canonical posting closed on every board is forgotten this long after it was last seen.'),
});
export type DedupSettings = z.output<typeof dedupSettings>;

export const defaultDedupSettings: DedupSettings = dedupSettings.parse({});

// ---- fingerprints ----

/** Title words that say nothing about which job it is. */
const TITLE_STOPWORDS = new Set([
  // Korean boilerplate
  '채용',
  '모집',
  '채용공고',
  '공고',
  '경력',
  '경력직',
  '신입',
  '정규직',
  '계약직',
  '인턴',
  '급구',
  '담당자',
  '이상',
  '이하',
  '년',
  '년차',
  '무관',
  '가능',
  '포함',
  '및',
  '전문연구요원',
  '산업기능요원',
  '병역특례',
  '채용연계형',
  '우대',
  '부문',
  '분야',
  '직군',
  // English boilerplate
  'hiring',
  'we',
  're',
  'are',
  'is',
  'job',
  'position',
  'opening',
  'remote',
  'hybrid',
  'onsite',
  'full',
  'time',
  'fulltime',
  'part',
  'contract',
  'permanent',
  'the',
  'a',
  'an',
  'for',
  'and',
  'of',
  'in',
  'at',
  'to',
  'with',
  'm',
  'f',
  'd',
  'w',
  'x',
  'all',
  'genders',
  'yrs',
  'years',
  'year',
  'experience',
  'plus',
]);

const TITLE_SYNONYMS: Record<string, string> = {
  sr: 'senior',
  jr: 'junior',
  snr: 'senior',
  swe: 'software engineer',
  fe: 'frontend',
  be: 'backend',
  백엔드: 'backend',
  프론트엔드: 'frontend',
  서버: 'server',
  시니어: 'senior',
  주니어: 'junior',
  리드: 'lead',
};

/** Title words that name a level: two postings whose levels differ are different jobs. */
const SENIORITY = new Set([
  'senior',
  'junior',
  'lead',
  'principal',
  'staff',
  'head',
  'chief',
  'director',
  'intern',
  'internship',
  'entry',
  'associate',
  'mid',
  'i',
  'ii',
  'iii',
  'iv',
  '책임',
  '선임',
  '수석',
  '팀장',
  '파트장',
  '셀장',
  '실장',
  '매니저',
]);

/** Normalised title words: no company name, no boilerplate, hyphens joined ('back-end' = 'backend'), sorted. */
export function titleTokens(title: string, companyName = ''): string[] {
  // Every name the company goes by: '[당근] 백엔드' posted as 'Danggeun Market Inc.' drops '당근' too.
  const company = new Set(companyNames(companyName).flatMap((n) => words(n)));
  const out = new Set<string>();
  const text = title.normalize('NFKC').replace(/([\p{L}])-([\p{L}])/gu, '$1$2');
  for (const w of words(text)) {
    if (/^\d+$/.test(w) || /^\d+(?:년|년차|개월|명|k)$/.test(w) || TITLE_STOPWORDS.has(w) || company.has(w)) continue;
    for (const s of (TITLE_SYNONYMS[w] ?? w).split(' ')) out.add(s);
  }
  return [...out].sort();
}

export interface Fingerprint {
  /** Sorted title words joined by spaces. */
  titleKey: string;
  /** 16 hex digits, or '' when the posting has too little text to fingerprint. */
  simhash: string;
  /** MinHash signature (4 bytes per hash function); empty when the posting has too little text. */
  minhash?: Buffer;
}

/**
 * The text a posting is recognised by: what the role is (responsibilities, requirements, preferred). Company intro
 * and benefits are left out: they are the same in every posting of a company. Short role text falls back to all text.
 */
export function fingerprintText(p: Pick<SilverPosting, 'sections'>, minWords: number): string {
  return fingerprintSource(p, minWords).text;
}

/** fingerprintText with its words (computed once: word splitting is the dearest part of a fingerprint). */
function fingerprintSource(p: Pick<SilverPosting, 'sections'>, minWords: number): { text: string; words: string[] } {
  const s = p.sections;
  const role = [s.responsibilities, s.requirements, s.preferred].filter(Boolean).join('\n');
  const roleWords = words(role);
  if (roleWords.length >= minWords) return { text: role, words: roleWords };
  const all = sectionsText(s);
  return { text: all, words: words(all) };
}

export function fingerprint(
  p: Pick<SilverPosting, 'title' | 'sections' | 'company'>,
  settings: DedupSettings = defaultDedupSettings,
): Fingerprint {
  const source = fingerprintSource(p, settings.minFingerprintWords);
  const enough = source.words.length >= settings.minFingerprintWords;
  // One shingle set for both fingerprints (each equals simhash64 / minhashSignature of the text).
  const features = enough ? shingles(source.words, settings.shingleSize) : undefined;
  return {
    titleKey: titleTokens(p.title, p.company.name).join(' '),
    simhash: features ? simhashOf(features) : '',
    minhash: features ? minhashOf(features, settings.minhashSize) : Buffer.alloc(0),
  };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export interface MatchScore {
  same: boolean;
  titleSimilarity: number;
  /** Estimated Jaccard similarity of the role text (MinHash), or null when either side has no signature. */
  textSimilarity: number | null;
  /** SimHash Hamming distance, when the decision used it (no MinHash on a side); null otherwise. */
  distance: number | null;
}

interface TitleWords {
  words: Set<string>;
  /** The level words, sorted and joined ('' for none). */
  level: string;
}

/** Parsed title keys, cached per key: the same company's entries are compared again and again. */
const titleCache = new Map<string, TitleWords>();

function titleWords(titleKey: string): TitleWords {
  let t = titleCache.get(titleKey);
  if (!t) {
    const words = new Set(titleKey.split(' ').filter(Boolean));
    t = { words, level: [...words].filter((w) => SENIORITY.has(w)).join(' ') };
    if (titleCache.size >= 50_000) titleCache.clear();
    titleCache.set(titleKey, t);
  }
  return t;
}

/** Whether two postings of one company are the same job, with the figures the decision used. */
export function compareFingerprints(
  a: Fingerprint,
  b: Fingerprint,
  settings: DedupSettings = defaultDedupSettings,
): MatchScore {
  const ta = titleWords(a.titleKey);
  const tb = titleWords(b.titleKey);
  const titleSimilarity = jaccard(ta.words, tb.words);
  const textSimilarity = a.minhash && b.minhash ? estimateJaccard(a.minhash, b.minhash) : null;
  const distance = textSimilarity === null && a.simhash && b.simhash ? hammingDistance(a.simhash, b.simhash) : null;
  const levelA = ta.level;
  const levelB = tb.level;
  const score = { titleSimilarity, textSimilarity, distance };
  if (levelA !== levelB) return { same: false, ...score };
  const sameTitle = a.titleKey === b.titleKey;
  if (!sameTitle && titleSimilarity < settings.minTitleSimilarity) return { same: false, ...score };
  let same: boolean;
  if (textSimilarity !== null) {
    same = textSimilarity >= (sameTitle ? settings.minJaccardSameTitle : settings.minJaccard);
  } else if (distance !== null) {
    same = distance <= (sameTitle ? settings.maxDistanceSameTitle : settings.maxDistance);
  } else {
    same = sameTitle; // too little text on one side: the title is all there is
  }
  return { same, ...score };
}

/**
 * compareFingerprints' decision as a rank, null when not the same job: most similar text first (a SimHash distance
 * counts as 1 - d/64), then the most similar title. Cheapest test first, as a company's every entry is tried.
 */
export function matchRank(
  a: Fingerprint,
  b: Fingerprint,
  settings: DedupSettings = defaultDedupSettings,
): number | null {
  const ta = titleWords(a.titleKey);
  const tb = titleWords(b.titleKey);
  if (ta.level !== tb.level) return null;
  const sameTitle = a.titleKey === b.titleKey;
  const titleSimilarity = sameTitle ? 1 : jaccard(ta.words, tb.words);
  if (!sameTitle && titleSimilarity < settings.minTitleSimilarity) return null;
  const textSimilarity = a.minhash && b.minhash ? estimateJaccard(a.minhash, b.minhash) : null;
  if (textSimilarity !== null) {
    const min = sameTitle ? settings.minJaccardSameTitle : settings.minJaccard;
    return textSimilarity >= min ? textSimilarity + titleSimilarity / 100 : null;
  }
  if (a.simhash && b.simhash) {
    const distance = hammingDistance(a.simhash, b.simhash);
    const max = sameTitle ? settings.maxDistanceSameTitle : settings.maxDistance;
    return distance <= max ? 1 - distance / 64 + titleSimilarity / 100 : null;
  }
  return sameTitle ? titleSimilarity / 100 : null; // too little text on one side: the title is all there is
}

// ---- the per-company state ----

export interface DedupOutcome {
  state: DedupState;
  output: SilverPosting;
  /** 'new': a new canonical posting; 'source': a known board posting again; 'merged': a new board for a known job. */
  kind: 'new' | 'source' | 'merged';
}

function hasBoard(e: DedupEntry, board: string): boolean {
  for (const s of e.sources) if (s.board === board) return true;
  return false;
}

function lastSeen(e: DedupEntry): number {
  let t = 0;
  for (const s of e.sources) t = Math.max(t, s.lastSeenAt);
  return t;
}

function unionInOrder(lists: string[][]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const v of list) {
      const k = v.toLowerCase();
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/**
 * Folds one parsed single-source posting into its company's state. Returns the new state (a new object; the input
 * state is not modified) and the canonical silver posting to emit: postingId of the first source, every source,
 * tags of every source, status CLOSED only when every source is closed, a version above any emitted before.
 */
export function dedupPosting(
  state: DedupState | undefined,
  posting: SilverPosting,
  settings: DedupSettings = defaultDedupSettings,
): DedupOutcome {
  const src = posting.sources[0];
  if (!src || posting.sources.length !== 1) {
    throw new ValidationError(`dedup expects a single-source posting, got ${posting.sources.length} sources`);
  }
  const entries = state?.postings ?? [];
  const fp = fingerprint(posting, settings);

  // Plain loops: a company may hold hundreds of entries, and every posting of it scans them all.
  let index = -1;
  for (let i = 0; i < entries.length && index < 0; i++) {
    for (const s of entries[i]!.sources) {
      if (s.board === src.board && s.boardPostingId === src.boardPostingId) index = i;
    }
  }
  let kind: DedupOutcome['kind'] = index >= 0 ? 'source' : 'new';
  if (index < 0) {
    let bestRank = -Infinity;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (settings.crossBoardOnly && hasBoard(e, src.board)) continue;
      const rank = matchRank(fp, e, settings);
      if (rank !== null && rank > bestRank) {
        bestRank = rank;
        index = i;
      }
    }
    if (index >= 0) kind = 'merged';
  }

  const incoming: DedupSource = { ...src, boardTags: posting.boardTags, boardCategories: posting.boardCategories };
  const previous = index >= 0 ? entries[index]! : undefined;
  let sources: DedupSource[];
  if (!previous) sources = [incoming];
  else {
    const at = previous.sources.findIndex((s) => s.board === src.board && s.boardPostingId === src.boardPostingId);
    if (at < 0) sources = [...previous.sources, incoming];
    else {
      const old = previous.sources[at]!;
      const newer = src.lastSeenAt >= old.lastSeenAt;
      const merged: DedupSource = {
        ...(newer ? incoming : old),
        firstSeenAt: Math.min(old.firstSeenAt, src.firstSeenAt),
        lastSeenAt: Math.max(old.lastSeenAt, src.lastSeenAt),
      };
      sources = previous.sources.map((s, i) => (i === at ? merged : s));
    }
  }
  const maxSeen = sources.reduce((t, s) => Math.max(t, s.lastSeenAt), 0);
  const version = previous ? Math.max(maxSeen, previous.version + 1) : Math.max(maxSeen, posting.version);
  const entry: DedupEntry = {
    postingId: previous?.postingId ?? posting.postingId,
    titleKey: fp.titleKey,
    simhash: fp.simhash,
    minhash: fp.minhash ?? Buffer.alloc(0),
    version,
    sources,
  };

  // Forget what can no longer match: closed everywhere for long enough, then the least recently seen over the cap.
  const horizon = maxSeen - settings.closedRetentionDays * 24 * 3600 * 1000;
  let kept = entries
    .map((e, i) => (i === index ? entry : e))
    .filter((e) => e === entry || !(e.sources.every((s) => s.closed) && lastSeen(e) < horizon));
  if (index < 0) kept.push(entry);
  if (kept.length > settings.maxPostingsPerCompany) {
    const byAge = kept.filter((e) => e !== entry).sort((a, b) => lastSeen(a) - lastSeen(b));
    const drop = new Set(byAge.slice(0, kept.length - settings.maxPostingsPerCompany));
    kept = kept.filter((e) => !drop.has(e));
  }

  const output: SilverPosting = {
    ...posting,
    postingId: entry.postingId,
    version,
    sources: sources.map((s) => ({
      board: s.board,
      boardPostingId: s.boardPostingId,
      url: s.url,
      firstSeenAt: s.firstSeenAt,
      lastSeenAt: s.lastSeenAt,
      closed: s.closed,
    })),
    status: sources.every((s) => s.closed) ? 'CLOSED' : 'OPEN',
    boardTags: unionInOrder(sources.map((s) => s.boardTags)),
    boardCategories: unionInOrder(sources.map((s) => s.boardCategories)),
  };
  return { state: { companyId: posting.company.id, postings: kept }, output, kind };
}
