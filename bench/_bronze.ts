// Bench inputs in the real record formats: bronze records whose bodies are the demo board's renderings of the
// boards' own formats (wanted, jumpit, programmers, greenhouse, lever, remoteok), and the silver postings refine makes
// of them. Shared by the processors, e2e and scale-out benchmarks.
import { randomBytes } from 'node:crypto';
import { demoRawPosting } from '../producers/demo-board/bronze';
import {
  generateUniverse,
  openJobs,
  maxGeneration,
  type DemoJob,
  type Listing,
} from '../producers/demo-board/generator';
import { createRefineParseStage } from '../processors/refine/stage';
import type { RawPosting, SilverPosting } from '../processors/refine/types';

/** N bronze records in the boards' real formats: the demo universe's listings, repeated under new ids. */
export function rawPostings(n: number): RawPosting[] {
  const u = generateUniverse();
  const listings: Array<[DemoJob, Listing]> = [];
  for (const job of openJobs(u, maxGeneration).concat(u.jobs)) for (const l of job.listings) listings.push([job, l]);
  const out: RawPosting[] = [];
  const ctx = { origin: 'http://127.0.0.1:8090', generation: maxGeneration };
  for (let i = 0; out.length < n; i++) {
    const [job, l] = listings[i % listings.length]!;
    const copy = Math.floor(i / listings.length);
    const id = `${l.id}${copy ? `-${copy}` : ''}`;
    out.push(
      demoRawPosting(job, l, {
        id,
        fetchedAt: Date.UTC(2025, 5, 1) + i,
        contentHash: randomBytes(32).toString('hex'),
        crawlRunId: 'bench',
        ctx,
      }),
    );
  }
  return out;
}

/** What refine.parse makes of each bronze record: single-source silver postings (silver-sized records). */
export async function silverPostings(raws: RawPosting[]): Promise<SilverPosting[]> {
  const parse = createRefineParseStage();
  const noStore = { get: () => undefined, put: () => undefined };
  const out: SilverPosting[] = [];
  for (const r of raws) out.push((await parse.process(r, {} as never, noStore))[0]!.value);
  return out;
}
