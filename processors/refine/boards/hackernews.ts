// Hacker News "Who is hiring?": one comment as the Firebase item JSON ({id, by, time, text (HTML), type, parent}).
// Postings open with a pipe-separated header, 'Company | Role | Location | REMOTE | $150k-$200k', in any order
// after the company; the rest is free text.
import { ValidationError } from '../../../platform/errors';
import { parseDate } from '../dates';
import { htmlToText } from '../html';
import { splitSections } from '../sections';
import { parseSalaryPhrase } from '../salary';
import { parseEmploymentType } from '../employment';
import type { Salary } from '../types';
import { obj, parseJsonBody, str, type BoardFields, type BoardInput } from './common';

const ROLE =
  /engineer|developer|programmer|scientist|architect|designer|manager|lead\b|head of|director|analyst|sre\b|devops|researcher|intern|founding|cto|vp\b|specialist|administrator|consultant|technician|full[\s-]?stack|front[\s-]?end|back[\s-]?end|ml\b|data\b|security|qa\b|product/i;
const WORKPLACE =
  /^(?:remote|onsite|on-site|on site|hybrid|in[\s-]office)\b|\b(?:remote|onsite|on-site|hybrid)\s*(?:\(|$|only|ok|friendly|first)/i;
const EMPLOYMENT = /^(?:full[\s-]?time|part[\s-]?time|contract(?:or)?|intern(?:ship)?|freelance|ft|pt)\b/i;

export interface HnHeader {
  company: string;
  role: string | null;
  location: string | null;
  workplace: string | null;
  salary: Salary | null;
  employment: string | null;
}

/** Reads the 'Company | Role | Location | …' header line. */
export function parseHnHeader(line: string): HnHeader | null {
  const parts = line
    .split(/\s+\|\s+|\s*\|\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  const company = parts[0]!
    .replace(/\((?:yc|ycombinator)[^)]*\)/gi, '')
    .replace(/\bhttps?:\/\/\S+/g, '')
    .replace(/\(\s*\)/g, '')
    .replace(/\s*[-–(]\s*$/, '')
    .trim();
  if (company === '') return null;
  const header: HnHeader = { company, role: null, location: null, workplace: null, salary: null, employment: null };
  for (const part of parts.slice(1)) {
    const salary = /[$€£]|\b\d+\s*k\b|\b(?:USD|EUR|GBP)\b/i.test(part) ? parseSalaryPhrase(part) : null;
    if (salary && !header.salary) {
      header.salary = {
        min: salary.min,
        max: salary.max,
        currency: salary.currency,
        period: salary.period,
        raw: part,
        method: 'RULES',
      };
      continue;
    }
    if (EMPLOYMENT.test(part) && !header.employment) {
      header.employment = part;
      continue;
    }
    if (WORKPLACE.test(part) && !header.workplace) {
      header.workplace = part;
      if (/,|\(/.test(part) && !header.location) header.location = part; // 'Remote (US, EU)', 'Hybrid, NYC'
      continue;
    }
    if (!header.role && ROLE.test(part)) {
      header.role = part;
      continue;
    }
    if (!header.location && !/^https?:/i.test(part)) header.location = part;
  }
  if (!header.role && parts.length >= 2 && !/^https?:/i.test(parts[1]!)) header.role = parts[1]!;
  return header;
}

export function parseHackerNews(input: BoardInput): BoardFields {
  const item = obj(parseJsonBody(input, 'hn'), 'hn item');
  const html = str(item.text);
  if (item.deleted === true || !html) throw new ValidationError('hn: item has no text (deleted or empty)');
  const text = htmlToText(html);
  const [first = '', ...rest] = text.split('\n');
  const header = parseHnHeader(first);
  if (!header || !header.role) throw new ValidationError("hn: no 'Company | Role | …' header line");
  return {
    title: header.role,
    companyName: header.company,
    boardCompanyId: null,
    location: { raw: header.location },
    workplaceTexts: [header.workplace],
    employmentType: parseEmploymentType(header.employment),
    experience: null,
    salary: header.salary,
    postedAt: parseDate(item.time ?? null),
    deadline: null,
    alwaysOpen: false,
    closed: item.dead === true,
    sections: splitSections(rest.join('\n')),
    boardTags: [],
    boardCategories: [],
  };
}
