// The taxonomy compiled into one token trie (a multi-pattern automaton over normalised tokens): every name and alias
// of every technology is a path of token keys. A posting is scanned once, leftmost-longest, whatever the number of
// aliases; no regular expression per keyword.
import {
  isHangulKey,
  isWordKey,
  FINGERPRINT_BITS,
  keyFingerprint,
  keyHash,
  phraseKeys,
  TokenKind,
  type Taxonomy,
  type Technology,
  type Tokens,
} from '../../../taxonomy';
import { createSuffixChecker, type SuffixChecker } from './korean';

// Token kinds as module constants (hot loops; an enum member would be a property load each time).
const K_HANGUL = TokenKind.Hangul;
const K_WORD = TokenKind.Word;

/** An ambiguity rule with its phrases in token-key form. */
export interface CompiledRule {
  /** Exact spellings accepted without a list neighbour; null = any spelling. */
  forms: ReadonlySet<string> | null;
  needsContext: boolean;
  context: readonly (readonly string[])[];
  /** The context phrases by their first key (a token equal to it may start the phrase). */
  contextByFirst: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** The context phrases whose first key is Hangul (a Hangul token starting with it may start the phrase). */
  contextHangul: readonly (readonly string[])[];
  stop: readonly (readonly string[])[];
}

export interface Terminal {
  tech: Technology;
  /** The technology's position in taxonomy.technologies (for per-technology arrays). */
  techIndex: number;
  /** The rule guarding the alias that ends here, or null when the alias is unambiguous. */
  rule: CompiledRule | null;
}

interface TrieNode {
  next: Map<string, TrieNode> | null;
  /**
   * For particle-aware prefix matching: first character of a Hangul key in `next` → the distinct lengths of the
   * Hangul keys starting with it, longest first. A Hangul token whose first character is not here needs no look-up.
   */
  hangulLens: Map<number, number[]> | null;
  terminal: Terminal | null;
}

/** One dictionary hit in a token stream (before ambiguity rules are applied). */
export interface Candidate {
  terminal: Terminal;
  /** First and last token index of the hit. */
  first: number;
  last: number;
  /** UTF-16 offsets in the original text (end may fall inside the last token: '리액트|를'). */
  start: number;
  end: number;
}

export interface SkillDictionary {
  taxonomy: Taxonomy;
  suffixes: SuffixChecker;
  /** All hits in a token stream, leftmost-longest, non-overlapping. */
  scan(tokens: Tokens): Candidate[];
  /** The technology a whole phrase names exactly (board tags, labelled spans), ignoring ambiguity rules. */
  lookupPhrase(phrase: string): Technology | null;
  /** The technology whose alias is exactly these token keys (no version stripping), or null. */
  lookupExact(keys: readonly string[]): Technology | null;
  /** lookupExact of the keys of tokens from..to (inclusive), without building the array. */
  lookupTokens(tokens: Tokens, from: number, to: number): Technology | null;
  /** Number of distinct alias keys compiled (for diagnostics and the benchmark). */
  size: number;
}

const newNode = (): TrieNode => ({ next: null, hangulLens: null, terminal: null });

