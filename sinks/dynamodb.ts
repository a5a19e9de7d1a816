// DynamoDB sink: one item per posting (gold document, see sinks/dynamodb/item.ts), keyed by posting id.
//
// Idempotence: an item is written only when it is newer than what is stored —
//   nothing stored OR version < ours OR (version = ours AND enrichedAt < ours)
// so an older record never overwrites a newer one, and a re-delivered batch writes nothing twice.
//
// Two write modes (bench/sinks.ts measures both against one PutItem at a time):
// - 'batch-checked' (default): BatchGetItem reads the stored versions (100 keys a request), the items that are
//   newer go out with BatchWriteItem (25 a request, `batchConcurrency` requests in flight). Few requests: that is
//   what a request-bound store (dynalite, and DynamoDB's per-request latency) rewards: 4-6.5x a naive writer
//   on dynalite, where a request costs ~1.4 ms of its CPU and ~2.4 ms of the SDK's, a batched item ~0.8 ms.
//   Check and write are two requests, so this mode relies on ONE WRITER PER POSTING, which the runner provides: the
//   posting id is the Kafka key, so all records of a posting are in one partition, and a consumer group hands a
//   partition to one member at a time; kafkajs rejoins a rebalance only after the in-flight put() returned, so
//   the next owner starts after our writes. The group can still drop a member that is writing: after
//   sessionTimeoutMs without a heartbeat (the runner heartbeats every second during a put, so: the process
//   stalled or lost the broker) or when a rebalance waited the rebalance timeout (60 s) for a slow put. Both
//   take longer than `batchWindowMs` (at most a third of the session timeout; the last heartbeat before a put
//   is at most a third old) after a put began, and unconditional writes are only sent within that window:
//   whatever is left when it closes (a slow or throttled store, a stalled process) is written with conditional
//   PutItems, which are safe with any number of writers.
//   Not covered: two consumer groups (deployments) writing one table — use 'conditional' for that.
// - 'conditional': parallel PutItems conditional on the version (`concurrency` in flight over keep-alive
//   sockets): check and write are atomic per item, correct with any number of writers, one request per item.
// TransactWriteItems (conditions on 100 items a request) would combine both, but dynalite does not implement it.
//
// Errors: throttling, unprocessed items and service errors are retried with backoff; an item that still fails
// makes the whole put fail as retriable (the runner re-delivers it; the version check makes that harmless).
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
  summary: 'Gold documents into DynamoDB, one item per posting, only newer versions; table and GSIs created.',
  settings: batchSettings.extend({
    writeMode: z
      .enum(['batch-checked', 'conditional'])
      .default('batch-checked')
      .describe(
        "'batch-checked': BatchGetItem + BatchWriteItem (few requests; one writer per posting). 'conditional': a conditional PutItem per item (any number of writers).",
      ),
    batchConcurrency: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(4)
      .describe('BatchGetItem / BatchWriteItem requests in flight (batch-checked).'),
    batchWindowMs: z.coerce
      .number()
      .int()
      .min(0)
      .default(5000)
      .describe(
        'batch-checked: how long after a put began unconditional BatchWriteItems may be sent (at most sessionTimeoutMs / 3); the rest goes out as conditional PutItems.',
      ),
    concurrency: z.coerce
      .number()
      .int()
      .min(1)
      .max(256)
      .default(32)
      .describe('Conditional PutItems in flight (conditional, and batch-checked items written after the window).'),
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
  }),
};
export type DynamoSinkSettings = z.output<typeof spec.settings>;

/** The indexes the gateway queries: a company's postings and a field's postings, newest first. */
export const postingIndexes = [
  { name: 'byCompany', hash: 'companyId', range: 'postedAt' },
  { name: 'byFieldPosted', hash: 'jobFieldId', range: 'postedAt' },
] as const;

const itemsWritten = counter('techmap_sink_dynamodb_items_total', 'Items written.', ['outcome']);

type Entry = { record: SinkRecord; item: PostingItem };

/** What a batch step returns when the window for unconditional writes closed before it was done. */
const windowClosed = Symbol('window closed');

