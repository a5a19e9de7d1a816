// The demo board's postings: a deterministic universe (seeded PRNG) of jobs written from catalog.json, each with
// the generation it opens and closes in and the generations it is edited in. Generation 0 shows ~600 jobs posted
// over the 14 weeks before the reference date; every later generation closes some, edits some, and adds new ones.
import catalogJson from './catalog.json';
import { mixSeed, Prng } from './prng';

export type DemoBoardName = 'wanted' | 'jumpit' | 'programmers' | 'greenhouse' | 'lever' | 'remoteok';

interface Company {
  id: string;
  name: string;
  nameEn: string;
  lang: 'ko' | 'en';
  city: string;
  district: string;
  industry: string;
  greenhouseToken?: string;
  leverSite?: string;
}

interface Stack {
  weight: number;
  lang: string[];
  framework: string[];
  titlesKo?: string[];
  titlesEn?: string[];
}

export interface JobField {
  id: string;
  ko: string;
  en: string;
  titlesKo: string[];
  titlesEn: string[];
  stacks: Stack[];
  pools: Record<'db' | 'infra' | 'tool', Array<[string, number]>>;
  picks: Record<'db' | 'infra' | 'tool', number>;
  wanted: number;
  jumpit: [number, string];
  programmers: number;
  department: string;
}

interface LangPhrases {
  intro: string[];
  responsibilities: Record<string, string[]>;
  requirements: string[];
  requirementsNewcomer: string[];
  preferred: string[];
  benefits: string[];
  process: string;
  experience: { newcomer: string; range: string; min: string; any: string };
  salary: { range: string; internal: string };
}

interface Catalog {
  referenceDate: string;
  companies: Company[];
  fields: JobField[];
  koreanNames: Record<string, string>;
  phrases: { ko: LangPhrases; en: LangPhrases };
}

export const catalog = catalogJson as unknown as Catalog;

const DAY = 24 * 3600 * 1000;
export const referenceTime = Date.parse(catalog.referenceDate);
/** How many generations the universe covers; later generations just keep closing postings. */
export const maxGeneration = 24;

export interface Listing {
  board: DemoBoardName;
  /** The board's posting id (Greenhouse: job id; Lever: uuid). */
  id: string;
  /** Greenhouse board token / Lever site / the board. */
  scope: string;
}

export interface DemoJob {
  uid: number;
  company: Company;
  field: JobField;
  lang: 'ko' | 'en';
  title: string;
  techs: { lang: string[]; framework: string[]; db: string[]; infra: string[]; tool: string[] };
  experience: { min: number; max: number | null; newcomer: boolean };
  salary: { min: number; max: number; currency: 'KRW' | 'USD' } | null;
  postedAt: number;
  /** Application deadline (ms); null = always open (상시채용). */
  deadline: number | null;
  remote: boolean;
  openedGen: number;
  closedGen: number;
  editGens: number[];
  /** Tech names written in Hangul in the text (리액트, 스프링 부트...). */
  transliterate: boolean;
  listings: Listing[];
  seed: number;
}

export interface Sections {
  intro: string;
  responsibilities: string[];
  requirements: string[];
  preferred: string[];
  benefits: string[];
  process: string;
  experienceText: string;
  salaryText: string;
}

export interface DemoUniverse {
  seed: number;
  jobs: DemoJob[];
}

const BASE_JOBS = 600;
const NEW_PER_GENERATION = 36;
const CLOSE_PER_GENERATION = 0.06;
const EDIT_PER_GENERATION = 0.05;

export function generateUniverse(seed = 20261116): DemoUniverse {
  const jobs: DemoJob[] = [];
  let uid = 0;
  for (let i = 0; i < BASE_JOBS; i++) jobs.push(makeJob(seed, uid++, 0));
  for (let g = 1; g <= maxGeneration; g++)
    for (let i = 0; i < NEW_PER_GENERATION; i++) jobs.push(makeJob(seed, uid++, g));
  return { seed, jobs };
}

/** Jobs visible in generation g. */
export function openJobs(u: DemoUniverse, generation: number): DemoJob[] {
  return u.jobs.filter((j) => j.openedGen <= generation && generation < j.closedGen);
}

/** How many times the job was edited by generation g (its text revision). */
export function revisionAt(job: DemoJob, generation: number): number {
  return job.editGens.filter((g) => g <= generation).length;
}

