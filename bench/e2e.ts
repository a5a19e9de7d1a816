// npm run bench -- e2e [--rate=100] [--duration=60] [--warmup=5] [--quick] [--partitions=N] [--processors-only]
//                      [--no-hops]
//
// End-to-end latency raw → gold with the LLM off, over the real broker and registry:
// 1. Fresh topics (a unique TECHMAP_TOPIC_PREFIX, dropped afterwards), a fresh MariaDB database, DynamoDB table and
//    S3 bucket (removed afterwards).
// 2. The real components as child processes (`node bin/techmap.js run refine | enrich | sink-mysql | sink-dynamodb |
//    sink-s3 | gateway`), as `techmap start` runs them; `--processors-only` runs refine and enrich alone.
// 3. Bronze records in the boards' real formats (bench/_bronze.ts) sent one by one at a steady --rate for --warmup
//    + --duration seconds; each carries its send time as `fetchedAt` and as the record timestamp.
// 4. Read_committed observers on postings.raw, the refine-parsed hop, postings.silver and postings.gold note when
//    each bronze record first becomes readable there (bench/_latency.ts). Latency = arrival − send, for the records
//    sent after the warm-up; the per-hop split says where the time goes. The gateway answers two API requests a
//    second meanwhile, so its memory figure is that of a serving process.
// 5. Peak memory of each component: VmHWM from /proc/<pid>/status just before it is stopped; CPU time per record of
//    refine and enrich (from /proc/<pid>/stat), which unlike the latencies hardly depends on the machine's load.
// 6. With the pipeline stopped: one back-to-back Kafka transaction as the runner commits a batch, beside a plain send
//    (bench/_transactions.ts), with the runner's retry delay and a short one.
// Targets (from issue #8): p50 < 50 ms, p99 < 250 ms. Benchmarks never fail on a figure.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { Consumer } from 'kafkajs';
import mysql from 'mysql2/promise';
import { loadConfig, mysqlOptions, type Config } from '../platform/config';
import { createKafka } from '../platform/kafka';
import type { AvroSerde } from '../platform/serde';
import { deletePrefixedTopics, prepareTopics } from '../platform/topic-setup';
import { topicName, type TopicId } from '../platform/topics';
import type { GoldPosting } from '../processors/enrich/types';
import type { RawPosting, SilverPosting } from '../processors/refine/types';
import { createDynamoClient, createS3Client } from '../sinks/clients';
import { rawPostings } from './_bronze';
import { freePort, mebibytes, stageBatchTotals, startComponent, type ComponentProcess } from './_components';
import { plainSendCost, transactionCost, type TransactionCost } from './_transactions';
import { ArrivalLog, summarize, type LatencySummary, type SourceStamp } from './_latency';
import type { BenchFigure, BenchResult } from './types';

interface Options {
  rate: number;
  durationS: number;
  warmupS: number;
  partitions?: number;
  processorsOnly: boolean;
  /** Observe the intermediate topics too (the per-hop split); off with --no-hops to lighten this process. */
  hops: boolean;
}

function parseArgs(args: string[]): Options {
  const quick = args.includes('--quick');
  const get = (name: string, def: number) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    const v = a ? Number(a.split('=')[1]) : def;
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  const partitions = args.some((a) => a.startsWith('--partitions=')) ? Math.floor(get('partitions', 1)) : undefined;
  return {
    rate: get('rate', 100),
    durationS: get('duration', quick ? 15 : 60),
    warmupS: get('warmup', quick ? 3 : 5),
    partitions,
    processorsOnly: args.includes('--processors-only'),
    hops: !args.includes('--no-hops'),
  };
}

/** The topics whose readable records are watched, and how to find the bronze records each record carries. */
const observed: Array<{ id: TopicId; label: string; sources: (value: unknown) => SourceStamp[] }> = [
  {
    id: 'raw',
    label: 'raw',
    sources: (v) => {
      const r = v as RawPosting;
      return [{ board: r.board, boardPostingId: r.boardPostingId, lastSeenAt: r.fetchedAt }];
    },
  },
  { id: 'refineParsed', label: 'refine-parsed', sources: (v) => (v as SilverPosting).sources },
  { id: 'silver', label: 'silver', sources: (v) => (v as SilverPosting).sources },
  { id: 'gold', label: 'gold', sources: (v) => (v as GoldPosting).posting.sources },
];

