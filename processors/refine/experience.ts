// Years of experience asked for: from a board field ('경력 3년 이상', '신입·경력 3년 ↓', '3-7', '경력무관') or found in
// the description ('3+ years of experience', '5년 이상의 백엔드 개발 경험'). Ranges are whole years.
import type { Experience } from './types';
import type { Sections } from './sections';

export interface YearsRange {
  minYears: number | null;
  maxYears: number | null;
  newcomerOk: boolean;
  /** The part of the input the range was read from. */
  match: string;
}

/** Above this a number is not a count of years (Wanted writes annual_to 100 for "no upper bound"). */
export const MAX_PLAUSIBLE_YEARS = 40;

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fifteen: 15,
};

const Y = String.raw`(?:년|yrs?\b|years?\b)`;
const N = String.raw`(?<![\d.,])(\d{1,2})(?![\d.,]\d)`;
const DASH = String.raw`(?:~|-|–|—|to|에서)`;

const RANGE = new RegExp(String.raw`${N}\s*(?:${Y}|년차)?\s*${DASH}\s*${N}\s*\+?\s*(?:${Y}|년차)`, 'i');
const RANGE_BARE = new RegExp(String.raw`^\s*${N}\s*${DASH}\s*${N}\s*$`, 'i');
const MIN_AFTER = new RegExp(
  String.raw`${N}\s*(?:${Y}|년차)?\s*(?:이상|↑|\+|or more|or above|at minimum)(?:\s*${Y})?|${N}\s*(?:년차|${Y})\s*(?:이상)?`,
  'i',
);
const MIN_BEFORE = new RegExp(String.raw`(?:at least|minimum(?: of)?|min\.?|over|more than)\s*${N}\s*\+?\s*${Y}`, 'i');
const MAX_AFTER = new RegExp(String.raw`${N}\s*(?:${Y}|년차)?\s*(?:이하|미만|↓|or less|or fewer)`, 'i');
const MAX_BEFORE = new RegExp(String.raw`(?:up to|less than|under|no more than|maximum(?: of)?)\s*${N}\s*${Y}`, 'i');
const NEWCOMER =
  /신입|entry[\s-]?level|new[\s-]?grad|recent graduates?|no (?:prior )?experience (?:is )?(?:required|needed)|경력\s*무관|^\s*무관|무관\s*\(신입/i;
const EXPERIENCED = /경력|experienced|experience/i;

function plausible(n: number | null): number | null {
  return n === null || n > MAX_PLAUSIBLE_YEARS ? null : n;
}

function wordNumbersToDigits(s: string): string {
  return s
    .replace(/\b([a-z]+)\s*\((\d{1,2})\)/gi, (m, w: string, d: string) => (WORD_NUMBERS[w.toLowerCase()] ? d : m))
    .replace(
      /\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)\b(?=\s*\+?\s*(?:-|to)?\s*\w*\s*(?:years?|yrs?))/gi,
      (w) => String(WORD_NUMBERS[w.toLowerCase()]),
    );
}

/**
 * Reads a range of years from a short phrase. `bare` accepts numbers without a unit ('3-7', a board's career field).
 * Returns null when the phrase says nothing about experience.
 */
export function parseExperiencePhrase(
  phrase: string | null | undefined,
  opts: { bare?: boolean } = {},
): YearsRange | null {
  if (!phrase) return null;
  const s = wordNumbersToDigits(phrase.normalize('NFKC'));
  const newcomer = NEWCOMER.test(s);
  let min: number | null = null;
  let max: number | null = null;
  let match = '';
  let m: RegExpExecArray | null;
  if ((m = RANGE.exec(s)) || (opts.bare && (m = RANGE_BARE.exec(s)))) {
    min = Number(m[1]);
    max = Number(m[2]);
    match = m[0];
    if (min > max) [min, max] = [max, min];
  } else {
    if ((m = MAX_AFTER.exec(s)) || (m = MAX_BEFORE.exec(s))) {
      max = Number(m[1]);
      match = m[0];
    } else if ((m = MIN_BEFORE.exec(s)) || (m = MIN_AFTER.exec(s))) {
      min = Number(m[1] ?? m[2]);
      match = m[0];
    } else if (opts.bare && (m = /^\s*(\d{1,2})\s*$/.exec(s))) {
      min = Number(m[1]);
      match = m[0];
    }
  }
  min = plausible(min);
  max = plausible(max);
  if (min === null && max === null && match !== '' && !newcomer) return null;
  if (newcomer) {
    const onlyNewcomer = /신입/.test(s) && !/경력|무관|experience/i.test(s) && min === null && max === null;
    return {
      minYears: 0,
      maxYears: onlyNewcomer ? 0 : max,
      newcomerOk: true,
      match: match || (NEWCOMER.exec(s)?.[0] ?? s),
    };
  }
  if (min === null && max === null) {
    return EXPERIENCED.test(s) && opts.bare
      ? { minYears: null, maxYears: null, newcomerOk: false, match: s.trim() }
      : null;
  }
  return { minYears: min, maxYears: max, newcomerOk: min === 0, match: match.trim() };
}

/** Words near a number of years that make it a requirement of experience. */
const CUE =
  /경력|경험|년차|실무|experience|\bexp\b|professional|industry|hands-on|\bin (?:a |an )?(?:similar|related)/i;

function scanLines(text: string, needCue: boolean): YearsRange | null {
  for (const rawLine of text.split('\n')) {
    const line = wordNumbersToDigits(rawLine);
    if (!/\d|신입|entry[\s-]?level|new[\s-]?grad|경력\s*무관/i.test(line)) continue;
    if (needCue && !CUE.test(line)) continue;
    const r = parseExperiencePhrase(line);
    if (r && (r.minYears !== null || r.maxYears !== null || r.newcomerOk)) return r;
  }
  return null;
}

/**
 * Experience found by rules in the posting's own words: the requirements first (a bare '5년 이상' there is about
 * experience), then the title ('신입', '3년 이상'), then responsibilities and other sections (with an experience cue
 * on the line). The intro is skipped (it speaks about the company: '20 years of experience serving…'), and so is
 * 'preferred' ('2+ years of Kafka is a plus' is not the bar).
 */
export function findExperience(title: string, sections: Sections): Experience | null {
  const found =
    scanLines(sections.requirements, false) ??
    scanLines(title, false) ??
    scanLines(sections.responsibilities, true) ??
    scanLines(sections.other, true);
  if (!found) return null;
  return {
    minYears: found.minYears,
    maxYears: found.maxYears,
    newcomerOk: found.newcomerOk,
    raw: found.match,
    method: 'RULES',
  };
}
