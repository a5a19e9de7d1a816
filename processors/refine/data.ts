// Loads and validates the refine data files (section headings, places, workplace phrases, board categories, company
// aliases).
// Data is reviewed data, not code: a malformed file fails at start-up with the file named.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export const sectionNames = ['intro', 'responsibilities', 'requirements', 'preferred', 'benefits', 'other'] as const;
export type SectionName = (typeof sectionNames)[number];

const headingRules = z.object({
  phrases: z.array(z.string().min(1)),
  /** Over the lower-cased heading with single spaces. */
  patterns: z.array(z.string().min(1)),
  /** Over the heading key (lower case, no spaces): Korean headings are spaced every which way. */
  compactPatterns: z.array(z.string().min(1)).default([]),
});
export const sectionHeadingsSchema = z.object({
  $comment: z.string().optional(),
  maxHeadingLength: z.number().int().positive(),
  sections: z.object({
    intro: headingRules,
    responsibilities: headingRules,
    requirements: headingRules,
    preferred: headingRules,
    benefits: headingRules,
    other: headingRules,
  }),
});
export type SectionHeadings = z.output<typeof sectionHeadingsSchema>;

const place = z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)) });
export const placesSchema = z.object({
  $comment: z.string().optional(),
  krRegions: z.array(place.extend({ metropolitan: z.boolean() })),
  krCities: z.array(place.extend({ region: z.string().min(1) })),
  seoulDistricts: z.array(z.string().min(1)),
  countries: z.array(z.object({ code: z.string().length(2), aliases: z.array(z.string().min(1)) })),
  usStates: z.record(z.string().length(2), z.string().min(1)),
  macroRegions: z.array(z.string().min(1)),
  cities: z.array(
    z.object({
      name: z.string().min(1),
      aliases: z.array(z.string().min(1)),
      region: z.string().nullable(),
      country: z.string().length(2),
    }),
  ),
});
export type Places = z.output<typeof placesSchema>;

const workplaceLists = z.object({
  remote: z.array(z.string().min(1)),
  hybrid: z.array(z.string().min(1)),
  onsite: z.array(z.string().min(1)),
});
export const workplaceSchema = z.object({
  $comment: z.string().optional(),
  short: workplaceLists,
  description: workplaceLists,
});
export type WorkplacePhrases = z.output<typeof workplaceSchema>;

export const boardCategoriesSchema = z.object({
  $comment: z.string().optional(),
  wanted: z.record(z.string().regex(/^\d+$/), z.string().min(1)),
});
export type BoardCategoryNames = z.output<typeof boardCategoriesSchema>;

export const companyAliasesSchema = z.object({
  $comment: z.string().optional(),
  companies: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).min(1) })),
});
export type CompanyAliases = z.output<typeof companyAliasesSchema>;

function loadJson<T extends z.ZodTypeAny>(file: string, schema: T): z.output<T> {
  const full = path.join(dataDir, file);
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(full, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${full}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

let cache:
  | {
      headings: SectionHeadings;
      places: Places;
      workplace: WorkplacePhrases;
      categories: BoardCategoryNames;
      companies: CompanyAliases;
    }
  | undefined;

export function refineData() {
  cache ??= {
    headings: loadJson('section-headings.json', sectionHeadingsSchema),
    places: loadJson('places.json', placesSchema),
    workplace: loadJson('workplace.json', workplaceSchema),
    categories: loadJson('board-categories.json', boardCategoriesSchema),
    companies: loadJson('company-aliases.json', companyAliasesSchema),
  };
  return cache;
}
