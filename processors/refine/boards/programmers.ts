// Programmers career: the detail `{jobPosition: {...}}`. Descriptions are Markdown; minSalary / maxSalary are in
// 만원 (10,000 KRW) per year; technicalTags are the board's tech tags.
import { KST_OFFSET_MS, isAlwaysOpenPhrase, parseDate, parseDeadline } from '../dates';
import { parseEmploymentType } from '../employment';
import { parseExperiencePhrase } from '../experience';
import { salaryFromNumbers } from '../salary';
import type { EmploymentType, Experience } from '../types';
import {
  arr,
  idOf,
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

const JOB_TYPES: Record<string, EmploymentType> = {
  fulltime: 'FULL_TIME',
  regular: 'FULL_TIME',
  contract: 'CONTRACT',
  parttime: 'PART_TIME',
  intern: 'INTERN',
  internship: 'INTERN',
  freelancer: 'CONTRACT',
  freelance: 'CONTRACT',
};

/** careerRange / career / minCareer in whichever of their known shapes. */
export function programmersExperience(p: Json): Experience | null {
  const range = p.careerRange;
  if (isObj(range)) {
    const min = num(range.min ?? range.gte ?? range.from);
    const max = num(range.max ?? range.lte ?? range.to);
    if (min !== null || max !== null) {
      return {
        minYears: min,
        maxYears: max !== null && max > 0 ? max : null,
        newcomerOk: min === 0,
        raw: JSON.stringify(range),
        method: 'BOARD_FIELD',
      };
    }
  }
  for (const phrase of [str(range), str(p.career)]) {
    const r = parseExperiencePhrase(phrase, { bare: true });
    if (r)
      return {
        minYears: r.minYears,
        maxYears: r.maxYears,
        newcomerOk: r.newcomerOk,
        raw: phrase,
        method: 'BOARD_FIELD',
      };
  }
  const min = num(p.minCareer);
  if (min !== null && p.minCareerRequired !== false) {
    return { minYears: min, maxYears: null, newcomerOk: min === 0, raw: `minCareer=${min}`, method: 'BOARD_FIELD' };
  }
  return null;
}

export function parseProgrammers(input: BoardInput): BoardFields {
  const json = obj(parseJsonBody(input, 'programmers'), 'programmers body');
  const p = obj(json.jobPosition, 'jobPosition');
  const title = reqStr(p.title, 'jobPosition.title');
  const company = isObj(p.company) ? p.company : {};
  const companyName = reqStr(company.name, 'jobPosition.company.name');
  const jobType = str(p.jobType)
    ?.toLowerCase()
    .replace(/[\s_-]/g, '');
  const period = str(p.period);
  const endAt = p.endAt ?? null;
  const alwaysOpen = isAlwaysOpenPhrase(period) || endAt === null;
  const deadline = alwaysOpen
    ? { deadline: null, alwaysOpen: true }
    : parseDeadline(endAt, { offsetMs: KST_OFFSET_MS });
  const min = num(p.minSalary);
  const max = num(p.maxSalary);
  const status = str(p.status)?.toLowerCase();
  return {
    title,
    companyName,
    boardCompanyId: idOf(p.companyId ?? company.id),
    location: { raw: str(p.address) ?? str(company.address), hints: { country: str(p.countryCode) ?? 'KR' } },
    employmentType: jobType ? (JOB_TYPES[jobType] ?? parseEmploymentType(jobType)) : null,
    experience: programmersExperience(p),
    salary: salaryFromNumbers(
      min === null ? null : min * 10_000,
      max === null ? null : max * 10_000,
      'KRW',
      'YEAR',
      min !== null || max !== null ? `${min ?? ''}~${max ?? ''}만원` : null,
    ),
    postedAt: parseDate(p.startAt ?? p.createdAt ?? null, { offsetMs: KST_OFFSET_MS }),
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed: status === 'closed' || status === 'close' || status === 'expired' || status === 'finished',
    sections: sectionsFromFields([
      ['responsibilities', str(p.description)],
      ['requirements', str(p.requirement)],
      ['preferred', str(p.preferredExperience)],
      ['other', str(p.additionalInformation)],
    ]),
    boardTags: uniqueStrings(arr(p.technicalTags).map((t) => (isObj(t) ? t.name : t))),
    boardCategories: uniqueStrings(arr(p.jobCategoryIds).map((id) => (idOf(id) ? `programmers:${idOf(id)}` : null))),
  };
}
