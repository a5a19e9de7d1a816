// DynamoDB sink: one item per posting (gold document, see sinks/dynamodb/item.ts), keyed by posting id.
//
// Idempotence: every write is a PutItem conditional on the version —
//   attribute_not_exists(pk) OR version < :v OR (version = :v AND enrichedAt < :e)
// so an older record never overwrites a newer one; ConditionalCheckFailed means "already this or newer" and
// counts as success. A re-delivered batch therefore writes nothing twice.
//
// Batching: BatchWriteItem cannot carry a condition. Checking versions first with BatchGetItem and then writing
// with BatchWriteItem leaves a window in which another writer (a rebalance overlap, a replay, a second
// deployment) can store a newer version that the unconditional write then destroys. So a batch is written as
// parallel conditional PutItems with bounded concurrency (`concurrency`, default 32) over keep-alive sockets,
// after collapsing the batch to the newest record per posting: the check and the write stay atomic per item,
// and throughput comes from concurrency instead of request size (bench/sinks.ts measures it). The other design,
// BatchGetItem + BatchWriteItem, exists as writeMode 'batch-checked' for request-bound stores (see
// putBatchChecked for its race); 'conditional' is the default because it is the one without a race.
//
// Errors: throttling and service errors are retried per item with backoff; an item that still fails makes
// the whole put fail as retriable (the runner re-delivers it; conditional writes make that harmless).
// Values DynamoDB refuses (ValidationException, an item too large) go to the dead-letter topic.
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndexDescription,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Config } from '../platform/config';
import { describeError, UnavailableError, ValidationError } from '../platform/errors';
import { counter } from '../platform/metrics';
import type { AvroSerde } from '../platform/serde';
import { classifyAwsError, createDynamoClient } from './clients';
import { goldToItem, type PostingItem } from './dynamodb/item';
import { isOlder, type GoldPosting } from './records';
import { sleep, withRetry } from './retry';
import { batchSettings } from './runner';
import type { PartitionKey, SinkDeps, SinkRecord, SinkTask } from './types';

export const spec = {
  name: 'sink-dynamodb',
  summary: 'Gold documents into DynamoDB, one item per posting, conditional on version; table and GSIs created.',
  settings: batchSettings.extend({
    concurrency: z.coerce.number().int().min(1).max(256).default(32).describe('Conditional PutItems in flight.'),
    compressAboveBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(2048)
      .describe('Documents larger than this are stored gzip-compressed (docGz).'),
    maxItemBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(400 * 1024)
      .default(390 * 1024)
      .describe('Largest item written; above it evidence is truncated, then the record is refused.'),
    itemRetries: z.coerce.number().int().min(1).default(6).describe('Attempts per item before the batch is retried.'),
    writeMode: z
      .enum(['conditional', 'batch-checked'])
      .default('conditional')
      .describe(
        "'conditional': parallel conditional PutItems (atomic version check). 'batch-checked': BatchGetItem + BatchWriteItem (fewer requests, not atomic).",
      ),
  }),
};
export type DynamoSinkSettings = z.output<typeof spec.settings>;

/** The indexes the gateway queries: a company's postings and a field's postings, newest first. */
export const postingIndexes = [
  { name: 'byCompany', hash: 'companyId', range: 'postedAt' },
  { name: 'byFieldPosted', hash: 'jobFieldId', range: 'postedAt' },
] as const;

const itemsWritten = counter('techmap_sink_dynamodb_items_total', 'Items written.', ['outcome']);

