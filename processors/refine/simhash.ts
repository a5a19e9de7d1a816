// 64-bit SimHash over word shingles (Charikar 2002; Manku et al. 2007 use it for near-duplicate web pages):
// near-identical texts get fingerprints a few bits apart, unrelated texts about 32 bits apart.
// The 64 bits are two 32-bit halves (MurmurHash3 x86_32 with two seeds), so no BigInt on the hot path.
import { murmur32, shingles, words } from './shingles';

const SEED_HI = 0x9747b28c;
const SEED_LO = 0x5bd1e995;

/** 64-bit SimHash of a text, as 16 lower-case hex digits. */
export function simhash64(text: string, shingleSize = 2): string {
  return simhashOf(shingles(words(text), shingleSize));
}

/** 64-bit SimHash of a feature set (a text's shingles), as 16 lower-case hex digits. */
export function simhashOf(features: Iterable<string>): string {
  // Set bits per position; the fingerprint bit is 1 where more than half the features have it set.
  const ones = new Int32Array(64);
  let n = 0;
  for (const f of features) {
    const hi = murmur32(f, SEED_HI);
    const lo = murmur32(f, SEED_LO);
    for (let b = 0; b < 32; b++) {
      ones[b] += (hi >>> b) & 1;
      ones[32 + b] += (lo >>> b) & 1;
    }
    n++;
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (2 * ones[b]! > n) hi |= 1 << b;
    if (2 * ones[32 + b]! > n) lo |= 1 << b;
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
