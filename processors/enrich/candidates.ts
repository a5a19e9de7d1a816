// Unknown tech-looking terms collected by the enrich stage (gold unknownTerms), ranked for taxonomy review:
// `techmap taxonomy candidates`. Pure: the command feeds it the latest gold record of every posting.

export interface CandidateInput {
  postingId: string;
  unknownTerms: readonly string[];
  jobField: string;
}

export interface TaxonomyCandidate {
  /** The most frequent spelling. */
  term: string;
  /** Postings mentioning it (any spelling, case-folded). */
  postings: number;
  /** Other spellings seen, most frequent first. */
  spellings: string[];
  /** Job fields of those postings, most frequent first. */
  fields: Array<{ id: string; postings: number }>;
  /** A few posting ids to look at. */
  examples: string[];
}

export interface RankOptions {
  minPostings?: number;
  limit?: number;
  /** Terms to leave out (e.g. those the taxonomy knows by now). */
  isKnown?: (term: string) => boolean;
  examples?: number;
}

export function rankCandidates(docs: Iterable<CandidateInput>, opts: RankOptions = {}): TaxonomyCandidate[] {
  const groups = new Map<string, { spellings: Map<string, number>; fields: Map<string, number>; postings: string[] }>();
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const term of doc.unknownTerms) {
      const key = term.trim().toLowerCase();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let g = groups.get(key);
      if (!g) {
        g = { spellings: new Map(), fields: new Map(), postings: [] };
        groups.set(key, g);
      }
      g.spellings.set(term.trim(), (g.spellings.get(term.trim()) ?? 0) + 1);
      g.fields.set(doc.jobField, (g.fields.get(doc.jobField) ?? 0) + 1);
      g.postings.push(doc.postingId);
    }
  }
  const byCount = <K>(m: Map<K, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  const out: TaxonomyCandidate[] = [];
  for (const g of groups.values()) {
    if (g.postings.length < (opts.minPostings ?? 1)) continue;
    const spellings = byCount(g.spellings).map(([s]) => s);
    if (opts.isKnown?.(spellings[0]!)) continue;
    out.push({
      term: spellings[0]!,
      postings: g.postings.length,
      spellings: spellings.slice(1),
      fields: byCount(g.fields).map(([id, postings]) => ({ id, postings })),
      examples: g.postings.slice(0, opts.examples ?? 3),
    });
  }
  out.sort((a, b) => b.postings - a.postings || a.term.localeCompare(b.term));
  return opts.limit !== undefined ? out.slice(0, opts.limit) : out;
}
