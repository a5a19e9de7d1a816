// Korean particles and glued nouns after a technology name ('리액트를', '파이썬과', '도커환경'): a Korean alias matches
// at the start of a Hangul run when the rest of the run is a chain of the pieces in taxonomy/korean-suffixes.json.
import type { KoreanSuffixes } from '../../../taxonomy';

export interface SuffixChecker {
  /** True when `rest` (non-empty) is a chain of particles and nouns: '를', '와의', '개발자로'. */
  isSuffixChain(rest: string): boolean;
  /** True when `rest` is a chain of particles only: 'Go로', 'R을' (used for Latin names in Korean sentences). */
  isParticleChain(rest: string): boolean;
}

export function createSuffixChecker(suffixes: KoreanSuffixes): SuffixChecker {
  const particles = new Set(suffixes.particles);
  const all = new Set([...suffixes.particles, ...suffixes.nouns]);
  const maxAll = Math.max(...[...all].map((s) => s.length));
  const maxParticle = Math.max(...[...particles].map((s) => s.length));
  const chain = (
    rest: string,
    set: ReadonlySet<string>,
    max: number,
    memo: Map<number, boolean>,
    from: number,
  ): boolean => {
    if (from === rest.length) return true;
    const known = memo.get(from);
    if (known !== undefined) return known;
    let ok = false;
    for (let len = Math.min(max, rest.length - from); len >= 1 && !ok; len--) {
      if (set.has(rest.slice(from, from + len))) ok = chain(rest, set, max, memo, from + len);
    }
    memo.set(from, ok);
    return ok;
  };
  return {
    isSuffixChain: (rest) => rest.length > 0 && rest.length <= 12 && chain(rest, all, maxAll, new Map(), 0),
    isParticleChain: (rest) => rest.length > 0 && rest.length <= 6 && chain(rest, particles, maxParticle, new Map(), 0),
  };
}
