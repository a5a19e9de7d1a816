// npm run bench -- processors [--records=N]
// On the real broker, in one run, with topics of their own (a unique prefix, dropped afterwards):
//  (a) raw kafkajs consume-and-produce passthrough: N silver-sized records copied byte for byte from one topic to
//      another (eachBatch + batched sends, acks=all, no decoding): the ceiling for one Node process;
//  (b) refine + enrich with the LLM off through the transactional runner, deployed as in production: N bronze
//      records (the demo board's real board formats) → refine.parse → refine.dedup → enrich → N gold records, with
//      `techmap run refine` (both refine stages) and `techmap run enrich` as two child processes — the layout of
//      docker compose, Kubernetes and `techmap start`;
//  (b') the same three stages together in this one process (one core), as this benchmark used to run them;
//  (c) enrich alone through the runner: N silver → N gold;
//  (d) the runner alone: a stage that decodes and re-encodes each silver record (no processing).
// Throughput = N / (time from the consumers having joined to the N-th output written or committed); for (b), from
// the end of a warm-up on other records to the N-th gold record, writing the N bronze records included. Beside it, the
// CPU time each process spent per record over the same interval: unlike throughput, it hardly moves when other
// work shares the machine.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Message } from 'kafkajs';
import type { BenchFigure, BenchResult } from './types';
import { loadConfig, type Config } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { deletePrefixedTopics, prepareTopics } from '../platform/topic-setup';
import { topicName, type TopicId } from '../platform/topics';
import { createEnrichStage } from '../processors/enrich/stage';
import { createRefineDedupStage, createRefineParseStage } from '../processors/refine/stage';
import type { SilverPosting } from '../processors/refine/types';
import { requestsOf, runStage, type RunningStage, type StageDefinition } from '../processors/runner';
import { rawPostings, silverPostings } from './_bronze';
import { freePort, stageBatchTotals, startComponent, type ComponentProcess } from './_components';

/** CPU seconds (user + system) this process has used so far. */
function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
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
async function passthrough(config: Config, from: TopicId, to: TopicId, n: number) {
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
  const cpu0 = ownCpuSeconds();
  await waitUntil(() => sent >= n, 600_000, 'the passthrough');
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = ((ownCpuSeconds() - cpu0) / n) * 1000;
  await consumer.disconnect();
  await producer.disconnect();
  return { perSecond: n / seconds, cpuMs };
}

/** Runs `stages` together until the last one has committed `n` outputs; records/s. */
async function throughRunner(config: Config, stages: Array<Parameters<typeof runStage>[0]>, n: number) {
  const running: RunningStage[] = [];
  for (const def of stages) running.push(await runStage(def, { config, instanceId: 'bench' }));
  const t0 = performance.now();
  const cpu0 = ownCpuSeconds();
  const last = running[running.length - 1]!;
  try {
    await waitUntil(() => last.stats().recordsOut + last.stats().deadLetters >= n, 900_000, 'the stages');
    const seconds = (performance.now() - t0) / 1000;
    const cpuMs = ((ownCpuSeconds() - cpu0) / n) * 1000;
    return { perSecond: n / seconds, cpuMs, stats: running.map((r) => ({ name: r.name, ...r.stats() })) };
  } finally {
    for (const r of running) await r.stop();
  }
}

/**
 * (b) refine and enrich as production runs them: `techmap run enrich` and `techmap run refine`, each its own
 * process. They first work through `warmUp` (pre-filled bronze) so that their code is compiled; then the `measured`
 * bronze records are written and timed until enrich has committed their gold records. (Counting from a share of
 * one pre-filled backlog does not work: a transaction holds a whole fetch, so the gold count jumps by thousands.)
 */
