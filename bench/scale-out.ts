// npm run bench -- scale-out [--records=N] [--rounds=N] [--quick] [--partitions=N]
//
// Does adding an instance of a processor add throughput? Kafka's answer to scale: more instances of a component in
// the same consumer group share the input partitions. For enrich (silver → gold, LLM off), in one run:
// 1. Two sets of fresh topics (each its own TECHMAP_TOPIC_PREFIX, hence its own consumer group), dropped afterwards.
// 2. For each set, the instances start first as child processes (`node bin/techmap.js run enrich`, each with its
//    own TECHMAP_INSTANCE_ID so their transactional ids differ): one instance for set A, two for set B. The bench
//    waits until the group is stable with every member assigned its partitions.
// 3. N silver records (refine's output for the boards' real formats, encoded beforehand) are written to the input in
//    large batches; throughput = N / (time from the first record written to the group's committed offsets covering
//    all N). Rounds alternate 1 and 2 instances, so a change in the machine's load hits both alike.
// On a machine with few cores the ratio is bounded by them (and by the broker sharing them): the CPU count is
// printed with the figures.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Admin, Message } from 'kafkajs';
import { loadConfig, type Config } from '../platform/config';
import { createKafka, ensureTopics } from '../platform/kafka';
import { AvroSerde } from '../platform/serde';
import { deletePrefixedTopics } from '../platform/topic-setup';
import { topicName } from '../platform/topics';
import { requestsOf } from '../processors/runner';
import { rawPostings, silverPostings } from './_bronze';
import { counterTotal, freePort, mebibytes, startComponent, type ComponentProcess } from './_components';
import type { BenchResult } from './types';

interface Options {
  records: number;
  rounds: number;
  partitions?: number;
}