function makeJob(seed: number, uid: number, openedGen: number): DemoJob {
  const r = new Prng(mixSeed(seed, uid));
  // Board mix: Korean boards get most of the jobs, as in the Korean market.
  const kind = r.weighted<'ko' | 'greenhouse' | 'lever' | 'remoteok'>([
    ['ko', 62],
    ['greenhouse', 17],
    ['lever', 10],
    ['remoteok', 11],
  ]);
  const companies = catalog.companies.filter((c) =>
    kind === 'ko'
      ? c.lang === 'ko'
      : kind === 'greenhouse'
        ? c.greenhouseToken
        : kind === 'lever'
          ? c.leverSite
          : c.lang === 'en' && !c.greenhouseToken && !c.leverSite,
  );
  const company = r.pick(companies);
  const field = r.weighted(
    catalog.fields.map(
      (f) =>
        [
          f,
          {
            backend: 10,
            frontend: 7,
            fullstack: 3,
            'data-engineering': 4,
            ml: 4,
            devops: 4,
            mobile: 5,
            qa: 2,
            security: 1,
            embedded: 2,
          }[f.id] ?? 1,
        ] as const,
    ),
  );
  const lang: 'ko' | 'en' =
    kind === 'ko' ? (r.chance(0.1) ? 'en' : 'ko') : company.city === 'Seoul' && r.chance(0.3) ? 'ko' : 'en';
  const stack = r.weighted(field.stacks.map((s) => [s, s.weight] as const));
  const techs = {
    lang: stack.lang,
    framework: stack.framework,
    db: r.weightedSample(field.pools.db, field.picks.db),
    infra: r.weightedSample(field.pools.infra, field.picks.infra),
    tool: r.weightedSample(field.pools.tool, field.picks.tool),
  };
  const newcomer = r.chance(0.2);
  const min = newcomer ? 0 : r.pick([1, 2, 3, 3, 3, 4, 5, 5, 7, 8, 10]);
  const experience = {
    min,
    max: newcomer ? (r.chance(0.5) ? 2 : null) : r.chance(0.6) ? min + r.int(2, 6) : null,
    newcomer,
  };
  const baseTitle = r.pick(lang === 'ko' ? (stack.titlesKo ?? field.titlesKo) : (stack.titlesEn ?? field.titlesEn));
  const title =
    min >= 7 && !/senior|시니어/i.test(baseTitle)
      ? lang === 'ko'
        ? `시니어 ${baseTitle}`
        : `Senior ${baseTitle}`
      : baseTitle;
  const usd = company.lang === 'en' && company.city !== 'Seoul';
  const salary = r.chance(usd ? 0.7 : 0.45)
    ? usd
      ? { min: 90000 + min * 12000 + r.int(0, 20) * 1000, max: 0, currency: 'USD' as const }
      : { min: 3200 + min * 550 + r.int(0, 10) * 100, max: 0, currency: 'KRW' as const }
    : null;
  if (salary) salary.max = Math.round((salary.min * (1.3 + r.next() * 0.3)) / (usd ? 1000 : 100)) * (usd ? 1000 : 100);
  const postedAt =
    openedGen === 0
      ? referenceTime - r.int(0, 98 * 24) * 3600 * 1000
      : referenceTime + (openedGen - 1) * 7 * DAY + r.int(0, 7 * 24) * 3600 * 1000;
  const deadline = r.chance(0.6) ? postedAt + r.int(30, 60) * DAY : null;
  const closedGen = openedGen + 1 + Math.floor(Math.log(1 - r.next()) / Math.log(1 - CLOSE_PER_GENERATION));
  const editGens: number[] = [];
  for (let g = openedGen + 1; g < Math.min(closedGen, maxGeneration + 1); g++)
    if (r.chance(EDIT_PER_GENERATION)) editGens.push(g);

  const listings: Listing[] = [];
  if (kind === 'ko') {
    const primary = r.weighted<DemoBoardName>([
      ['wanted', 5],
      ['jumpit', 4],
      ['programmers', 2],
    ]);
    listings.push(listingOf(primary, uid, primary));
    // Some jobs are posted on two Korean boards at once (same company, title and text).
    if (r.chance(0.1)) {
      const second: DemoBoardName = primary === 'wanted' ? 'jumpit' : 'wanted';
      listings.push(listingOf(second, uid, second));
    }
  } else if (kind === 'greenhouse') {
    listings.push(listingOf('greenhouse', uid, company.greenhouseToken!));
    if (r.chance(0.15)) listings.push(listingOf('remoteok', uid, 'remoteok'));
  } else if (kind === 'lever') {
    listings.push(listingOf('lever', uid, company.leverSite!));
    if (r.chance(0.15)) listings.push(listingOf('remoteok', uid, 'remoteok'));
  } else {
    listings.push(listingOf('remoteok', uid, 'remoteok'));
  }
  return {
    uid,
    company,
    field,
    lang,
    title,
    techs,
    experience,
    salary,
    postedAt,
    deadline,
    remote: kind === 'remoteok' || listings.some((l) => l.board === 'remoteok') || r.chance(0.15),
    openedGen,
    closedGen,
    editGens,
    transliterate: lang === 'ko' && r.chance(0.3),
    listings,
    seed: mixSeed(seed, uid, 7),
  };
}

