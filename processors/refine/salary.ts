// Salary: from a board field ('3,000~3,500만원', a pay range object) or found in the description
// ('연봉 4,000만원 ~ 6,000만원', '$120k–$150k', '$50/hr'). Amounts are in whole currency units.
import type { Salary, SalaryPeriod } from './types';
import type { Sections } from './sections';

export interface SalaryRange {
  min: number | null;
  max: number | null;
  currency: string;
  period: SalaryPeriod;
  /** The part of the input the salary was read from. */
  match: string;
}

// ---- Korean: 만원 / 억 amounts ----

const KR_UNITS: Record<string, number> = { 억: 1e8, 천만: 1e7, 백만: 1e6, 만: 1e4, 천: 1e3 };
const KR_AMOUNT = String.raw`(?:\d[\d,]*(?:\.\d+)?\s*(?:억|천만|백만|만|천)?\s*)+원?`;
const KR_SALARY = new RegExp(
  String.raw`(연봉|초봉|월급|월\s*급여|월|시급|일급|급여|보수|임금)?\s*[:：]?\s*(?:약\s*)?(${KR_AMOUNT})\s*(?:(?:~|-|–|부터|에서)\s*(${KR_AMOUNT}))?\s*(이상|이하|까지|수준)?`,
  'g',
);
const KR_NEGOTIABLE = /면접\s*후\s*결정|회사\s*내규|내규에\s*따|협의|추후\s*협상/;

/** '4,000만원' → 40000000, '1억 2천만원' → 120000000, '3000' → {value: 3000, unit: false}. */
function parseKrAmount(s: string): { value: number; unit: boolean } | null {
  let total = 0;
  let unit = /원/.test(s);
  let sawYeok = false;
  let any = false;
  for (const m of s.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(억|천만|백만|만|천)?/g)) {
    const n = Number(m[1]!.replace(/,/g, ''));
    if (!Number.isFinite(n)) return null;
    any = true;
    let u = m[2];
    if (u === '천' && sawYeok) u = '천만'; // '1억 2천' = 1억 2천만
    if (u === '억') sawYeok = true;
    if (u) unit = true;
    total += u ? n * KR_UNITS[u]! : sawYeok ? n * 1e4 : n; // '1억 2000' = 1억 2000만
  }
  return any ? { value: total, unit } : null;
}

function krPeriod(keyword: string | undefined, value: number): SalaryPeriod {
  if (keyword && /연봉|초봉/.test(keyword)) return 'YEAR';
  if (keyword && /월/.test(keyword)) return 'MONTH';
  if (keyword && /시급/.test(keyword)) return 'HOUR';
  if (value >= 1e7) return 'YEAR';
  if (value >= 5e5) return 'MONTH';
  return 'HOUR';
}

function parseKorean(text: string, requireKeyword: boolean): SalaryRange | null {
  KR_SALARY.lastIndex = 0;
  for (const m of text.matchAll(KR_SALARY)) {
    const [whole, keyword, a, b, bound] = m;
    if (requireKeyword && !keyword) continue;
    const first = parseKrAmount(a!);
    const second = b ? parseKrAmount(b) : null;
    if (!first) continue;
    // '3000~4000만원': the unit written once applies to both ends.
    let lo = first.value;
    let hi = second?.value ?? null;
    const unitWritten = first.unit || (second?.unit ?? false);
    if (!unitWritten) continue;
    if (second && !first.unit && second.unit) {
      const unitOfSecond = /억/.test(b!) ? 1e8 : /천만/.test(b!) ? 1e7 : /만/.test(b!) ? 1e4 : 1;
      lo = first.value * unitOfSecond;
    }
    if (hi !== null && hi < lo) [lo, hi] = [hi, lo];
    if (lo < 1000) continue; // '3년' or a count, not money
    const min = bound === '이하' || bound === '까지' ? null : lo;
    const max = hi ?? (bound === '이하' || bound === '까지' ? lo : bound === '이상' ? null : lo);
    return { min, max, currency: 'KRW', period: krPeriod(keyword, hi ?? lo), match: whole.trim() };
  }
  return null;
}

