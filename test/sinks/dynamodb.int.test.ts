// The DynamoDB sink against the real broker, registry and dynalite: table and GSIs, version conditions, large
// items, throttling and unprocessed batch items (a fault proxy in front of dynalite), the batch window, kill -9 and
// restart, DynamoDB away for a while, refused items to the DLQ.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../../platform/config';
import type { AvroSerde } from '../../platform/serde';
import { createDynamoClient } from '../../sinks/clients';
import { itemDocument } from '../../sinks/dynamodb/item';
import { createSinkComponent, type SinkComponent } from '../../sinks/index';
import { dropTopics, eventually, isolatedConfig, prepareTopics } from '../support/services';
import { DynamoFaultProxy } from './dynamo-fault-proxy';
import { gold } from './fixtures';
import { goldScenario, newestPerPosting } from './scenario';
import { configEnv, endOffsets, exited, groupOffsets, produce, readDeadLetters, spawnSink } from './support';
import { TcpProxy } from './tcp-proxy';

const fast = {
  maxRecords: 50,
  maxWaitMs: 50,
  minBytes: 1,
  retryInitialMs: 100,
  retryMaxMs: 1000,
  sessionTimeoutMs: 6000,
};

type Item = Record<string, unknown> & { pk: string; version: number; enrichedAt: number; docEncoding?: unknown };

async function scanAll(client: DynamoDBClient, table: string): Promise<Map<string, Item>> {
  const doc = DynamoDBDocumentClient.from(client);
  const out = new Map<string, Item>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const it of (page.Items ?? []) as Item[]) out.set(it.pk, it);
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** What a run left in the table, without the write time: pk → version/enrichedAt/document. */
function tableState(items: Map<string, Item>): Map<string, string> {
  return new Map(
    [...items].map(([pk, it]) => [
      pk,
      JSON.stringify([it.version, it.enrichedAt, it.jobFieldId, it.status, itemDocument(it)]),
    ]),
  );
}