function parseArgs(args: string[]): Options {
  const quick = args.includes('--quick');
  const get = (name: string, def: number) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    const v = a ? Number(a.split('=')[1]) : def;
    if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
    return v;
  };
  return {
    records: get('records', quick ? 1000 : 4000),
    rounds: get('rounds', 1),
    partitions: args.some((a) => a.startsWith('--partitions=')) ? get('partitions', 1) : undefined,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withAdmin<T>(config: Config, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = createKafka(config, 'bench-scale-out-admin').admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Waits until `groupId` is Stable with `members` members that each hold partitions of `topic`. */
async function waitForStableGroup(admin: Admin, groupId: string, members: number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { groups } = await admin.describeGroups([groupId]);
    const g = groups[0];
    if (
      g &&
      g.state === 'Stable' &&
      g.members.length === members &&
      g.members.every((m) => m.memberAssignment.length > 0)
    )
      return;
    if (Date.now() > deadline) throw new Error(`group ${groupId} not stable with ${members} members`);
    await sleep(200);
  }
}

/** Sum over the input's partitions of the group's committed offsets. */
async function committed(admin: Admin, groupId: string, topic: string): Promise<number> {
  const res = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (res[0]?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

interface RoundResult {
  instances: number;
  perSecond: number;
  seconds: number;
  peakRss: number[];
  cpuShare: number[];
  /** Time to write the N input records (part of `seconds`: the instances consume while it runs). */
  fillSeconds: number;
  /** Gold records and dead letters the instances reported (their /metrics): together they must be N. */
  gold: number;
  deadLetters: number;
}

/** One round: `instances` enrich processes in a fresh group drain N pre-encoded silver records. */
async function round(
  base: Config,
  prefix: string,
  instances: number,
  encode: (config: Config) => Promise<Message[]>,
  logDir: string,
  log: (s: string) => void,
): Promise<RoundResult> {
  const config: Config = { ...base, topicPrefix: prefix };
  await withAdmin(config, (admin) => ensureTopics(admin, config, ['silver', 'gold', 'dlq']));
  const messages = await encode(config);
  const input = topicName(config, 'silver');
  const groupId = `${config.topicPrefix}techmap.enrich`;
  const children: ComponentProcess[] = [];
  const metricsUrls: string[] = [];
  try {
    for (let k = 1; k <= instances; k++) {
      const env = {
        TECHMAP_TOPIC_PREFIX: config.topicPrefix,
        TOPIC_PARTITIONS: String(config.topicPartitions),
        TECHMAP_INSTANCE_ID: `bench-scale-out-${k}`,
        GEMINI_API_KEY: '', // LLM off: rules only
        METRICS_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
        LOG_PRETTY: 'false',
      };
      metricsUrls.push(`http://127.0.0.1:${env.METRICS_PORT}/metrics`);
      children.push(startComponent('enrich', env, logDir, `${prefix}enrich-${k}`));
    }
    await Promise.all(children.map((c) => c.running));
    const admin = createKafka(config, 'bench-scale-out-admin').admin();
    const producer = createKafka(config, 'bench-scale-out-fill').producer();
    await admin.connect();
    await producer.connect();
    try {
      await waitForStableGroup(admin, groupId, instances);
      const cpuBefore = children.map((c) => c.cpuSeconds() ?? NaN);
      const t0 = performance.now();
      for (const req of requestsOf([{ topic: input, messages }], 512 * 1024))
        await producer.sendBatch({ topicMessages: req, acks: -1 });
      const fillSeconds = (performance.now() - t0) / 1000;
      const deadline = Date.now() + 900_000;
      while ((await committed(admin, groupId, input)) < messages.length) {
        if (Date.now() > deadline) throw new Error(`enrich x${instances} did not drain ${messages.length} records`);
        if (children.some((c) => c.peakRss() === undefined))
          throw new Error(`an enrich instance exited; see ${logDir}`);
        await sleep(50);
      }
      const seconds = (performance.now() - t0) / 1000;
      let gold = 0;
      let deadLetters = 0;
      for (const url of metricsUrls) {
        gold += await counterTotal(url, 'techmap_stage_records_out_total');
        deadLetters += await counterTotal(url, 'techmap_stage_dead_letters_total');
      }
      const result: RoundResult = {
        instances,
        seconds,
        fillSeconds,
        perSecond: messages.length / seconds,
        peakRss: children.map((c) => c.peakRss() ?? NaN),
        cpuShare: children.map((c, k) => ((c.cpuSeconds() ?? NaN) - cpuBefore[k]!) / seconds),
        gold,
        deadLetters,
      };
      log(`${instances} instance(s): ${messages.length} records in ${seconds.toFixed(1)} s`);
      return result;
    } finally {
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function run(args: string[]): Promise<BenchResult> {
  const opts = parseArgs(args);
  const log = (s: string) => process.stderr.write(`bench: scale-out: ${s}\n`);
  const loaded = loadConfig();
  const base: Config = { ...loaded, topicPartitions: opts.partitions ?? loaded.topicPartitions };
  const runId = randomBytes(3).toString('hex');
  const prefix = `bench-scale-out-${runId}.`;
  const logDir = path.join(os.tmpdir(), `techmap-bench-scale-out-${runId}`);
  const silvers = await silverPostings(rawPostings(opts.records));
  // Encoded per topic set (each prefix has its own registry subject, hence its own schema id).
  const encode = async (config: Config) => {
    const serde = new AvroSerde(config);
    await serde.register('gold');
    await serde.register('dlq');
    return Promise.all(silvers.map(async (s) => ({ key: s.postingId, value: await serde.encode('silver', s) })));
  };
  const cpus = os.cpus().length;
  const loadBefore = os.loadavg()[0]!;
  const results: RoundResult[] = [];
  try {
    for (let r = 1; r <= opts.rounds; r++) {
      // Alternate the order, so neither setting always runs on a warmer (or busier) machine.
      const order = r % 2 === 1 ? [1, 2] : [2, 1];
      for (const n of order) results.push(await round(base, `${prefix}r${r}-x${n}.`, n, encode, logDir, log));
    }
  } finally {
    await deletePrefixedTopics({ ...base, topicPrefix: prefix }, 'bench-teardown').catch((err: unknown) =>
      log(`teardown: ${(err as Error).message}`),
    );
  }
  const loadAfter = os.loadavg()[0]!;
  const one = median(results.filter((r) => r.instances === 1).map((r) => r.perSecond));
  const two = median(results.filter((r) => r.instances === 2).map((r) => r.perSecond));
  const ratio = two / one;
  const describe = (r: RoundResult) =>
    `x${r.instances}: ${r.perSecond.toFixed(1)} records/s (${r.seconds.toFixed(1)} s, of which writing the input ` +
    `${r.fillSeconds.toFixed(1)} s), CPU per instance ` +
    `${r.cpuShare.map((c) => `${Math.round(c * 100)}%`).join(' + ')} of a core, peak RSS ` +
    `${r.peakRss.map((b) => `${mebibytes(b).toFixed(0)}`).join(' + ')} MiB; ${r.gold} gold records, ` +
    `${r.deadLetters} dead letters`;
  return {
    name: 'scale-out',
    figures: [
      { label: 'enrich, 1 instance', value: one, unit: 'records/s' },
      { label: 'enrich, 2 instances in one group', value: two, unit: 'records/s' },
      { label: 'CPUs of this machine', value: cpus, unit: 'cores' },
      { label: 'load average before', value: loadBefore, unit: `(${cpus} CPUs)` },
      { label: 'load average after', value: loadAfter, unit: `(${cpus} CPUs)` },
    ],
    ratios: [
      {
        label: 'enrich 2 instances / 1 instance',
        value: ratio,
        // Ideal 2x; on a 2-core machine that also runs the broker, well below that is expected.
        target: cpus >= 4 ? '>= 1.6x' : `>= 1.6x (bounded by ${cpus} cores)`,
        met: ratio >= 1.6,
      },
    ],
    notes: [
      `${opts.records} silver records per round, ${base.topicPartitions} partitions, LLM off, ${opts.rounds} ` +
        'round(s) alternating 1 and 2 instances (medians); instances started and group stable before the records ' +
        'are written',
      ...results.map(describe),
    ],
  };
}
