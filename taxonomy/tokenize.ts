// The one text normalisation shared by the taxonomy (alias keys) and the extractor (posting text), so that an alias
// and the words it should match are cut and folded the same way. Offsets always refer to the ORIGINAL text.
//
// Rules (documented in taxonomy/README.md):
// - case is folded (and full-width ASCII becomes ASCII); the original case stays available through the offsets;
// - a word is a run of letters/digits; '+' and '#' right after a word stick to it ('c++', 'c#'); a '.' before a word
//   that does not follow a word sticks to it ('.net');
// - '.', '-', '_' and white space between words are separators only: 'node.js' = 'node js', 'react-native' =
//   'react native';
// - a run of Hangul (or other CJK) characters is one token; other punctuation ('/', ',', '(', '&' ...) is a token of
//   its own, so 'ci/cd' and 'r&d' are three tokens;
// - a line break, or '.', '!', '?' followed by white space, ends a sentence: multi-word aliases never match across it;
// - '. NET' after a non-word (as tokenised corpora write '.NET') is the word '.net'.

export const enum TokenKind {
  Word = 1,
  Hangul = 2,
  Punct = 3,
}

const C_OTHER = 0;
const C_SPACE = 1;
const C_ALNUM = 2;
const C_HANGUL = 3;
const C_JOIN = 4;
const C_BREAK = 5;
const C_ATTACH = 6;
const C_END = 7;

const CLASS = buildClassTable();

function buildClassTable(): Uint8Array {
  const t = new Uint8Array(65536);
  const set = (from: number, to: number, cls: number) => {
    for (let c = from; c <= to; c++) t[c] = cls;
  };
  set(0x30, 0x39, C_ALNUM);
  set(0x41, 0x5a, C_ALNUM);
  set(0x61, 0x7a, C_ALNUM);
  set(0xc0, 0x24f, C_ALNUM); // Latin-1 letters and Latin Extended A/B
  t[0xd7] = C_OTHER; // ×
  t[0xf7] = C_OTHER; // ÷
  set(0x370, 0x52f, C_ALNUM); // Greek, Cyrillic
  set(0x1100, 0x11ff, C_HANGUL);
  set(0x3040, 0x30ff, C_HANGUL); // kana: treated like Hangul runs
  set(0x3130, 0x318f, C_HANGUL);
  set(0x3400, 0x4dbf, C_HANGUL);
  set(0x4e00, 0x9fff, C_HANGUL);
  set(0xac00, 0xd7a3, C_HANGUL);
  set(0xff10, 0xff19, C_ALNUM);
  set(0xff21, 0xff3a, C_ALNUM);
  set(0xff41, 0xff5a, C_ALNUM);
  for (const c of [0x318d, 0x30fb, 0x3006]) t[c] = C_OTHER; // ㆍ ・ used as bullets / middle dots, not letters
  for (const c of [0x20, 0x09, 0x0b, 0x0c, 0xa0, 0x3000, 0xfeff, 0x200b, 0x202f, 0x205f]) t[c] = C_SPACE;
  set(0x2000, 0x200a, C_SPACE);
  for (const c of [0x0a, 0x0d, 0x2028, 0x2029, 0x85]) t[c] = C_BREAK;
  for (const c of [0x2e, 0x2d, 0x5f, 0x2010, 0x2011, 0xff0e, 0xff0d]) t[c] = C_JOIN; // . - _ ‐ ‑ ．－
  t[0x2b] = C_ATTACH; // +
  t[0x23] = C_ATTACH; // #
  t[0xff0b] = C_ATTACH;
  t[0xff03] = C_ATTACH;
  for (const c of [0x21, 0x3f, 0x3002, 0xff01, 0xff1f]) t[c] = C_END; // ! ? 。
  return t;
}

/** Case-folds text without changing its length (offsets stay valid). Full-width ASCII becomes ASCII. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length && !/[\uff01-\uff5e]/.test(text)) return lower;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    const ch = String.fromCharCode(c);
    const low = ch.toLowerCase();
    out += low.length === 1 ? low : ch;
  }
  return out;
}

/**
 * Tokens of one text, as parallel arrays (cheap to build, cheap to scan); token text is cut on demand.
 * The arrays may be longer than `count` when the object is a reusable buffer (see tokenizeInto): read 0..count-1.
 */
export class Tokens {
  /** The original text. */
  text = '';
  /** The folded text (same length as text). */
  folded = '';
  count = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** 1 when a sentence or line ends between the previous token and this one. */
  breakBefore: Uint8Array;
  /** 1 when white space or a separator ('.', '-', '_') stands between the previous token and this one. */
  gapBefore: Uint8Array;
  /** The separator between the previous token and this one when it was exactly one '.', '-' or '_'; else 0. */
  joinBefore: Uint16Array;
  private keys: Array<string | undefined> = [];

