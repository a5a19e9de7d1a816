// Employment type from a board field ('regular', 'Full-time', 'fulltime', '정규직') or from text (first mention wins).
import type { EmploymentType } from './types';

const TERMS: Array<[RegExp, EmploymentType]> = [
  [/정규직|full[\s_-]?time|permanent|\bregular\b/i, 'FULL_TIME'],
  [/계약직|프리랜서|freelance|\bcontract(?:or)?\b|\bcontract[\s_-]to[\s_-]hire\b/i, 'CONTRACT'],
  [/아르바이트|파트타임|part[\s_-]?time/i, 'PART_TIME'],
  [/인턴|intern(?:ship)?\b/i, 'INTERN'],
  [/파견직|temporary|\btemp\b|seasonal/i, 'TEMPORARY'],
];

/** The employment type named in `text`; when several are named, the one written first. */
export function parseEmploymentType(text: string | null | undefined): EmploymentType | null {
  if (!text) return null;
  let best: { at: number; type: EmploymentType } | null = null;
  for (const [re, type] of TERMS) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.at)) best = { at: m.index, type };
  }
  return best?.type ?? null;
}
