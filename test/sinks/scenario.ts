// A deterministic stream of gold records that exercises every path of the sinks: new postings, new versions
// that change skills, job field, week and status (closing), stale versions arriving late, re-enrichments.
import { seededRandom } from '../../producers/demo-board/prng';
import type { GoldPosting } from '../../sinks/records';
import { baseTime, gold, skill } from './fixtures';
import type { OutRecord } from './support';

const day = 24 * 3600 * 1000;
const fields = ['backend', 'frontend', 'data-engineering', 'devops'];
const skillPool = [
  'java',
  'spring',
  'kotlin',
  'react',
  'typescript',
  'vue',
  'python',
  'spark',
  'kafka',
  'aws',
  'kubernetes',
  'docker',
  'mysql',
  'redis',
];

export function goldScenario(postings: number, seed = 7): OutRecord[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: OutRecord[] = [];
  const versions = new Map<string, GoldPosting[]>();
  const make = (i: number, v: number): GoldPosting => {
    const id = `${pick(['wanted', 'jumpit', 'saramin'])}:${i}`;
    const n = 2 + Math.floor(rnd() * 6);
    const skills = [...new Set(Array.from({ length: n }, () => pick(skillPool)))].map((s) =>
      skill(s, pick(['REQUIRED', 'REQUIRED', 'PREFERRED', 'MENTIONED'] as const)),
    );
    return gold({
      id: versions.get(String(i))?.[0]?.posting.postingId ?? id,
      version: baseTime + v * day + i,
      field: pick(fields),
      skills,
      status: v >= 3 && rnd() < 0.5 ? 'CLOSED' : 'OPEN',
      postedAt: baseTime + Math.floor(rnd() * 60) * day,
      company: `company-${i % 17}`,
    });
  };
  for (let round = 1; round <= 4; round++) {
    for (let i = 0; i < postings; i++) {
      if (round > 1 && rnd() < 0.4) continue;
      const g = make(i, round);
      const list = versions.get(String(i)) ?? [];
      list.push(g);
      versions.set(String(i), list);
      out.push({ key: g.posting.postingId, value: g, timestamp: g.posting.version });
      // Now and then an older version arrives late (it must be ignored).
      if (list.length > 1 && rnd() < 0.15) {
        const stale = list[0]!;
        out.push({ key: stale.posting.postingId, value: stale, timestamp: stale.posting.version });
      }
    }
  }
  return out;
}

/** The newest version per posting in a scenario (what the stores must hold at the end). */
export function newestPerPosting(records: OutRecord[]): Map<string, GoldPosting> {
  const m = new Map<string, GoldPosting>();
  for (const r of records) {
    const g = r.value as GoldPosting;
    const cur = m.get(g.posting.postingId);
    if (
      !cur ||
      cur.posting.version < g.posting.version ||
      (cur.posting.version === g.posting.version && cur.enrichedAt <= g.enrichedAt)
    ) {
      m.set(g.posting.postingId, g);
    }
  }
  return m;
}