/** Starts a read_committed consumer of `topic` that feeds `log`; resolves once it has joined its group. */
async function observe(
  config: Config,
  serde: AvroSerde,
  topic: (typeof observed)[number],
  log: ArrivalLog,
): Promise<Consumer> {
  const consumer = createKafka(config, `bench-e2e-observer-${topic.label}`).consumer({
    groupId: `${config.topicPrefix}bench-e2e-observer-${topic.label}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(config, topic.id), fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const at = Date.now(); // before decoding: the records were readable by then
      for (const m of batch.messages) log.seen(topic.sources(await serde.decode(topic.id, m.value)), at);
    },
  });
  await joined;
  return consumer;
}

/** Removes what the run created: topics, database, table, bucket. Best effort, each on its own. */
async function teardown(config: Config, log: (s: string) => void): Promise<void> {
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      log(`teardown: could not remove the ${what}: ${(err as Error).message}`);
    }
  };
  await attempt('topics', () => deletePrefixedTopics(config, 'bench-teardown'));
  await attempt('database', async () => {
    const o = mysqlOptions(config);
    const conn = await mysql.createConnection({ host: o.host, port: o.port, user: o.user, password: o.password });
    await conn.query(`DROP DATABASE IF EXISTS \`${o.database}\``).finally(() => conn.end());
  });
  await attempt('DynamoDB table', async () => {
    const dynamo = createDynamoClient(config);
    try {
      await dynamo.send(new DeleteTableCommand({ TableName: config.dynamoTable }));
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
    } finally {
      dynamo.destroy();
    }
  });
  await attempt('S3 bucket', async () => {
    const s3 = createS3Client(config);
    const Bucket = config.s3Bucket;
    try {
      for (;;) {
        const list = await s3.send(new ListObjectsV2Command({ Bucket }));
        const keys = (list.Contents ?? []).map((o) => ({ Key: o.Key! }));
        if (keys.length === 0) break;
        await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys } }));
      }
      await s3.send(new DeleteBucketCommand({ Bucket }));
    } catch (err) {
      if ((err as { name?: string }).name !== 'NoSuchBucket') throw err;
    } finally {
      s3.destroy();
    }
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(args: string[]): Promise<BenchResult> {
  const opts = parseArgs(args);
  const log = (s: string) => process.stderr.write(`bench: e2e: ${s}\n`);
  const base = loadConfig();
  const runId = randomBytes(3).toString('hex');
  const database = `techmap_bench_e2e_${runId}`;
  const mysqlUrl = new URL(base.mysqlUrl);
  mysqlUrl.pathname = `/${database}`;
  const config: Config = {
    ...base,
    topicPrefix: `bench-e2e-${runId}.`,
    topicPartitions: opts.partitions ?? base.topicPartitions,
    mysqlUrl: mysqlUrl.toString(),
    dynamoTable: `bench-e2e-${runId}`,
    s3Bucket: `bench-e2e-${runId}`,
  };
  const logDir = path.join(os.tmpdir(), `techmap-bench-e2e-${runId}`);
  const warmupCount = Math.round(opts.rate * opts.warmupS);
  const total = warmupCount + Math.round(opts.rate * opts.durationS);
  const components = opts.processorsOnly
    ? ['refine', 'enrich']
    : ['refine', 'enrich', 'sink-mysql', 'sink-dynamodb', 'sink-s3', 'gateway'];
  const children: ComponentProcess[] = [];
  const consumers: Consumer[] = [];
  const producer = createKafka(config, 'bench-e2e-producer').producer();
  let gatewayTimer: NodeJS.Timeout | undefined;
  try {
    const serde = await prepareTopics(
      config,
      ['raw', 'refineParsed', 'refineState', 'silver', 'gold', 'dlq', 'crawlEvents'],
      'bench-setup',
    );
    const raws = rawPostings(total);
    const gatewayPort = await freePort();
    const env: Record<string, string> = {
      TECHMAP_TOPIC_PREFIX: config.topicPrefix,
      TOPIC_PARTITIONS: String(config.topicPartitions),
      TECHMAP_INSTANCE_ID: `bench-e2e-${runId}`,
      MYSQL_URL: config.mysqlUrl,
      DYNAMODB_TABLE: config.dynamoTable,
      S3_BUCKET: config.s3Bucket,
      GATEWAY_PORT: String(gatewayPort),
      GEMINI_API_KEY: '', // LLM off: rules only
      METRICS_PORT: '0',
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
    };
    log(`${components.join(', ')} as child processes (logs in ${logDir}); ${config.topicPartitions} partitions`);
    // Each component serves /metrics on a port of its own (the gateway on its API port): the stage runner's batch
    // histograms say how many transactions each stage ran and how long they took.
    const metricsUrls = new Map<string, string>();
    for (const c of components) {
      const port = c === 'gateway' ? gatewayPort : await freePort();
      if (c === 'refine' || c === 'enrich') metricsUrls.set(c, `http://127.0.0.1:${port}/metrics`);
      children.push(startComponent(c, c === 'gateway' ? env : { ...env, METRICS_PORT: String(port) }, logDir));
    }
    await Promise.all(children.map((c) => c.running));

    const logs = new Map(observed.map((t) => [t.id, new ArrivalLog()]));
    for (const t of observed)
      if (opts.hops || t.id === 'raw' || t.id === 'gold')
        consumers.push(await observe(config, serde, t, logs.get(t.id)!));
    await producer.connect();

    if (!opts.processorsOnly) {
      // Light API traffic, so the gateway's memory is that of a process answering requests.
      const api = `http://127.0.0.1:${gatewayPort}/api/v1`;
      gatewayTimer = setInterval(() => {
        for (const u of [`${api}/fields`, `${api}/fields/backend/skills?limit=10`])
          void fetch(u, { signal: AbortSignal.timeout(5000) }).then(
            (r) => r.arrayBuffer(),
            () => undefined,
          );
      }, 1000);
    }

    // Open loop: record i is due at t0 + i / rate, whatever happened to the ones before it.
    log(`sending ${total} bronze records at ${opts.rate}/s (${opts.warmupS} s warm-up + ${opts.durationS} s measured)`);
    const loadBefore = os.loadavg()[0]!;
    const cpuBefore = children.map((c) => c.cpuSeconds() ?? NaN);
    const benchCpuBefore = process.cpuUsage();
    const sentAt = new Map<string, number>();
    const measured: string[] = [];
    let sendErrors = 0;
    let maxScheduleLag = 0;
    const interval = 1000 / opts.rate;
    const t0 = Date.now() + 20;
    const rawTopic = topicName(config, 'raw');
    const sends: Array<Promise<unknown>> = [];
    for (let i = 0; i < total;) {
      const now = Date.now();
      for (; i < total && t0 + i * interval <= now; i++) {
        const raw = raws[i]!;
        const id = `${raw.board}:${raw.boardPostingId}`;
        const at = Date.now();
        maxScheduleLag = Math.max(maxScheduleLag, at - (t0 + i * interval));
        raw.fetchedAt = at; // what a crawler stamps at fetch time; refine carries it into the posting's source
        for (const l of logs.values()) l.expect(id, at);
        sentAt.set(id, at);
        if (i >= warmupCount) measured.push(id);
        const value = await serde.encode('raw', raw);
        sends.push(
          producer
            .send({ topic: rawTopic, acks: -1, messages: [{ key: id, value, timestamp: String(at) }] })
            .catch(() => sendErrors++),
        );
      }
      await sleep(Math.max(0, t0 + i * interval - Date.now()));
    }
    const sendSeconds = (Date.now() - t0) / 1000;
    await Promise.all(sends);

    // Wait for the measured records to reach gold (or for a generous timeout: a record lost would show as missing).
    const gold = logs.get('gold')!;
    const drainDeadline = Date.now() + 120_000;
    while (measured.some((id) => !gold.has(id)) && Date.now() < drainDeadline) await sleep(50);
    const loadAfter = os.loadavg()[0]!;
    const wallSeconds = (Date.now() - t0) / 1000;
    if (gatewayTimer) clearInterval(gatewayTimer);
    const cpuUsed = children.map((c, k) => (c.cpuSeconds() ?? NaN) - cpuBefore[k]!);
    const cpuShare = cpuUsed.map((s) => s / wallSeconds);
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const benchShare = (benchCpu.user + benchCpu.system) / 1e6 / wallSeconds;
    const batches: string[] = [];
    for (const [component, url] of metricsUrls) {
      const totals = await stageBatchTotals(url).catch(() => new Map());
      for (const [stage, t] of totals)
        batches.push(
          `${stage} (${component}): ${t.transactions} transactions of ${(t.records / Math.max(1, t.transactions)).toFixed(1)} ` +
            `records; ${t.batches} partition batches taking ${((t.seconds / Math.max(1, t.batches)) * 1000).toFixed(1)} ms each on average, busy ` +
            `${Math.round((t.seconds / wallSeconds) * 100)}% of the run`,
        );
    }

    // Peak memory before anything is stopped (VmHWM is the high-water mark over the process's whole life).
    const peaks = children.map((c) => ({ label: c.label, bytes: c.peakRss() }));
    const dead = peaks.filter((p) => p.bytes === undefined).map((p) => p.label);
    await Promise.all(children.map((c) => c.stop()));
    for (const c of consumers.splice(0)) await c.disconnect().catch(() => undefined);

    // With the pipeline stopped: what one transaction costs here, as the runner runs them (back to back), beside a
    // plain send; into crawl.events, a topic nothing in this run reads.
    log('measuring the cost of one transaction');
    const scratch = topicName(config, 'crawlEvents');
    const rounds = opts.durationS >= 60 ? 100 : 40;
    const send = await plainSendCost(config, scratch, rounds);
    const txns: TransactionCost[] = [];
    for (const retryMs of [200, 10]) txns.push(await transactionCost(config, scratch, rawTopic, rounds, retryMs));

    const latency = (from: TopicId | 'send', to: TopicId): LatencySummary => {
      const values: number[] = [];
      for (const id of measured) {
        const start = from === 'send' ? sentAt.get(id) : logs.get(from)!.arrivalOf(id);
        const end = logs.get(to)!.arrivalOf(id);
        if (start !== undefined && end !== undefined) values.push(end - start);
      }
      return summarize(values);
    };
    const e2e = latency('send', 'gold');
    const allHops: Array<{ label: string; s: LatencySummary }> = [
      { label: 'send → raw readable (producer + broker, no transaction)', s: latency('send', 'raw') },
      { label: 'raw → refine-parsed (refine.parse transaction)', s: latency('raw', 'refineParsed') },
      { label: 'refine-parsed → silver (refine.dedup transaction)', s: latency('refineParsed', 'silver') },
      { label: 'silver → gold (enrich transaction)', s: latency('silver', 'gold') },
    ];
    const hops = opts.hops ? allHops : allHops.slice(0, 1);
    const broker = hops[0]!.s;
    const missing = measured.length - e2e.count;
    const cpus = os.cpus().length;
    const figures: BenchFigure[] = [
      { label: 'offered rate', value: opts.rate, unit: 'records/s' },
      { label: 'achieved send rate', value: total / sendSeconds, unit: 'records/s' },
      { label: 'raw → gold p50', value: e2e.p50, unit: 'ms' },
      { label: 'raw → gold p95', value: e2e.p95, unit: 'ms' },
      { label: 'raw → gold p99', value: e2e.p99, unit: 'ms' },
      { label: 'raw → gold max', value: e2e.max, unit: 'ms' },
      { label: 'raw → gold records measured', value: e2e.count, unit: 'records' },
      { label: 'raw → gold records missing', value: missing, unit: 'records' },
      ...hops.map((h) => ({ label: `hop p50: ${h.label}`, value: h.s.p50, unit: 'ms' })),
      // CPU time per bronze record hardly depends on how busy the machine is, unlike every latency above.
      ...children
        .filter((c) => c.label === 'refine' || c.label === 'enrich')
        .map((c) => ({
          label: `CPU per record ${c.label}`,
          value: (cpuUsed[children.indexOf(c)]! * 1000) / total,
          unit: 'ms',
        })),
      ...peaks.map((p) => ({ label: `peak RSS ${p.label}`, value: mebibytes(p.bytes), unit: 'MiB (VmHWM)' })),
      { label: 'one plain send (acks=all) p50', value: send.p50, unit: 'ms' },
      ...txns.flatMap((t) => [
        { label: `one transaction, back to back, retry ${t.retryMs} ms, p50`, value: t.transaction.p50, unit: 'ms' },
        { label: `one transaction, back to back, retry ${t.retryMs} ms, p95`, value: t.transaction.p95, unit: 'ms' },
      ]),
      { label: 'load average before', value: loadBefore, unit: `(${cpus} CPUs)` },
      { label: 'load average after', value: loadAfter, unit: `(${cpus} CPUs)` },
    ];
    const fmt = (s: LatencySummary) => `p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} / max ${s.max} ms (n=${s.count})`;
    return {
      name: 'e2e',
      figures,
      ratios: [
        {
          label: 'raw → gold p50 / broker one-hop p50',
          value: e2e.p50 / Math.max(1, broker.p50),
          target: `p50 < 50 ms (${e2e.p50} ms)`,
          met: e2e.p50 < 50 && missing === 0,
        },
        {
          label: 'raw → gold p99 / broker one-hop p99',
          value: e2e.p99 / Math.max(1, broker.p99),
          target: `p99 < 250 ms (${e2e.p99} ms)`,
          met: e2e.p99 < 250 && missing === 0,
        },
      ],
      notes: [
        `${components.join(', ')} as separate processes (node bin/techmap.js run <name>), LLM off, ` +
          `${config.topicPartitions} partitions; ${measured.length} records measured after ${warmupCount} warm-up records`,
        'latency = first read_committed arrival of the bronze record (by board id and fetchedAt) minus its send time; ' +
          'the "broker one-hop" baseline is send → readable on postings.raw (plain producer, acks=all)',
        ...hops.map((h) => `hop ${h.label}: ${fmt(h.s)}`),
        `raw → gold: ${fmt(e2e)}; largest send-schedule lag ${maxScheduleLag} ms; send errors ${sendErrors}`,
        `stage batches (from each component's /metrics): ${batches.join('; ')}`,
        `CPU while sending and draining (${wallSeconds.toFixed(0)} s), share of one core: ` +
          children.map((c, k) => `${c.label} ${Math.round(cpuShare[k]! * 100)}%`).join(', ') +
          ` (this process: sender and observers ${Math.round(benchShare * 100)}%)`,
        `peak RSS (VmHWM, MiB): ${peaks.map((p) => `${p.label} ${mebibytes(p.bytes).toFixed(1)}`).join(', ')}`,
        `one plain send: ${fmt(send)}; ` +
          txns
            .map(
              (t) =>
                `transactions with retries from ${t.retryMs} ms: ${fmt(t.transaction)}, ${t.concurrentRetries} ` +
                `CONCURRENT_TRANSACTIONS retries (sendBatch p50 ${t.steps.send.p50}, ` +
                `sendOffsets p50 ${t.steps.offsets.p50}, commit p50 ${t.steps.commit.p50} ms)`,
            )
            .join('; '),
        ...(dead.length > 0 ? [`components that had exited before the end: ${dead.join(', ')}`] : []),
      ],
    };
  } finally {
    if (gatewayTimer) clearInterval(gatewayTimer);
    await Promise.all(children.map((c) => c.stop()));
    for (const c of consumers) await c.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await teardown(config, log);
  }
}
