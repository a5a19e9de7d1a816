// Saramin: one job of the official Open API (JSON, kebab-case fields; position.job-code.name is a comma list of
// duty and skill keywords), one div.item_recruit of the HTML search page (what the crawler emits without an API
// key: title, company, condition spans, sector keywords, dates), or a posting page (HTML: jv_header / jv_summary /
// jv_howto / user_content, plus the embedded JobPosting when there is one).
import { KST_OFFSET_MS, parseDate, parseDeadline } from '../dates';
import { parseExperiencePhrase } from '../experience';
import { parseLocation } from '../location';
import { decodeEntities } from '../html';
import { parseEmploymentType } from '../employment';
import { emptySections, mergeSections, splitSections } from '../sections';
import type { Experience } from '../types';
import { ValidationError } from '../../../platform/errors';
import {
  arr,
  isObj,
  num,
  obj,
  parseJsonBody,
  reqStr,
  sectionsFromFields,
  str,
  uniqueStrings,
  type BoardFields,
  type BoardInput,
  type Json,
} from './common';
import {
  blockText,
  cleanPageTitle,
  experienceFromLabel,
  jobPostingFields,
  label,
  meta,
  readHtmlPage,
  salaryFromLabel,
  text,
} from './html-page';

const dates = { offsetMs: KST_OFFSET_MS };

function named(v: unknown): string | null {
  return isObj(v) ? str(v.name) : null;
}

/** experience-level {code: 0 경력무관, 1 신입, 2 경력, 3 신입/경력, min, max, name}. */
export function saraminExperience(level: unknown): Experience | null {
  if (!isObj(level)) return null;
  const code = num(level.code);
  const min = num(level.min);
  const max = num(level.max);
  const raw = str(level.name);
  const upper = max !== null && max > 0 ? max : null;
  switch (code) {
    case 0:
      return { minYears: 0, maxYears: null, newcomerOk: true, raw, method: 'BOARD_FIELD' };
    case 1:
      return { minYears: 0, maxYears: 0, newcomerOk: true, raw, method: 'BOARD_FIELD' };
    case 2:
      return {
        minYears: min !== null && min > 0 ? min : null,
        maxYears: upper,
        newcomerOk: false,
        raw,
        method: 'BOARD_FIELD',
      };
    case 3:
      return { minYears: 0, maxYears: upper, newcomerOk: true, raw, method: 'BOARD_FIELD' };
    default:
      return experienceFromLabel(raw);
  }
}

function parseSaraminApi(json: Json): BoardFields {
  const jobs = isObj(json.jobs) ? arr(json.jobs.job) : [];
  const job = obj(jobs[0] ?? (isObj(json.job) ? json.job : json), 'job');
  const position = obj(job.position, 'job.position');
  const title = decodeEntities(reqStr(position.title, 'job.position.title')).trim();
  const company = isObj(job.company) ? job.company : {};
  const detail = isObj(company.detail) ? company.detail : company;
  const companyName = decodeEntities(reqStr(detail.name, 'job.company.detail.name')).trim();
  // location.name: '서울 &gt; 강남구,서울 &gt; 서초구' — the first place, with its levels joined by spaces.
  const firstPlace = decodeEntities(named(position.location) ?? '')
    .split(',')[0]!
    .replace(/\s*>\s*/g, ' ')
    .trim();
  const closeType = num(isObj(job['close-type']) ? job['close-type'].code : null);
  const alwaysOpen = closeType === 2 || closeType === 3 || closeType === 4;
  const keywords = decodeEntities(named(position['job-code']) ?? '').split(',');
  return {
    title,
    companyName,
    boardCompanyId: /[?&]csn=([^&]+)/.exec(str(detail.href) ?? '')?.[1] ?? null,
    location: { raw: firstPlace || null, hints: { country: 'KR' } },
    employmentType: parseEmploymentType(named(position['job-type'])),
    experience: saraminExperience(position['experience-level']),
    salary: salaryFromLabel(named(job.salary)),
    postedAt: parseDate(job['posting-timestamp'] ?? job['opening-timestamp'] ?? job['posting-date'] ?? null, dates),
    deadline: alwaysOpen
      ? null
      : parseDeadline(job['expiration-timestamp'] ?? job['expiration-date'] ?? null, dates).deadline,
    alwaysOpen,
    closed: job.active === 0 || job.active === '0',
    sections: emptySections(), // the API carries no description
    boardTags: uniqueStrings(keywords),
    boardCategories: uniqueStrings(decodeEntities(named(position['job-mid-code']) ?? '').split(',')),
  };
}