export class DynamoSink implements SinkTask {
  readonly name = 'dynamodb';
  readonly client: DynamoDBClient;
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly config: Config,
    private readonly settings: DynamoSinkSettings,
    private readonly serde: AvroSerde,
    private readonly deps: SinkDeps,
    client?: DynamoDBClient,
  ) {
    this.client = client ?? createDynamoClient(config, { maxSockets: Math.max(64, settings.concurrency) });
    this.doc = DynamoDBDocumentClient.from(this.client, { marshallOptions: { removeUndefinedValues: true } });
  }

  get table(): string {
    return this.config.dynamoTable;
  }

  async start(): Promise<void> {
    try {
      await ensurePostingsTable(this.client, this.table);
    } catch (err) {
      throw classifyAwsError(err, `DynamoDB table ${this.table}`);
    }
  }

  async ready(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.table }));
  }

  async open(): Promise<Map<PartitionKey, number>> {
    return new Map();
  }

  async put(records: SinkRecord[]): Promise<void> {
    // Newest record per posting; older ones in the same batch would only fail their condition.
    const newest = new Map<string, { record: SinkRecord; item: PostingItem }>();
    for (const record of records) {
      let item: PostingItem;
      try {
        const gold = await this.serde.decode<GoldPosting>('gold', record.value);
        item = goldToItem(gold, this.settings);
      } catch (err) {
        if (err instanceof UnavailableError) throw err;
        await this.deps.deadLetter(record, err);
        continue;
      }
      const cur = newest.get(item.pk);
      if (!cur || !isOlder(item, cur.item)) newest.set(item.pk, { record, item });
    }
    const entries = [...newest.values()];
    if (this.settings.writeMode === 'batch-checked') await this.putBatchChecked(entries);
    else await this.putConditional(entries);
  }

  /** Parallel conditional PutItems, at most `concurrency` in flight. */
  private async putConditional(entries: Array<{ record: SinkRecord; item: PostingItem }>): Promise<void> {
    const queue = [...entries];
    let failure: unknown;
    const worker = async () => {
      for (let next = queue.shift(); next && failure === undefined; next = queue.shift()) {
        try {
          await this.write(next.item);
        } catch (err) {
          if (err instanceof UnavailableError) failure = err;
          else await this.deps.deadLetter(next.record, err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, queue.length) }, worker));
    if (failure !== undefined) throw failure;
  }

  /**
   * writeMode 'batch-checked': BatchGetItem reads the stored versions (100 keys a request), items that are not
   * newer are dropped, the rest go out with BatchWriteItem (25 a request, `concurrency` requests in flight).
   * Fewer requests (what a request-bound store like dynalite rewards), but check and write are not atomic: a
   * second writer of the same posting between the two (a consumer that lost its partition in a rebalance, a
   * concurrent backfill) could be overwritten by an older version. Within one consumer group every posting
   * has one writer at a time (its key's partition), so the window is a rebalance; 'conditional' has none.
   */
  private async putBatchChecked(entries: Array<{ record: SinkRecord; item: PostingItem }>): Promise<void> {
    const stored = new Map<string, { version: number; enrichedAt: number }>();
    const getChunks: Array<Array<Record<string, unknown>>> = [];
    for (let i = 0; i < entries.length; i += 100)
      getChunks.push(entries.slice(i, i + 100).map((e) => ({ pk: e.item.pk })));
    const reader = async () => {
      for (let keys = getChunks.shift(); keys; keys = getChunks.shift()) {
        for (let attempt = 1; keys.length > 0; attempt++) {
          const request = keys;
          const res = await this.batchCall(() =>
            this.doc.send(
              new BatchGetCommand({
                RequestItems: {
                  [this.table]: {
                    Keys: request,
                    ProjectionExpression: 'pk, version, enrichedAt',
                    ConsistentRead: true,
                  },
                },
              }),
            ),
          );
          for (const it of res.Responses?.[this.table] ?? []) {
            stored.set(String(it.pk), { version: Number(it.version), enrichedAt: Number(it.enrichedAt ?? 0) });
          }
          keys = (res.UnprocessedKeys?.[this.table]?.Keys ?? []) as Array<Record<string, unknown>>;
          if (keys.length > 0) await this.backoff(attempt, 'BatchGetItem unprocessed keys');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, getChunks.length) }, reader));
    const toWrite = entries.filter((e) => {
      const cur = stored.get(e.item.pk);
      const newer = !cur || isOlder(cur, e.item);
      if (!newer) itemsWritten.inc({ outcome: 'newer' });
      return newer;
    });
    const chunks: Array<typeof toWrite> = [];
    for (let i = 0; i < toWrite.length; i += 25) chunks.push(toWrite.slice(i, i + 25));
    let failure: unknown;
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk && failure === undefined; chunk = chunks.shift()) {
        try {
          await this.batchWrite(chunk.map((e) => e.item));
        } catch (err) {
          if (err instanceof UnavailableError) failure = err;
          // A refused request (e.g. one bad item): write its items one by one to find and dead-letter it.
          else await this.putConditional(chunk);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, chunks.length) }, worker));
    if (failure !== undefined) throw failure;
  }

  private async batchWrite(items: PostingItem[]): Promise<void> {
    const writtenAt = Date.now();
    let requests: Array<{ PutRequest: { Item: Record<string, unknown> } }> = items.map((item) => ({
      PutRequest: { Item: { ...item, writtenAt } },
    }));
    for (let attempt = 1; requests.length > 0; attempt++) {
      const res = await this.batchCall(() =>
        this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } })),
      );
      const unprocessed = (res.UnprocessedItems?.[this.table] ?? []) as typeof requests;
      itemsWritten.inc({ outcome: 'written' }, requests.length - unprocessed.length);
      requests = unprocessed;
      if (requests.length > 0) await this.backoff(attempt, 'BatchWriteItem unprocessed items');
    }
  }

  /** One batch request, retried while the service is away or throttling (ValidationException is not retried). */
  private batchCall<T>(op: () => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        try {
          return await op();
        } catch (err) {
          if ((err as Error).name === 'ValidationException') throw new ValidationError(describeError(err), err);
          throw classifyAwsError(err, 'DynamoDB batch request');
        }
      },
      { maxAttempts: this.settings.itemRetries, initialMs: 50, maxMs: 2000 },
    );
  }

  private async backoff(attempt: number, what: string): Promise<void> {
    if (attempt >= this.settings.itemRetries) throw new UnavailableError(`${what} after ${attempt} attempts`);
    await sleep(Math.min(2000, 50 * 2 ** attempt));
  }

  /** One conditional PutItem, retried on throttling/unavailability. Resolves when stored or already newer. */
  async write(item: PostingItem): Promise<'written' | 'newer'> {
    return withRetry(
      async () => {
        try {
          await this.doc.send(
            new PutCommand({
              TableName: this.table,
              Item: { ...item, writtenAt: Date.now() },
              ConditionExpression: 'attribute_not_exists(pk) OR version < :v OR (version = :v AND enrichedAt < :e)',
              ExpressionAttributeValues: { ':v': item.version, ':e': item.enrichedAt },
            }),
          );
          itemsWritten.inc({ outcome: 'written' });
          return 'written' as const;
        } catch (err) {
          if ((err as Error).name === 'ConditionalCheckFailedException') {
            itemsWritten.inc({ outcome: 'newer' });
            return 'newer' as const;
          }
          if ((err as Error).name === 'ValidationException') throw new ValidationError(describeError(err), err);
          throw classifyAwsError(err, `PutItem ${item.pk}`);
        }
      },
      { maxAttempts: this.settings.itemRetries, initialMs: 50, maxMs: 2000 },
    );
  }

  async preCommit(consumed: Map<PartitionKey, number>): Promise<Map<PartitionKey, number>> {
    return consumed; // put() returns only when every item is stored (or already newer)
  }

  async close(): Promise<void> {}

  async stop(): Promise<void> {
    this.doc.destroy();
  }
}

