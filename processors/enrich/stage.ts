// The enrich stage (silver → gold): the rules decide skills (text + board tags), job field with a confidence,
// seniority and unknown tech-looking terms; the LLM fill-in is asked only for what the rules could not decide — a
// job field below LLM_JOB_FIELD_MIN_CONFIDENCE, experience or salary that refine did not find, unknown terms (are
// they technologies?) — and every field records how it was decided (RULES, BOARD_FIELD, BOARD_TAG, LLM, NONE).
// The stage never depends on the LLM to be correct: on any LLM failure, skip or timeout it emits the rules result.
import { z } from 'zod';
import type { Config } from '../../platform/config';
import { settingsFromEnv } from '../../platform/settings-env';
import { ValidationError } from '../../platform/errors';
import type { DecisionMethod, SilverPosting } from '../refine/types';
import type { StageDefinition } from '../runner';
import { createLlmFillIn, type FillInResult, type LlmFillIn } from './llm/fill-in';
import type { FillInAnswer, FillInRequest } from './llm/prompt';
import { createRulesEnricher, type RulesEnricher, type RulesOutput } from './rules';
import { classifySeniority, seniorityFromTitle } from './seniority';
import type { GoldPosting } from './types';

export const spec = {
  name: 'enrich',
  summary:
    'Silver → gold: skills with evidence (taxonomy + board tags), job field with a confidence, seniority, unknown ' +
    'terms for review; the LLM (Gemini, when GEMINI_API_KEY is set) fills only what the rules could not decide.',
  settings: z.object({
    jobFieldMinConfidence: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .describe('LLM_JOB_FIELD_MIN_CONFIDENCE: a job field decided with less confidence is asked to the LLM.'),
    maxTermsAsked: z.coerce
      .number()
      .int()
      .min(0)
      .default(20)
      .describe('Unknown terms asked about per posting (the rest stay for review as they are).'),
    llmConcurrency: z.coerce
      .number()
      .int()
      .positive()
      .default(8)
      .describe(
        'LLM calls in flight at once, and postings of one batch enriched at once while the LLM is on (their calls overlap).',
      ),
  }),
};

export type EnrichSettings = z.output<typeof spec.settings>;

/** Settings from ENRICH_* variables (ENRICH_LLM_CONCURRENCY, ...), over LLM_JOB_FIELD_MIN_CONFIDENCE of the config. */
export function enrichSettingsFromEnv(
  config: Pick<Config, 'llmJobFieldMinConfidence'>,
  env: NodeJS.ProcessEnv = process.env,
): EnrichSettings {
  return settingsFromEnv('enrich', spec.settings, 'ENRICH', env, {
    defaults: { jobFieldMinConfidence: config.llmJobFieldMinConfidence },
  });
}

export interface EnrichContext {
  rules: RulesEnricher;
  /** null: rules only. */
  llm: LlmFillIn | null;
  settings: EnrichSettings;
  now: () => number;
}

/** Section order for the LLM: where requirements, years and pay are most likely written first. */
const promptSectionOrder = ['requirements', 'responsibilities', 'preferred', 'other', 'benefits', 'intro'] as const;

/** Throws ValidationError when a silver record holds values no real posting can have. */
export function validateSilver(p: SilverPosting): void {
  const problems: string[] = [];
  const years = (v: number | null) => v === null || (Number.isInteger(v) && v >= 0 && v <= 60);
  const time = (v: number | null) => v === null || (Number.isFinite(v) && v >= 0);
  if (!p.postingId.trim()) problems.push('postingId is empty');
  if (!(p.version >= 0)) problems.push(`version ${p.version} is negative`);
  if (p.sources.length === 0) problems.push('no sources');
  if (!years(p.experience.minYears) || !years(p.experience.maxYears)) {
    problems.push(`experience years out of range (${p.experience.minYears}..${p.experience.maxYears})`);
  } else if (
    p.experience.minYears !== null &&
    p.experience.maxYears !== null &&
    p.experience.minYears > p.experience.maxYears
  ) {
    problems.push(`experience minYears ${p.experience.minYears} > maxYears ${p.experience.maxYears}`);
  }
  if (p.salary) {
    const { min, max, currency } = p.salary;
    if ((min !== null && !(min >= 0)) || (max !== null && !(max >= 0))) problems.push('salary is negative');
    if (min !== null && max !== null && min > max) problems.push(`salary min ${min} > max ${max}`);
    if (!/^[A-Z]{3}$/.test(currency)) problems.push(`salary currency '${currency}' is not an ISO 4217 code`);
  }
  if (!time(p.postedAt) || !time(p.deadline) || !time(p.refinedAt)) problems.push('a timestamp is negative');
  if (!p.language.trim()) problems.push('language is empty');
  if (problems.length > 0)
    throw new ValidationError(`impossible silver posting ${p.postingId}: ${problems.join('; ')}`);
}

