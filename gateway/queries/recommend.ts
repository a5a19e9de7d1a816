// "What should I learn next?" as greedy coverage over the postings of one field.
//
// A posting's core = its REQUIRED skills that are not merely implied by another one (Spring Boot implies Spring;
// the posting's own Spring Boot requirement already stands for it). Postings without any required skill state no
// bar to meet and are left out. A posting MATCHES a person when the person has every skill of its core.
// Coverage = matched postings / postings considered.
//
// Each step adds the skill that matches the most additional postings. When no single skill completes any
// posting, the step takes the skill that closes the most of the remaining gap: the sum over unmatched postings
// needing it of 1 / (skills still missing there); then the most postings requiring it; then its id.
import { rows, type Db } from './db';
import { round } from './skills';

export interface CoreSets {
  /** posting id -> its core skill ids. */
  postings: Map<string, string[]>;
}

/** Loads the core (required, not implied) skills of every posting of `field` with the given status. */
export async function loadCoreSets(db: Db, field: string, status: 'open' | 'all'): Promise<CoreSets> {
  const found = await rows<{ posting_id: string; skill_id: string }>(
    db,
    `SELECT posting_id, skill_id FROM posting_skills
      WHERE job_field_id = ? AND requirement = 'REQUIRED' AND implied = 0
        ${status === 'open' ? "AND status = 'OPEN'" : ''}`,
    [field],
  );
  const postings = new Map<string, string[]>();
  for (const r of found) {
    let list = postings.get(r.posting_id);
    if (!list) postings.set(r.posting_id, (list = []));
    list.push(r.skill_id);
  }
  return { postings };
}

export interface RecommendStep {
  rank: number;
  skill: string;
  matchedBefore: number;
  matchedAfter: number;
  /** Postings this step matches in addition. */
  gain: number;
  coverageBefore: number;
  coverageAfter: number;
  /** Postings of the field that require this skill. */
  demand: number;
}

export interface Recommendation {
  considered: number;
  matched: number;
  coverage: number;
  steps: RecommendStep[];
}

/** Pure greedy coverage (tested without a database). */
export function greedyCoverage(core: Map<string, string[]>, have: Iterable<string>, maxSteps: number): Recommendation {
  const owned = new Set(have);
  const missing = new Map<string, number>(); // posting -> skills still missing
  const needers = new Map<string, string[]>(); // skill -> unmatched postings needing it
  const demand = new Map<string, number>();
  let matched = 0;
  for (const [posting, skills] of core) {
    let m = 0;
    for (const s of skills) {
      demand.set(s, (demand.get(s) ?? 0) + 1);
      if (!owned.has(s)) m++;
    }
    if (m === 0) {
      matched++;
      continue;
    }
    missing.set(posting, m);
    for (const s of skills) {
      if (owned.has(s)) continue;
      let list = needers.get(s);
      if (!list) needers.set(s, (list = []));
      list.push(posting);
    }
  }
  const considered = core.size;
  const cov = (n: number) => (considered > 0 ? round(n / considered) : 0);
  const result: Recommendation = { considered, matched, coverage: cov(matched), steps: [] };
  for (let rank = 1; rank <= maxSteps && needers.size > 0; rank++) {
    let best: { skill: string; gain: number; progress: number; demand: number } | undefined;
    for (const [skill, list] of needers) {
      let gain = 0;
      let progress = 0;
      for (const p of list) {
        const m = missing.get(p)!;
        if (m === 1) gain++;
        progress += 1 / m;
      }
      const d = demand.get(skill) ?? 0;
      if (
        !best ||
        gain > best.gain ||
        (gain === best.gain && progress > best.progress + 1e-12) ||
        (gain === best.gain && Math.abs(progress - best.progress) <= 1e-12 && d > best.demand) ||
        (gain === best.gain && Math.abs(progress - best.progress) <= 1e-12 && d === best.demand && skill < best.skill)
      ) {
        best = { skill, gain, progress, demand: d };
      }
    }
    if (!best) break;
    const before = matched;
    for (const p of needers.get(best.skill)!) {
      const m = missing.get(p)! - 1;
      missing.set(p, m);
      if (m === 0) matched++;
    }
    needers.delete(best.skill);
    owned.add(best.skill);
    result.steps.push({
      rank,
      skill: best.skill,
      matchedBefore: before,
      matchedAfter: matched,
      gain: matched - before,
      coverageBefore: cov(before),
      coverageAfter: cov(matched),
      demand: best.demand,
    });
  }
  return result;
}
