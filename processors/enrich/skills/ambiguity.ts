// Decides which dictionary hits of ambiguous names (Go, R, C, Swift, Spring, Express, '뷰' ...) are the technology.
// A hit through a guarded alias is accepted when it is not inside a stop phrase ('go to market', 'r&d') and
//   - it stands in a list next to another accepted technology ('Java, Go, Python', 'Go와 Kotlin', 'python flask'), or
//   - its spelling is one of the rule's forms ('Go', not 'go') and either the rule does not need context, or a context
//     word is near (±8 tokens: 'golang', '언어', 'developer'), or it is used as a Korean noun ('Go로', 'R을').
// Unguarded hits are always accepted.
import { TokenKind, type Tokens } from '../../../taxonomy';
import type { Candidate, CompiledRule } from './dictionary';
import type { SuffixChecker } from './korean';

// Token kinds as module constants (hot loops; an enum member would be a property load each time).
const K_HANGUL = TokenKind.Hangul;
const K_PUNCT = TokenKind.Punct;
const K_WORD = TokenKind.Word;

const CONTEXT_WINDOW = 8;
/** Tokens that may stand between two items of a list. */
const LIST_PUNCT = new Set([
  ',',
  '/',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '|',
  '·',
  '&',
  '+',
  ';',
  ':',
  '、',
  '，',
  '•',
  '∙',
  '‧',
  '・',
  '*',
  '>',
  '<',
  '"',
  "'",
  '`',
  '~',
]);
const LIST_WORDS = new Set([
  'and',
  'or',
  'und',
  'nor',
  'as',
  'well',
  'also',
  'plus',
  'etc',
  'eg',
  'e',
  'g',
  'ie',
  'i',
  'with',
  'including',
  'like',
  'such',
]);
const LIST_HANGUL = new Set([
  '및',
  '와',
  '과',
  '또는',
  '혹은',
  '이나',
  '나',
  '랑',
  '이랑',
  '하고',
  '그리고',
  '등',
  '등의',
  '등을',
  '등과',
  '등에',
  '등이',
]);
const MAX_SKIP = 3;

function isListFiller(tok: Tokens, j: number): boolean {
  const k = tok.keyAt(j);
  switch (tok.kind[j]) {
    case K_PUNCT:
      return LIST_PUNCT.has(k);
    case K_WORD:
      return LIST_WORDS.has(k);
    default:
      return LIST_HANGUL.has(k);
  }
}

/** True when nothing but list fillers share the candidate's line (a bulleted item: '- Go'). */
function aloneOnLine(tok: Tokens, c: { first: number; last: number }, suffixes: SuffixChecker): boolean {
  for (let j = c.first - 1; j >= 0; j--) {
    if (!isListFiller(tok, j)) return false;
    if (tok.breakBefore[j]) break;
  }
  for (let j = c.last + 1; j < tok.count && !tok.breakBefore[j]; j++) {
    if (isListFiller(tok, j)) continue;
    if (tok.kind[j] === K_HANGUL && suffixes.isParticleChain(tok.keyAt(j))) continue;
    return false;
  }
  return true;
}

/**
 * Token index of the neighbouring item in a list, in direction `dir` (-1 left, +1 right), or -1.
 * Skips up to three list fillers; crosses a line break only for a bulleted item alone on its line.
 */
function neighbourToken(tok: Tokens, c: { first: number; last: number }, dir: -1 | 1, crossLines: boolean): number {
  let j = dir < 0 ? c.first - 1 : c.last + 1;
  let skipped = 0;
  let boundary = dir < 0 ? c.first : j; // the token whose breakBefore separates it from its left neighbour
  while (j >= 0 && j < tok.count) {
    if (tok.breakBefore[boundary] && !crossLines) return -1;
    if (!isListFiller(tok, j)) return j;
    // '(.NET core) Solid understanding': the candidate is outside a parenthesis the neighbour is in.
    const k = tok.keyAt(j);
    if (dir < 0 ? k === ')' || k === ']' : k === '(' || k === '[') return -1;
    if (++skipped > MAX_SKIP) return -1;
    j += dir;
    boundary = dir < 0 ? j + 1 : j;
  }
  return -1;
}

function hasContext(tok: Tokens, c: Candidate, rule: CompiledRule): boolean {
  if (rule.context.length === 0) return false;
  const from = Math.max(0, c.first - CONTEXT_WINDOW);
  const to = Math.min(tok.count - 1, c.last + CONTEXT_WINDOW);
  for (const phrase of rule.context) {
    for (let p = from; p + phrase.length - 1 <= to; p++) {
      if (p >= c.first && p <= c.last) continue;
      let ok = true;
      for (let q = 0; q < phrase.length && ok; q++) ok = keyMatches(tok, p + q, phrase[q]!);
      if (ok) return true;
    }
  }
  return false;
}

