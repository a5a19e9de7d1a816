// Splits a job description into the silver sections by its headings (Korean and English; see
// data/section-headings.json). Shared with `techmap extract`, which feeds it raw text or HTML.
import { refineData, sectionNames, type SectionName } from './data';
import { toCleanText } from './html';

export { sectionNames, type SectionName };

export type Sections = Record<SectionName, string>;

export function emptySections(): Sections {
  return { intro: '', responsibilities: '', requirements: '', preferred: '', benefits: '', other: '' };
}

interface HeadingMatcher {
  phrases: Map<string, SectionName>;
  patterns: Array<{ re: RegExp; section: SectionName }>;
  maxLength: number;
}

let matcher: HeadingMatcher | undefined;

/** Key a phrase is compared by: lower case, no spaces, no apostrophes. */
export function headingKey(s: string): string {
  return s.toLowerCase().replace(/[\s'’‘`]+/g, '');
}

function headingMatcher(): HeadingMatcher {
  if (matcher) return matcher;
  const { headings } = refineData();
  const phrases = new Map<string, SectionName>();
  const patterns: HeadingMatcher['patterns'] = [];
  for (const section of sectionNames) {
    for (const p of headings.sections[section].phrases) phrases.set(headingKey(p), section);
    for (const p of headings.sections[section].patterns) patterns.push({ re: new RegExp(p, 'u'), section });
  }
  matcher = { phrases, patterns, maxLength: headings.maxHeadingLength };
  return matcher;
}

const LEADING_DECORATION =
  /^(?:[\s\-–—•·●○◦▪▫■□◆◇▶▷►▸✔✓✅☑❖★☆※#*>|=~_[\](){}【】〈〉《》「」『』<]|\p{Extended_Pictographic}|\uFE0F|\d{1,2}[.)](?!\d))+/u;
const TRAILING_DECORATION = /(?:[\s:：\-–—|=~_*!.[\](){}【】〈〉《》「」『』<>]|\p{Extended_Pictographic}|\uFE0F)+$/u;

/** The heading text of a line with its decorations removed ('■ 주요업무 :' → '주요업무'). */
export function stripHeadingDecoration(line: string): string {
  return line.replace(LEADING_DECORATION, '').replace(TRAILING_DECORATION, '').replace(/\s+/g, ' ').trim();
}

/** The section a line opens, when the line is a heading; null otherwise. */
export function classifyHeading(line: string): SectionName | null {
  const m = headingMatcher();
  if (line.length > m.maxLength * 2) return null; // decorations never double a heading's length
  const text = stripHeadingDecoration(line);
  if (text === '' || text.length > m.maxLength) return null;
  const bySet = m.phrases.get(headingKey(text));
  if (bySet) return bySet;
  const lower = text.toLowerCase().replace(/[’‘`]/g, "'");
  for (const { re, section } of m.patterns) if (re.test(lower)) return section;
  return null;
}

/** 'Requirements: 3+ years of Go' → its section, when the part before the colon is a heading. */
function inlineHeading(line: string): { section: SectionName } | null {
  if (!line.includes(':') && !line.includes('：')) return null;
  const m = /^(.{1,48}?)\s*[:：]\s*(.+)$/u.exec(line);
  if (!m) return null;
  const section = classifyHeading(m[1]!);
  return section ? { section } : null;
}

export interface SplitOptions {
  /** Section that text before the first heading belongs to (default 'intro'). */
  initial?: SectionName;
}

export interface SectionBlock {
  section: SectionName;
  /** The heading line as written, or null for text before the first heading. */
  heading: string | null;
  text: string;
}

/** The description as consecutive blocks, each under one heading. Input is clean text (see toCleanText). */
export function sectionBlocks(cleanText: string, options: SplitOptions = {}): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let current: SectionBlock = { section: options.initial ?? 'intro', heading: null, text: '' };
  const lines: string[] = [];
  const close = () => {
    current.text = lines.join('\n').trim();
    if (current.text !== '' || current.heading !== null) blocks.push(current);
    lines.length = 0;
  };
  for (const line of cleanText.split('\n')) {
    const section = classifyHeading(line);
    if (section) {
      close();
      current = { section, heading: line, text: '' };
      continue;
    }
    // 'Requirements: 3+ years of Go', '- 고용형태 : 정규직': the line opens the section and stays as its text,
    // because the label is part of what it says.
    const inline = inlineHeading(line);
    if (inline) {
      if (inline.section !== current.section) {
        close();
        current = { section: inline.section, heading: null, text: '' };
      }
      lines.push(line);
      continue;
    }
    lines.push(line);
  }
  close();
  return blocks;
}

/**
 * Splits a description (HTML, escaped HTML, Markdown or plain text) into sections by its headings.
 * Text under several headings of one section is joined with a newline; heading lines themselves are dropped.
 */
export function splitSections(textOrHtml: string, options: SplitOptions = {}): Sections {
  const out = emptySections();
  for (const block of sectionBlocks(toCleanText(textOrHtml), options)) {
    if (block.text === '') continue;
    out[block.section] = out[block.section] ? `${out[block.section]}\n${block.text}` : block.text;
  }
  return out;
}

/** Appends every section of `add` to `into` (newline separated). */
export function mergeSections(into: Sections, add: Sections): Sections {
  for (const name of sectionNames) {
    if (add[name] === '') continue;
    into[name] = into[name] ? `${into[name]}\n${add[name]}` : add[name];
  }
  return into;
}

/** All sections as one text, in schema order (for language detection, hashing, fingerprints). */
export function sectionsText(s: Sections): string {
  return sectionNames
    .map((n) => s[n])
    .filter(Boolean)
    .join('\n');
}