/** Creates the postings table and its GSIs if missing (on-demand billing) and waits until they are active. */
export async function ensurePostingsTable(client: DynamoDBClient, table: string): Promise<void> {
  const attributeDefinitions = [
    { AttributeName: 'pk', AttributeType: 'S' as const },
    { AttributeName: 'companyId', AttributeType: 'S' as const },
    { AttributeName: 'jobFieldId', AttributeType: 'S' as const },
    { AttributeName: 'postedAt', AttributeType: 'N' as const },
  ];
  const gsi = (ix: (typeof postingIndexes)[number]) => ({
    IndexName: ix.name,
    KeySchema: [
      { AttributeName: ix.hash, KeyType: 'HASH' as const },
      { AttributeName: ix.range, KeyType: 'RANGE' as const },
    ],
    Projection: {
      ProjectionType: 'INCLUDE' as const,
      NonKeyAttributes: ['title', 'status', 'version', 'skillIds', 'boards'],
    },
  });
  let existing: GlobalSecondaryIndexDescription[] | undefined;
  try {
    const d = await client.send(new DescribeTableCommand({ TableName: table }));
    existing = d.Table?.GlobalSecondaryIndexes ?? [];
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
  }
  if (existing === undefined) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: table,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: attributeDefinitions,
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          GlobalSecondaryIndexes: postingIndexes.map(gsi),
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ResourceInUseException') throw err; // another instance created it meanwhile
    }
  } else {
    for (const ix of postingIndexes) {
      if (existing.some((e) => e.IndexName === ix.name)) continue;
      await client.send(
        new UpdateTableCommand({
          TableName: table,
          AttributeDefinitions: attributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: gsi(ix) }],
        }),
      );
    }
  }
  for (let i = 0; i < 600; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: table }));
    const t = d.Table;
    if (t?.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE'))
      return;
    await sleep(200);
  }
  throw new UnavailableError(`DynamoDB table ${table} did not become active`);
}
