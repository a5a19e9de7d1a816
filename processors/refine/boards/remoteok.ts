// RemoteOK: one job element of remoteok.com/api (element 0 of the listing is the legal notice, never a posting).
// Every job is remote; salary_min / salary_max are yearly USD (0 = not given); tags are the board's tags.
import { ValidationError } from '../../../platform/errors';
import { parseDate } from '../dates';
import { decodeEntities } from '../html';
import { splitSections } from '../sections';
import type { Salary } from '../types';
import { arr, num, obj, parseJsonBody, reqStr, str, uniqueStrings, type BoardFields, type BoardInput } from './common';

export function remoteokSalary(minValue: unknown, maxValue: unknown): Salary | null {
  let min = num(minValue);
  let max = num(maxValue);
  if (min !== null && min <= 0) min = null;
  if (max !== null && max <= 0) max = null;
  if (min === null && max === null) return null;
  const raw = `${min ?? ''}-${max ?? ''} USD`;
  // A few employers type thousands ('80', '140'): a yearly salary below 1,000 is in thousands.
  if ((max ?? min ?? 0) < 1000) {
    min = min === null ? null : min * 1000;
    max = max === null ? null : max * 1000;
  }
  return { min, max, currency: 'USD', period: 'YEAR', raw, method: 'BOARD_FIELD' };
}

export function parseRemoteok(input: BoardInput): BoardFields {
  const j = obj(parseJsonBody(input, 'remoteok'), 'remoteok job');
  if (j.legal !== undefined && j.id === undefined) throw new ValidationError('remoteok: the legal notice, not a job');
  const title = decodeEntities(reqStr(j.position ?? j.title, 'position')).trim();
  const companyName = decodeEntities(reqStr(j.company, 'company')).trim();
  return {
    title,
    companyName,
    boardCompanyId: null,
    location: { raw: str(j.location), hints: { remote: 'REMOTE' } },
    employmentType: null,
    experience: null,
    salary: remoteokSalary(j.salary_min, j.salary_max),
    postedAt: parseDate(j.epoch ?? j.date ?? null),
    deadline: null,
    alwaysOpen: false,
    closed: j.expired === true,
    sections: splitSections(str(j.description) ?? ''),
    boardTags: uniqueStrings(arr(j.tags)),
    boardCategories: [],
  };
}
