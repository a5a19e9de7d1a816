// The skill taxonomy and job fields as reviewed data: loads, validates (fails fast, naming the file and the problem)
// and indexes the JSON files in this folder. Everything that needs technologies or job fields goes through here.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ValidationError } from '../platform/errors';
import {
  categoriesFileSchema,
  jobFieldsFileSchema,
  koreanSuffixesFileSchema,
  technologiesFileSchema,
  unknownTermsFileSchema,
  type Category,
  type JobFieldDef,
  type KoreanSuffixes,
  type Technology,
} from './schema';
import { validateTaxonomy, type TaxonomyFiles } from './validate';

export type { AmbiguityRule, Category, JobFieldDef, KoreanSuffixes, Technology } from './schema';
export {
  aliasKey,
  foldText,
  isHangulKey,
  isWordKey,
  keyFingerprint,
  keyHash,
  FINGERPRINT_BITS,
  phraseKeys,
  tokenize,
  tokenizeInto,
  TokenKind,
  Tokens,
} from './tokenize';
export {
  boardCategoryKey,
  missingLockedIds,
  parseIdsLock,
  titleKeywordKey,
  unlockedIds,
  validateTaxonomy,
} from './validate';

export const taxonomyDir = path.dirname(fileURLToPath(import.meta.url));

export const taxonomyFiles = {
  technologies: 'technologies.json',
  categories: 'categories.json',
  jobFields: 'job-fields.json',
  koreanSuffixes: 'korean-suffixes.json',
  unknownTerms: 'unknown-terms.json',
  idsLock: 'ids.lock',
} as const;

export interface Taxonomy {
  /** Changes whenever any data file changes: 'tx-' + the first 12 hex digits of their sha256. */
  version: string;
  technologies: readonly Technology[];
  byId: ReadonlyMap<string, Technology>;
  categories: readonly Category[];
  categoryById: ReadonlyMap<string, Category>;
  jobFields: readonly JobFieldDef[];
  jobFieldById: ReadonlyMap<string, JobFieldDef>;
  koreanSuffixes: KoreanSuffixes;
  /** Lower-case words the unknown-term collector never reports. */
  unknownTermStopwords: ReadonlySet<string>;
}

function readJson<T extends z.ZodType>(
  dir: string,
  file: string,
  schema: T,
  hash: ReturnType<typeof createHash>,
): z.output<T> {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  hash.update(file).update('\0').update(text).update('\0');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`${full}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ValidationError(`${full}: ${first.join('; ')}`);
  }
  return parsed.data;
}

/** Reads the data files of a taxonomy folder without validating their consistency (tests use this). */
export function readTaxonomyFiles(dir: string = taxonomyDir): TaxonomyFiles & { version: string } {
  const hash = createHash('sha256');
  const technologies = readJson(dir, taxonomyFiles.technologies, technologiesFileSchema, hash).technologies;
  const categories = readJson(dir, taxonomyFiles.categories, categoriesFileSchema, hash).categories;
  const jobFields = readJson(dir, taxonomyFiles.jobFields, jobFieldsFileSchema, hash).jobFields;
  const koreanSuffixes = readJson(dir, taxonomyFiles.koreanSuffixes, koreanSuffixesFileSchema, hash);
  const stopwords = readJson(dir, taxonomyFiles.unknownTerms, unknownTermsFileSchema, hash).stopwords;
  return {
    technologies,
    categories,
    jobFields,
    koreanSuffixes,
    stopwords,
    version: `tx-${hash.digest('hex').slice(0, 12)}`,
  };
}

/** Loads and validates a taxonomy folder; throws a ValidationError listing the first problems. */
export function buildTaxonomy(dir: string = taxonomyDir): Taxonomy {
  const files = readTaxonomyFiles(dir);
  const problems = validateTaxonomy(files);
  if (problems.length > 0) {
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw new ValidationError(`taxonomy in ${dir} is inconsistent: ${problems.slice(0, 5).join('; ')}${more}`);
  }
  return {
    version: files.version,
    technologies: files.technologies,
    byId: new Map(files.technologies.map((t) => [t.id, t])),
    categories: files.categories,
    categoryById: new Map(files.categories.map((c) => [c.id, c])),
    jobFields: files.jobFields,
    jobFieldById: new Map(files.jobFields.map((f) => [f.id, f])),
    koreanSuffixes: files.koreanSuffixes,
    unknownTermStopwords: new Set(files.stopwords.map((w) => w.toLowerCase())),
  };
}

let cached: Taxonomy | undefined;

/** The taxonomy shipped in this folder, loaded once per process. */
export function loadTaxonomy(): Taxonomy {
  cached ??= buildTaxonomy(taxonomyDir);
  return cached;
}