async function asDeployed(
  config: Config,
  warmUp: Array<{ key: string; value: Buffer }>,
  measured: Array<{ key: string; value: Buffer }>,
  runId: string,
) {
  const n = measured.length;
  await fill(config, 'raw', warmUp);
  const logDir = path.join(os.tmpdir(), `techmap-bench-processors-${runId}`);
  const env: Record<string, string> = {
    TECHMAP_TOPIC_PREFIX: config.topicPrefix,
    TOPIC_PARTITIONS: String(config.topicPartitions),
    TECHMAP_INSTANCE_ID: `bench-${runId}`,
    GEMINI_API_KEY: '', // LLM off: rules only
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
  };
  const metrics = new Map<string, string>();
  const children: ComponentProcess[] = [];
  try {
    // enrich first, so that it is consuming before the first silver record exists.
    for (const component of ['enrich', 'refine']) {
      const port = await freePort();
      metrics.set(component, `http://127.0.0.1:${port}/metrics`);
      const child = startComponent(component, { ...env, METRICS_PORT: String(port) }, logDir);
      children.push(child);
      await child.running;
    }
    // Gold records committed so far, from enrich's /metrics (polled; the count moves one transaction at a time).
    const enrichMetrics = metrics.get('enrich')!;
    const goldCount = async () =>
      (await stageBatchTotals(enrichMetrics).catch(() => undefined))?.get('enrich')?.records;
    const deadline = Date.now() + 900_000;
    const waitFor = async (count: number) => {
      for (;;) {
        if (Date.now() > deadline) throw new Error(`bench: timed out waiting for the components (logs in ${logDir})`);
        const done = await goldCount();
        if (done !== undefined && done >= count) return done;
        // Each scrape costs the enrich process CPU (prom-client collects its default metrics): not too often.
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    // Fresh processes compile their code as the first records pass (the other phases run in this process, already
    // warm): the clock starts once the warm-up records are through; writing the measured ones is part of the time.
    await waitFor(warmUp.length);
    const t0 = performance.now();
    const cpu0 = children.map((c) => c.cpuSeconds() ?? NaN);
    await fill(config, 'raw', measured);
    await waitFor(warmUp.length + n);
    const seconds = (performance.now() - t0) / 1000;
    const cpuMs = children.map((c, i) => (((c.cpuSeconds() ?? NaN) - cpu0[i]!) / n) * 1000);
    const stages: string[] = [];
    for (const [component, url] of metrics) {
      for (const [stage, t] of await stageBatchTotals(url)) {
        stages.push(
          `${stage} (${component}) ${t.records} records in ${t.batches} batches, ${t.transactions} transactions`,
        );
      }
    }
    return {
      perSecond: n / seconds,
      cpuMs: new Map(children.map((c, i) => [c.label, cpuMs[i]!])),
      stages,
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

export async function run(args: string[]): Promise<BenchResult> {
  // `--records=N` (the bench command passes only dash arguments through).
  const arg = args.find((a) => a.startsWith('--records='));
  const n = arg ? Number(arg.slice('--records='.length)) : 6000;
  if (!Number.isInteger(n) || n <= 0) throw new Error('--records must be a positive integer');
  const base = loadConfig();
  const runId = randomBytes(3).toString('hex');
  const prefix = `bench-processors-${runId}.`;
  // Three sets of topics: (a), (c) and (d) read pre-filled silver; (b) and (b') start from pre-filled bronze.
  const silverSide: Config = { ...base, topicPrefix: `${prefix}a.` };
  const deployedSide: Config = { ...base, topicPrefix: `${prefix}b.` };
  const oneProcessSide: Config = { ...base, topicPrefix: `${prefix}c.` };
  const pipelineTopics: TopicId[] = ['raw', 'refineParsed', 'refineState', 'silver', 'gold', 'dlq'];
  try {
    const serdeA = await prepareTopics(
      silverSide,
      ['silver', 'gold', 'refineParsed', 'dlq', 'crawlEvents'],
      'bench-setup',
    );
    const serdeB = await prepareTopics(deployedSide, pipelineTopics, 'bench-setup');
    const serdeC = await prepareTopics(oneProcessSide, pipelineTopics, 'bench-setup');
    // Inputs: bronze in the boards' real formats; silver = what refine makes of them (the silver-sized records).
    // The deployed side warms up on other postings first (a third as many, at least 1,000).
    const warmUpCount = Math.max(1000, Math.floor(n / 3));
    const allRaws = rawPostings(n + warmUpCount);
    const raws = allRaws.slice(0, n);
    const silvers = await silverPostings(raws);
    const silverRecords = await Promise.all(
      silvers.map(async (s) => ({ key: s.postingId, value: await serdeA.encode('silver', s) })),
    );
    const avgSilver = silverRecords.reduce((sum, r) => sum + r.value.length, 0) / n;
    await fill(silverSide, 'silver', silverRecords);
    // Each prefix has its own registry subjects (and schema ids), so each side encodes its own bronze.
    const deployedRecords = await Promise.all(
      allRaws.map(async (r) => ({ key: `${r.board}:${r.boardPostingId}`, value: await serdeB.encode('raw', r) })),
    );
    await fill(
      oneProcessSide,
      'raw',
      await Promise.all(
        raws.map(async (r) => ({ key: `${r.board}:${r.boardPostingId}`, value: await serdeC.encode('raw', r) })),
      ),
    );

    // (a) passthrough silver → crawl.events (a topic nothing else uses; bytes copied, never decoded).
    const raw = await passthrough(silverSide, 'silver', 'crawlEvents', n);
    // (b) refine + enrich as deployed: two processes.
    const deployed = await asDeployed(deployedSide, deployedRecords.slice(n), deployedRecords.slice(0, n), runId);
    // (b') the three stages together in this process.
    const oneProcess = await throughRunner(
      oneProcessSide,
      [createRefineParseStage(), createRefineDedupStage(), createEnrichStage(oneProcessSide, { llm: null }).definition],
      n,
    );
    // (c) enrich alone: silver → gold.
    const enrichOnly = await throughRunner(silverSide, [createEnrichStage(silverSide, { llm: null }).definition], n);
    // (d) the runner's own cost: a stage that only decodes each silver record and encodes it again (Avro both
    // ways, schema validation, one transaction per fetch with the offsets), silver → refine-parsed.
    const identity: StageDefinition<SilverPosting, SilverPosting> = {
      name: 'bench.identity',
      input: 'silver',
      output: 'refineParsed',
      process: async (p) => [{ key: p.postingId, value: p }],
    };
    const runnerOnly = await throughRunner(silverSide, [identity], n);
    const cpu = (ms: number | undefined) => `${(ms ?? NaN).toFixed(3)} ms`;
    const notes = [
      `${n} records; silver records of ${Math.round(avgSilver)} bytes on average; bronze in the demo board's ` +
        'formats (wanted, jumpit, programmers, greenhouse, lever, remoteok); LLM off, one Kafka transaction per ' +
        'fetch (all its partition batches), read_committed, all on the same broker in this one run',
      'refine+enrich is measured as production deploys it: `techmap run refine` (refine.parse and refine.dedup) ' +
        'and `techmap run enrich` as two processes. Until 2026-11-25 this benchmark ran all three stages in its own ' +
        'single process, i.e. on one core, which compared a one-process passthrough with a pipeline squeezed into ' +
        "one process it never runs in; that figure is still shown as (b')",
      `deployed: ${deployed.stages.join('; ')}`,
      `one process: ${oneProcess.stats.map((st) => `${st.name} in=${st.recordsIn} out=${st.recordsOut} dlq=${st.deadLetters} batches=${st.batches}`).join('; ')}`,
      `CPU per record: passthrough ${cpu(raw.cpuMs)}; deployed refine process ${cpu(deployed.cpuMs.get('refine'))}, ` +
        `enrich process ${cpu(deployed.cpuMs.get('enrich'))}; one process ${cpu(oneProcess.cpuMs)}; enrich alone ` +
        `${cpu(enrichOnly.cpuMs)}; runner alone ${cpu(runnerOnly.cpuMs)}`,
      `machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end`,
    ];
    const figures: BenchFigure[] = [
      { label: 'raw kafkajs passthrough (silver-sized)', value: raw.perSecond, unit: 'records/s' },
      { label: 'refine+enrich through the runner, LLM off, as deployed', value: deployed.perSecond, unit: 'records/s' },
      { label: "(b') refine+enrich, all three stages in one process", value: oneProcess.perSecond, unit: 'records/s' },
      { label: 'enrich alone through the runner', value: enrichOnly.perSecond, unit: 'records/s' },
      { label: 'runner alone (decode + encode, no processing)', value: runnerOnly.perSecond, unit: 'records/s' },
    ];
    return {
      name: 'processors',
      figures,
      ratios: [
        {
          label: 'refine+enrich (as deployed) / raw passthrough',
          value: deployed.perSecond / raw.perSecond,
          target: '>= 0.5',
          met: deployed.perSecond / raw.perSecond >= 0.5,
        },
        { label: "(b') one process / raw passthrough", value: oneProcess.perSecond / raw.perSecond },
        { label: 'enrich alone / raw passthrough', value: enrichOnly.perSecond / raw.perSecond },
        { label: 'runner alone / raw passthrough', value: runnerOnly.perSecond / raw.perSecond },
      ],
      notes,
    };
  } finally {
    await deletePrefixedTopics({ ...base, topicPrefix: prefix }, 'bench-teardown').catch(() => undefined);
  }
}
