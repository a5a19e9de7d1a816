// Wanted: the v4 job detail `{job: {...}}` (also the chaos v2 `{data: {job}}` shape). annual_from / annual_to are
// years of experience (not salary); due_time null means always open; skill_tags are the board's tech tags.
import { ValidationError } from '../../../platform/errors';
import { refineData } from '../data';
import { KST_OFFSET_MS, parseDate, parseDeadline } from '../dates';
import { countryCode } from '../location';
import { MAX_PLAUSIBLE_YEARS } from '../experience';
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

const EMPLOYMENT: Record<string, EmploymentType> = {
  regular: 'FULL_TIME',
  fulltime: 'FULL_TIME',
  full_time: 'FULL_TIME',
  contract: 'CONTRACT',
  freelance: 'CONTRACT',
  intern: 'INTERN',
  internship: 'INTERN',
  parttime: 'PART_TIME',
  part_time: 'PART_TIME',
};

export function wantedExperience(job: Json): Experience | null {
  const from = num(job.annual_from);
  const toRaw = num(job.annual_to);
  if (from === null && toRaw === null) return null;
  const to = toRaw !== null && toRaw <= MAX_PLAUSIBLE_YEARS ? toRaw : null;
  const newcomerOk = typeof job.is_newbie === 'boolean' ? job.is_newbie : from === 0;
  return {
    minYears: from,
    maxYears: to,
    newcomerOk,
    raw: `annual_from=${from ?? ''} annual_to=${toRaw ?? ''}`,
    method: 'BOARD_FIELD',
  };
}

function categoryNames(job: Json): string[] {
  const names = refineData().categories.wanted;
  const out: unknown[] = [];
  const tags = [...arr(job.category_tags), ...(isObj(job.category_tag) ? [job.category_tag] : [])];
  for (const t of tags) {
    if (!isObj(t)) continue;
    const id = idOf(t.id);
    if (id) out.push(names[id] ?? `wanted:${id}`);
  }
  for (const s of arr(job.sub_categories)) out.push(isObj(s) ? (s.name ?? s.title) : s);
  return uniqueStrings(out);
}

export function parseWanted(input: BoardInput): BoardFields {
  const json = obj(parseJsonBody(input, 'wanted'), 'wanted body');
  const job = isObj(json.job) ? json.job : isObj(json.data) && isObj(json.data.job) ? json.data.job : null;
  if (!job) throw new ValidationError('wanted: missing object job');
  const detail = isObj(job.detail) ? job.detail : {};
  // v4 has job.position; the chaos v2 details keep it in job.detail.position.
  const title = reqStr(job.position ?? detail.position, 'job.position');
  const company = obj(job.company, 'job.company');
  const companyName = reqStr(company.name ?? company.company_name, 'job.company.name');
  const address = isObj(job.address) ? job.address : {};
  const locationRaw =
    str(address.full_location) ?? (uniqueStrings([address.location, address.district]).join(' ') || null);
  const due = job.due_time;
  const deadline =
    due === null || due === undefined
      ? { deadline: null, alwaysOpen: true }
      : parseDeadline(due, { offsetMs: KST_OFFSET_MS });
  const status = str(job.status)?.toLowerCase();
  const employment = str(job.employment_type)?.toLowerCase().replace(/[\s-]/g, '_');
  return {
    title,
    companyName,
    boardCompanyId: idOf(company.id),
    location: { raw: locationRaw, hints: { country: countryCode(str(address.country)) ?? 'KR' } },
    employmentType: employment ? (EMPLOYMENT[employment] ?? EMPLOYMENT[employment.replace(/_/g, '')] ?? null) : null,
    experience: wantedExperience(job),
    salary: null,
    postedAt: parseDate(job.confirm_time ?? job.create_time ?? job.created_at ?? null, { offsetMs: KST_OFFSET_MS }),
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed: status === 'close' || status === 'closed' || status === 'expired',
    sections: sectionsFromFields([
      ['intro', str(detail.intro)],
      ['responsibilities', str(detail.main_tasks)],
      ['requirements', str(detail.requirements)],
      ['preferred', str(detail.preferred_points)],
      ['benefits', str(detail.benefits)],
      ['other', str(detail.hire_rounds)],
    ]),
    boardTags: uniqueStrings(arr(job.skill_tags).map((t) => (isObj(t) ? (t.title ?? t.text ?? t.name) : t))),
    boardCategories: categoryNames(job),
  };
}
