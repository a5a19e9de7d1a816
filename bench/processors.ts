// npm run bench -- processors [--records=N]
// On the real broker, in one run, with topics of their own (a unique prefix, dropped afterwards):
//  (a) raw kafkajs consume-and-produce passthrough: N silver-sized records copied byte for byte from one topic to
//      another (eachBatch + batched sends, acks=all, no decoding): the ceiling for one Node process;
//  (b) refine + enrich with the LLM off through the transactional runner: N bronze records (the demo board's real
//      board formats) → refine.parse → refine.dedup → enrich → N gold records, the three stages in this process;
//  (c) enrich alone through the runner: N silver → N gold;
//  (d) the runner alone: a stage that decodes and re-encodes each silver record (no processing).
// Throughput = N / (time from the consumers having joined to the N-th output written or committed).
import { randomBytes } from 'node:crypto';
import type { Message } from 'kafkajs';
import type { BenchResult } from './types';
import { loadConfig, type Config } from '../platform/config';
import { createKafka, ensureTopics } from '../platform/kafka';
import { AvroSerde } from '../platform/serde';
import { topicName, type TopicId } from '../platform/topics';
import {
  generateUniverse,
  openJobs,
  maxGeneration,
  type DemoJob,
  type Listing,
} from '../producers/demo-board/generator';
import * as formats from '../producers/demo-board/formats';
import { createEnrichStage } from '../processors/enrich/stage';
import { createRefineDedupStage, createRefineParseStage } from '../processors/refine/stage';
import type { RawPosting, SilverPosting } from '../processors/refine/types';
import { requestsOf, runStage, type RunningStage, type StageDefinition } from '../processors/runner';

const renderers: Record<Listing['board'], (job: DemoJob, l: Listing, ctx: formats.RenderContext) => unknown> = {
  wanted: formats.wantedDetail,
  jumpit: formats.jumpitDetail,
  programmers: formats.programmersDetail,
  greenhouse: formats.greenhouseJob,
  lever: formats.leverPosting,
  remoteok: formats.remoteOkJob,
};

/** N bronze records in the boards' real formats: the demo universe's listings, repeated under new ids. */
function rawPostings(n: number): RawPosting[] {
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

async function fill(config: Config, topic: TopicId, records: Array<{ key: string; value: Buffer }>) {
  const producer = createKafka(config, 'bench-fill').producer();
  await producer.connect();
  const messages: Message[] = records.map((r) => ({ key: r.key, value: r.value }));
  for (const req of requestsOf([{ topic: topicName(config, topic), messages }], 512 * 1024)) {
    await producer.sendBatch({ topicMessages: req, acks: -1 });
  }
  await producer.disconnect();
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** (a) kafkajs alone: consume `from` and produce every record unchanged to `to`. */
async function passthrough(config: Config, from: TopicId, to: TopicId, n: number): Promise<number> {
  const kafka = createKafka(config, 'bench-passthrough');
  const consumer = kafka.consumer({
    groupId: `${config.topicPrefix}bench-passthrough`,
    maxBytesPerPartition: 2 * 1024 * 1024,
    maxBytes: 16 * 1024 * 1024,
    maxWaitTimeInMs: 250,
  });
  const producer = kafka.producer();
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(config, from), fromBeginning: true });
  let sent = 0;
  const out = topicName(config, to);
  await consumer.run({
    eachBatch: async ({ batch, heartbeat }) => {
      const messages: Message[] = batch.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers }));
      for (const req of requestsOf([{ topic: out, messages }], 900_000)) {
        await producer.sendBatch({ topicMessages: req, acks: -1 });
      }
      sent += messages.length;
      await heartbeat();
    },
  });
  const t0 = performance.now();
  await waitUntil(() => sent >= n, 600_000, 'the passthrough');
  const seconds = (performance.now() - t0) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  return n / seconds;
}

/** Runs `stages` together until the last one has committed `n` outputs; records/s. */
async function throughRunner(config: Config, stages: Array<Parameters<typeof runStage>[0]>, n: number) {
  const running: RunningStage[] = [];
  for (const def of stages) running.push(await runStage(def, { config, instanceId: 'bench' }));
  const t0 = performance.now();
  const last = running[running.length - 1]!;
  try {
    await waitUntil(() => last.stats().recordsOut + last.stats().deadLetters >= n, 900_000, 'the stages');
    const seconds = (performance.now() - t0) / 1000;
    return { perSecond: n / seconds, stats: running.map((r) => ({ name: r.name, ...r.stats() })) };
  } finally {
    for (const r of running) await r.stop();
  }
}

async function dropPrefix(config: Config) {
  const admin = createKafka(config, 'bench-teardown').admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(config.topicPrefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  } finally {
    await admin.disconnect();
  }
}

