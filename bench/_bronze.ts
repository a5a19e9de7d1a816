// Bench inputs in the real record formats: bronze records whose bodies are the demo board's renderings of the
// boards' own formats (wanted, jumpit, programmers, greenhouse, lever, remoteok), and the silver postings refine makes
// of them. Shared by the processors, e2e and scale-out benchmarks.
import { randomBytes } from 'node:crypto';
import {
  generateUniverse,
  openJobs,
  maxGeneration,
  type DemoJob,
  type Listing,
} from '../producers/demo-board/generator';
import * as formats from '../producers/demo-board/formats';
import { createRefineParseStage } from '../processors/refine/stage';
import type { RawPosting, SilverPosting } from '../processors/refine/types';

const renderers: Record<Listing['board'], (job: DemoJob, l: Listing, ctx: formats.RenderContext) => unknown> = {
  wanted: formats.wantedDetail,
  jumpit: formats.jumpitDetail,
  programmers: formats.programmersDetail,
  greenhouse: formats.greenhouseJob,
  lever: formats.leverPosting,
  remoteok: formats.remoteOkJob,
};

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
    out.push({
      board: l.board,
      boardPostingId: l.board === 'greenhouse' || l.board === 'lever' ? `${l.scope}/${id}` : id,
      change: 'NEW',
      url: `${ctx.origin}/${l.board}/${id}`,
      sourceUrl: `${ctx.origin}/${l.board}/api/${id}`,
      fetchedAt: Date.UTC(2025, 5, 1) + i,
      httpStatus: 200,
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(renderers[l.board](job, l, ctx))),
      listEntry: null,
      contentHash: randomBytes(32).toString('hex'),
      etag: null,
      lastModified: null,
      crawlRunId: 'bench',
    });
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
