// npm run bench -- dedup [--pairs=N] [--seed=S]
// Cross-board de-duplication on the labelled set of test/processors/refine/dedup-set.ts (default 240 pairs: half the
// same job on two boards, half different jobs of one company with similar titles): precision and recall pair by
// pair and as a stream (every posting through the dedup state, then every pair of postings), and the speed of the
// two refine stages' pure cores on the set's raw records: refine.parse (board parsing + normalisation) and
// refine.dedup (fingerprints + matching against the company's state). Throughput is per second of this process's
// CPU time (the machine may be shared); wall-clock throughput is printed beside it.
import { cpus, loadavg } from 'node:os';
import { dedupPosting, defaultDedupSettings } from '../processors/refine/dedup';
import { refineRawPosting } from '../processors/refine/parse';
import type { DedupState, SilverPosting } from '../processors/refine/types';
import { labelledPairs, pairQuality, streamQuality } from '../test/processors/refine/dedup-set';
import type { BenchResult } from './types';

function arg(args: string[], name: string, fallback: number): number {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  const v = a ? Number(a.split('=')[1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Runs `fn` for at least `minMs` of CPU time; returns operations per CPU second and per wall second. */
function rate(ops: number, fn: () => void, minMs = 2000): { cpu: number; wall: number } {
  let done = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let cpuMs = 0;
  while (cpuMs < minMs) {
    fn();
    done += ops;
    const u = process.cpuUsage(cpu0);
    cpuMs = (u.user + u.system) / 1000;
  }
  return { cpu: (done / cpuMs) * 1000, wall: (done / (performance.now() - wall0)) * 1000 };
}

/** Speed of this machine's core on a plain loop, to compare figures across machines. */
function calibration(): number {
  const n = 2e7;
  const c0 = process.cpuUsage();
  let x = 0;
  for (let i = 0; i < n; i++) x += i;
  const u = process.cpuUsage(c0);
  return x > 0 ? (n / (u.user + u.system)) * 1e6 : 0;
}

export async function run(args: string[]): Promise<BenchResult> {
  const n = arg(args, 'pairs', 240);
  const seed = arg(args, 'seed', 20260910);
  const pairs = labelledPairs(n, seed);
  const pq = pairQuality(pairs);
  const sq = streamQuality(pairs);

  const raws = pairs.flatMap((p) => p.raw);
  const parse = rate(raws.length, () => {
    for (const r of raws) refineRawPosting(r);
  });
  const postings: SilverPosting[] = pairs.flatMap((p) => [p.a, p.b]).sort((x, y) => x.version - y.version);
  const dedup = rate(postings.length, () => {
    const states = new Map<string, DedupState>();
    for (const p of postings)
      states.set(p.company.id, dedupPosting(states.get(p.company.id), p, defaultDedupSettings).state);
  });

  return {
    name: 'dedup',
    figures: [
      { label: `pair precision (${pq.pairs} labelled pairs)`, value: pq.precision * 100, unit: '%' },
      { label: 'pair recall', value: pq.recall * 100, unit: '%' },
      { label: `stream precision (${postings.length} postings)`, value: sq.precision * 100, unit: '%' },
      { label: 'stream recall', value: sq.recall * 100, unit: '%' },
      { label: 'refine.parse core, per CPU second', value: parse.cpu, unit: 'postings/s' },
      { label: 'refine.parse core, wall clock', value: parse.wall, unit: 'postings/s' },
      { label: 'refine.dedup core, per CPU second', value: dedup.cpu, unit: 'postings/s' },
      { label: 'refine.dedup core, wall clock', value: dedup.wall, unit: 'postings/s' },
    ],
    ratios: [
      { label: 'pair precision', value: pq.precision, target: '>= 0.95', met: pq.precision >= 0.95 },
      { label: 'pair recall', value: pq.recall, target: '>= 0.90', met: pq.recall >= 0.9 },
    ],
    notes: [
      `seed ${seed}; pairs judged same by kind: ${Object.entries(pq.byKind)
        .map(([k, v]) => `${k} ${v.judgedSame}/${v.pairs}`)
        .join(', ')}`,
      `pairs tp ${pq.tp} fp ${pq.fp} fn ${pq.fn} tn ${pq.tn}; stream tp ${sq.tp} fp ${sq.fp} fn ${sq.fn}`,
      `machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}, ` +
        `calibration ${(calibration() / 1e6).toFixed(0)}M integer additions per CPU second (a free modern core: ~1000M)`,
    ],
  };
}