function parseSaraminHtml(input: BoardInput): BoardFields {
  const page = readHtmlPage(input.body, 'saramin');
  const ld = page.jobPosting ? jobPostingFields(page.jobPosting, dates) : null;
  // meta description: '(주)국민은행, 신입행원 IT부문 채용, 경력:신입, 학력:학력무관, 면접 후 결정, 마감일:2026-09-09, …'
  const summary = meta(page, 'description') ?? '';
  const metaPart = (name: string) => new RegExp(`${name}\\s*:\\s*([^,]+)`).exec(summary)?.[1]?.trim() ?? null;
  const title =
    text(page, 'h1.tit_job') ??
    text(page, '.tit_job') ??
    ld?.title ??
    cleanPageTitle(meta(page, 'og:title') ?? page.$('title').text(), /\s*[-|]\s*사람인\s*$/);
  const companyName =
    page.$('.jv_header a.company').first().attr('title')?.trim() ||
    text(page, '.jv_header .company') ||
    ld?.companyName ||
    (summary.split(',')[0]?.trim() ?? '');
  if (!title) throw new ValidationError('saramin: no title (h1.tit_job, JobPosting or og:title)');
  if (!companyName) throw new ValidationError('saramin: no company name');
  const deadlineLabel = label(page, '마감일', '접수마감일') ?? metaPart('마감일');
  const deadline = deadlineLabel
    ? parseDeadline(deadlineLabel, dates)
    : { deadline: ld?.deadline ?? null, alwaysOpen: ld?.alwaysOpen ?? false };
  const description = blockText(page, '.user_content', '.jv_detail .cont', '.jv_detail');
  const sections = description ? splitSections(description) : (ld?.sections ?? emptySections());
  // The summary's tooltips repeat requirements and preferences as lists.
  mergeSections(
    sections,
    sectionsFromFields([
      ['requirements', label(page, '자격요건', '필수사항')],
      ['preferred', label(page, '우대사항')],
    ]),
  );
  const skills = label(page, '사용기술', '기술스택', '스킬');
  return {
    title,
    companyName,
    boardCompanyId: null,
    location: {
      raw:
        label(page, '근무지역') ??
        text(page, '.jv_location .address') ??
        text(page, '.txt_adr') ??
        ld?.locationRaw ??
        null,
      hints: { country: 'KR' },
    },
    employmentType: ld?.employmentType ?? null,
    employmentText: label(page, '근무형태', '고용형태'),
    experience: experienceFromLabel(label(page, '경력') ?? metaPart('경력')) ?? ld?.experience ?? null,
    salary: salaryFromLabel(label(page, '급여', '연봉')) ?? ld?.salary ?? null,
    postedAt: parseDate(label(page, '시작일', '등록일') ?? null, dates) ?? ld?.postedAt ?? null,
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed: /접수\s*마감|마감된\s*공고/.test(text(page, '.jv_header .btn_apply') ?? ''),
    sections,
    boardTags: uniqueStrings([...(skills ? skills.split(/[,·]/) : []), ...(ld?.skills ?? [])]),
    boardCategories: uniqueStrings([...(meta(page, 'keywords') ?? '').split(','), ...(ld?.categories ?? [])]),
  };
}

