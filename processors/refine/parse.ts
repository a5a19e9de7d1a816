// Raw (bronze) record → one normalised single-source silver posting. The board parser reads what the board states;
// whatever it leaves open (experience, salary, employment type, remote policy) is found in the text by rules.
import { createHash } from 'node:crypto';
import { TechmapError, ValidationError } from '../../platform/errors';
import { parserFor, type BoardFields } from './boards';
import { companyId } from './company';
import { parseEmploymentType } from './employment';
import { findExperience } from './experience';
import { toCleanText } from './html';
import { detectLanguage } from './language';
import { detectRemote, parseLocation } from './location';
import { findSalary } from './salary';
import { sectionNames, sectionsText, type Sections } from './sections';
import type { Experience, RawPosting, SilverPosting } from './types';

export interface RefineOptions {
  /** Clock for refinedAt (tests pin it). */
  now?: () => number;
}

const NO_EXPERIENCE: Experience = { minYears: null, maxYears: null, newcomerOk: false, raw: null, method: 'NONE' };

/** sha256 hex of title + sections: equal content ⇒ equal hash, whatever board or fetch it came from. */
export function silverContentHash(title: string, sections: Sections): string {
  const h = createHash('sha256');
  h.update(title);
  for (const name of sectionNames) h.update(`\u0000${name}\u0000${sections[name]}`);
  return h.digest('hex');
}

function boardFields(raw: RawPosting): BoardFields {
  if (!Buffer.isBuffer(raw.body) || raw.body.length === 0) {
    throw new ValidationError(`${raw.board}:${raw.boardPostingId}: empty body`);
  }
  const input = { raw, body: raw.body.toString('utf8') };
  try {
    return parserFor(input)(input);
  } catch (err) {
    if (err instanceof TechmapError) {
      if (err.retriable) throw err;
      throw new ValidationError(`${raw.board}:${raw.boardPostingId}: ${err.message}`, err);
    }
    throw new ValidationError(`${raw.board}:${raw.boardPostingId}: cannot parse body: ${(err as Error).message}`, err);
  }
}

/** One raw record → its silver posting with one source, keyed (by the caller) by company id. */
export function refineRawPosting(raw: RawPosting, options: RefineOptions = {}): SilverPosting {
  const f = boardFields(raw);
  const title = toCleanText(f.title)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  const companyName = f.companyName.replace(/\s+/g, ' ').trim();
  if (title === '') throw new ValidationError(`${raw.board}:${raw.boardPostingId}: empty title`);
  if (companyName === '') throw new ValidationError(`${raw.board}:${raw.boardPostingId}: empty company name`);
  const sections = f.sections;
  const text = sectionsText(sections);
  const location = parseLocation(f.location.raw, f.location.hints);
  if (location.remote === 'UNKNOWN') {
    location.remote = detectRemote([f.location.raw, title, ...(f.workplaceTexts ?? [])], text);
  }
  const employmentType =
    f.employmentType ??
    parseEmploymentType(f.employmentText) ??
    parseEmploymentType(title) ??
    parseEmploymentType([sections.other, sections.intro, sections.responsibilities, sections.requirements].join('\n'));
  const closed = raw.change === 'CLOSED' || f.closed;
  return {
    postingId: `${raw.board}:${raw.boardPostingId}`,
    version: raw.fetchedAt,
    sources: [
      {
        board: raw.board,
        boardPostingId: raw.boardPostingId,
        url: raw.url,
        firstSeenAt: raw.fetchedAt,
        lastSeenAt: raw.fetchedAt,
        closed,
      },
    ],
    title,
    company: { id: companyId(companyName), name: companyName, boardCompanyId: f.boardCompanyId },
    location,
    employmentType,
    experience: f.experience ?? findExperience(title, sections) ?? { ...NO_EXPERIENCE },
    salary: f.salary ?? findSalary(title, sections),
    postedAt: f.postedAt,
    deadline: f.alwaysOpen ? null : f.deadline,
    alwaysOpen: f.alwaysOpen,
    status: closed ? 'CLOSED' : 'OPEN',
    language: detectLanguage(`${title}\n${text}`),
    sections,
    boardTags: f.boardTags,
    boardCategories: f.boardCategories,
    contentHash: silverContentHash(title, sections),
    refinedAt: (options.now ?? Date.now)(),
  };
}