// ---- Currency symbols and codes ----

const CURRENCIES: Array<[RegExp, string]> = [
  [/^(?:US\$|USD)$/i, 'USD'],
  [/^(?:CA\$|C\$|CAD)$/i, 'CAD'],
  [/^(?:A\$|AUD)$/i, 'AUD'],
  [/^(?:S\$|SGD)$/i, 'SGD'],
  [/^\$$/, 'USD'],
  [/^(?:€|EUR)$/i, 'EUR'],
  [/^(?:£|GBP)$/i, 'GBP'],
  [/^(?:₩|KRW)$/i, 'KRW'],
  [/^(?:¥|JPY)$/i, 'JPY'],
  [/^(?:CHF)$/i, 'CHF'],
  [/^(?:PLN|zł)$/i, 'PLN'],
  [/^(?:INR|₹)$/i, 'INR'],
];
const CUR = String.raw`(US\$|CA\$|C\$|A\$|S\$|\$|€|£|₩|¥|₹|USD|EUR|GBP|KRW|CAD|AUD|SGD|JPY|CHF|PLN|INR)`;
const AMT = String.raw`(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*([kK](?![a-zA-Z])|[mM](?:n|illion)?(?![a-zA-Z])|[bB](?:n|illion)?(?![a-zA-Z]))?`;
const PERIOD = String.raw`(?:\s*(?:/|per|an?|each)\s*(hour|hr|h|year|yr|annum|month|mo|week|wk)\b|\s+(hourly|annually|yearly|monthly|weekly|annual))?`;
const MONEY = new RegExp(
  String.raw`${CUR}\s*${AMT}(?:\s*(?:-|–|—|to|and)\s*(?:${CUR})?\s*${AMT})?\s*(USD|EUR|GBP|CAD|AUD)?${PERIOD}`,
  'g',
);

function currencyOf(symbol: string): string {
  for (const [re, code] of CURRENCIES) if (re.test(symbol.trim())) return code;
  return 'USD';
}

function scaled(n: string, suffix: string | undefined): number {
  const v = Number(n.replace(/,/g, ''));
  if (!suffix) return v;
  return /k/i.test(suffix) ? v * 1e3 : NaN; // millions and billions are funding or revenue, not pay
}

function periodOf(word: string | undefined, value: number): SalaryPeriod | 'WEEK' {
  const w = (word ?? '').toLowerCase();
  if (/^(hour|hr|h|hourly)$/.test(w)) return 'HOUR';
  if (/^(month|mo|monthly)$/.test(w)) return 'MONTH';
  if (/^(week|wk|weekly)$/.test(w)) return 'WEEK';
  if (/^(year|yr|annum|annually|yearly|annual)$/.test(w)) return 'YEAR';
  if (value < 300) return 'HOUR';
  if (value < 15000) return 'MONTH';
  return 'YEAR';
}

function parseMoney(text: string): SalaryRange | null {
  MONEY.lastIndex = 0;
  for (const m of text.matchAll(MONEY)) {
    const [whole, cur1, a, aSuffix, cur2, b, bSuffix, codeAfter, periodWord1, periodWord2] = m;
    const currency = currencyOf(codeAfter ?? cur1 ?? cur2 ?? '$');
    let lo = scaled(a!, aSuffix);
    let hi = b ? scaled(b, bSuffix) : null;
    // '$120-150k': the multiplier written once applies to both ends.
    if (hi !== null && !aSuffix && bSuffix && lo < 1000) lo = scaled(a!, bSuffix);
    if (hi !== null && hi < lo) [lo, hi] = [hi, lo];
    if (!Number.isFinite(lo) || lo <= 0 || (hi !== null && !Number.isFinite(hi))) continue;
    let period = periodOf(periodWord1 ?? periodWord2, hi ?? lo);
    if (period === 'WEEK') {
      lo *= 52;
      hi = hi === null ? null : hi * 52;
      period = 'YEAR';
    }
    return { min: lo, max: hi ?? lo, currency, period, match: whole.trim() };
  }
  return null;
}

