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

export function collectUnknownTerms(
  tok: Tokens,
  allCandidates: readonly Candidate[],
  accepted: readonly Candidate[],
  stopwords: ReadonlySet<string>,
  out: Set<string>,
): void {
  if (tok.count === 0) return;
  const covered = new Uint8Array(tok.count);
  for (const c of allCandidates) for (let j = c.first; j <= c.last; j++) covered[j] = 1;
  const acceptedFirst = new Set(accepted.map((c) => c.first));
  const acceptedLast = new Set(accepted.map((c) => c.last));
  const { text, kind, start, end, joinBefore } = tok;
  for (let j = 0; j < tok.count; j++) {
    if (kind[j] !== K_WORD || covered[j]) continue;
    const k = tok.keyAt(j);
    if (k.length < 2) continue;
    const first = k.charCodeAt(0);
    if (first < 0x61 || first > 0x7a) continue; // names start with a letter
    const surface = text.slice(start[j]!, end[j]!);
    const dotted = j + 1 < tok.count && joinBefore[j + 1] === 0x2e;
    // An all-lower-case word is only a candidate as a dotted name ('foo.js').
    if (surface === k && !dotted) continue;
    if (stopwords.has(k)) continue;
    // Dotted name: 'foo.js' (the suffix glued with a single '.').
    if (dotted && kind[j + 1] === K_WORD && DOTTED_SUFFIXES.has(tok.keyAt(j + 1)) && !covered[j + 1]) {
      add(`${surface}.${text.slice(start[j + 1]!, end[j + 1]!)}`);
      j++;
      continue;
    }
    // 'SOPs', 'SDKs': plural acronyms; 'eCommerce', 'iGaming': prefixed words. Neither names a technology.
    if (/^[A-Z]{2,}s$/.test(surface) || /^[ei][A-Z][a-z]/.test(surface)) continue;
    if (/^[A-Za-z][a-z0-9]*[A-Z]/.test(surface) && /[a-z]/.test(surface) && k.length >= 4) {
      add(surface);
      continue;
    }
    if (!/^[A-Z]/.test(surface) || !/^[A-Za-z][A-Za-z0-9+#]*$/.test(surface)) continue;
    // A capitalised word separated by ',', '/', '·', '|', 'and', 'or', '및' from a known technology, and not a label
    // ('Role:').
    if (j + 1 < tok.count && tok.keyAt(j + 1) === ':') continue;
    const linked = (from: number, to: number) => {
      for (let q = from; q <= to; q++) if (!LIST_LINKS.has(tok.keyAt(q))) return false;
      return to >= from;
    };
    const left = listFillers.neighbourToken(tok, { first: j, last: j }, -1, false);
    const right = listFillers.neighbourToken(tok, { first: j, last: j }, 1, false);
    const nextToKnown =
      (left >= 0 && acceptedLast.has(left) && linked(left + 1, j - 1)) ||
      (right >= 0 && acceptedFirst.has(right) && linked(j + 1, right - 1));
    if (nextToKnown) add(surface);
  }

  function add(term: string): void {
    if (term.length > MAX_TERM_LENGTH) return;
    out.add(term);
  }
}
