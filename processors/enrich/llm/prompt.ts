// What the enrich stage asks the LLM, the JSON schema its answer must follow, and how the answer is checked.
// Only the questions the rules could not answer are asked, all in one call per posting. Any change to the wording,
// the schema or the checks must bump PROMPT_VERSION: it is part of every cache key.
import { z } from 'zod';
import type { JsonSchema } from './client';

export const PROMPT_VERSION = 'enrich-fill-in/1';

/** Longest posting text sent (characters); the rest is cut to bound tokens. */
export const MAX_POSTING_CHARS = 6000;

export interface JobFieldChoice {
  id: string;
  name: string;
  nameKo: string;
}

export interface FillInRequest {
  posting: {
    title: string;
    company: string;
    boardCategories: string[];
    /** Section name → clean text, in the order they should be read. */
    sections: Array<[string, string]>;
  };
  /** Ask for the job field (rules were not confident): the allowed answers. */
  jobField?: JobFieldChoice[];
  /** Ask for the years of experience (rules found none). */
  experience?: boolean;
  /** Ask for the salary (rules found none). */
  salary?: boolean;
  /** Ask which of these tech-looking terms unknown to the taxonomy are technologies. */
  terms?: string[];
}

export interface ExperienceAnswer {
  minYears: number | null;
  maxYears: number | null;
  newcomerOk: boolean;
  evidence: string | null;
}

export interface SalaryAnswer {
  min: number | null;
  max: number | null;
  currency: string;
  period: 'YEAR' | 'MONTH' | 'HOUR';
  evidence: string | null;
}

/** A checked answer: a field is present only when it was asked and its answer passed the checks. */
export interface FillInAnswer {
  jobField?: { id: string; confidence: number };
  /** null: the posting does not say. */
  experience?: ExperienceAnswer | null;
  salary?: SalaryAnswer | null;
  /** Asked terms the LLM says are technologies. */
  technologies?: string[];
}

export type FillInField = 'jobField' | 'experience' | 'salary' | 'terms';

export function askedFields(req: FillInRequest): FillInField[] {
  const out: FillInField[] = [];
  if (req.jobField && req.jobField.length > 0) out.push('jobField');
  if (req.experience) out.push('experience');
  if (req.salary) out.push('salary');
  if (req.terms && req.terms.length > 0) out.push('terms');
  return out;
}

