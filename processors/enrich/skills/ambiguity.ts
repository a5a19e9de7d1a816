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
  // Each token of the window may start a phrase: one equal to its key, or (a Hangul token) one its key starts with.
  for (let p = from; p <= to; p++) {
    if (p >= c.first && p <= c.last) continue;
    const key = tok.keyAt(p);
    const phrases = tok.kind[p] === K_HANGUL ? rule.contextHangul : rule.contextByFirst.get(key);
    if (phrases === undefined) continue;
    for (const phrase of phrases) {
      if (p + phrase.length - 1 > to) continue;
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

// Scratch arrays of resolveAmbiguity, per token (JavaScript is single-threaded; grown as needed).
let byFirst = new Int32Array(0);
let byLast = new Int32Array(0);
let covered = new Int32Array(0);

/** The hits that count, in text order (the same array when none is guarded by a rule). */
export function resolveAmbiguity(
  tok: Tokens,
  candidates: readonly Candidate[],
  suffixes: SuffixChecker,
): readonly Candidate[] {
  let guarded = false;
  for (const c of candidates) if (c.terminal.rule) guarded = true;
  if (!guarded) return candidates;
  const accepted = new Uint8Array(candidates.length);
  const pending: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const rule = c.terminal.rule;
    if (!rule) {
      accepted[i] = 1;
      continue;
    }
    if (inStopPhrase(tok, c, rule)) continue;
    const formOk = rule.forms === null || rule.forms.has(tok.text.slice(c.start, c.end));
    if (formOk && (!rule.needsContext || hasContext(tok, c, rule) || usedAsKoreanNoun(tok, c, suffixes))) {
      accepted[i] = 1;
      continue;
    }
    pending.push(i);
  }
  if (pending.length > 0) {
    // Which candidate (index) starts/ends at/covers each token, to find list neighbours.
    if (byFirst.length < tok.count) {
      byFirst = new Int32Array(tok.count * 2);
      byLast = new Int32Array(tok.count * 2);
      covered = new Int32Array(tok.count * 2);
    }
    byFirst.fill(-1, 0, tok.count);
    byLast.fill(-1, 0, tok.count);
    covered.fill(-1, 0, tok.count);
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      byFirst[c.first] = i;
      byLast[c.last] = i;
      for (let j = c.first; j <= c.last; j++) covered[j] = i;
    }
    // The list neighbours of each pending candidate that would accept it once accepted themselves (-1: none).
    const leftOf = new Int32Array(pending.length);
    const rightOf = new Int32Array(pending.length);
    for (let p = 0; p < pending.length; p++) {
      const c = candidates[pending[p]!]!;
      const crossLines = aloneOnLine(tok, c, suffixes);
      const left = neighbourToken(tok, c, -1, crossLines);
      const right = neighbourToken(tok, c, 1, crossLines);
      const l = left >= 0 ? byLast[left]! : -1;
      const r = right >= 0 ? byFirst[right]! : -1;
      // Items separated by white space only ('python flask') form a list only on a line of nothing but technologies
      // (a tag line); in prose 'Solid Java skills' is not a list.
      // '자바와 스프링': a connective particle glued to the first item links the two like a comma.
      const spacedLeft = l >= 0 && left === c.first - 1 && !endsWithConnector(tok, candidates[l]!) && !tagRun(tok, c);
      const spacedRight = r >= 0 && right === c.last + 1 && !endsWithConnector(tok, c) && !tagRun(tok, c);
      leftOf[p] = spacedLeft ? -1 : l;
      rightOf[p] = spacedRight ? -1 : r;
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (let p = 0; p < pending.length; p++) {
        const i = pending[p]!;
        if (accepted[i]) continue;
        const l = leftOf[p]!;
        const r = rightOf[p]!;
        if ((l >= 0 && accepted[l]) || (r >= 0 && accepted[r])) {
          accepted[i] = 1;
          changed = true;
        }
      }
    }
  }
  const out: Candidate[] = [];
  for (let i = 0; i < candidates.length; i++) if (accepted[i]) out.push(candidates[i]!);
  return out;
}

/**
 * Items separated by white space only form a list when they stand in a run of at least three technologies
 * ('Technologies: php go python javascript'); in prose 'Solid Java skills' is not a list. Reads `covered`.
 */
function tagRun(tok: Tokens, c: Candidate): boolean {
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
}

/** '자바와': the hit ends inside its token, before a connective particle. */
function endsWithConnector(tok: Tokens, c: Candidate): boolean {
  return c.end < tok.end[c.last]! && LIST_HANGUL.has(tok.keyAt(c.last).slice(c.end - tok.start[c.last]!));
}

export const listFillers = { isListFiller, neighbourToken };