async function prepare(config: Config, ids: TopicId[]): Promise<AvroSerde> {
  const admin = createKafka(config, 'bench-setup').admin();
  await admin.connect();
  await ensureTopics(admin, config, ids);
  await admin.disconnect();
  const serde = new AvroSerde(config);
  for (const id of ids) if (id !== 'crawlEvents') await serde.register(id);
  return serde;
}

export async function run(args: string[]): Promise<BenchResult> {
  // `--records=N` (the bench command passes only dash arguments through).
  const arg = args.find((a) => a.startsWith('--records='));
  const n = arg ? Number(arg.slice('--records='.length)) : 6000;
  if (!Number.isInteger(n) || n <= 0) throw new Error('--records must be a positive integer');
  const base = loadConfig();
  const prefix = `bench-processors-${randomBytes(3).toString('hex')}.`;
  // Two sets of topics: (a) and (c) read pre-filled silver; (b) starts from pre-filled bronze.
  const silverSide: Config = { ...base, topicPrefix: `${prefix}a.` };
  const pipelineSide: Config = { ...base, topicPrefix: `${prefix}b.` };
  try {
    const serdeA = await prepare(silverSide, ['silver', 'gold', 'refineParsed', 'dlq', 'crawlEvents']);
    const serdeB = await prepare(pipelineSide, ['raw', 'refineParsed', 'refineState', 'silver', 'gold', 'dlq']);
    // Inputs: bronze in the boards' real formats; silver = what refine makes of them (the silver-sized records).
    const raws = rawPostings(n);
    const parse = createRefineParseStage();
    const noStore = { get: () => undefined, put: () => undefined };
    const silvers: SilverPosting[] = [];
    for (const r of raws) silvers.push((await parse.process(r, {} as never, noStore))[0]!.value);
    const silverRecords = await Promise.all(
      silvers.map(async (s) => ({ key: s.postingId, value: await serdeA.encode('silver', s) })),
    );
    const avgSilver = silverRecords.reduce((sum, r) => sum + r.value.length, 0) / n;
    await fill(silverSide, 'silver', silverRecords);
    await fill(
      pipelineSide,
      'raw',
      await Promise.all(
        raws.map(async (r) => ({ key: `${r.board}:${r.boardPostingId}`, value: await serdeB.encode('raw', r) })),
      ),
    );

    // (a) passthrough silver → crawl.events (a topic nothing else uses; bytes copied, never decoded).
    const raw = await passthrough(silverSide, 'silver', 'crawlEvents', n);
    // (b) refine + enrich: raw → refine-parsed → silver → gold, all three stages at once in this process.
    const pipeline = await throughRunner(
      pipelineSide,
      [createRefineParseStage(), createRefineDedupStage(), createEnrichStage(pipelineSide, { llm: null }).definition],
      n,
    );
    // (c) enrich alone: silver → gold.
    const enrichOnly = await throughRunner(silverSide, [createEnrichStage(silverSide, { llm: null }).definition], n);
    // (d) the runner's own cost: a stage that only decodes each silver record and encodes it again (Avro both
    // ways, schema validation, one transaction per batch with the offsets), silver → refine-parsed.
    const identity: StageDefinition<SilverPosting, SilverPosting> = {
      name: 'bench.identity',
      input: 'silver',
      output: 'refineParsed',
      process: async (p) => [{ key: p.postingId, value: p }],
    };
    const runnerOnly = await throughRunner(silverSide, [identity], n);
    const notes = [
      `${n} records; silver records of ${Math.round(avgSilver)} bytes on average; bronze in the demo board's ` +
        'formats (wanted, jumpit, programmers, greenhouse, lever, remoteok)',
      'refine+enrich: refine.parse, refine.dedup and enrich together in this one process, LLM off, one Kafka ' +
        'transaction per batch, read_committed',
      `stages: ${pipeline.stats.map((st) => `${st.name} in=${st.recordsIn} out=${st.recordsOut} dlq=${st.deadLetters} batches=${st.batches}`).join('; ')}`,
    ];
    return {
      name: 'processors',
      figures: [
        { label: 'raw kafkajs passthrough (silver-sized)', value: raw, unit: 'records/s' },
        { label: 'refine+enrich through the runner, LLM off', value: pipeline.perSecond, unit: 'records/s' },
        { label: 'enrich alone through the runner', value: enrichOnly.perSecond, unit: 'records/s' },
        { label: 'runner alone (decode + encode, no processing)', value: runnerOnly.perSecond, unit: 'records/s' },
      ],
      ratios: [
        {
          label: 'refine+enrich / raw passthrough',
          value: pipeline.perSecond / raw,
          target: '>= 0.5',
          met: pipeline.perSecond / raw >= 0.5,
        },
        { label: 'enrich alone / raw passthrough', value: enrichOnly.perSecond / raw },
        { label: 'runner alone / raw passthrough', value: runnerOnly.perSecond / raw },
      ],
      notes,
    };
  } finally {
    await dropPrefix({ ...base, topicPrefix: prefix }).catch(() => undefined);
  }
}
