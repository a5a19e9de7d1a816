// A demo-board listing as the bronze record a crawl of its detail page would produce, without the HTTP round trip:
// for benchmarks and the reliability suite, which need many raw records in the boards' real formats.
import type { RawPosting } from '../../processors/refine/types';
import * as formats from './formats';
import type { DemoJob, Listing } from './generator';

/** The detail document each board serves for one listing. */
export const detailRenderers: Record<
  Listing['board'],
  (job: DemoJob, l: Listing, ctx: formats.RenderContext) => unknown
> = {
  wanted: formats.wantedDetail,
  jumpit: formats.jumpitDetail,
  programmers: formats.programmersDetail,
  greenhouse: formats.greenhouseJob,
  lever: formats.leverPosting,
  remoteok: formats.remoteOkJob,
};

export interface DemoBronzeOptions {
  /** The posting id of the record when it differs from the listing's (copies of one listing under new ids). */
  id?: string;
  fetchedAt: number;
  contentHash: string;
  crawlRunId: string;
  ctx?: formats.RenderContext;
}

/** The listing's detail rendered as a NEW bronze record; greenhouse and lever ids carry their board scope. */
export function demoRawPosting(job: DemoJob, l: Listing, opts: DemoBronzeOptions): RawPosting {
  const ctx = opts.ctx ?? { origin: 'http://127.0.0.1:8090', generation: 0 };
  const id = opts.id ?? l.id;
  return {
    board: l.board,
    boardPostingId: l.board === 'greenhouse' || l.board === 'lever' ? `${l.scope}/${id}` : id,
    change: 'NEW',
    url: `${ctx.origin}/${l.board}/${id}`,
    sourceUrl: `${ctx.origin}/${l.board}/api/${id}`,
    fetchedAt: opts.fetchedAt,
    httpStatus: 200,
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(detailRenderers[l.board](job, l, ctx))),
    listEntry: null,
    contentHash: opts.contentHash,
    etag: null,
    lastModified: null,
    crawlRunId: opts.crawlRunId,
  };
}
