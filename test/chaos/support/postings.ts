// What the reliability suite feeds: N distinct bronze postings in the boards' real formats (the demo board's
// universe rendered by its own renderers), and poison records for every posting topic.
//
// Every posting gets a company of its own, so refine's cross-board de-duplication (which only compares postings of
// one company) never merges two of them: N raw records must become exactly N silver, N gold, N rows and N items.
import { randomBytes } from 'node:crypto';
import { demoRawPosting } from '../../../producers/demo-board/bronze';
import { generateUniverse, maxGeneration, type DemoJob, type Listing } from '../../../producers/demo-board/generator';
import type { RawPosting, SilverPosting } from '../../../processors/refine/types';
import type { GoldPosting } from '../../../sinks/records';
import type { TopicId } from '../../../platform/topics';
import { silverPosting } from '../../support/postings';
import { gold } from '../../sinks/fixtures';

export interface FedPosting {
  /** Record key and (after refine) the canonical posting id: `<board>:<boardPostingId>`. */
  key: string;
  value: RawPosting;
}

/**
 * Bronze postings number `first` to `first + n - 1`, deterministic: the demo universe's listings in turn, each under
 * a new id `<tag><i>` and a company `c<i>x <name>` of its own (the `c…x` prefix keeps the slugs of different i apart).
 */
export function distinctRawPostings(n: number, tag: string, first = 0): FedPosting[] {
  const u = generateUniverse();
  const listings: Array<[DemoJob, Listing]> = [];
  for (const job of u.jobs) for (const l of job.listings) listings.push([job, l]);
  const ctx = { origin: 'http://127.0.0.1:8090', generation: maxGeneration };
  const out: FedPosting[] = [];
  for (let i = first; i < first + n; i++) {
    const [job, listing] = listings[i % listings.length]!;
    const own = `c${i}x`;
    const mine: DemoJob = {
      ...job,
      company: {
        ...job.company,
        id: `${own}-${job.company.id}`,
        name: `${own} ${job.company.name}`,
        nameEn: `${own} ${job.company.nameEn}`,
      },
    };
    const id = `${tag}${i}`;
    const l: Listing = { ...listing, id, scope: `${own}${listing.scope}` };
    const value = demoRawPosting(mine, l, {
      fetchedAt: Date.UTC(2026, 10, 1) + i,
      contentHash: `chaos-${tag}-${i}`,
      crawlRunId: `chaos-${tag}`,
      ctx,
    });
    out.push({ key: `${l.board}:${value.boardPostingId}`, value });
  }
  return out;
}

export type PoisonKind = 'random-bytes' | 'unknown-schema-id' | 'impossible-values';
export const poisonKinds: PoisonKind[] = ['random-bytes', 'unknown-schema-id', 'impossible-values'];
export const poisonTopics = ['raw', 'silver', 'gold'] as const satisfies readonly TopicId[];
export type PoisonTopic = (typeof poisonTopics)[number];

/** Which stages must dead-letter a poison record (each stage that consumes the topic and cannot use it). */
export function expectedStages(topic: PoisonTopic, kind: PoisonKind): string[] {
  const undecodable = kind !== 'impossible-values';
  switch (topic) {
    case 'raw':
      // The S3 sink archives any decodable bronze record as it is: only bytes it cannot decode are its dead letters.
      return undecodable ? ['refine.parse', 'sink.s3'] : ['refine.parse'];
    case 'silver':
      return ['enrich'];
    case 'gold':
      // Likewise the gold archive keeps a decodable record; MySQL and DynamoDB refuse an impossible one.
      return undecodable ? ['sink.dynamodb', 'sink.mysql', 'sink.s3'] : ['sink.dynamodb', 'sink.mysql'];
  }
}

/** An Avro value of `topic`'s schema that no real posting can have (the schema accepts it, the stages must not). */
export function impossibleValue(topic: PoisonTopic, i: number): RawPosting | SilverPosting | GoldPosting {
  switch (topic) {
    case 'raw':
      // A Wanted record whose body is not a Wanted posting at all.
      return {
        board: 'wanted',
        boardPostingId: `poison-${i}`,
        change: 'NEW',
        url: 'https://www.wanted.co.kr/wd/0',
        sourceUrl: 'https://www.wanted.co.kr/api/v4/jobs/0',
        fetchedAt: -1,
        httpStatus: 200,
        contentType: 'application/json',
        body: Buffer.from(i % 2 === 0 ? '{"job":{}}' : '[1,2,3]'),
        listEntry: null,
        contentHash: 'poison',
        etag: null,
        lastModified: null,
        crawlRunId: 'poison',
      };
    case 'silver':
      return silverPosting(900000 + i, {
        postingId: `poison:${i}`,
        experience: { minYears: 40, maxYears: 2, newcomerOk: false, raw: '', method: 'RULES' },
        salary: { min: -100, max: -200, currency: 'won', period: 'YEAR', raw: '', method: 'RULES' },
      } as Partial<SilverPosting>);
    case 'gold': {
      // Empty posting id and company id: nothing can be keyed by them.
      const g = gold({ id: `poison:${i}` });
      return { ...g, posting: { ...g.posting, postingId: '', company: { ...g.posting.company, id: '' } } };
    }
  }
}

/** Bytes that are not a framed Avro value: random, but never starting with the magic byte 0 and 4 more bytes. */
export function randomValue(i: number): Buffer {
  const b = randomBytes(8 + (i % 40));
  b[0] = 1 + (b[0]! % 255);
  return b;
}

/** A framed value whose schema id the registry has never issued. */
export function unknownSchemaValue(i: number): Buffer {
  const b = Buffer.alloc(5 + 16);
  b.writeUInt8(0, 0);
  b.writeInt32BE(2_000_000_000 - i, 1);
  randomBytes(16).copy(b, 5);
  return b;
}
