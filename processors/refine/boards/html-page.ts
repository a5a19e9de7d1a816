// Reading job pages served as HTML (Saramin, JobKorea, Rocketpunch): the schema.org JobPosting most of them embed
// for search engines (JSON-LD), label/value pairs (<dt>/<dd>, <th>/<td>), meta tags and the description container.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { ValidationError } from '../../../platform/errors';
import { parseDate, parseDeadline, type DateOptions } from '../dates';
import { parseExperiencePhrase } from '../experience';
import { decodeEntities, HTML_PARSER, nodesToText } from '../html';
import { parseSalaryPhrase } from '../salary';
import { emptySections, splitSections, type Sections } from '../sections';
import type { EmploymentType, Experience, RemotePolicy, Salary, SalaryPeriod } from '../types';
import { arr, isObj, num, str, uniqueStrings, type Json } from './common';

export interface HtmlPage {
  $: CheerioAPI;
  /** The page's schema.org JobPosting, when it embeds one. */
  jobPosting: Json | null;
  /** Label → value of every dt/dd and th/td pair, labels without spaces. */
  labels: Map<string, string>;
}

function findJobPosting(v: unknown): Json | null {
  if (Array.isArray(v)) {
    for (const x of v) {
      const found = findJobPosting(x);
      if (found) return found;
    }
    return null;
  }
  if (!isObj(v)) return null;
  const type = v['@type'];
  if (type === 'JobPosting' || (Array.isArray(type) && type.includes('JobPosting'))) return v;
  return findJobPosting(v['@graph']);
}

/** Link texts pages put beside a value ('서울 구로구 <a>지도</a>'), not part of it. */
const WIDGET_TEXT = /^(?:지도|지도보기|상세보기|더보기|map|view map|more)$/i;

function isElement(n: AnyNode | undefined): n is Element {
  return n !== undefined && 'name' in n && 'children' in n;
}

function isWidget($: CheerioAPI, el: Element): boolean {
  return el.name === 'a' && WIDGET_TEXT.test($(el).text().trim());
}

function oneLine($: CheerioAPI, el: Element): string {
  return nodesToText(el.children, (child) => isWidget($, child))
    .replace(/\n/g, ' ')
    .trim();
}

export function readHtmlPage(body: string, what: string): HtmlPage {
  if (!/<(?:html|body|div|h1|dl|table|script)\b/i.test(body))
    throw new ValidationError(`${what}: body is not an HTML page`);
  const $ = load(body, HTML_PARSER);
  let jobPosting: Json | null = null;
  $('script[type="application/ld+json"]').each((_, el) => {
    if (jobPosting) return;
    try {
      jobPosting = findJobPosting(JSON.parse($(el).text()) as unknown);
    } catch {
      // A malformed JSON-LD block is the page's problem; the visible page is read instead.
    }
  });
  const labels = new Map<string, string>();
  const put = (k: string, v: string) => {
    const key = k.replace(/\s+/g, '');
    if (key !== '' && v !== '' && !labels.has(key)) labels.set(key, v);
  };
  $('dl').each((_, dl) => {
    $(dl)
      .children('dt')
      .each((__, dt) => {
        const dd = $(dt).nextAll('dd').first();
        const ddEl = dd.get(0);
        if (ddEl) put(oneLine($, dt), oneLine($, ddEl));
      });
  });
  $('tr').each((_, tr) => {
    const th = $(tr).children('th').get(0);
    const td = $(tr).children('td').get(0);
    if (th && td) put(oneLine($, th), oneLine($, td));
  });
  return { $, jobPosting, labels };
}

/** The first label present, by its names as the board writes them ('경력', '근무형태', ...). */
export function label(page: HtmlPage, ...names: string[]): string | null {
  for (const n of names) {
    const v = page.labels.get(n.replace(/\s+/g, ''));
    if (v) return v;
  }
  return null;
}

export function meta(page: HtmlPage, name: string): string | null {
  const v = page.$(`meta[name="${name}"], meta[property="${name}"]`).first().attr('content');
  return v && v.trim() !== '' ? v.trim() : null;
}

export function text(page: HtmlPage, selector: string): string | null {
  const el = page.$(selector).first().get(0);
  if (!isElement(el)) return null;
  const t = oneLine(page.$, el);
  return t === '' ? null : t;
}

/** Clean text of the first matching element, as a description (lines kept). */
export function blockText(page: HtmlPage, ...selectors: string[]): string | null {
  for (const s of selectors) {
    const el = page.$(s).first().get(0);
    if (!isElement(el)) continue;
    const t = nodesToText(el.children, (child) => isWidget(page.$, child));
    if (t !== '') return t;
  }
  return null;
}

// ---- schema.org JobPosting ----

const LD_EMPLOYMENT: Record<string, EmploymentType> = {
  FULL_TIME: 'FULL_TIME',
  PART_TIME: 'PART_TIME',
  CONTRACTOR: 'CONTRACT',
  CONTRACT: 'CONTRACT',
  TEMPORARY: 'TEMPORARY',
  INTERN: 'INTERN',
  OTHER: 'OTHER',
  PER_DIEM: 'TEMPORARY',
  VOLUNTEER: 'OTHER',
};

const LD_UNIT: Record<string, SalaryPeriod> = { HOUR: 'HOUR', MONTH: 'MONTH', YEAR: 'YEAR' };

