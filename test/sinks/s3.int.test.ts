// The S3 sink against the real broker, registry and S3Proxy: layout, lossless bodies, deterministic objects
// across kill -9, S3 away for a while, dead letters, and `techmap replay --from-s3`.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  DeleteBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '../../platform/config';
import type { AvroSerde } from '../../platform/serde';
import { topicName } from '../../platform/topics';
import { createS3Client } from '../../sinks/clients';
import { createSinkComponent, type SinkComponent } from '../../sinks/index';
import type { RawPosting } from '../../sinks/records';
import { REPLAY_HEADER } from '../../sinks/s3';
import { decodeLines, fromJsonValue, parseObjectKey, type ArchiveLine } from '../../sinks/s3/archive';
import { replayFromS3 } from '../../sinks/s3/replay';
import { dropTopics, eventually, isolatedConfig, prepareTopics } from '../support/services';
import { baseTime, gold, raw } from './fixtures';
import { seededRandom } from '../../producers/demo-board/prng';
import {
  configEnv,
  endOffsets,
  exited,
  groupOffsets,
  produce,
  readDeadLetters,
  spawnSink,
  type OutRecord,
} from './support';
import { TcpProxy } from './tcp-proxy';

const hour = 3600 * 1000;
// Record times must be recent: postings.raw has a time retention (90 days) and the broker deletes older records.
const recentBase = (() => {
  const d = new Date(Date.now() - 14 * 24 * hour);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
})();
const day1 = new Date(recentBase).toISOString().slice(0, 10);
const day2 = new Date(recentBase + 24 * hour).toISOString().slice(0, 10);
const settings = {
  maxRecords: 100,
  maxWaitMs: 50,
  minBytes: 1,
  objectRecords: 20,
  spanMs: 6 * hour,
  idleFlushMs: 1500,
  retryInitialMs: 100,
  retryMaxMs: 1000,
};

/** Bronze records over three boards and two days; a few bodies are not UTF-8. Explicit partitions. */
function bronze(n: number, seed = 3): OutRecord[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const board = ['wanted', 'jumpit', 'greenhouse'][Math.floor(rnd() * 3)]!;
    const t = recentBase + Math.floor((i / n) * 40) * hour; // spans day1 and day2
    const body = i % 50 === 7 ? Buffer.from([0xff, 0x00, 0xfe, i & 0xff]) : `{"id":${i},"title":"백엔드 개발자 ${i}"}`;
    return { key: `${board}:${i}`, value: raw(board, String(i), t, body), timestamp: t, partition: i % 2 };
  });
}

interface ArchiveState {
  /** object key (topic prefix removed) → sha256 of its lines (topic prefix and schema id removed) */
  objects: Map<string, string>;
  lines: ArchiveLine[];
}

async function readArchive(s3: S3Client, bucket: string, config: Config): Promise<ArchiveState> {
  const objects = new Map<string, string>();
  const lines: ArchiveLine[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }));
      const body = Buffer.from(await res.Body!.transformToByteArray());
      const objectLines = decodeLines(body);
      // Runs are compared by content: the topic prefix and the registry's schema id differ between test runs.
      const normalised = objectLines.map((l) => ({
        ...l,
        topic: l.topic.split(config.topicPrefix).join(''),
        schemaId: null,
      }));
      objects.set(
        o.Key!.split(config.topicPrefix).join(''),
        createHash('sha256').update(JSON.stringify(normalised)).digest('hex'),
      );
      lines.push(...objectLines);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { objects, lines };
}

async function dropBucket(s3: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length === 0) break;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** Every produced offset archived exactly once (no duplicates, no gaps). */
function assertExactlyOnce(lines: ArchiveLine[], end: Map<number, number>, skip = new Set<string>()): void {
  const seen = new Map<string, number>();
  for (const l of lines) seen.set(`${l.partition}:${l.offset}`, (seen.get(`${l.partition}:${l.offset}`) ?? 0) + 1);
  const dups = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  assert.deepEqual(dups, [], 'no record archived twice');
  const missing: string[] = [];
  for (const [p, high] of end)
    for (let o = 0; o < high; o++) if (!seen.has(`${p}:${o}`) && !skip.has(`${p}:${o}`)) missing.push(`${p}:${o}`);
  assert.deepEqual(missing, [], 'no record missing');
}

