// Greenhouse job-board API: one job of /v1/boards/{token}/jobs?content=true (or the job detail). `content` is
// entity-escaped HTML; pay_input_ranges (detail with pay_transparency) are in cents.
import { parseDate, parseDeadline } from '../dates';
import { parseEmploymentType } from '../employment';
import { splitSections } from '../sections';
import type { Salary } from '../types';
import {
  arr,
  isObj,
  num,
  obj,
  parseJsonBody,
  reqStr,
  scopeOf,
  str,
  uniqueStrings,
  type BoardFields,
  type BoardInput,
  type Json,
} from './common';

export function greenhousePay(job: Json): Salary | null {
  for (const r of arr(job.pay_input_ranges)) {
    if (!isObj(r)) continue;
    const min = num(r.min_cents);
    const max = num(r.max_cents);
    if (min === null && max === null) continue;
    const words = `${str(r.title) ?? ''} ${str(r.blurb) ?? ''}`;
    const hourly = /hour/i.test(words) || (max ?? min ?? 0) < 100_000; // < $1,000 is an hourly rate
    return {
      min: min === null ? null : min / 100,
      max: max === null ? null : max / 100,
      currency: (str(r.currency_type) ?? 'USD').toUpperCase(),
      period: hourly ? 'HOUR' : /month/i.test(words) ? 'MONTH' : 'YEAR',
      raw: `${min ?? ''}-${max ?? ''} cents ${str(r.currency_type) ?? ''}`.trim(),
      method: 'BOARD_FIELD',
    };
  }
  return null;
}

function metadataValue(job: Json, name: RegExp): string | null {
  for (const m of arr(job.metadata)) {
    if (!isObj(m) || !name.test(String(m.name ?? ''))) continue;
    const v = m.value;
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(', ') || null;
  }
  return null;
}

export function parseGreenhouse(input: BoardInput): BoardFields {
  const job = obj(parseJsonBody(input, 'greenhouse'), 'greenhouse job');
  const title = reqStr(job.title, 'title');
  const content = reqStr(job.content, 'content');
  const token = scopeOf(input.raw.boardPostingId);
  const companyName = str(job.company_name) ?? token;
  if (!companyName) reqStr(job.company_name, 'company_name');
  const offices = arr(job.offices).filter(isObj);
  const locationName = isObj(job.location) ? str(job.location.name) : null;
  const officeNames = offices.map((o) => str(o.location) ?? str(o.name));
  const deadline = parseDeadline(job.application_deadline ?? null);
  return {
    title: title.trim(),
    companyName: companyName!,
    boardCompanyId: token,
    location: { raw: locationName ?? officeNames.find((n) => n) ?? null },
    workplaceTexts: [...officeNames, metadataValue(job, /workplace|remote|location type/i)],
    employmentType: parseEmploymentType(metadataValue(job, /employment|job type|commitment|time type/i)),
    experience: null,
    salary: greenhousePay(job),
    postedAt: parseDate(job.first_published ?? job.updated_at ?? null),
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed: false,
    sections: splitSections(content),
    boardTags: [],
    boardCategories: uniqueStrings(arr(job.departments).map((d) => (isObj(d) ? d.name : null))),
  };
}
