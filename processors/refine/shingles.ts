// Text features shared by the fingerprints (SimHash, MinHash): words, word shingles and a 32-bit hash.

/** Words of a text: letters and digits runs (Hangul included), lower case, NFKC. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:[+#]+|\.(?=js\b|net\b))?/gu) ?? []
  );
}

/** The set of `size`-word shingles of a word list (a text shorter than `size` is one shingle). */
export function shingles(ws: string[], size: number): Set<string> {
  const out = new Set<string>();
  if (ws.length === 0) return out;
  if (ws.length <= size) {
    out.add(ws.join(' '));
    return out;
  }
  for (let i = 0; i + size <= ws.length; i++) {
    let shingle = ws[i]!;
    for (let j = 1; j < size; j++) shingle += ` ${ws[i + j]!}`;
    out.add(shingle);
  }
  return out;
}

/** MurmurHash3 x86_32 of a string's UTF-16 code units. */
export function murmur32(s: string, seed: number): number {
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