describe('sinks/s3 (integration: Kafka + S3Proxy)', function () {
  this.timeout(400_000);
  const s3 = createS3Client(isolatedConfig('s3-client'));
  const cleanups: Array<() => Promise<void>> = [];
  const records = bronze(400);

  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });
  after(() => s3.destroy());

  async function setup(suite: string, endpointPort?: number): Promise<{ config: Config; serde: AvroSerde }> {
    const bucket = `t-sink-${suite}-${randomBytes(3).toString('hex')}`;
    const config = isolatedConfig(suite, {
      s3Bucket: bucket,
      ...(endpointPort ? { s3Endpoint: `http://127.0.0.1:${endpointPort}` } : {}),
    });
    const serde = await prepareTopics(config, ['raw', 'gold', 'dlq']);
    cleanups.push(() => dropTopics(config));
    cleanups.push(() => dropBucket(s3, bucket));
    return { config, serde };
  }

  async function startSink(config: Config, over: Record<string, unknown> = {}): Promise<SinkComponent> {
    const sink = await createSinkComponent('sink-s3', config, {
      settings: { ...settings, ...over },
      onFatal: (err) => assert.fail(`sink failed: ${String(err)}`),
    });
    await sink.start();
    cleanups.push(() => sink.stop());
    return sink;
  }

  /** Everything produced to raw is durable in S3 (the group committed the end offsets, tail flushed). */
  async function allCommitted(config: Config, timeoutMs: number): Promise<void> {
    const end = await endOffsets(config, 'raw');
    await eventually(
      async () => {
        const committed = await groupOffsets(config, `${config.topicPrefix}techmap.sink-s3`, 'raw');
        return [...end].every(([p, o]) => o === 0 || committed.get(p) === o) ? true : undefined;
      },
      timeoutMs,
      'the sink to commit the end offsets',
    );
  }

  async function objectCount(bucket: string): Promise<number> {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    return page.KeyCount ?? 0;
  }

  async function archivedCount(config: Config): Promise<number> {
    return (await readArchive(s3, config.s3Bucket, config)).lines.length;
  }

  it('creates the bucket, archives bronze and gold by board and date, bodies byte-exact, poison to the DLQ', async () => {
    const { config, serde } = await setup('s3-clean');
    await produce(config, serde, 'raw', records);
    const golds = [gold({ id: 'wanted:1' }), gold({ id: 'jumpit:2' })];
    await produce(
      config,
      serde,
      'gold',
      golds.map((g) => ({ key: g.posting.postingId, value: g, partition: 0, timestamp: baseTime })),
    );
    await startSink(config);
    // A record that is not Avro at all.
    const { createKafka } = await import('../../platform/kafka');
    const producer = createKafka(config, 'test-poison').producer();
    await producer.connect();
    await producer.send({
      topic: topicName(config, 'raw'),
      messages: [
        {
          key: 'wanted:poison',
          value: Buffer.from('not avro'),
          partition: 1,
          timestamp: String(recentBase + 39 * hour),
        },
      ],
    });
    await producer.disconnect();
    const letters = await readDeadLetters(config, serde, 1);
    assert.equal(letters[0]!.stage, 'sink.s3');
    assert.equal(letters[0]!.errorType, 'DecodeError');
    await eventually(
      async () => ((await archivedCount(config)) === records.length + 2 ? true : undefined),
      60000,
      'all archived',
    );
    const archive = await readArchive(s3, config.s3Bucket, config);
    const rawLines = archive.lines.filter((l) => l.topic === topicName(config, 'raw'));
    const end = await endOffsets(config, 'raw');
    const poison = `1:${end.get(1)! - 1}`;
    assertExactlyOnce(rawLines, end, new Set([poison]));
    for (const key of [...archive.objects.keys()].filter((k) => k.startsWith('topics/postings.raw/'))) {
      const p = parseObjectKey(key);
      assert.ok(p, `archive key ${key}`);
      assert.ok(['wanted', 'jumpit', 'greenhouse'].includes(p.board));
      assert.ok([day1, day2].includes(p.date));
    }
    // Each line sits in the object of its board and record date, and its body is the produced bytes.
    const byOffset = new Map(records.map((r, i) => [`${r.partition}:${Math.floor(i / 2)}`, r]));
    for (const l of rawLines) {
      const want = byOffset.get(`${l.partition}:${l.offset}`)!;
      assert.equal(l.key, want.key);
      const value = fromJsonValue(l.value) as RawPosting;
      assert.ok(value.body.equals((want.value as RawPosting).body), `body of ${want.key}`);
      assert.equal(l.timestamp, want.timestamp);
    }
    const binary = rawLines.find((l) => (l.value as { body: { $bytes: string } }).body.$bytes === 'base64');
    assert.ok(binary, 'non-UTF-8 bodies are stored as base64');
    const goldKeys = [...archive.objects.keys()].filter((k) => k.startsWith('topics/postings.gold/'));
    assert.deepEqual(goldKeys.sort(), [
      'topics/postings.gold/board=jumpit/date=2026-03-02/postings.gold+0+00000000000000000001.jsonl.gz',
      'topics/postings.gold/board=wanted/date=2026-03-02/postings.gold+0+00000000000000000000.jsonl.gz',
    ]);

    // techmap replay --from-s3: the archived bronze goes back to postings.raw, marked, and is not archived twice.
    const before = [...end.values()].reduce((a, b) => a + b, 0);
    const summary = await replayFromS3({ config, prefix: `topics/${topicName(config, 'raw')}/board=wanted/` });
    const wanted = rawLines.filter((l) => String(l.key).startsWith('wanted:')).length;
    assert.equal(summary.records, wanted);
    const after = [...(await endOffsets(config, 'raw')).values()].reduce((a, b) => a + b, 0);
    assert.equal(after - before, wanted);
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(await archivedCount(config), records.length + 2, 'replayed records are not archived again');
    const { createKafka: ck } = await import('../../platform/kafka');
    const consumer = ck(config, 'test-replayed').consumer({ groupId: `${config.topicPrefix}replay-check` });
    const replayed: Array<{ key: string; header: string; body: Buffer }> = [];
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(config, 'raw'), fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const h = message.headers?.[REPLAY_HEADER];
          if (!h) return;
          const v = await serde.decode<RawPosting>('raw', message.value);
          replayed.push({ key: message.key!.toString(), header: h.toString(), body: v.body });
          if (replayed.length === wanted) resolve();
        },
      });
    });
    await consumer.disconnect();
    assert.ok(replayed.every((r) => r.key.startsWith('wanted:')));
    for (const r of replayed) {
      const [, , p, o] = /^(.*)\+(\d+)\+(\d+)$/.exec(r.header) ?? [];
      assert.ok((byOffset.get(`${p}:${o}`)!.value as RawPosting).body.equals(r.body), `replayed body of ${r.key}`);
    }
  });

  it('archives the tail of a transactional topic (its last offset is a commit marker, never a record)', async () => {
    const { config, serde } = await setup('s3-tx');
    const golds = Array.from({ length: 7 }, (_, i) => gold({ id: `wanted:${100 + i}` }));
    await produce(
      config,
      serde,
      'gold',
      golds.map((g) => ({ key: g.posting.postingId, value: g, partition: 0, timestamp: baseTime })),
      { transactional: true },
    );
    // The commit returns before the markers are written; the stable end offset follows a moment later.
    await eventually(
      async () => ((await endOffsets(config, 'gold')).get(0) === golds.length + 1 ? true : undefined),
      10000,
      'seven records and one commit marker',
    );
    await startSink(config);
    // Fewer records than objectRecords: only the idle flush writes them, once the partition counts as caught up.
    await eventually(
      async () => ((await archivedCount(config)) === golds.length ? true : undefined),
      30000,
      'the transactional tail archived',
    );
  });

  it('killed with SIGKILL mid-run and restarted: the same objects as a clean run, no duplicates, no gaps', async () => {
    const many = bronze(3000, 5);
    const clean = await setup('s3-kclean');
    await produce(clean.config, clean.serde, 'raw', many);
    const cleanSink = await startSink(clean.config);
    await allCommitted(clean.config, 150000);
    await cleanSink.stop();
    const expected = await readArchive(s3, clean.config.s3Bucket, clean.config);

    const { config, serde } = await setup('s3-kill');
    await produce(config, serde, 'raw', many);
    const env = {
      ...configEnv(config),
      SINK_S3_MAX_RECORDS: '7',
      SINK_S3_MAX_WAIT_MS: '20',
      SINK_S3_MIN_BYTES: '1',
      SINK_S3_OBJECT_RECORDS: String(settings.objectRecords),
      SINK_S3_SPAN_MS: String(settings.spanMs),
      SINK_S3_IDLE_FLUSH_MS: String(settings.idleFlushMs),
      SINK_S3_SESSION_TIMEOUT_MS: '6000',
    };
    for (const threshold of [10, 40]) {
      const child = spawnSink('sink-s3', env);
      await Promise.race([
        eventually(
          async () => ((await objectCount(config.s3Bucket)) >= threshold ? true : undefined),
          60000,
          'some objects',
        ),
        exited(child).then((code) => assert.fail(`sink exited early with ${code}`)),
      ]);
      child.kill('SIGKILL');
      await exited(child);
    }
    const partial = await objectCount(config.s3Bucket);
    assert.ok(
      partial < expected.objects.size,
      `killed before the end (${partial} of ${expected.objects.size} objects)`,
    );
    const child = spawnSink('sink-s3', env);
    try {
      await allCommitted(config, 150000);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
    const archive = await readArchive(s3, config.s3Bucket, config);
    assertExactlyOnce(archive.lines, await endOffsets(config, 'raw'));
    assert.deepEqual(archive.objects, expected.objects);
  });

  it('S3 away for 15 s: the sink waits and retries, keeps its place and loses nothing', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(isolatedConfig('x').s3Endpoint!).port));
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    const { config, serde } = await setup('s3-down', port);
    const direct = { ...config, s3Endpoint: isolatedConfig('x').s3Endpoint };
    const half = records.length / 2;
    await produce(config, serde, 'raw', records.slice(0, half));
    const sink = await startSink(config);
    await eventually(
      async () => ((await archivedCount(direct)) >= half - 40 ? true : undefined),
      60000,
      'first half archived',
    );
    await proxy.cut();
    await produce(config, serde, 'raw', records.slice(half));
    await new Promise((r) => setTimeout(r, 15000));
    assert.equal(sink.runner.failure, undefined, 'the sink did not give up');
    await proxy.restore();
    await eventually(
      async () => ((await archivedCount(direct)) >= records.length ? true : undefined),
      90000,
      'all archived',
    );
    await new Promise((r) => setTimeout(r, 2000));
    const archive = await readArchive(s3, config.s3Bucket, direct);
    assertExactlyOnce(archive.lines, await endOffsets(config, 'raw'));
  });
});
