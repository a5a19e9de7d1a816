// Tech-looking words that the taxonomy does not know, collected for review (`techmap taxonomy candidates`):
//   - CamelCase words ('RocketMQ', 'QueryDSL', 'SwiftData'),
//   - dotted names ('Foo.js', 'bar.io', 'baz.ai'),
//   - capitalised words standing in a list next to a known technology ('Java, Spring, Exposed2, MySQL').
// Words covered by a dictionary hit (accepted or not) and the stopwords of taxonomy/unknown-terms.json are skipped.
import { TokenKind, type Tokens } from '../../../taxonomy';
import { listFillers } from './ambiguity';
import type { Candidate } from './dictionary';

// Token kinds as module constants (hot loops; an enum member would be a property load each time).
const K_WORD = TokenKind.Word;

const DOTTED_SUFFIXES = new Set(['js', 'io', 'ai', 'ts', 'py', 'rs', 'jl', 'dev', 'sh']);
const MAX_TERM_LENGTH = 40;
const LIST_LINKS = new Set([',', '/', '·', '|', '、', 'and', 'or', '및', '또는']);

// Scratch per token (JavaScript is single-threaded; grown as needed): 1 = inside a dictionary hit.
let covered = new Uint8Array(0);

export function collectUnknownTerms(
  tok: Tokens,
  allCandidates: readonly Candidate[],
  accepted: readonly Candidate[],
  stopwords: ReadonlySet<string>,
  out: Set<string>,
): void {
  if (tok.count === 0) return;
  if (covered.length < tok.count) covered = new Uint8Array(tok.count * 2);
  covered.fill(0, 0, tok.count);
  for (const c of allCandidates) for (let j = c.first; j <= c.last; j++) covered[j] = 1;
  let acceptedFirst: Set<number> | null = null;
  let acceptedLast: Set<number> | null = null;
  const { text, folded, kind, start, end, joinBefore } = tok;
  for (let j = 0; j < tok.count; j++) {
    if (kind[j] !== K_WORD || covered[j]) continue;
    const s = start[j]!;
    const e = end[j]!;
    // The key's length and first letter without cutting it ('. NET', the only word whose key is not its folded
    // text, starts with '.', not a letter).
    if (e - s < 2) continue;
    const first = folded.charCodeAt(s);
    if (first < 0x61 || first > 0x7a) continue; // names start with a letter
    const dotted = j + 1 < tok.count && joinBefore[j + 1] === 0x2e;
    // An all-lower-case word is only a candidate as a dotted name ('foo.js').
    if (!dotted && sameText(text, folded, s, e)) continue;
    const k = tok.keyAt(j);
    if (stopwords.has(k)) continue;
    const surface = text.slice(s, e);
    // Dotted name: 'foo.js' (the suffix glued with a single '.').
    if (dotted && kind[j + 1] === K_WORD && DOTTED_SUFFIXES.has(tok.keyAt(j + 1)) && !covered[j + 1]) {
      addTerm(out, `${surface}.${text.slice(start[j + 1]!, end[j + 1]!)}`);
      j++;
      continue;
    }
    // 'SOPs', 'SDKs': plural acronyms; 'eCommerce', 'iGaming': prefixed words. Neither names a technology.
    if (/^[A-Z]{2,}s$/.test(surface) || /^[ei][A-Z][a-z]/.test(surface)) continue;
    if (/^[A-Za-z][a-z0-9]*[A-Z]/.test(surface) && /[a-z]/.test(surface) && k.length >= 4) {
      addTerm(out, surface);
      continue;
    }
    if (!/^[A-Z]/.test(surface) || !/^[A-Za-z][A-Za-z0-9+#]*$/.test(surface)) continue;
    // A capitalised word separated by ',', '/', '·', '|', 'and', 'or', '및' from a known technology, and not a label
    // ('Role:').
    if (j + 1 < tok.count && tok.keyAt(j + 1) === ':') continue;
    acceptedFirst ??= new Set(accepted.map((c) => c.first));
    acceptedLast ??= new Set(accepted.map((c) => c.last));
    const left = listFillers.neighbourToken(tok, { first: j, last: j }, -1, false);
    const right = listFillers.neighbourToken(tok, { first: j, last: j }, 1, false);
    const nextToKnown =
      (left >= 0 && acceptedLast.has(left) && linked(tok, left + 1, j - 1)) ||
      (right >= 0 && acceptedFirst.has(right) && linked(tok, j + 1, right - 1));
    if (nextToKnown) addTerm(out, surface);
  }
}

/** True when a and b have the same characters from s to e (the word is written in lower case: nothing cut). */
function sameText(a: string, b: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** True when tokens from..to (at least one) are all list links. */
function linked(tok: Tokens, from: number, to: number): boolean {
  for (let q = from; q <= to; q++) if (!LIST_LINKS.has(tok.keyAt(q))) return false;
  return to >= from;
}

function addTerm(out: Set<string>, term: string): void {
  if (term.length > MAX_TERM_LENGTH) return;
  out.add(term);
}