function listingOf(board: DemoBoardName, uid: number, scope: string): Listing {
  const id =
    board === 'wanted'
      ? String(230000 + uid * 3)
      : board === 'jumpit'
        ? String(51000000 + uid * 11)
        : board === 'programmers'
          ? String(24000 + uid)
          : board === 'greenhouse'
            ? String(7000000000 + uid * 13)
            : board === 'lever'
              ? uuidOf(uid)
              : String(1100000 + uid * 5);
  return { board, id, scope };
}

function uuidOf(uid: number): string {
  const r = new Prng(mixSeed(99, uid));
  const hex = (n: number) => Array.from({ length: n }, () => r.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

/** The job's text at a revision: sections written from the phrase pools, tech slots filled, maybe in Hangul. */
export function sectionsOf(job: DemoJob, revision: number): Sections {
  const r = new Prng(job.seed);
  const p = catalog.phrases[job.lang];
  const t = job.techs;
  const anyPool = [...t.infra, ...t.tool, ...t.db];
  const fill = (s: string) =>
    s
      .replaceAll('{company}', job.lang === 'ko' ? job.company.name : job.company.nameEn)
      .replaceAll('{industry}', job.company.industry)
      .replaceAll('{field}', job.lang === 'ko' ? job.field.ko : job.field.en)
      .replaceAll('{lang}', t.lang.join('/'))
      .replaceAll('{framework}', t.framework.join(', '))
      .replaceAll('{db}', t.db.join(', '))
      .replaceAll('{infra}', t.infra.join(', '))
      .replaceAll('{tool}', t.tool.join(', '))
      .replaceAll('{any}', r.pick(anyPool.length > 0 ? anyPool : t.framework))
      .replaceAll('{years}', String(Math.max(1, job.experience.min)));
  const hangul = (s: string) => (job.transliterate ? transliterate(s) : s);
  const responsibilities = (p.responsibilities[job.field.id] ?? []).filter(() => r.chance(0.85)).map(fill);
  const reqPool = job.experience.newcomer ? [...p.requirementsNewcomer, ...p.requirements.slice(3)] : p.requirements;
  const requirements = reqPool.filter((_, i) => i < 3 || r.chance(0.6)).map(fill);
  const preferred = p.preferred.filter((_, i) => i < 2 || r.chance(0.5)).map(fill);
  // Edits: each revision adds a preferred line (as employers do when a search drags on).
  for (let i = 0; i < revision; i++)
    preferred.push(fill(p.preferred[(i + 2) % p.preferred.length]!) + (job.lang === 'ko' ? ' (추가)' : ' (added)'));
  const benefits = p.benefits.filter(() => r.chance(0.6));
  const e = job.experience;
  const experienceText = e.newcomer
    ? p.experience.newcomer
    : e.max !== null
      ? p.experience.range.replace('{min}', String(e.min)).replace('{max}', String(e.max))
      : p.experience.min.replace('{min}', String(e.min));
  const s = job.salary;
  const salaryText = s
    ? p.salary.range
        .replace('{min}', s.min.toLocaleString('en-US'))
        .replace('{max}', s.max.toLocaleString('en-US'))
        .replaceAll('{currency}', s.currency === 'USD' ? '$' : '₩')
    : p.salary.internal;
  return {
    intro: hangul(fill(r.pick(p.intro))),
    responsibilities: responsibilities.map(hangul),
    requirements: [experienceText, ...requirements.map(hangul)],
    preferred: preferred.map(hangul),
    benefits,
    process: p.process,
    experienceText,
    salaryText,
  };
}

/** Hangul spellings, longest names first so "Spring Boot" wins over shorter names inside it. */
const hangulRules: Array<[RegExp, string]> = Object.keys(catalog.koreanNames)
  .sort((a, b) => b.length - a.length)
  .map((n) => [
    new RegExp(`(?<![A-Za-z])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`, 'g'),
    catalog.koreanNames[n]!,
  ]);

/** Writes tech names the Korean way (리액트, 스프링 부트, 쿠버네티스). */
export function transliterate(text: string): string {
  return hangulRules.reduce((out, [re, ko]) => out.replace(re, ko), text);
}

/** Every tech tag of a job, in the board-tag spelling (English names). */
export function tagsOf(job: DemoJob): string[] {
  return [...job.techs.lang, ...job.techs.framework, ...job.techs.db, ...job.techs.infra];
}
