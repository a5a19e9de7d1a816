// Shapes of the taxonomy data files (see taxonomy/README.md for what each field means).
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);

export const ambiguityRuleSchema = z.object({
  /** Which of the entry's aliases (or its name) this rule guards, as written in the file. */
  aliases: z.array(nonEmpty).min(1),
  /** Exact spellings (case-sensitive) that count as the technology; any other spelling needs a list neighbour. */
  forms: z.array(nonEmpty).optional(),
  /** When true, even an accepted spelling needs a context word, a list neighbour or Korean particle usage. */
  needsContext: z.boolean(),
  /** Words/phrases that, within a few tokens, show the technology is meant. */
  context: z.array(nonEmpty).optional(),
  /** Phrases around the alias that show it is NOT the technology ('go to market'). */
  stop: z.array(nonEmpty).optional(),
});
export type AmbiguityRule = z.output<typeof ambiguityRuleSchema>;

export const technologySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case letters, digits, single hyphens'),
  name: nonEmpty,
  category: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  aliasesKo: z.array(nonEmpty).default([]),
  implies: z.array(nonEmpty).default([]),
  ambiguity: z.array(ambiguityRuleSchema).default([]),
});
export type Technology = z.output<typeof technologySchema>;

export const technologiesFileSchema = z.object({
  $comment: z.string().optional(),
  technologies: z.array(technologySchema).min(1),
});

export const categorySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: nonEmpty,
  nameKo: nonEmpty,
});
export type Category = z.output<typeof categorySchema>;

export const categoriesFileSchema = z.object({
  $comment: z.string().optional(),
  categories: z.array(categorySchema).min(1),
});

export const jobFieldSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: nonEmpty,
  nameKo: nonEmpty,
  titleKeywords: z.object({ en: z.array(nonEmpty), ko: z.array(nonEmpty) }),
  /** Board → the board's own category names (as refine writes them into boardCategories) meaning this field. */
  boardCategories: z.record(z.string().min(1), z.array(nonEmpty)),
  /** Technology id → how strongly asking for it points at this field (0 < w <= 3). */
  skillWeights: z.record(z.string().min(1), z.number().gt(0).lte(3)),
});
export type JobFieldDef = z.output<typeof jobFieldSchema>;

export const jobFieldsFileSchema = z.object({
  $comment: z.string().optional(),
  jobFields: z.array(jobFieldSchema).min(2),
});

export const koreanSuffixesFileSchema = z.object({
  $comment: z.string().optional(),
  particles: z.array(nonEmpty).min(1),
  nouns: z.array(nonEmpty),
});
export type KoreanSuffixes = z.output<typeof koreanSuffixesFileSchema>;

export const unknownTermsFileSchema = z.object({
  $comment: z.string().optional(),
  stopwords: z.array(nonEmpty),
});