function chunked<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Runs `fn` over `items`, at most `n` at once; after the first error no new item starts, and it is thrown. */
async function inPool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  if (failure) throw failure.err;
}

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
    const newest = new Map<string, Entry>();
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

  /** Conditional PutItems, at most `concurrency` in flight; a refused item goes to the dead-letter topic. */
  private async putConditional(entries: Entry[]): Promise<void> {
    await inPool(entries, this.settings.concurrency, async ({ record, item }) => {
      try {
        await this.write(item);
      } catch (err) {
        if (err instanceof UnavailableError) throw err;
        await this.deps.deadLetter(record, err);
      }
    });
  }

  /**
   * writeMode 'batch-checked' (see the top of this file for why it is safe): stored versions by BatchGetItem,
   * the newer items by BatchWriteItem, within `batchWindowMs` of the start; what is left then, conditionally.
   */
  private async putBatchChecked(entries: Entry[]): Promise<void> {
    const windowMs = Math.min(this.settings.batchWindowMs, Math.floor(this.settings.sessionTimeoutMs / 3));
    const window = AbortSignal.timeout(Math.max(1, windowMs));
    const stored = await this.storedVersions(
      entries.map((e) => e.item.pk),
      window,
    );
    if (stored === windowClosed) return this.putConditional(entries);
    const newer = entries.filter((e) => {
      const cur = stored.get(e.item.pk);
      if (cur && !isOlder(cur, e.item)) {
        itemsWritten.inc({ outcome: 'newer' });
        return false;
      }
      return true;
    });
    const late: Entry[] = [];
    await inPool(chunked(newer, 25), this.settings.batchConcurrency, async (chunk) => {
      try {
        late.push(...(await this.batchWrite(chunk, window)));
      } catch (err) {
        if (err instanceof UnavailableError) throw err;
        // A refused request (e.g. one item DynamoDB will not take): one by one, to dead-letter just that item.
        await this.putConditional(chunk);
      }
    });
    // Written conditionally: the window closed, so another writer may exist now. An aborted BatchWriteItem may
    // have been applied after all; then these PutItems fail their condition, which counts as done.
    await this.putConditional(late);
  }

  /** pk → stored (version, enrichedAt) for the keys that exist; `windowClosed` if the window closed first. */
  private async storedVersions(
    pks: string[],
    window: AbortSignal,
  ): Promise<Map<string, { version: number; enrichedAt: number }> | typeof windowClosed> {
    const stored = new Map<string, { version: number; enrichedAt: number }>();
    let closed = false;
    await inPool(chunked(pks, 100), this.settings.batchConcurrency, async (chunk) => {
      let keys: Array<Record<string, unknown>> = chunk.map((pk) => ({ pk }));
      for (let attempt = 1; keys.length > 0 && !closed; attempt++) {
        const request = keys;
        const res = await this.batchCall(
          (abortSignal) =>
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
              { abortSignal },
            ),
          window,
        );
        if (res === windowClosed) {
          closed = true;
          return;
        }
        for (const it of res.Responses?.[this.table] ?? []) {
          stored.set(String(it.pk), { version: Number(it.version), enrichedAt: Number(it.enrichedAt ?? 0) });
        }
        keys = (res.UnprocessedKeys?.[this.table]?.Keys ?? []) as Array<Record<string, unknown>>;
        if (keys.length > 0) await this.backoff(attempt, 'BatchGetItem unprocessed keys');
      }
    });
    return closed ? windowClosed : stored;
  }

  /** BatchWriteItem of up to 25 items, unprocessed ones retried; returns the entries not written in the window. */
  private async batchWrite(chunk: Entry[], window: AbortSignal): Promise<Entry[]> {
    const writtenAt = Date.now();
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (window.aborted) return pending;
      const requests = pending.map((e) => ({ PutRequest: { Item: { ...e.item, writtenAt } } }));
      const res = await this.batchCall(
        (abortSignal) =>
          this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: requests } }), { abortSignal }),
        window,
      );
      if (res === windowClosed) return pending;
      const unprocessed = new Set(
        (res.UnprocessedItems?.[this.table] ?? []).map((r) => String(r.PutRequest?.Item?.pk)),
      );
      itemsWritten.inc({ outcome: 'written' }, pending.length - unprocessed.size);
      pending = pending.filter((e) => unprocessed.has(e.item.pk));
      if (pending.length > 0) await this.backoff(attempt, 'BatchWriteItem unprocessed items');
    }
    return [];
  }

  /**
   * One batch request, retried while the service is away or throttling (a ValidationException is not retried);
   * `windowClosed` once the window closed, and the request in flight then is aborted.
   */
  private async batchCall<T>(
    op: (abortSignal: AbortSignal) => Promise<T>,
    window: AbortSignal,
  ): Promise<T | typeof windowClosed> {
    try {
      return await withRetry(
        async () => {
          try {
            return await op(window);
          } catch (err) {
            if (window.aborted) throw err;
            if ((err as Error).name === 'ValidationException') throw new ValidationError(describeError(err), err);
            throw classifyAwsError(err, 'DynamoDB batch request');
          }
        },
        { maxAttempts: this.settings.itemRetries, initialMs: 50, maxMs: 2000, shouldStop: () => window.aborted },
      );
    } catch (err) {
      if (window.aborted) return windowClosed;
      throw err;
    }
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
