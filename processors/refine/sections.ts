// Splits a job description into the silver sections by its headings (Korean and English; see
// data/section-headings.json). Shared with `techmap extract`, which feeds it raw text or HTML.
import { refineData, sectionNames, type SectionName } from './data';
import { toCleanText } from './html';

export { sectionNames, type SectionName };

export type Sections = Record<SectionName, string>;

export function emptySections(): Sections {
  return { intro: '', responsibilities: '', requirements: '', preferred: '', benefits: '', other: '' };
}

/** The patterns of one kind as one regular expression: one alternative per pattern, in PATTERN_ORDER. */
interface PatternSet {
  re: RegExp;
  /** Section of the alternative named `h<i>`. */
  sections: SectionName[];
}

interface HeadingMatcher {
  phrases: Map<string, SectionName>;
  /** Over the spaced lower-case text (English). */
  spaced: PatternSet;
  /** Over the heading key (Korean). */
  compact: PatternSet;
  maxLength: number;
}

/**
 * Order the patterns are tried in: the more specific sections first, because a preferred heading
 * ('이런 분이면 더 좋아요') also reads as a requirements one, and a tech-stack or hiring heading names the work.
 */
const PATTERN_ORDER: readonly SectionName[] = [
  'preferred',
  'requirements',
  'responsibilities',
  'benefits',
  'other',
  'intro',
];

let matcher: HeadingMatcher | undefined;

/** Key a phrase is compared by: lower case, no spaces, no apostrophes. */
export function headingKey(s: string): string {
  return s.toLowerCase().replace(/[\s'’‘`]+/g, '');
}

/**
 * One alternation of anchored patterns: a short line is tried against all of them in one pass (they run on every
 * short line of every posting). The first alternative that matches wins, as the patterns are tried in order.
 */
function patternSet(patterns: Array<{ source: string; section: SectionName }>): PatternSet {
  const parts = patterns.map(({ source }, i) => {
    if (!source.startsWith('^') || !source.endsWith('$')) {
      throw new Error(`section-headings.json: pattern /${source}/ must be anchored with ^ and $`);
    }
    return `(?<h${i}>${source.slice(1, -1)})`;
  });
  return {
    re: new RegExp(parts.length > 0 ? `^(?:${parts.join('|')})$` : '(?!)', 'u'),
    sections: patterns.map((p) => p.section),
  };
}

function matchSet(set: PatternSet, text: string): SectionName | null {
  const groups = set.re.exec(text)?.groups;
  if (!groups) return null;
  for (let i = 0; i < set.sections.length; i++) if (groups[`h${i}`] !== undefined) return set.sections[i]!;
  return null;
}

function headingMatcher(): HeadingMatcher {
  if (matcher) return matcher;
  const { headings } = refineData();
  const phrases = new Map<string, SectionName>();
  for (const section of sectionNames) {
    for (const p of headings.sections[section].phrases) phrases.set(headingKey(p), section);
  }
  const ordered = (kind: 'patterns' | 'compactPatterns') =>
    PATTERN_ORDER.flatMap((section) => headings.sections[section][kind].map((source) => ({ source, section })));
  matcher = {
    phrases,
    spaced: patternSet(ordered('patterns')),
    compact: patternSet(ordered('compactPatterns')),
    maxLength: headings.maxHeadingLength,
  };
  return matcher;
}

const LEADING_DECORATION =
  /^(?:[\s\-–—•·ㆍ∙●○◦▪▫■□◆◇▶▷►▸✔✓✅☑❖★☆※#*>|=~_[\](){}【】〈〉《》「」『』<]|\p{Extended_Pictographic}|\uFE0F|\d{1,2}[.)](?!\d))+/u;
/** One trailing mark; ')' is handled apart so that '기술스택(필수)' keeps its closing parenthesis. */
const TRAILING_MARK = /^(?:[\s:\-–—|=~_*!.[\]{}【】〈〉《》「」『』<>]|\uFE0F|\p{Extended_Pictographic})$/u;

const FULL_WIDTH = /[\uff00-\uffef]/u;
const HANGUL = /[\uac00-\ud7a3]/u;

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** The line without its trailing marks, scanned from the end (a '…+$' regex retries from every space of the line). */
function stripTrailing(s: string): string {
  let end = s.length;
  while (end > 0) {
    const low = s.charCodeAt(end - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && end >= 2 ? 2 : 1; // an emoji is a surrogate pair
    const ch = s.slice(end - width, end);
    if (TRAILING_MARK.test(ch)) end -= width;
    // A ')' goes only when it closes nothing: '(필수)' stays, the wrapper of '(주요업무)' has lost its '(' already.
    else if (ch === ')' && count(s.slice(0, end), ')') > count(s.slice(0, end), '(')) end -= 1;
    else break;
  }
  return s.slice(0, end);
}

/** The heading text of a line with its decorations removed ('■ 주요업무 :' → '주요업무', '＜주요 업무 ＞' → '주요 업무'). */
export function stripHeadingDecoration(line: string): string {
  // NFKC folds full-width marks ('＜', '：', '［') into the ASCII ones the patterns strip (only when there are any:
  // this runs on every short line of every posting).
  const s = (FULL_WIDTH.test(line) ? line.normalize('NFKC') : line).replace(LEADING_DECORATION, '');
  return stripTrailing(s).replace(/\s+/g, ' ').trim();
}

/**
 * Verdicts on short lines seen lately. Every short line of every posting is classified, and the same lines come back
 * all the time (a company's boilerplate, '- 4대보험', a re-crawled posting refined again), so most lines cost one lookup
 * instead of the decoration stripping and the heading regexes. Cleared when full: bounded, and no bookkeeping per hit.
 */
const verdicts = new Map<string, SectionName | null>();
const MAX_VERDICTS = 8192;

/** The section a line opens, when the line is a heading; null otherwise. */
export function classifyHeading(line: string): SectionName | null {
  const m = headingMatcher();
  if (line.length > m.maxLength * 2) return null; // decorations never double a heading's length
  const seen = verdicts.get(line);
  if (seen !== undefined) return seen;
  const section = classifyShortLine(line, m);
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(line, section);
  return section;
}

function classifyShortLine(line: string, m: HeadingMatcher): SectionName | null {
  const text = stripHeadingDecoration(line);
  if (text === '' || text.length > m.maxLength) return null;
  const key = headingKey(text).replace(/[?？]+$/u, '');
  const bySet = m.phrases.get(key);
  if (bySet) return bySet;
  const lower = text.toLowerCase().replace(/[’‘`]/g, "'");
  // The compact patterns are Korean and the spaced ones English: a line is tried against the kind it can match.
  return (
    (HANGUL.test(key) ? matchSet(m.compact, key) : null) ?? (/[a-z]/.test(lower) ? matchSet(m.spaced, lower) : null)
  );
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
    if (inline && inline.section !== current.section) {
      close();
      if (line.startsWith('- ')) {
        // '- 우대 기술: Vue' is one item of the list it stands in: it alone goes elsewhere, the list continues.
        blocks.push({ section: inline.section, heading: null, text: line });
        current = { section: current.section, heading: null, text: '' };
        continue;
      }
      current = { section: inline.section, heading: null, text: '' };
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