/** What to ask the LLM for this posting, given the rules result (undefined: nothing). */
export function fillInRequest(
  silver: SilverPosting,
  rules: RulesOutput,
  ctx: Pick<EnrichContext, 'rules' | 'settings'>,
): FillInRequest | undefined {
  const req: FillInRequest = {
    posting: {
      title: silver.title,
      company: silver.company.name,
      boardCategories: silver.boardCategories,
      sections: promptSectionOrder.map((s) => [s, silver.sections[s]] as [string, string]),
    },
  };
  if (rules.jobField.confidence < ctx.settings.jobFieldMinConfidence) {
    req.jobField = ctx.rules.taxonomy.jobFields.map((f) => ({ id: f.id, name: f.name, nameKo: f.nameKo }));
  }
  if (silver.experience.method === 'NONE') req.experience = true;
  if (silver.salary === null) req.salary = true;
  const terms = rules.unknownTerms.slice(0, ctx.settings.maxTermsAsked);
  if (terms.length > 0) req.terms = terms;
  return req.jobField || req.experience || req.salary || req.terms ? req : undefined;
}

/** One silver posting → its gold record. Throws ValidationError for impossible input (the runner dead-letters it). */
export async function enrichPosting(silver: SilverPosting, ctx: EnrichContext): Promise<GoldPosting> {
  validateSilver(silver);
  const rules = ctx.rules.enrich({
    title: silver.title,
    sections: silver.sections,
    boardTags: silver.boardTags,
    boardCategories: silver.boardCategories,
    experience: silver.experience.method === 'NONE' ? null : silver.experience,
  });
  const gold: GoldPosting = {
    posting: silver,
    skills: rules.skills,
    jobField: { ...rules.jobField },
    seniority: { ...rules.seniority },
    unknownTerms: rules.unknownTerms,
    taxonomyVersion: rules.taxonomyVersion,
    llm: { used: false, fields: [], promptVersion: null, cached: false },
    enrichedAt: ctx.now(),
  };
  const req = ctx.llm?.enabled ? fillInRequest(silver, rules, ctx) : undefined;
  if (!req || !ctx.llm) return gold;
  const result = await ctx.llm.ask(req);
  if (result.answer) applyAnswer(gold, result.answer, result, ctx);
  return gold;
}

function applyAnswer(gold: GoldPosting, answer: FillInAnswer, result: FillInResult, ctx: EnrichContext): void {
  const fields: string[] = [];
  const silver = gold.posting;
  let posting = silver;
  if (answer.jobField) {
    const def = ctx.rules.taxonomy.jobFieldById.get(answer.jobField.id);
    if (def) {
      gold.jobField = {
        id: def.id,
        name: def.name,
        nameKo: def.nameKo,
        confidence: answer.jobField.confidence,
        method: 'LLM',
      };
      fields.push('jobField');
    }
  }
  if (answer.experience) {
    const e = answer.experience;
    posting = {
      ...posting,
      experience: {
        minYears: e.minYears,
        maxYears: e.maxYears,
        newcomerOk: e.newcomerOk,
        raw: e.evidence,
        method: 'LLM',
      },
    };
    fields.push('experience');
    // Seniority follows the years when the title does not say it.
    if (seniorityFromTitle(silver.title) === 'UNKNOWN') {
      const s = classifySeniority(posting.experience, silver.title);
      gold.seniority = { level: s.level, method: s.level === 'UNKNOWN' ? 'NONE' : ('LLM' satisfies DecisionMethod) };
      if (s.level !== 'UNKNOWN') fields.push('seniority');
    }
  }
  if (answer.salary) {
    const s = answer.salary;
    posting = {
      ...posting,
      salary: { min: s.min, max: s.max, currency: s.currency, period: s.period, raw: s.evidence, method: 'LLM' },
    };
    fields.push('salary');
  }
  if (answer.technologies) {
    const asked = new Set(gold.unknownTerms.slice(0, ctx.settings.maxTermsAsked));
    // Asked terms the LLM says are not technologies are dropped; terms beyond the asked ones stay for review.
    gold.unknownTerms = [...answer.technologies, ...gold.unknownTerms.filter((t) => !asked.has(t))];
    fields.push('unknownTerms');
  }
  gold.posting = posting;
  if (fields.length > 0) gold.llm = { used: true, fields, promptVersion: result.promptVersion, cached: result.cached };
}

export interface EnrichStageOptions {
  rules?: RulesEnricher;
  /** undefined: from the configuration (Gemini when GEMINI_API_KEY is set); null: rules only. */
  llm?: LlmFillIn | null;
  settings?: Partial<z.input<typeof spec.settings>>;
  now?: () => number;
}

export interface EnrichStage {
  definition: StageDefinition<SilverPosting, GoldPosting>;
  context: EnrichContext;
}

export function createEnrichStage(config: Config, opts: EnrichStageOptions = {}): EnrichStage {
  const settings = spec.settings.parse({ jobFieldMinConfidence: config.llmJobFieldMinConfidence, ...opts.settings });
  const llm = opts.llm === undefined ? createLlmFillIn(config, { maxInFlight: settings.llmConcurrency }) : opts.llm;
  const context: EnrichContext = {
    rules: opts.rules ?? createRulesEnricher(),
    llm,
    settings,
    now: opts.now ?? Date.now,
  };
  return {
    context,
    definition: {
      name: 'enrich',
      input: 'silver',
      output: 'gold',
      // With the LLM on, postings of a batch are enriched at once so that their calls overlap.
      concurrency: llm?.enabled ? settings.llmConcurrency : 1,
      async process(silver) {
        return [{ key: silver.postingId, value: await enrichPosting(silver, context) }];
      },
    },
  };
}
