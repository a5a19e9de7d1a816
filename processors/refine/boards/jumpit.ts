// Jumpit: the detail `{result: {...}}` of /api/position/{id}, with the listing entry (list-only techStacks strings
// and the jobCategory label) in the raw record's listEntry. minCareer/maxCareer/newcomer are years of experience.
import { parseDate, parseDeadline, KST_OFFSET_MS } from '../dates';
import { toCleanText } from '../html';
import type { Experience } from '../types';
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

export function jumpitExperience(newcomer: unknown, minCareer: unknown, maxCareer: unknown): Experience | null {
  const min = num(minCareer);
  const max = num(maxCareer);
  const isNew = newcomer === true;
  if (!isNew && min === null && max === null) return null;
  if (isNew) {
    const upper = max !== null && max > 0 ? max : 0;
    return {
      minYears: 0,
      maxYears: upper,
      newcomerOk: true,
      raw: upper > 0 ? `신입·경력 ~${upper}년` : '신입',
      method: 'BOARD_FIELD',
    };
  }
  const upper = max !== null && max > 0 ? max : null;
  return {
    minYears: min,
    maxYears: upper,
    newcomerOk: min === 0,
    raw: `경력 ${min ?? ''}~${upper ?? ''}년`,
    method: 'BOARD_FIELD',
  };
}

function listEntryOf(raw: string | null): Json {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return isObj(v) ? v : {};
  } catch {
    return {}; // the listing entry only adds tags; the detail stands on its own
  }
}

export function parseJumpit(input: BoardInput): BoardFields {
  const json = obj(parseJsonBody(input, 'jumpit'), 'jumpit body');
  const r = obj(json.result, 'result');
  const list = listEntryOf(input.raw.listEntry);
  const title = toCleanText(reqStr(r.title, 'result.title')).replace(/\n/g, ' ');
  const companyName = reqStr(r.companyName ?? list.companyName, 'result.companyName');
  const places = arr(r.workingPlaces)
    .map((p) => (isObj(p) ? str(p.address) : null))
    .filter((p): p is string => p !== null);
  const locationRaw = str(r.location) ?? places[0] ?? (uniqueStrings(arr(list.locations)).join(' ') || null);
  const alwaysOpen = r.alwaysOpen === true || list.alwaysOpen === true;
  const deadline = alwaysOpen
    ? { deadline: null, alwaysOpen: true }
    : parseDeadline(r.closedAt ?? list.closedAt ?? null, { offsetMs: KST_OFFSET_MS });
  const tags = [...arr(r.techStacks), ...arr(list.techStacks)].map((t) => (isObj(t) ? (t.stack ?? t.name) : t));
  const categories = [
    ...arr(r.jobCategories).map((c) => (isObj(c) ? c.name : c)),
    ...String(str(list.jobCategory) ?? '')
      .split(',')
      .map((s) => s.trim()),
  ];
  return {
    title,
    companyName,
    boardCompanyId: idOf(r.companyProfileId ?? list.companyProfileId ?? r.serialNumber),
    location: { raw: locationRaw, hints: { country: 'KR' } },
    employmentType: null,
    experience: jumpitExperience(
      r.newcomer ?? list.newcomer,
      r.minCareer ?? list.minCareer,
      r.maxCareer ?? list.maxCareer,
    ),
    salary: null,
    postedAt: parseDate(r.publishedAt ?? null, { offsetMs: KST_OFFSET_MS }),
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed: r.invisible === true || r.hiddenPosition === true,
    sections: sectionsFromFields([
      ['intro', str(r.serviceInfo)],
      ['responsibilities', str(r.responsibility)],
      ['requirements', str(r.qualifications)],
      ['preferred', str(r.preferredRequirements)],
      ['benefits', str(r.welfares)],
      ['other', str(r.recruitProcess)],
    ]),
    boardTags: uniqueStrings(tags),
    boardCategories: uniqueStrings(categories),
  };
}