export function buildPrompt(req: FillInRequest): string {
  const q: string[] = [];
  if (req.jobField?.length) {
    const choices = req.jobField.map((c) => `${c.id} (${c.name} / ${c.nameKo})`).join(', ');
    q.push(
      `- jobField: the one job field this posting hires for, as its id, one of: ${choices}; ` +
        'and your confidence from 0 to 1.',
    );
  }
  if (req.experience) {
    q.push(
      '- experience: the professional experience required, in whole years: minYears and maxYears (null when not ' +
        'bounded), newcomerOk (true when new graduates / 신입 are accepted), and evidence (the phrase you read it ' +
        'from, copied exactly). Answer null when the posting does not say.',
    );
  }
  if (req.salary) {
    q.push(
      '- salary: the pay offered: min and max as plain numbers in the currency unit (convert 만원 to won: ' +
        '5000만원 = 50000000), currency (ISO 4217 code), period (YEAR, MONTH or HOUR) and evidence (the phrase, copied ' +
        'exactly). Answer null when the posting gives no figure ("회사 내규에 따름", "competitive" are not figures).',
    );
  }
  if (req.terms?.length) {
    q.push(
      '- terms: for each of these terms, whether it names a software technology (a programming language, ' +
        'framework, library, database, cloud service, developer tool or protocol): ' +
        req.terms.map((t) => JSON.stringify(t)).join(', ') +
        '.',
    );
  }
  let text = '';
  for (const [name, body] of req.posting.sections) {
    if (!body.trim()) continue;
    const part = `[${name}]\n${body.trim()}\n`;
    if (text.length + part.length > MAX_POSTING_CHARS) {
      text += part.slice(0, Math.max(0, MAX_POSTING_CHARS - text.length));
      break;
    }
    text += part;
  }
  return [
    'You read one job posting (Korean or English) and answer only the questions below, as JSON following the',
    'response schema. Use only what the posting says; never guess.',
    '',
    'Questions:',
    ...q,
    '',
    'Posting:',
    `Title: ${req.posting.title}`,
    `Company: ${req.posting.company}`,
    req.posting.boardCategories.length ? `Board categories: ${req.posting.boardCategories.join(', ')}` : '',
    text,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

export function responseSchema(req: FillInRequest): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  if (req.jobField?.length) {
    properties.jobField = {
      type: 'object',
      properties: {
        id: { type: 'string', enum: req.jobField.map((c) => c.id) },
        confidence: { type: 'number' },
      },
      required: ['id', 'confidence'],
    };
    required.push('jobField');
  }
  if (req.experience) {
    properties.experience = {
      type: 'object',
      nullable: true,
      properties: {
        minYears: { type: 'integer', nullable: true },
        maxYears: { type: 'integer', nullable: true },
        newcomerOk: { type: 'boolean' },
        evidence: { type: 'string', nullable: true },
      },
      required: ['minYears', 'maxYears', 'newcomerOk', 'evidence'],
    };
    required.push('experience');
  }
  if (req.salary) {
    properties.salary = {
      type: 'object',
      nullable: true,
      properties: {
        min: { type: 'number', nullable: true },
        max: { type: 'number', nullable: true },
        currency: { type: 'string' },
        period: { type: 'string', enum: ['YEAR', 'MONTH', 'HOUR'] },
        evidence: { type: 'string', nullable: true },
      },
      required: ['min', 'max', 'currency', 'period', 'evidence'],
    };
    required.push('salary');
  }
  if (req.terms?.length) {
    properties.terms = {
      type: 'array',
      items: {
        type: 'object',
        properties: { term: { type: 'string' }, isTechnology: { type: 'boolean' } },
        required: ['term', 'isTechnology'],
      },
    };
    required.push('terms');
  }
  return { type: 'object', properties, required };
}

const evidence = z.string().max(300).nullable();

const experienceAnswer = z
  .object({
    minYears: z.number().int().min(0).max(40).nullable(),
    maxYears: z.number().int().min(0).max(50).nullable(),
    newcomerOk: z.boolean(),
    evidence,
  })
  .refine((e) => e.minYears === null || e.maxYears === null || e.minYears <= e.maxYears, 'minYears > maxYears')
  .nullable();

const salaryAnswer = z
  .object({
    min: z.number().positive().max(1e10).nullable(),
    max: z.number().positive().max(1e10).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    period: z.enum(['YEAR', 'MONTH', 'HOUR']),
    evidence,
  })
  .refine((s) => s.min !== null || s.max !== null, 'no amount')
  .refine((s) => s.min === null || s.max === null || s.min <= s.max, 'min > max')
  .nullable();

const termsAnswer = z.array(z.object({ term: z.string(), isTechnology: z.boolean() })).max(200);

/**
 * Checks each asked field of a raw answer on its own: a field that fails its check is left out (and named in
 * `invalid`), the others are kept. A field that was not asked is ignored.
 */
export function parseAnswer(json: unknown, req: FillInRequest): { answer: FillInAnswer; invalid: FillInField[] } {
  const answer: FillInAnswer = {};
  const invalid: FillInField[] = [];
  const asked = askedFields(req);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { answer, invalid: asked };
  }
  const raw = json as Record<string, unknown>;
  if (asked.includes('jobField')) {
    const ids = new Set(req.jobField!.map((c) => c.id));
    const r = z
      .object({ id: z.string().refine((id) => ids.has(id), 'not a job field'), confidence: z.number().min(0).max(1) })
      .safeParse(raw.jobField);
    if (r.success) answer.jobField = r.data;
    else invalid.push('jobField');
  }
  if (asked.includes('experience')) {
    const r = experienceAnswer.safeParse(raw.experience ?? null);
    if (r.success) {
      const e = r.data;
      answer.experience = e && (e.minYears !== null || e.maxYears !== null || e.newcomerOk) ? e : null;
    } else invalid.push('experience');
  }
  if (asked.includes('salary')) {
    const r = salaryAnswer.safeParse(raw.salary ?? null);
    if (r.success) answer.salary = r.data;
    else invalid.push('salary');
  }
  if (asked.includes('terms')) {
    const r = termsAnswer.safeParse(raw.terms);
    const wanted = new Map(req.terms!.map((t) => [t.toLowerCase(), t]));
    if (r.success && r.data.every((t) => wanted.has(t.term.toLowerCase()))) {
      answer.technologies = r.data.filter((t) => t.isTechnology).map((t) => wanted.get(t.term.toLowerCase())!);
    } else invalid.push('terms');
  }
  return { answer, invalid };
}
