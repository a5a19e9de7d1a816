// 64-bit SimHash over word shingles (Charikar 2002; Manku et al. 2007 use it for near-duplicate web pages):
// near-identical texts get fingerprints a few bits apart, unrelated texts about 32 bits apart.
// The 64 bits are two 32-bit halves (MurmurHash3 x86_32 with two seeds), so no BigInt on the hot path.

function murmur32(s: string, seed: number): number {
  let h = seed >>> 0;
  const len = s.length;
  let i = 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  // Two UTF-16 code units per 32-bit block.
  for (; i + 1 < len; i += 2) {
    let k = (s.charCodeAt(i) & 0xffff) | ((s.charCodeAt(i + 1) & 0xffff) << 16);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < len) {
    let k = s.charCodeAt(i) & 0xffff;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= len * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEED_HI = 0x9747b28c;
const SEED_LO = 0x5bd1e995;

/** Words of a text: letters and digits runs (Hangul included), lower case, NFKC. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+(?:[+#]+|\.(?=js\b|net\b))?/gu) ?? [];
}

/** The set of `size`-word shingles of a word list (a text shorter than `size` is one shingle). */
export function shingles(ws: string[], size: number): Set<string> {
  const out = new Set<string>();
  if (ws.length === 0) return out;
  if (ws.length <= size) {
    out.add(ws.join(' '));
    return out;
  }
  for (let i = 0; i + size <= ws.length; i++) out.add(ws.slice(i, i + size).join(' '));
  return out;
}

/** 64-bit SimHash of a text, as 16 lower-case hex digits. */
export function simhash64(text: string, shingleSize = 2): string {
  const features = shingles(words(text), shingleSize);
  const acc = new Int32Array(64);
  for (const f of features) {
    const hi = murmur32(f, SEED_HI);
    const lo = murmur32(f, SEED_LO);
    for (let b = 0; b < 32; b++) {
      acc[b] += (hi >>> b) & 1 ? 1 : -1;
      acc[32 + b] += (lo >>> b) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (acc[b]! > 0) hi |= 1 << b;
    if (acc[32 + b]! > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits between two fingerprints from simhash64 (0..64). */
export function hammingDistance(a: string, b: string): number {
  const ahi = parseInt(a.slice(0, 8), 16);
  const alo = parseInt(a.slice(8, 16), 16);
  const bhi = parseInt(b.slice(0, 8), 16);
  const blo = parseInt(b.slice(8, 16), 16);
  return popcount32((ahi ^ bhi) >>> 0) + popcount32((alo ^ blo) >>> 0);
}
