// 64-bit SimHash over word shingles (Charikar 2002; Manku et al. 2007 use it for near-duplicate web pages):
// near-identical texts get fingerprints a few bits apart, unrelated texts about 32 bits apart.
// The 64 bits are two 32-bit halves (MurmurHash3 x86_32 with two seeds), so no BigInt on the hot path.
import { murmur32, shingles, words } from './shingles';

const SEED_HI = 0x9747b28c;
const SEED_LO = 0x5bd1e995;

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