export interface JobPostingFields {
  title: string | null;
  companyName: string | null;
  locationRaw: string | null;
  country: string | null;
  remote: RemotePolicy | undefined;
  employmentType: EmploymentType | null;
  experience: Experience | null;
  salary: Salary | null;
  postedAt: number | null;
  deadline: number | null;
  alwaysOpen: boolean;
  sections: Sections;
  skills: string[];
  categories: string[];
}

function ldText(v: unknown): string | null {
  const s = str(v);
  return s === null ? null : decodeEntities(s).trim();
}

export function jobPostingFields(jp: Json, dates: DateOptions): JobPostingFields {
  const org = isObj(jp.hiringOrganization) ? jp.hiringOrganization : {};
  const locations = Array.isArray(jp.jobLocation) ? jp.jobLocation : jp.jobLocation ? [jp.jobLocation] : [];
  let locationRaw: string | null = null;
  let country: string | null = null;
  for (const loc of locations) {
    if (!isObj(loc)) continue;
    const a = loc.address;
    if (typeof a === 'string') locationRaw ??= a;
    else if (isObj(a)) {
      locationRaw ??= uniqueStrings([a.addressRegion, a.addressLocality, a.streetAddress]).join(' ') || null;
      country ??= isObj(a.addressCountry) ? str(a.addressCountry.name) : str(a.addressCountry);
    }
  }
  const types = (Array.isArray(jp.employmentType) ? jp.employmentType : [jp.employmentType])
    .map((t) => (typeof t === 'string' ? t.toUpperCase().replace(/[\s-]/g, '_') : ''))
    .filter((t) => LD_EMPLOYMENT[t]);
  let salary: Salary | null = null;
  if (isObj(jp.baseSalary)) {
    const value = isObj(jp.baseSalary.value) ? jp.baseSalary.value : {};
    const min = num(value.minValue) ?? num(value.value);
    const max = num(value.maxValue) ?? num(value.value);
    if ((min ?? 0) > 0 || (max ?? 0) > 0) {
      salary = {
        min: min && min > 0 ? min : null,
        max: max && max > 0 ? max : null,
        currency: (str(jp.baseSalary.currency) ?? 'KRW').toUpperCase(),
        period: LD_UNIT[(str(value.unitText) ?? 'YEAR').toUpperCase()] ?? 'YEAR',
        raw: JSON.stringify(jp.baseSalary.value ?? jp.baseSalary),
        method: 'BOARD_FIELD',
      };
    }
  }
  let experience: Experience | null = null;
  const er = jp.experienceRequirements;
  if (isObj(er) && num(er.monthsOfExperience) !== null) {
    const years = Math.floor(num(er.monthsOfExperience)! / 12);
    experience = {
      minYears: years,
      maxYears: null,
      newcomerOk: years === 0,
      raw: JSON.stringify(er),
      method: 'BOARD_FIELD',
    };
  } else if (typeof er === 'string') {
    const r = parseExperiencePhrase(er, { bare: true });
    if (r)
      experience = {
        minYears: r.minYears,
        maxYears: r.maxYears,
        newcomerOk: r.newcomerOk,
        raw: er,
        method: 'BOARD_FIELD',
      };
  }
  const description = str(jp.description);
  const deadline = parseDeadline(jp.validThrough ?? null, dates);
  const skills = typeof jp.skills === 'string' ? jp.skills.split(/[,·]/) : arr(jp.skills);
  return {
    title: ldText(jp.title),
    companyName: ldText(org.name),
    locationRaw,
    country,
    remote: str(jp.jobLocationType)?.toUpperCase() === 'TELECOMMUTE' ? 'REMOTE' : undefined,
    employmentType: types.length > 0 ? LD_EMPLOYMENT[types[0]!]! : null,
    experience,
    salary,
    postedAt: parseDate(jp.datePosted ?? null, dates),
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    sections: description ? splitSections(description) : emptySections(),
    skills: uniqueStrings(skills.map((s) => (typeof s === 'string' ? s : isObj(s) ? s.name : null))),
    categories: uniqueStrings([
      ...(Array.isArray(jp.occupationalCategory) ? jp.occupationalCategory : [jp.occupationalCategory]),
      ...(Array.isArray(jp.industry) ? jp.industry : [jp.industry]),
    ]),
  };
}

/** Experience from a board's career label ('신입·경력 3년 ↓', '경력무관'), method BOARD_FIELD. */
export function experienceFromLabel(value: string | null): Experience | null {
  const r = parseExperiencePhrase(value, { bare: true });
  return r
    ? { minYears: r.minYears, maxYears: r.maxYears, newcomerOk: r.newcomerOk, raw: value, method: 'BOARD_FIELD' }
    : null;
}

/** Salary from a board's salary label ('3,000~3,500만원', '면접 후 결정' → null), method BOARD_FIELD. */
export function salaryFromLabel(value: string | null): Salary | null {
  const r = parseSalaryPhrase(value);
  return r
    ? { min: r.min, max: r.max, currency: r.currency, period: r.period, raw: value, method: 'BOARD_FIELD' }
    : null;
}

/** A page title such as '[(주)국민은행] 신입행원 IT부문 채용(D-2) - 사람인' without the site, company and D-day. */
export function cleanPageTitle(title: string | null, siteNames: RegExp): string | null {
  if (!title) return null;
  const t = title
    .replace(siteNames, '')
    .replace(/^\s*\[[^\]]*\]\s*/, '')
    .replace(/\(D-\d+\)\s*$/, '')
    .trim();
  return t === '' ? null : t;
}