/** 'python3' → 'python', 'vue3' → 'vue', 'react18' → 'react': a version glued to a word (stem of 3+ letters). */
export function versionStem(key: string): string | null {
  const m = /^([a-z][a-z+#]{2,}?)\d+$/.exec(key);
  return m ? m[1]! : null;
}

export function compileDictionary(taxonomy: Taxonomy): SkillDictionary {
  const root = newNode();
  /** Fingerprints of every key at the root (first two characters, last one, length): most words fail this check. */
  const rootPrints = new Uint8Array(1 << FINGERPRINT_BITS);
  /** First characters of the Hangul keys at the root (a Hangul run starting with anything else matches nothing). */
  const rootHangulFirst = new Uint8Array(1 << 16);
  const suffixes = createSuffixChecker(taxonomy.koreanSuffixes);
  const seen = new Map<string, string>(); // alias key → tech id
  let size = 0;

  const insert = (keys: readonly string[], terminal: Terminal): boolean => {
    const joined = keys.join(' ');
    const owner = seen.get(joined);
    if (owner !== undefined) return owner === terminal.tech.id;
    let node = root;
    rootPrints[keyFingerprint(keys[0]!)] = 1;
    if (isHangulKey(keys[0]!)) rootHangulFirst[keys[0]!.charCodeAt(0)] = 1;
    for (const k of keys) {
      node.next ??= new Map();
      let child = node.next.get(k);
      if (!child) {
        child = newNode();
        node.next.set(k, child);
        if (isHangulKey(k)) {
          node.hangulLens ??= new Map();
          const lens = node.hangulLens.get(k.charCodeAt(0)) ?? [];
          if (!lens.includes(k.length)) {
            lens.push(k.length);
            lens.sort((a, b) => b - a);
          }
          node.hangulLens.set(k.charCodeAt(0), lens);
        }
      }
      node = child;
    }
    node.terminal = terminal;
    seen.set(joined, terminal.tech.id);
    size++;
    return true;
  };

  // Explicit names and aliases first (they win over generated variants).
  const generated: Array<{ keys: string[]; terminal: Terminal }> = [];
  for (const [techIndex, tech] of taxonomy.technologies.entries()) {
    const rules = new Map<string, CompiledRule>();
    for (const rule of tech.ambiguity) {
      const context = (rule.context ?? []).map(phraseKeys).filter((k) => k.length > 0);
      const contextByFirst = new Map<string, string[][]>();
      for (const phrase of context) contextByFirst.set(phrase[0]!, [...(contextByFirst.get(phrase[0]!) ?? []), phrase]);
      const compiled: CompiledRule = {
        forms: rule.forms ? new Set(rule.forms) : null,
        needsContext: rule.needsContext,
        context,
        contextByFirst,
        contextHangul: context.filter((phrase) => isHangulKey(phrase[0]!)),
        stop: (rule.stop ?? []).map(phraseKeys).filter((k) => k.length > 0),
      };
      for (const alias of rule.aliases) rules.set(phraseKeys(alias).join(' '), compiled);
    }
    for (const phrase of [tech.name, ...tech.aliases, ...tech.aliasesKo]) {
      const keys = phraseKeys(phrase);
      if (keys.length === 0) continue;
      const terminal: Terminal = { tech, techIndex, rule: rules.get(keys.join(' ')) ?? null };
      insert(keys, terminal);
      // 'spring boot' also matches 'springboot', '스프링 부트' also '스프링부트'.
      if (keys.length > 1 && (keys.every(isPlainWord) || keys.every(isHangulKey))) {
        generated.push({ keys: [keys.join('')], terminal });
      }
    }
  }
  const generatedOwners = new Map<string, Set<string>>();
  for (const g of generated) {
    const set = generatedOwners.get(g.keys[0]!) ?? new Set();
    set.add(g.terminal.tech.id);
    generatedOwners.set(g.keys[0]!, set);
  }
  for (const g of generated) {
    if (generatedOwners.get(g.keys[0]!)!.size === 1) insert(g.keys, g.terminal);
  }

  const rootTable = buildRootTable(root.next);

  const scan = (tok: Tokens): Candidate[] => {
    const out: Candidate[] = [];
    const { count, kind, start, end, breakBefore, joinBefore, folded } = tok;
    let i = 0;
    while (i < count) {
      // A word glued by a dot to the word before it is part of a longer name ('zapp.js' does not say 'js').
      if (
        (kind[i] === K_HANGUL
          ? rootHangulFirst[folded.charCodeAt(start[i]!)] === 0
          : rootPrints[tok.fingerprintAt(i)] === 0 && !isDigit(folded.charCodeAt(end[i]! - 1))) ||
        joinBefore[i] === 0x2e
      ) {
        i++;
        continue;
      }
      let node: TrieNode = root;
      // The longest hit so far (a Candidate is built once, at the end).
      let bestTerminal: Terminal | null = null;
      let bestLast = 0;
      let bestEnd = 0;
      for (let j = i; j < count; j++) {
        if (j > i && breakBefore[j]) break;
        const next = node.next;
        if (!next) break;
        // At the root, a key whose fingerprint is not in the table is not there: no key is cut, no hash computed.
        const atRoot = node === root;
        const child = atRoot
          ? rootPrints[tok.fingerprintAt(j)] === 0
            ? undefined
            : rootTable.child(tok, j)
          : next.get(tok.keyAt(j));
        const lens =
          kind[j] === K_HANGUL && node.hangulLens ? node.hangulLens.get(folded.charCodeAt(start[j]!)) : undefined;
        if (lens) {
          // Particle-aware prefix: '리액트를' = '리액트' + '를'. The alias must start the run (never '인터|뷰').
          const runLength = end[j]! - start[j]!;
          for (const len of lens) {
            if (len >= runLength) continue;
            const part = atRoot
              ? rootPrints[tok.prefixFingerprintAt(j, len)] === 0
                ? undefined
                : rootTable.prefixChild(tok, j, len)
              : next.get(tok.keyAt(j).slice(0, len));
            if (part?.terminal && suffixes.isSuffixChain(tok.keyAt(j).slice(len))) {
              const e = start[j]! + len;
              if (!bestTerminal || e > bestEnd) {
                bestTerminal = part.terminal;
                bestLast = j;
                bestEnd = e;
              }
              break;
            }
          }
        }
        if (!child) {
          if (kind[j] === K_WORD && isDigit(folded.charCodeAt(end[j]! - 1))) {
            const stem = versionStem(tok.keyAt(j));
            const viaStem = stem !== null ? next.get(stem) : undefined;
            if (viaStem?.terminal && (!bestTerminal || end[j]! > bestEnd)) {
              bestTerminal = viaStem.terminal;
              bestLast = j;
              bestEnd = end[j]!;
            }
          }
          break;
        }
        node = child;
        if (node.terminal) {
          bestTerminal = node.terminal;
          bestLast = j;
          bestEnd = end[j]!;
        }
      }
      if (bestTerminal) {
        out.push({ terminal: bestTerminal, first: i, last: bestLast, start: start[i]!, end: bestEnd });
        i = bestLast + 1;
      } else {
        i++;
      }
    }
    return out;
  };

  const lookupKeys = (keys: readonly string[]): Technology | null => {
    let node: TrieNode | undefined = root;
    for (let j = 0; j < keys.length && node; j++) {
      const child: TrieNode | undefined = node.next?.get(keys[j]!);
      if (!child && j === keys.length - 1) {
        const stem = versionStem(keys[j]!);
        const viaStem = stem !== null ? node.next?.get(stem) : undefined;
        return viaStem?.terminal?.tech ?? null;
      }
      node = child;
    }
    return node?.terminal?.tech ?? null;
  };

  const lookupPhrase = (phrase: string): Technology | null => {
    const keys = phraseKeys(phrase);
    // Trailing version numbers are not part of a name: 'CSS 3', 'Vue 3', 'Python 3.11'.
    while (keys.length > 1 && /^\d+$/.test(keys[keys.length - 1]!)) keys.pop();
    if (keys.length === 0) return null;
    return lookupKeys(keys);
  };

  const lookupExact = (keys: readonly string[]): Technology | null => {
    let node: TrieNode | undefined = root;
    for (let j = 0; j < keys.length && node; j++) node = node.next?.get(keys[j]!);
    return node?.terminal?.tech ?? null;
  };

  const lookupTokens = (tok: Tokens, from: number, to: number): Technology | null => {
    let node: TrieNode | undefined = rootPrints[tok.fingerprintAt(from)] === 0 ? undefined : rootTable.child(tok, from);
    for (let j = from + 1; j <= to && node; j++) node = node.next?.get(tok.keyAt(j));
    return node?.terminal?.tech ?? null;
  };

  return { taxonomy, suffixes, scan, lookupPhrase, lookupExact, lookupTokens, size };
}

/** The root's children by keyHash (open addressing), looked up with a token's hash: no key is cut or hashed twice. */
interface RootTable {
  child(tok: Tokens, j: number): TrieNode | undefined;
  /** The child for the first `len` characters of the token. */
  prefixChild(tok: Tokens, j: number, len: number): TrieNode | undefined;
}

function buildRootTable(next: ReadonlyMap<string, TrieNode> | null): RootTable {
  const keys = [...(next?.keys() ?? [])];
  const nodes = [...(next?.values() ?? [])];
  const hashes = new Int32Array(keys.map(keyHash));
  let size = 4;
  while (size < keys.length * 4) size *= 2;
  const mask = size - 1;
  /** Entry index + 1 per slot; 0 = empty. */
  const slots = new Int32Array(size);
  for (let e = 0; e < keys.length; e++) {
    let h = hashes[e]! & mask;
    while (slots[h] !== 0) h = (h + 1) & mask;
    slots[h] = e + 1;
  }
  return {
    child(tok, j) {
      const hash = tok.hashAt(j);
      for (let h = hash & mask; slots[h] !== 0; h = (h + 1) & mask) {
        const e = slots[h]! - 1;
        if (hashes[e] === hash && tok.keyIs(j, keys[e]!)) return nodes[e];
      }
      return undefined;
    },
    prefixChild(tok, j, len) {
      const hash = tok.prefixHashAt(j, len);
      for (let h = hash & mask; slots[h] !== 0; h = (h + 1) & mask) {
        const e = slots[h]! - 1;
        if (hashes[e] === hash && tok.prefixIs(j, len, keys[e]!)) return nodes[e];
      }
      return undefined;
    },
  };
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isPlainWord(key: string): boolean {
  return isWordKey(key) && /^[a-z0-9]+$/.test(key);
}