/** A token equals a phrase key; a Hangul token may carry particles after it ('리액트와' matches '리액트'). */
function keyMatches(tok: Tokens, j: number, k: string): boolean {
  const key = tok.keyAt(j);
  if (key === k) return true;
  return tok.kind[j] === K_HANGUL && key.startsWith(k);
}

function inStopPhrase(tok: Tokens, c: Candidate, rule: CompiledRule): boolean {
  for (const phrase of rule.stop) {
    const m = phrase.length;
    for (let s = c.first - m + 1; s <= c.first; s++) {
      if (s < 0 || s + m - 1 < c.last || s + m > tok.count) continue;
      let ok = true;
      for (let q = 0; q < m && ok; q++) ok = keyMatches(tok, s + q, phrase[q]!);
      if (ok) return true;
    }
  }
  return false;
}

/** 'Go로', 'R을', 'C언어': a Latin name glued to a Korean particle is used as a noun. */
function usedAsKoreanNoun(tok: Tokens, c: Candidate, suffixes: SuffixChecker): boolean {
  const j = c.last + 1;
  if (tok.kind[c.last] !== K_WORD || j >= tok.count) return false;
  if (tok.kind[j] !== K_HANGUL || tok.gapBefore[j]) return false;
  const k = tok.keyAt(j);
  return k.startsWith('언어') || suffixes.isParticleChain(k);
}

/** The hits that count, in text order. */
export function resolveAmbiguity(tok: Tokens, candidates: readonly Candidate[], suffixes: SuffixChecker): Candidate[] {
  const accepted = new Array<boolean>(candidates.length).fill(false);
  const pending: number[] = [];
  candidates.forEach((c, i) => {
    const rule = c.terminal.rule;
    if (!rule) {
      accepted[i] = true;
      return;
    }
    if (inStopPhrase(tok, c, rule)) return;
    const surface = tok.text.slice(c.start, c.end);
    const formOk = rule.forms === null || rule.forms.has(surface);
    if (formOk && (!rule.needsContext || hasContext(tok, c, rule) || usedAsKoreanNoun(tok, c, suffixes))) {
      accepted[i] = true;
      return;
    }
    pending.push(i);
  });
  if (pending.length > 0) {
    // Which candidate (index) ends/starts at each token, to find list neighbours.
    const byFirst = new Map<number, number>();
    const byLast = new Map<number, number>();
    candidates.forEach((c, i) => {
      byFirst.set(c.first, i);
      byLast.set(c.last, i);
    });
    // Items separated by white space only form a list when they stand in a run of at least three technologies
    // ('Technologies: php go python javascript'); in prose 'Solid Java skills' is not a list.
    const covered = new Int32Array(tok.count).fill(-1);
    candidates.forEach((c, i) => {
      for (let j = c.first; j <= c.last; j++) covered[j] = i;
    });
    const tagRun = (c: Candidate): boolean => {
      const inRun = new Set<number>();
      for (let j = c.first; j >= 0; j--) {
        if (covered[j]! >= 0) inRun.add(covered[j]!);
        else if (!isListFiller(tok, j)) break;
        if (tok.breakBefore[j]) break;
      }
      for (let j = c.last + 1; j < tok.count && !tok.breakBefore[j]; j++) {
        if (covered[j]! >= 0) inRun.add(covered[j]!);
        else if (!isListFiller(tok, j)) break;
      }
      return inRun.size >= 3;
    };
    const endsWithConnector = (c: Candidate): boolean =>
      c.end < tok.end[c.last]! && LIST_HANGUL.has(tok.keyAt(c.last).slice(c.end - tok.start[c.last]!));
    let changed = true;
    while (changed) {
      changed = false;
      for (const i of pending) {
        if (accepted[i]) continue;
        const c = candidates[i]!;
        const crossLines = aloneOnLine(tok, c, suffixes);
        const left = neighbourToken(tok, c, -1, crossLines);
        const right = neighbourToken(tok, c, 1, crossLines);
        const l = left >= 0 ? byLast.get(left) : undefined;
        const r = right >= 0 ? byFirst.get(right) : undefined;
        // Items separated by white space only ('python flask') form a list only on a line of nothing but technologies
        // (a tag line); in prose 'Solid Java skills' is not a list.
        // '자바와 스프링': a connective particle glued to the first item links the two like a comma.
        const spaced = (side: -1 | 1) =>
          (side < 0
            ? left === c.first - 1 && !endsWithConnector(candidates[l!]!)
            : right === c.last + 1 && !endsWithConnector(c)) && !tagRun(c);
        const okLeft = l !== undefined && accepted[l] && !spaced(-1);
        const okRight = r !== undefined && accepted[r] && !spaced(1);
        if (okLeft || okRight) {
          accepted[i] = true;
          changed = true;
        }
      }
    }
  }
  return candidates.filter((_, i) => accepted[i]);
}

export const listFillers = { isListFiller, neighbourToken };
