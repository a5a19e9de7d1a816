// What a run left in each store, counted from the stores themselves, against the postings that were fed.
//   MySQL:    rows of `postings` per id; a posting applied twice shows in the aggregates (agg_field counts it
//             twice), so duplicated = aggregate total − rows, plus any id that was never fed.
//   DynamoDB: items per pk (scan); duplicated = items whose pk was never fed (a key can hold one item only).
//   S3:       archive lines of postings.raw per (partition, offset) and of postings.gold per posting id;
//             duplicated = lines beyond the first for the same record.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Config } from '../../../platform/config';
import { topicName } from '../../../platform/topics';
import { createDynamoClient, createS3Client } from '../../../sinks/clients';
import { decodeLines, parseObjectKey, type ArchiveLine } from '../../../sinks/s3/archive';
import { aggregateMismatches, rows, withDb } from '../../sinks/support';

export interface StoreEffect {
  store: string;
  expected: number;
  found: number;
  lost: number;
  duplicated: number;
  /** Further problems (aggregates that differ from a recount...); must be empty. */
  problems: string[];
}

export function formatEffect(e: StoreEffect): string {
  return `${e.store.padEnd(14)} expected ${e.expected}, found ${e.found}: lost = ${e.lost}, duplicated = ${e.duplicated}`;
}

function compare(store: string, expected: Set<string>, seen: Map<string, number>, problems: string[] = []) {
  let lost = 0;
  let duplicated = 0;
  for (const id of expected) if (!seen.has(id)) lost++;
  for (const [id, n] of seen) duplicated += expected.has(id) ? n - 1 : n;
  return { store, expected: expected.size, found: seen.size, lost, duplicated, problems };
}

export async function mysqlPostingCount(config: Config): Promise<number> {
  try {
    return await withDb(config, async (conn) => {
      const [r] = await rows<{ n: number }>(conn, 'SELECT COUNT(*) n FROM postings');
      return Number(r!.n);
    });
  } catch {
    return 0; // not created yet
  }
}

export async function mysqlEffect(config: Config, expected: Set<string>): Promise<StoreEffect> {
  return withDb(config, async (conn) => {
    const ids = await rows<{ id: string }>(conn, 'SELECT id FROM postings');
    const seen = new Map(ids.map((r) => [r.id, 1]));
    const [agg] = await rows<{ n: number | null }>(conn, 'SELECT SUM(all_postings) n FROM agg_field');
    const aggregateTotal = Number(agg?.n ?? 0);
    const effect = compare('mysql', expected, seen, await aggregateMismatches(conn));
    // Effects applied twice to the same row show as aggregate counts above the number of rows.
    effect.duplicated += Math.max(0, aggregateTotal - ids.length);
    if (aggregateTotal < ids.length)
      effect.problems.push(`agg_field counts ${aggregateTotal} postings, ${ids.length} rows`);
    return effect;
  });
}

export async function dynamoKeys(config: Config): Promise<Map<string, number>> {
  const client = createDynamoClient(config);
  const seen = new Map<string, number>();
  try {
    let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: config.dynamoTable, ProjectionExpression: 'pk', ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) {
        const pk = item.pk?.S ?? '';
        seen.set(pk, (seen.get(pk) ?? 0) + 1);
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
  } finally {
    client.destroy();
  }
  return seen;
}

export async function dynamoEffect(config: Config, expected: Set<string>): Promise<StoreEffect> {
  return compare('dynamodb', expected, await dynamoKeys(config));
}

/** Every archive line of `topic` in the run's bucket. */
export async function archiveLines(config: Config, topic: 'raw' | 'gold'): Promise<ArchiveLine[]> {
  const s3 = createS3Client(config);
  const name = topicName(config, topic);
  const lines: ArchiveLine[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: config.s3Bucket, Prefix: `topics/${name}/`, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        if (!parseObjectKey(o.Key!)) continue;
        const res = await s3.send(new GetObjectCommand({ Bucket: config.s3Bucket, Key: o.Key! }));
        lines.push(...decodeLines(Buffer.from(await res.Body!.transformToByteArray())));
      }
      token = page.NextContinuationToken;
    } while (token);
  } catch (err) {
    if ((err as Error).name !== 'NoSuchBucket') throw err;
  } finally {
    s3.destroy();
  }
  return lines;
}

/**
 * Archive effects: each record fed to postings.raw once, by (partition, offset), so a record archived twice in two
 * objects counts as a duplicate; each gold posting once, by its key.
 */
export async function s3Effects(
  config: Config,
  expectedGoldKeys: Set<string>,
  expectedRawOffsets: Set<string>,
): Promise<StoreEffect[]> {
  const rawSeen = new Map<string, number>();
  for (const l of await archiveLines(config, 'raw')) {
    const at = `${l.partition}/${l.offset}`;
    rawSeen.set(at, (rawSeen.get(at) ?? 0) + 1);
  }
  const goldSeen = new Map<string, number>();
  for (const l of await archiveLines(config, 'gold')) {
    const key = typeof l.key === 'string' ? l.key : JSON.stringify(l.key);
    goldSeen.set(key, (goldSeen.get(key) ?? 0) + 1);
  }
  return [compare('s3 raw', expectedRawOffsets, rawSeen), compare('s3 gold', expectedGoldKeys, goldSeen)];
}
