// MinHash signatures of word-shingle sets (Broder 1997): the share of equal positions in two signatures estimates
// the Jaccard similarity of the two sets, with a standard error of sqrt(J(1-J)/k) for k positions. The k hash
// functions are h1 + i·h2 (Kirsch–Mitzenmacher double hashing) over two MurmurHash3 values per shingle.
import { endianness } from 'node:os';
import { murmur32, shingles, words } from './shingles';

const SEED_A = 0x3c6ef372;
const SEED_B = 0xa54ff53a;
/** A Uint32Array's bytes are the signature's little-endian layout as they are. */
const LITTLE_ENDIAN = endianness() === 'LE';

/** MinHash signature of a text: `k` unsigned 32-bit minima, little-endian in a Buffer of 4·k bytes. */
export function minhashSignature(text: string, k = 64, shingleSize = 2): Buffer {
  return minhashOf(shingles(words(text), shingleSize), k);
}

/** MinHash signature of a feature set (a text's shingles), as minhashSignature returns it. */
export function minhashOf(features: Iterable<string>, k = 64): Buffer {
  const sig = new Uint32Array(k).fill(0xffffffff);
  for (const shingle of features) {
    const h1 = murmur32(shingle, SEED_A);
    const h2 = murmur32(shingle, SEED_B) | 1;
    for (let i = 0; i < k; i++) {
      const v = (h1 + Math.imul(i, h2)) >>> 0;
      if (v < sig[i]!) sig[i] = v;
    }
  }
  if (LITTLE_ENDIAN) return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
  const out = Buffer.alloc(4 * k);
  for (let i = 0; i < k; i++) out.writeUInt32LE(sig[i]!, 4 * i);
  return out;
}

/** Estimated Jaccard similarity of the sets behind two signatures of equal length (null when they differ). */
export function estimateJaccard(a: Buffer, b: Buffer): number | null {
  if (a.length === 0 || a.length !== b.length || a.length % 4 !== 0) return null;
  let equal = 0;
  const k = a.length / 4;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2] && a[i + 3] === b[i + 3]) equal++;
  }
  return equal / k;
}