  /** Room for `capacity` tokens. */
  constructor(capacity = 0) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.breakBefore = new Uint8Array(capacity);
    this.gapBefore = new Uint8Array(capacity);
    this.joinBefore = new Uint16Array(capacity);
  }

  /** Makes room for n tokens; the current tokens are discarded when the arrays must grow. */
  reserve(n: number): void {
    if (n <= this.kind.length) return;
    const capacity = Math.max(n, this.kind.length * 2, 1024);
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.breakBefore = new Uint8Array(capacity);
    this.gapBefore = new Uint8Array(capacity);
    this.joinBefore = new Uint16Array(capacity);
  }

  /** Starts over with a new text of `count` tokens (the arrays are filled by the caller). */
  reset(text: string, folded: string, count: number): void {
    this.text = text;
    this.folded = folded;
    this.count = count;
    const keys = this.keys;
    if (keys.length < count) keys.length = count;
    keys.fill(undefined, 0, count);
  }

  /** A copy with arrays of exactly `count` entries (the result of tokenize: it owns its data). */
  copy(): Tokens {
    const n = this.count;
    const t = new Tokens(0);
    t.kind = this.kind.slice(0, n);
    t.start = this.start.slice(0, n);
    t.end = this.end.slice(0, n);
    t.breakBefore = this.breakBefore.slice(0, n);
    t.gapBefore = this.gapBefore.slice(0, n);
    t.joinBefore = this.joinBefore.slice(0, n);
    t.reset(this.text, this.folded, n);
    return t;
  }

  /** Folded token text: 'react', 'c++', '.net', '리액트를', '/'. */
  keyAt(j: number): string {
    let k = this.keys[j];
    if (k === undefined) {
      const s = this.start[j]!;
      // '. NET' is the word '.net'.
      k =
        this.folded.charCodeAt(s) === 0x2e && this.folded.charCodeAt(s + 1) === 0x20
          ? '.net'
          : this.folded.slice(s, this.end[j]!);
      this.keys[j] = k;
    }
    return k;
  }

  /** Token keys from..to (inclusive). */
  keysOf(from: number, to: number): string[] {
    const out: string[] = [];
    for (let j = from; j <= to; j++) out.push(this.keyAt(j));
    return out;
  }

  /** The fingerprint of the token's key (see keyFingerprint), computed without cutting its text. */
  fingerprintAt(j: number): number {
    const s = this.start[j]!;
    const e = this.end[j]!;
    const f = this.folded;
    if (f.charCodeAt(s) === 0x2e && f.charCodeAt(s + 1) === 0x20) return NET_FINGERPRINT;
    const len = e - s;
    return fingerprint(f.charCodeAt(s), len > 1 ? f.charCodeAt(s + 1) : 0, f.charCodeAt(e - 1), len);
  }

  /** keyHash of the token's key, computed without cutting its text. */
  hashAt(j: number): number {
    const s = this.start[j]!;
    const f = this.folded;
    if (f.charCodeAt(s) === 0x2e && f.charCodeAt(s + 1) === 0x20) return NET_HASH;
    return rangeHash(f, s, this.end[j]!);
  }

  /** keyHash of the first `len` characters of the token's key (a Hangul run without its particles). */
  prefixHashAt(j: number, len: number): number {
    const s = this.start[j]!;
    return rangeHash(this.folded, s, s + len);
  }

  /** True when the token's key is `key` (keyAt(j) === key, without cutting its text). */
  keyIs(j: number, key: string): boolean {
    const s = this.start[j]!;
    const f = this.folded;
    if (f.charCodeAt(s) === 0x2e && f.charCodeAt(s + 1) === 0x20) return key === '.net';
    return key.length === this.end[j]! - s && f.startsWith(key, s);
  }

  /** True when the first `len` characters of the token's key are `key`. */
  prefixIs(j: number, len: number, key: string): boolean {
    return key.length === len && this.folded.startsWith(key, this.start[j]!);
  }

  /** The fingerprint of the first `len` characters of the token's key (a Hangul run without its particles). */
  prefixFingerprintAt(j: number, len: number): number {
    const s = this.start[j]!;
    const f = this.folded;
    return fingerprint(f.charCodeAt(s), len > 1 ? f.charCodeAt(s + 1) : 0, f.charCodeAt(s + len - 1), len);
  }
}

/** Bits of the fingerprint table (a pre-check before a map look-up: most words of a posting fail it). */
export const FINGERPRINT_BITS = 16;

function fingerprint(first: number, second: number, last: number, length: number): number {
  return (
    (Math.imul(first, 0x9e3779b1) ^
      Math.imul(second, 0x85ebca6b) ^
      Math.imul(last, 0xc2b2ae35) ^
      Math.imul(length, 0x27d4eb2f)) >>>
    (32 - FINGERPRINT_BITS)
  );
}

/** Fingerprint of a key: its first two characters, last character and length. */
export function keyFingerprint(key: string): number {
  return fingerprint(
    key.charCodeAt(0),
    key.length > 1 ? key.charCodeAt(1) : 0,
    key.charCodeAt(key.length - 1),
    key.length,
  );
}

/** A 30-bit hash of a key's characters (FNV-1a), for tables keyed by token text without cutting it. */
export function keyHash(key: string): number {
  return rangeHash(key, 0, key.length);
}

function rangeHash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 2;
}