/**
 * Reads a salary from a short phrase such as a board's salary field. Phrases that say it is negotiable
 * ('면접 후 결정', '회사내규에 따름') give null.
 */
export function parseSalaryPhrase(phrase: string | null | undefined): SalaryRange | null {
  if (!phrase) return null;
  const s = phrase.normalize('NFKC');
  if (KR_NEGOTIABLE.test(s) && !/\d/.test(s)) return null;
  return parseMoney(s) ?? parseKorean(s, false);
}

/** Words on a line that make a money amount a salary. */
const PAY_CUE =
  /salary|compensation|\bpay (?:range|rate|band|scale|is)|base pay|rate of pay|\bpay:|\bwages?\b|\bote\b|연봉|급여|월급|시급|초봉|보수|임금/i;
/** An amount written with its period ('$50/hr', '$130,000 - $150,000 a year', '$120k'). */
const EXPLICIT = /\/|\bper\b|\ban? (?:year|hour|month)|hourly|annually|yearly|monthly|\d\s*k\b/i;
/** Lines about money that is not pay: funding, revenue — never a salary. */
const NOT_PAY =
  /raised|funding|series [a-e]\b|valuation|revenue|\barr\b|investment|investor|transactions|투자|매출|자본금|시가총액|규모/i;
/** Lines about allowances and perks: a salary only when the line also says it is pay. */
const PERK = /allowance|stipend|reimburse|per employee|budget|bonus|grant|equity|401\s*\(?k|수당|지원금|포인트/i;

/**
 * Salary found by rules in the description: a money amount on a line that speaks about pay (or an amount with
 * an explicit period, '$34.62/hour'), never one about funding, revenue or an allowance.
 */
export function findSalary(title: string, sections: Sections): Salary | null {
  const texts = [
    title,
    sections.other,
    sections.benefits,
    sections.requirements,
    sections.intro,
    sections.responsibilities,
  ];
  for (const text of texts) {
    for (const rawLine of text.split('\n')) {
      if (!/\d/.test(rawLine) || NOT_PAY.test(rawLine)) continue;
      const line = rawLine.normalize('NFKC');
      const cue = PAY_CUE.test(line);
      if (!cue && PERK.test(line)) continue;
      const money = parseMoney(line);
      if (money && (cue || EXPLICIT.test(money.match))) {
        return { ...withoutMatch(money), raw: money.match, method: 'RULES' };
      }
      const kr = parseKorean(line, true);
      if (kr && !KR_NEGOTIABLE.test(kr.match)) return { ...withoutMatch(kr), raw: kr.match, method: 'RULES' };
    }
  }
  return null;
}

function withoutMatch(r: SalaryRange): Omit<Salary, 'raw' | 'method'> {
  return { min: r.min, max: r.max, currency: r.currency, period: r.period };
}

/** A salary from numbers a board gives in a field (already in whole units), or null when both are missing/zero. */
export function salaryFromNumbers(
  min: unknown,
  max: unknown,
  currency: string,
  period: SalaryPeriod,
  raw: string | null = null,
): Salary | null {
  const lo = typeof min === 'number' && Number.isFinite(min) && min > 0 ? min : null;
  const hi = typeof max === 'number' && Number.isFinite(max) && max > 0 ? max : null;
  if (lo === null && hi === null) return null;
  return {
    min: lo,
    max: hi,
    currency,
    period,
    raw: raw ?? [lo, hi].filter((v) => v !== null).join('-'),
    method: 'BOARD_FIELD',
  };
}