describe('sinks/dynamodb (integration: Kafka + dynalite)', function () {
  this.timeout(400_000);
  const client = createDynamoClient(isolatedConfig('dynamo-client'));
  const cleanups: Array<() => Promise<void>> = [];
  const scenario = goldScenario(150, 11);
  let cleanState: Map<string, string> | undefined;

  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });
  after(() => client.destroy());

  async function setup(suite: string, endpointPort?: number): Promise<{ config: Config; serde: AvroSerde }> {
    const config = isolatedConfig(suite, {
      dynamoTable: `t-sink-${suite}-${randomBytes(3).toString('hex')}`,
      ...(endpointPort ? { dynamoEndpoint: `http://127.0.0.1:${endpointPort}` } : {}),
    });
    const serde = await prepareTopics(config, ['gold', 'dlq']);
    cleanups.push(() => dropTopics(config));
    cleanups.push(async () => {
      await client.send(new DeleteTableCommand({ TableName: config.dynamoTable }));
    });
    return { config, serde };
  }

  async function startSink(config: Config, over: Record<string, unknown> = {}): Promise<SinkComponent> {
    const sink = await createSinkComponent('sink-dynamodb', config, {
      settings: { ...fast, ...over },
      onFatal: (err) => assert.fail(`sink failed: ${String(err)}`),
    });
    await sink.start();
    cleanups.push(() => sink.stop());
    return sink;
  }

  async function allCommitted(config: Config, timeoutMs = 90000): Promise<void> {
    const end = await endOffsets(config, 'gold');
    await eventually(
      async () => {
        const committed = await groupOffsets(config, `${config.topicPrefix}techmap.sink-dynamodb`, 'gold');
        return [...end].every(([p, o]) => o === 0 || committed.get(p) === o) ? true : undefined;
      },
      timeoutMs,
      'the sink to commit the end offsets',
    );
  }

  it('creates the table with its GSIs and keeps the newest version of each posting', async () => {
    const { config, serde } = await setup('dyn-clean');
    await produce(config, serde, 'gold', scenario);
    await startSink(config);
    await allCommitted(config);
    const d = await client.send(new DescribeTableCommand({ TableName: config.dynamoTable }));
    assert.deepEqual(d.Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort(), ['byCompany', 'byFieldPosted']);
    const items = await scanAll(client, config.dynamoTable);
    const newest = newestPerPosting(scenario);
    assert.equal(items.size, newest.size);
    for (const [pk, g] of newest) {
      const it = items.get(pk)!;
      assert.equal(it.version, g.posting.version, `version of ${pk}`);
      assert.deepEqual(itemDocument(it), JSON.parse(JSON.stringify(g)));
    }
    // The gateway's index: a field's postings, newest first.
    const doc = DynamoDBDocumentClient.from(client);
    const res = await doc.send(
      new QueryCommand({
        TableName: config.dynamoTable,
        IndexName: 'byFieldPosted',
        KeyConditionExpression: 'jobFieldId = :f',
        ExpressionAttributeValues: { ':f': 'backend' },
        ScanIndexForward: false,
      }),
    );
    const backend = [...newest.values()].filter((g) => g.jobField.id === 'backend');
    assert.equal(res.Items?.length, backend.length);
    cleanState = tableState(items);
  });

  it("writeMode 'conditional' (a conditional PutItem per item) leaves the same items as the batch-checked default", async function () {
    if (!cleanState) this.skip();
    const { config, serde } = await setup('dyn-cond');
    await produce(config, serde, 'gold', scenario);
    await startSink(config, { writeMode: 'conditional', concurrency: 4 });
    await allCommitted(config);
    assert.deepEqual(tableState(await scanAll(client, config.dynamoTable)), cleanState);
  });

  for (const writeMode of ['batch-checked', 'conditional']) {
    it(`${writeMode}: throttled and partly processed requests are retried, the same items as a clean run`, async function () {
      if (!cleanState) this.skip();
      const proxy = new DynamoFaultProxy(new URL(isolatedConfig('x').dynamoEndpoint!), {
        throttleEvery: 3,
        throttleOps: ['BatchWriteItem', 'BatchGetItem', 'PutItem'],
        partialBatches: true,
        batchWriteDelayMs: 0,
      });
      const port = await proxy.start();
      cleanups.push(() => proxy.stop());
      const { config, serde } = await setup(`dyn-throttle-${writeMode}`, port);
      await produce(config, serde, 'gold', scenario);
      await startSink(config, { writeMode });
      await allCommitted(config);
      assert.ok(proxy.throttled > 3, `requests were throttled (${proxy.throttled})`);
      if (writeMode === 'batch-checked') assert.ok(proxy.unprocessed > 3, `unprocessed items (${proxy.unprocessed})`);
      assert.deepEqual(tableState(await scanAll(client, config.dynamoTable)), cleanState);
    });
  }

  it('batch-checked: what is not written within batchWindowMs goes out as conditional PutItems', async function () {
    if (!cleanState) this.skip();
    // Every BatchWriteItem answer comes after the window closed: the request is aborted (dynalite may have
    // applied it) and its items are written again with PutItems, whose version condition makes that harmless.
    const proxy = new DynamoFaultProxy(new URL(isolatedConfig('x').dynamoEndpoint!), {
      throttleEvery: 0,
      throttleOps: [],
      partialBatches: false,
      batchWriteDelayMs: 1500,
    });
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    const { config, serde } = await setup('dyn-window', port);
    await produce(config, serde, 'gold', scenario);
    await startSink(config, { batchWindowMs: 500 });
    await allCommitted(config);
    assert.ok((proxy.counts.get('BatchWriteItem') ?? 0) > 0, 'BatchWriteItems were sent');
    assert.ok((proxy.counts.get('PutItem') ?? 0) >= newestPerPosting(scenario).size, 'every item also as a PutItem');
    assert.deepEqual(tableState(await scanAll(client, config.dynamoTable)), cleanState);
  });

  it('an older record never overwrites a newer one; a large document is stored compressed', async () => {
    const { config, serde } = await setup('dyn-versions');
    const newer = gold({ id: 'wanted:1', version: 2000, enrichedAt: 2100 });
    const older = gold({ id: 'wanted:1', version: 1000, enrichedAt: 3000 });
    const reEnriched = gold({ id: 'wanted:2', version: 5000, enrichedAt: 6000 });
    const staleEnrichment = gold({ id: 'wanted:2', version: 5000, enrichedAt: 5500 });
    const large = gold({ id: 'wanted:3', requirements: 'Kotlin 코루틴 경험 '.repeat(30000) });
    await produce(config, serde, 'gold', [
      { key: 'wanted:1', value: newer, partition: 0 },
      { key: 'wanted:2', value: reEnriched, partition: 0 },
      { key: 'wanted:3', value: large, partition: 0 },
    ]);
    const sink = await startSink(config);
    await allCommitted(config);
    // Separate batches: the stored newer items must win over what arrives later.
    await produce(config, serde, 'gold', [
      { key: 'wanted:1', value: older, partition: 0 },
      { key: 'wanted:2', value: staleEnrichment, partition: 0 },
    ]);
    await allCommitted(config);
    await sink.stop();
    const items = await scanAll(client, config.dynamoTable);
    assert.equal(items.get('wanted:1')!.version, 2000);
    assert.equal(items.get('wanted:2')!.enrichedAt, 6000);
    assert.equal(items.get('wanted:3')!.docEncoding, 'gzip+json');
    assert.deepEqual(itemDocument(items.get('wanted:3')!), JSON.parse(JSON.stringify(large)));
  });

  it('killed with SIGKILL mid-run and restarted: the same items as a clean run', async function () {
    if (!cleanState) this.skip();
    const { config, serde } = await setup('dyn-kill');
    // The last quarter is produced only after the kills, so the final restart always has work left even when the
    // sink got through the rest between kills (a slow machine makes the kill polls late).
    const held = Math.floor(scenario.length / 4);
    await produce(config, serde, 'gold', scenario.slice(0, scenario.length - held));
    const env = {
      ...configEnv(config),
      SINK_DYNAMODB_MAX_RECORDS: '5',
      SINK_DYNAMODB_MAX_WAIT_MS: '20',
      SINK_DYNAMODB_MIN_BYTES: '1',
      SINK_DYNAMODB_CONCURRENCY: '2',
      SINK_DYNAMODB_SESSION_TIMEOUT_MS: '6000',
    };
    let killedAt = 0;
    for (const threshold of [20, 80]) {
      const child = spawnSink('sink-dynamodb', env);
      await Promise.race([
        eventually(
          async () =>
            (await scanAll(client, config.dynamoTable).catch(() => new Map())).size >= threshold ? true : undefined,
          120000,
          'some items',
        ),
        exited(child).then((code) => assert.fail(`sink exited early with ${code}`)),
      ]);
      child.kill('SIGKILL');
      await exited(child);
      killedAt = (await scanAll(client, config.dynamoTable)).size;
    }
    assert.ok(killedAt >= 80, `killed after writing some items (${killedAt} items)`);
    await produce(config, serde, 'gold', scenario.slice(scenario.length - held));
    const child = spawnSink('sink-dynamodb', env);
    try {
      await allCommitted(config, 150000);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
    assert.deepEqual(tableState(await scanAll(client, config.dynamoTable)), cleanState);
  });

  it('DynamoDB away for 15 s: the sink waits and retries, keeps its place and loses nothing', async function () {
    if (!cleanState) this.skip();
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(isolatedConfig('x').dynamoEndpoint!).port));
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    const { config, serde } = await setup('dyn-down', port);
    const half = Math.floor(scenario.length / 2);
    await produce(config, serde, 'gold', scenario.slice(0, half));
    const sink = await startSink(config);
    await eventually(
      async () => {
        const c = await groupOffsets(config, `${config.topicPrefix}techmap.sink-dynamodb`, 'gold');
        return [...c.values()].reduce((a, b) => a + Math.max(b, 0), 0) >= half ? true : undefined;
      },
      60000,
      'first half',
    );
    await proxy.cut();
    await produce(config, serde, 'gold', scenario.slice(half));
    await new Promise((r) => setTimeout(r, 15000));
    assert.equal(sink.runner.failure, undefined, 'the sink did not give up');
    const during = await groupOffsets(config, `${config.topicPrefix}techmap.sink-dynamodb`, 'gold');
    assert.ok([...during.values()].reduce((a, b) => a + b, 0) < scenario.length, 'no progress while DynamoDB is away');
    await proxy.restore();
    await allCommitted(config, 120000);
    assert.deepEqual(tableState(await scanAll(client, config.dynamoTable)), cleanState);
  });

  it('a record DynamoDB cannot hold goes to the dead-letter topic with the reason; the batch goes on', async () => {
    const { config, serde } = await setup('dyn-dlq');
    const noise = randomBytes(700_000).toString('base64'); // incompressible text: > 400 KB even gzipped
    const records = [gold({ id: 'wanted:1' }), gold({ id: 'wanted:2', requirements: noise }), gold({ id: 'wanted:3' })];
    await produce(
      config,
      serde,
      'gold',
      records.map((g) => ({ key: g.posting.postingId, value: g, partition: 0 })),
    );
    await startSink(config);
    const letters = await readDeadLetters(config, serde, 1);
    await allCommitted(config);
    assert.equal(letters[0]!.key?.toString(), 'wanted:2');
    assert.equal(letters[0]!.stage, 'sink.dynamodb');
    assert.equal(letters[0]!.errorType, 'ValidationError');
    assert.match(letters[0]!.errorMessage, /too large for DynamoDB/);
    assert.deepEqual([...(await scanAll(client, config.dynamoTable)).keys()].sort(), ['wanted:1', 'wanted:3']);
  });
});