const NET_FINGERPRINT = keyFingerprint('.net');
const NET_HASH = keyHash('.net');

// The buffer tokenize() fills before copying its result out (JavaScript is single-threaded).
const scratch = new Tokens(0);

/** Tokens of a text; the result owns its arrays. */
export function tokenize(text: string): Tokens {
  return tokenizeInto(text, scratch).copy();
}

/**
 * Tokenizes into a reusable buffer, which is returned: no allocation per text once the buffer is large enough. The
 * buffer's previous tokens are gone; for hot loops that are done with one text before they tokenize the next.
 */
export function tokenizeInto(text: string, into: Tokens): Tokens {
  const folded = foldText(text);
  const n = folded.length;
  into.reserve(n + 1);
  const { kind, start, end, breakBefore, gapBefore, joinBefore } = into;
  let count = 0;
  let pendingBreak = 0;
  let pendingGap = 0;
  let pendingJoin = 0;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    const cls = CLASS[c]!;
    let k: TokenKind;
    const s = i;
    if (cls === C_ALNUM) {
      i++;
      while (i < n && CLASS[folded.charCodeAt(i)] === C_ALNUM) i++;
      while (i < n && CLASS[folded.charCodeAt(i)] === C_ATTACH) i++;
      k = TokenKind.Word;
    } else if (cls === C_HANGUL) {
      i++;
      while (i < n && CLASS[folded.charCodeAt(i)] === C_HANGUL) i++;
      k = TokenKind.Hangul;
    } else if (cls === C_SPACE) {
      pendingGap = 1;
      pendingJoin = 0xffff; // a space: not a pure joiner
      i++;
      continue;
    } else if (cls === C_BREAK || cls === C_END) {
      pendingBreak = 1;
      pendingGap = 1;
      pendingJoin = 0xffff;
      i++;
      continue;
    } else if (
      cls === C_JOIN &&
      c === 0x2e &&
      !afterWord(folded, i) &&
      i + 1 < n &&
      CLASS[folded.charCodeAt(i + 1)] === C_ALNUM
    ) {
      // '.net': a dot before a word that does not follow a word sticks to it.
      i++;
      while (i < n && CLASS[folded.charCodeAt(i)] === C_ALNUM) i++;
      k = TokenKind.Word;
    } else if (
      c === 0x2e &&
      !afterWord(folded, i) &&
      folded.startsWith(' net', i + 1) &&
      !(i + 5 < n && CLASS[folded.charCodeAt(i + 5)] === C_ALNUM)
    ) {
      // '. NET' (tokenised text writes '.NET' with a space): one word '.net'.
      i += 5;
      kind[count] = TokenKind.Word;
      start[count] = s;
      end[count] = i;
      breakBefore[count] = pendingBreak;
      gapBefore[count] = pendingGap;
      joinBefore[count] = pendingJoin === 0xffff ? 0 : pendingJoin;
      count++;
      pendingBreak = pendingGap = pendingJoin = 0;
      continue;
    } else if (cls === C_JOIN) {
      if (
        c === 0x2e &&
        (i + 1 >= n || CLASS[folded.charCodeAt(i + 1)] === C_SPACE || CLASS[folded.charCodeAt(i + 1)] === C_BREAK)
      ) {
        pendingBreak = 1; // '.' then white space: end of a sentence
      }
      pendingJoin = pendingGap === 0 && pendingJoin === 0 ? c : 0xffff;
      pendingGap = 1;
      i++;
      continue;
    } else {
      // Any other character (punctuation, symbols, emoji): a token of its own (surrogate pairs kept whole).
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      k = TokenKind.Punct;
    }
    kind[count] = k;
    start[count] = s;
    end[count] = i;
    breakBefore[count] = pendingBreak;
    gapBefore[count] = pendingGap;
    joinBefore[count] = pendingJoin === 0xffff ? 0 : pendingJoin;
    count++;
    pendingBreak = pendingGap = pendingJoin = 0;
  }
  into.reset(text, folded, count);
  return into;
}

function afterWord(folded: string, pos: number): boolean {
  return pos > 0 && CLASS[folded.charCodeAt(pos - 1)] === C_ALNUM;
}

/** The token keys of a phrase (an alias, a context word, a stop phrase), in matching form. */
export function phraseKeys(phrase: string): string[] {
  const t = tokenizeInto(phrase, scratch);
  return t.keysOf(0, t.count - 1);
}

/** One string that identifies a phrase for equality (alias clashes): its token keys joined by a space. */
export function aliasKey(phrase: string): string {
  return phraseKeys(phrase).join(' ');
}

/** True for a token key made of Hangul/CJK characters. */
export function isHangulKey(key: string): boolean {
  return key.length > 0 && CLASS[key.charCodeAt(0)] === C_HANGUL;
}

/** True for a token key that is a word (letters/digits, possibly '.net', 'c++'). */
export function isWordKey(key: string): boolean {
  if (key.length === 0) return false;
  const c = key.charCodeAt(0);
  return CLASS[c] === C_ALNUM || (c === 0x2e && key.length > 1);
}
