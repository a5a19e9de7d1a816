// What every board parser returns, and the small helpers they share for reading untrusted JSON and HTML.
// A body that is not what the board's format promises throws ValidationError (the runner dead-letters it).
import { ValidationError } from '../../../platform/errors';
import type { LocationHints } from '../location';
import { emptySections, mergeSections, splitSections, type SectionName, type Sections } from '../sections';
import type { EmploymentType, Experience, RawPosting, Salary } from '../types';

/** The board-specific part of a silver posting; refine fills in the rest from the text. */
export interface BoardFields {
  title: string;
  companyName: string;
  boardCompanyId: string | null;
  location: { raw: string | null; hints?: LocationHints };
  /** Short texts that may name the workplace policy ('Remote', 'Hybrid - Seoul'), besides location and title. */
  workplaceTexts?: Array<string | null | undefined>;
  employmentType: EmploymentType | null;
  /** A board field naming the employment type in words ('정규직,계약직'), read when employmentType is null. */
  employmentText?: string | null;
  experience: Experience | null;
  salary: Salary | null;
  postedAt: number | null;
  deadline: number | null;
  alwaysOpen: boolean;
  /** The board itself says the posting is closed (status field, expired flag). */
  closed: boolean;
  sections: Sections;
  boardTags: string[];
  boardCategories: string[];
}

export interface BoardInput {
  raw: RawPosting;
  /** raw.body as UTF-8 text. */
  body: string;
}

export type BoardParser = (input: BoardInput) => BoardFields;

export type Json = Record<string, unknown>;

export function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseJsonBody(input: BoardInput, what: string): unknown {
  try {
    return JSON.parse(input.body) as unknown;
  } catch (err) {
    throw new ValidationError(`${what}: body is not JSON (${(err as Error).message})`, err);
  }
}

export function obj(v: unknown, path: string): Json {
  if (!isObj(v)) throw new ValidationError(`missing object ${path}`);
  return v;
}

/** A non-empty string field, or ValidationError naming its path. */
export function reqStr(v: unknown, path: string): string {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new ValidationError(`missing string ${path}`);
}

export function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function idOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return null;
}

/** Unique, trimmed, non-empty strings in first-seen order. */
export function uniqueStrings(values: Iterable<unknown>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const s = v.replace(/\s+/g, ' ').trim();
    if (s === '' || seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
  }
  return out;
}

/** Sections from several board fields, each field's text starting in the given section (headings inside re-route). */
export function sectionsFromFields(fields: Array<[SectionName, string | null | undefined]>): Sections {
  const out = emptySections();
  for (const [section, text] of fields) {
    if (!text || text.trim() === '') continue;
    mergeSections(out, splitSections(text, { initial: section }));
  }
  return out;
}

/** Part of a '<scope>/<id>' board posting id (Greenhouse board token, Lever site). */
export function scopeOf(boardPostingId: string): string | null {
  const i = boardPostingId.indexOf('/');
  return i > 0 ? boardPostingId.slice(0, i) : null;
}