const DAY_MS = 24 * 3600 * 1000;

/** '~ 10/12(일)', '상시채용', '오늘마감', '내일마감' from the search item, relative to the fetch. */
function itemDeadline(text: string | null, fetchedAt: number): { deadline: number | null; alwaysOpen: boolean } {
  if (!text) return { deadline: null, alwaysOpen: false };
  const relative = /오늘\s*마감/.test(text) ? 0 : /내일\s*마감/.test(text) ? 1 : null;
  if (relative !== null) {
    const d = new Date(fetchedAt + KST_OFFSET_MS + relative * DAY_MS).toISOString().slice(0, 10);
    return parseDeadline(d, dates);
  }
  return parseDeadline(text, { ...dates, reference: fetchedAt });
}

/** One div.item_recruit of the search page. */
function parseSaraminItem(input: BoardInput): BoardFields {
  const page = readHtmlPage(input.body, 'saramin');
  const $ = page.$;
  const item = $('div.item_recruit').first();
  const link = item.find('.area_job .job_tit a').first();
  const title = (link.attr('title') ?? '').trim() || text(page, '.area_job .job_tit');
  const companyName = text(page, '.area_corp .corp_name');
  if (!title) throw new ValidationError('saramin item: no title (.job_tit a)');
  if (!companyName) throw new ValidationError('saramin item: no company (.corp_name)');
  const conditions = item
    .find('.job_condition > span')
    .toArray()
    .map((el) => $(el).text().replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const locationRaw = conditions.find((c) => parseLocation(c).country === 'KR' && !/신입|경력|학력|졸/.test(c)) ?? null;
  const career = conditions.find((c) => /신입|경력|무관/.test(c) && !/학력/.test(c)) ?? null;
  const employment = conditions.find((c) => /정규직|계약직|인턴|파견|아르바이트|프리랜서|병역특례/.test(c)) ?? null;
  const salary = conditions.find((c) => /만원|연봉|월급|시급|면접\s*후/.test(c)) ?? null;
  // '수정일 26/09/03' or '등록일 26/09/03'
  const day = /(\d{2})\/(\d{2})\/(\d{2})/.exec(text(page, '.job_sector .job_day') ?? '');
  const sectors = item
    .find('.job_sector a')
    .toArray()
    .map((el) => $(el).text());
  const deadline = itemDeadline(text(page, '.job_date .date'), input.raw.fetchedAt);
  const experience = parseExperiencePhrase(career, { bare: true });
  return {
    title,
    companyName,
    boardCompanyId: /[?&]csn=([^&]+)/.exec(item.find('.area_corp .corp_name a').attr('href') ?? '')?.[1] ?? null,
    location: { raw: locationRaw, hints: { country: 'KR' } },
    employmentType: parseEmploymentType(employment),
    experience: experience
      ? {
          minYears: experience.minYears,
          maxYears: experience.maxYears,
          newcomerOk: experience.newcomerOk,
          raw: career,
          method: 'BOARD_FIELD',
        }
      : null,
    salary: salaryFromLabel(salary),
    postedAt: day ? parseDate(`20${day[1]}-${day[2]}-${day[3]}`, dates) : null,
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed:
      /마감/.test(text(page, '.job_date .date') ?? '') &&
      !/오늘\s*마감|내일\s*마감|~/.test(text(page, '.job_date .date') ?? ''),
    sections: emptySections(), // a search result carries no description
    boardTags: uniqueStrings(sectors),
    boardCategories: [],
  };
}

export function parseSaramin(input: BoardInput): BoardFields {
  const head = input.body.trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    return parseSaraminApi(obj(parseJsonBody(input, 'saramin'), 'saramin body'));
  }
  if (/class="[^"]*\bitem_recruit\b/.test(head.slice(0, 500))) return parseSaraminItem(input);
  return parseSaraminHtml(input);
}
