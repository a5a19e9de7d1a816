// Lever postings API: one posting of /v0/postings/{site}?mode=json. The company is the site; the description is
// HTML (opening + body), then `lists` (a heading and its <li> items), then `additional`.
import { ValidationError } from '../../../platform/errors';
import { parseDate } from '../dates';
import { parseEmploymentType } from '../employment';
import { splitSections } from '../sections';
import type { RemotePolicy, Salary, SalaryPeriod } from '../types';
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

const WORKPLACE: Record<string, RemotePolicy> = {
  'on-site': 'ONSITE',
  onsite: 'ONSITE',
  remote: 'REMOTE',
  hybrid: 'HYBRID',
};

export function leverSalary(p: Json): Salary | null {
  const r = p.salaryRange;
  if (!isObj(r)) return null;
  let min = num(r.min);
  let max = num(r.max);
  if (min === null && max === null) return null;
  const interval = (str(r.interval) ?? '').toLowerCase();
  let period: SalaryPeriod = 'YEAR';
  if (interval.includes('hour')) period = 'HOUR';
  else if (interval.includes('month')) period = 'MONTH';
  else if (interval.includes('week')) {
    min = min === null ? null : min * 52;
    max = max === null ? null : max * 52;
  }
  return {
    min,
    max,
    currency: (str(r.currency) ?? 'USD').toUpperCase(),
    period,
    raw: `${num(r.min) ?? ''}-${num(r.max) ?? ''} ${str(r.currency) ?? ''} ${interval}`.replace(/\s+/g, ' ').trim(),
    method: 'BOARD_FIELD',
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function parseLever(input: BoardInput): BoardFields {
  const p = obj(parseJsonBody(input, 'lever'), 'lever posting');
  const title = reqStr(p.text, 'text');
  const site = scopeOf(input.raw.boardPostingId);
  const companyName = str(p.company) ?? str(p.companyName) ?? site;
  if (!companyName) throw new ValidationError('lever: no company: the posting id has no site');
  const categories = isObj(p.categories) ? p.categories : {};
  const description = str(p.description) ?? [str(p.opening), str(p.descriptionBody)].filter(Boolean).join('\n');
  const descriptionHtml = description || (str(p.descriptionPlain) ?? '').replace(/\n/g, '<br>');
  if (!descriptionHtml && arr(p.lists).length === 0) reqStr(p.description ?? p.descriptionPlain, 'description');
  const lists = arr(p.lists)
    .filter(isObj)
    .map((l) => `<h3>${escapeHtml(str(l.text) ?? '')}</h3><ul>${str(l.content) ?? ''}</ul>`)
    .join('\n');
  const html = [descriptionHtml, lists, str(p.additional) ?? ''].filter(Boolean).join('\n');
  const workplace = WORKPLACE[(str(p.workplaceType) ?? '').toLowerCase()];
  const locations = uniqueStrings([categories.location, ...arr(categories.allLocations)]);
  return {
    title: title.trim(),
    companyName,
    boardCompanyId: site,
    location: { raw: locations[0] ?? null, hints: { country: str(p.country), remote: workplace } },
    workplaceTexts: locations.slice(1),
    employmentType: parseEmploymentType(str(categories.commitment)),
    experience: null,
    salary: leverSalary(p),
    postedAt: parseDate(p.createdAt ?? null),
    deadline: null,
    alwaysOpen: false,
    closed: false,
    sections: splitSections(html),
    boardTags: [],
    boardCategories: uniqueStrings([categories.team, categories.department]),
  };
}
