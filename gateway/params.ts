// Parameter schemas shared by the routes. Each names what it accepts so a 400 can say why.
import { z } from 'zod';
import { isCalendarDate } from './weeks';

export const FIELD_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const SKILL_ID = /^[A-Za-z0-9][A-Za-z0-9._+#-]{0,99}$/;
export const COMPANY_ID = /^[^\s/\\]{1,191}$/u;
export const BOARD_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const fieldId = z.string().regex(FIELD_ID, 'must be a job field id such as backend or data-engineering');
export const skillId = z.string().regex(SKILL_ID, 'must be a skill id such as react or spring-boot');
export const boardId = z.string().regex(BOARD_ID, 'must be a board id such as wanted or greenhouse');

/** An integer query parameter within [min, max] (query values are strings). */
export function intParam(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,9}$/, 'must be an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A comma-separated list of ids (no duplicates), e.g. have=react,typescript. */
export function idList(item: z.ZodString, min: number, max: number, what: string) {
  return z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    )
    .pipe(
      z
        .array(item)
        .min(min, `must list at least ${min} ${what}`)
        .max(max, `must list at most ${max} ${what}`)
        .refine((a) => new Set(a).size === a.length, 'must not repeat an id'),
    );
}

export const SENIORITY = ['INTERN', 'JUNIOR', 'MID', 'SENIOR', 'LEAD', 'UNKNOWN'] as const;
export type Seniority = (typeof SENIORITY)[number];

/** seniority=junior or JUNIOR,MID (case-insensitive). */
export const seniorityList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim().toUpperCase())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.enum(SENIORITY, { message: `must be one of ${SENIORITY.join(', ')} (comma separated)` }))
      .min(1)
      .max(6),
  );

export const statusParam = z.enum(['open', 'all'], { message: 'must be open or all' });

/** Free text for region / city / country filters. */
export const regionParam = z.string().trim().min(1).max(128);

export type Period = { kind: 'all' } | { kind: 'last'; weeks: number } | { kind: 'range'; from: string; to: string };

const PERIOD_HELP = "must be 'all', a number of weeks like '12w', months like '6m', or 'YYYY-MM-DD..YYYY-MM-DD'";

/**
 * period: 'all' (default), 'Nw' (last N weeks, 1..520), 'Nm' (last N months = N*4.35 weeks, 1..120), or an
 * inclusive date range 'YYYY-MM-DD..YYYY-MM-DD' (either side may be empty).
 */
export const periodParam = z.string().transform((s, ctx): Period => {
  const v = s.trim().toLowerCase();
  if (v === 'all') return { kind: 'all' };
  const rel = /^(\d{1,4})([wm])$/.exec(v);
  if (rel) {
    const n = Number(rel[1]);
    const weeks = rel[2] === 'w' ? n : Math.round(n * 4.35);
    if (n < 1 || weeks > 520) {
      ctx.addIssue({ code: 'custom', message: 'must cover 1 week to 10 years' });
      return z.NEVER;
    }
    return { kind: 'last', weeks };
  }
  const range = /^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$/.exec(v);
  if (range && (range[1] || range[2])) {
    const from = range[1] ?? '0001-01-01';
    const to = range[2] ?? '9999-12-31';
    for (const d of [range[1], range[2]]) {
      if (d && !isCalendarDate(d)) {
        ctx.addIssue({ code: 'custom', message: `${d} is not a calendar date` });
        return z.NEVER;
      }
    }
    if (from > to) {
      ctx.addIssue({ code: 'custom', message: 'range starts after it ends' });
      return z.NEVER;
    }
    return { kind: 'range', from, to };
  }
  ctx.addIssue({ code: 'custom', message: PERIOD_HELP });
  return z.NEVER;
});

export const formatParam = z.enum(['json', 'csv'], { message: 'must be json or csv' });
