// classifySeniority: INTERN / JUNIOR / MID / SENIOR / LEAD / UNKNOWN from title words (decisive when present) and the
// years of experience asked for.
//
//   title: 인턴, intern, 체험형 → INTERN; lead, 리드, 팀장, head of, principal, staff, director, CTO → LEAD;
//          senior, sr., 시니어, 책임, 과장·차장·부장(급) → SENIOR; junior, jr., 주니어, 신입, entry level, new grad → JUNIOR;
//          mid-level, intermediate, 대리, 선임 → MID. Words of two levels at once (e.g. '주니어~시니어') defer to the years.
//   years (minimum asked; newcomers welcome counts as 0): 0–2 → JUNIOR, 3–4 → MID, 5–9 → SENIOR, 10+ → LEAD.
export type SeniorityLevel = 'INTERN' | 'JUNIOR' | 'MID' | 'SENIOR' | 'LEAD' | 'UNKNOWN';

export interface SeniorityResult {
  level: SeniorityLevel;
  method: 'RULES' | 'NONE';
}

/** The silver Experience fields seniority needs. */
export interface ExperienceInput {
  minYears: number | null;
  maxYears: number | null;
  newcomerOk: boolean;
}

const TITLE_RULES: Array<{ level: Exclude<SeniorityLevel, 'UNKNOWN'>; re: RegExp }> = [
  { level: 'INTERN', re: /인턴|체험형|현장실습|\bintern(?:ship)?s?\b|\bco-?op\b|working student|\btrainee\b/i },
  {
    level: 'LEAD',
    re: /\blead\b|\bleader\b|리드|리더|팀장|파트장|실장|본부장|그룹장|셀장|\bhead\b|\bprincipal\b|\bstaff\b|\bdirector\b|\bvp\b|\bcto\b|\bcio\b|\bciso\b|\bchief\b|\bengineering manager\b|\bpl\b|테크 ?리드/i,
  },
  { level: 'SENIOR', re: /\bsenior\b|\bsr\b\.?|시니어|책임|과장|차장|부장/i },
  {
    level: 'JUNIOR',
    re: /\bjunior\b|\bjr\b\.?|주니어|신입|entry[- ]level|new grad|\bgraduate\b|사원급|\bassociate\b/i,
  },
  { level: 'MID', re: /mid[- ]level|\bmid\b|intermediate|미들|대리|선임/i },
];

export function seniorityFromTitle(title: string): SeniorityLevel {
  const levels = new Set<SeniorityLevel>();
  for (const rule of TITLE_RULES) if (rule.re.test(title)) levels.add(rule.level);
  if (levels.has('INTERN')) return 'INTERN';
  if (levels.has('LEAD')) return 'LEAD';
  const ic = (['SENIOR', 'JUNIOR', 'MID'] as const).filter((l) => levels.has(l));
  return ic.length === 1 ? ic[0]! : 'UNKNOWN';
}

export function seniorityFromYears(experience: ExperienceInput | null | undefined): SeniorityLevel {
  if (!experience) return 'UNKNOWN';
  let min = experience.minYears;
  if (experience.newcomerOk && (min === null || min <= 0)) min = 0;
  if (min === null) {
    if (experience.maxYears === null) return 'UNKNOWN';
    min = Math.max(0, experience.maxYears - 2);
  }
  if (min <= 2) return 'JUNIOR';
  if (min <= 4) return 'MID';
  if (min <= 9) return 'SENIOR';
  return 'LEAD';
}

export function classifySeniority(experience: ExperienceInput | null | undefined, title: string): SeniorityResult {
  const fromTitle = seniorityFromTitle(title);
  const level = fromTitle !== 'UNKNOWN' ? fromTitle : seniorityFromYears(experience);
  return { level, method: level === 'UNKNOWN' ? 'NONE' : 'RULES' };
}
