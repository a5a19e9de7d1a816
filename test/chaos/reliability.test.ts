// The reliability suite (`npm run test:chaos`), over the whole pipeline as `techmap start` runs it (every component
// a supervised child process) on a stack of its own (other ports, own infra dir and databases):
//   1. N ≥ 10,000 distinct postings in the boards' real formats; during the run kill -9 each processor, each sink
//      and the Kafka broker, and start them again. MySQL, DynamoDB and S3 then hold exactly the effects of N
//      postings: lost = 0, duplicated = 0 per store.
//   2. The API fuzz of the gateway over that running system, with its real data.
//   3. Poison records on every posting topic (random bytes, an unknown schema id, valid Avro with impossible
//      values) all reach postings.dlq with their reasons, and throughput stays within 20% of a clean run.
import assert from 'node:assert/strict';
import type { Config } from '../../platform/config';
import type { AvroSerde } from '../../platform/serde';
import { topicSpecs, type TopicId } from '../../platform/topics';
import { fuzzGateway } from '../gateway/fuzz';
import { dropDatabase, readDeadLetters } from '../sinks/support';
import { dropTopics, prepareTopics } from '../support/services';
import {
  dynamoEffect,
  dynamoKeys,
  formatEffect,
  mysqlEffect,
  mysqlPostingCount,
  s3Effects,
  type StoreEffect,
} from './support/effects';
import { feed, type FeedRecord } from './support/feed';
import {
  ADMIN_TOKEN,
  killComponent,
  pipelineRun,
  restarts,
  startPipeline,
  type ComponentName,
  type PipelineRun,
} from './support/pipeline';
import {
  distinctRawPostings,
  expectedStages,
  impossibleValue,
  poisonKinds,
  poisonTopics,
  randomValue,
  unknownSchemaValue,
  type PoisonKind,
  type PoisonTopic,
} from './support/postings';
import { chaosStackDown, chaosStackUp, killBroker, restartBroker } from './support/stack';

const N = Number(process.env.CHAOS_POSTINGS ?? 10000);
/** Valid postings of each throughput run (clean and with poison). */
const THROUGHPUT_N = Number(process.env.CHAOS_THROUGHPUT_POSTINGS ?? 2000);
/** Poison records per topic and kind. */
const POISON_EACH = Number(process.env.CHAOS_POISON_EACH ?? 20);
const pipeline: ComponentName[] = ['sink-s3', 'sink-mysql', 'sink-dynamodb', 'enrich', 'refine', 'gateway'];
const allTopics = Object.keys(topicSpecs) as TopicId[];

function log(line: string) {
  process.stdout.write(`      ${line}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it is true; fails with `what()` after `timeoutMs`. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, everyMs: number, what: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what()}`);
    await sleep(everyMs);
  }
}

/** A prepared run: topics and schemas of its own, the postings to feed encoded. */
async function prepareRun(label: string) {
  const run = await pipelineRun(label);
  // Right after the broker came back its metadata may still lag behind a topic it just created: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return { run, serde: await prepareTopics(run.config, allTopics) };
    } catch (err) {
      if (attempt === 3) throw err;
      await sleep(5000);
    }
  }
}

async function encodeRaw(serde: AvroSerde, postings: ReturnType<typeof distinctRawPostings>): Promise<FeedRecord[]> {
  return Promise.all(postings.map(async (p) => ({ key: p.key, value: await serde.encode('raw', p.value) })));
}

/** Waits until MySQL and DynamoDB hold `n` postings, printing progress every 15 s. */
async function waitForPostings(p: PipelineRun, n: number, timeoutMs: number) {
  let mysqlN = 0;
  let dynamoN = 0;
  let lastLog = Date.now();
  await waitUntil(
    async () => {
      mysqlN = await mysqlPostingCount(p.config);
      if (mysqlN >= n) dynamoN = (await dynamoKeys(p.config)).size;
      if (Date.now() - lastLog > 15000) {
        lastLog = Date.now();
        log(`progress ${p.run}: mysql ${mysqlN}/${n}, restarts ${JSON.stringify(restarts(p))}`);
      }
      return mysqlN >= n && dynamoN >= n;
    },
    timeoutMs,
    1000,
    () => `mysql holds ${mysqlN}, dynamodb ${dynamoN} of ${n} postings (logs in ${p.logDir})`,
  );
}

/**
 * Counts every store's effects once the archive has caught up too (or `archiveWaitMs` passed: then what is missing
 * shows as lost); a quiet period first catches late repeats. The gold archive is counted only when asked for.
 */
async function storeEffects(
  p: PipelineRun,
  ids: Set<string>,
  rawOffsets: Set<string>,
  gold: { keys: Set<string> } | null,
  archiveWaitMs = 120000,
) {
  const goldKeys = gold?.keys ?? new Set<string>();
  const archive = async () =>
    (await s3Effects(p.config, goldKeys, rawOffsets)).filter((e) => gold || e.store !== 's3 gold');
  const deadline = Date.now() + archiveWaitMs;
  while (Date.now() < deadline && !(await archive()).every((e) => e.lost === 0)) await sleep(5000);
  await sleep(10000);
  return [await mysqlEffect(p.config, ids), await dynamoEffect(p.config, ids), ...(await archive())];
}

function assertExact(effects: StoreEffect[]) {
  for (const e of effects) {
    assert.equal(e.lost, 0, `${e.store}: lost = ${e.lost}`);
    assert.equal(e.duplicated, 0, `${e.store}: duplicated = ${e.duplicated}`);
    assert.deepEqual(e.problems, [], `${e.store}: ${e.problems.slice(0, 5).join('; ')}`);
  }
}

describe('reliability of the whole pipeline (chaos)', function () {
  let startedStack = false;
  const configs: Config[] = [];
  const running: PipelineRun[] = [];

  before(async function () {
    this.timeout(300000);
    const t0 = Date.now();
    startedStack = await chaosStackUp();
    log(`chaos stack ${startedStack ? 'started' : 'already up'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  });

  after(async function () {
    this.timeout(300000);
    for (const p of running) await p.supervisor.stopAll(10000);
    for (const c of configs) {
      await dropDatabase(c).catch(() => undefined);
      if (!startedStack) await dropTopics(c);
    }
    if (startedStack) await chaosStackDown();
  });

  describe(`kill -9 during a run of ${N} postings`, function () {
    let p: PipelineRun;
    let ids: Set<string>;
    let effects: StoreEffect[] = [];

    it('loses nothing and duplicates nothing in MySQL, DynamoDB and S3 after killing a processor, a sink and the broker', async () => {
      const t0 = Date.now();
      const { run, serde } = await prepareRun('kill');
      configs.push(run.config);
      const postings = distinctRawPostings(N, `${run.run}-`);
      ids = new Set(postings.map((x) => x.key));
      assert.equal(ids.size, N);
      const rawOffsets = new Set(await feed(run.config, 'raw', await encodeRaw(serde, postings)));
      log(`fed ${N} raw postings to ${run.env.TECHMAP_TOPIC_PREFIX}postings.raw`);
      p = startPipeline(run, pipeline);
      running.push(p);

      // Each kill lands while the run is under way: at a share of the postings visible in MySQL.
      const plan: Array<{ at: number; what: ComponentName | 'broker' }> = [
        { at: 0.05, what: 'refine' },
        { at: 0.15, what: 'enrich' },
        { at: 0.25, what: 'sink-s3' },
        { at: 0.35, what: 'sink-mysql' },
        { at: 0.45, what: 'sink-dynamodb' },
        { at: 0.55, what: 'broker' },
      ];
      const killedAt: string[] = [];
      for (const step of plan) {
        await waitUntil(
          async () => (await mysqlPostingCount(run.config)) >= step.at * N,
          600000,
          250,
          () => `${step.at * N} postings in MySQL before killing ${step.what} (logs in ${p.logDir})`,
        );
        const visible = await mysqlPostingCount(run.config);
        if (step.what === 'broker') {
          const pid = await killBroker();
          log(`kill -9 broker (pid ${pid}) at ${visible}/${N} postings in MySQL`);
          await sleep(5000);
          const t = Date.now();
          await restartBroker();
          log(`broker up again after ${((Date.now() - t) / 1000).toFixed(0)} s`);
        } else {
          const pid = await killComponent(p, step.what);
          log(`kill -9 ${step.what} (pid ${pid}) at ${visible}/${N} postings in MySQL; restarted`);
        }
        killedAt.push(`${step.what}@${visible}`);
        assert.ok(visible < N, `${step.what} was killed only after the run had finished`);
      }
      await waitForPostings(p, N, 900000);
      effects = await storeEffects(p, ids, rawOffsets, { keys: ids });
      log(`restarts: ${JSON.stringify(restarts(p))}; kills at ${killedAt.join(', ')}`);
      log(`duration ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      for (const e of effects) log(formatEffect(e));
      assertExact(effects.filter((e) => e.store !== 's3 gold'));
    });

    // Apart, so that a gap in the gold archive is not mistaken for a failure of the other stores.
    it('archives each gold posting of that run in S3 exactly once', function () {
      const gold = effects.find((e) => e.store === 's3 gold');
      if (!gold) this.skip();
      assertExact([gold!]);
    });

    it('answers the API fuzz over the running system with only 2xx/3xx/4xx', async function () {
      if (!p) this.skip();
      const sample = [...ids].slice(0, 20);
      const perOperation = Number(process.env.GATEWAY_FUZZ_CASES ?? 40);
      const { sent, statuses, failures } = await fuzzGateway(p.gatewayUrl, {
        perOperation,
        seed: Number(process.env.GATEWAY_FUZZ_SEED ?? 1234),
        adminToken: ADMIN_TOKEN,
        valid: { id: sample.map(encodeURIComponent) },
      });
      log(`fuzz: ${sent} requests, statuses ${JSON.stringify(statuses)}`);
      assert.deepEqual(failures.slice(0, 20), []);
      assert.ok(sent >= perOperation * 10, `only ${sent} requests were sent`);
      assert.ok((statuses['200'] ?? 0) > 0 && (statuses['400'] ?? 0) > 0, JSON.stringify(statuses));
    });

    after(async function () {
      this.timeout(60000);
      await p?.supervisor.stopAll(10000);
    });
  });

  describe('poison records on every topic', function () {
    const rates: Record<'clean' | 'poison', number> = { clean: 0, poison: 0 };

    /**
     * One throughput run: warm the pipeline up with one posting, wait at `started` for the other run, then feed
     * THROUGHPUT_N postings (and the poison) and time them until MySQL and DynamoDB hold all.
     */
    async function throughputRun(
      { run, serde }: Awaited<ReturnType<typeof prepareRun>>,
      label: 'clean' | 'poison',
      started: () => Promise<void>,
    ) {
      const p = startPipeline(
        run,
        pipeline.filter((c) => c !== 'gateway'),
      );
      running.push(p);
      try {
        const warm = distinctRawPostings(1, `${run.run}-warm-`, THROUGHPUT_N);
        const rawOffsets = new Set(await feed(run.config, 'raw', await encodeRaw(serde, warm)));
        await waitForPostings(p, 1, 300000);
        const postings = distinctRawPostings(THROUGHPUT_N, `${run.run}-`);
        const ids = new Set([...warm, ...postings].map((x) => x.key));
        const valid = await encodeRaw(serde, postings);
        const poison = label === 'poison' ? await poisonRecords(serde) : [];
        await started();
        const t0 = performance.now();
        // Valid and poison records interleaved: the poison of each topic is spread over the whole feed.
        const rawPoison = poison.filter((x) => x.topic === 'raw');
        const rawFeed = interleave(
          valid,
          rawPoison.map((x) => x.record),
        );
        const rawWhere = await feed(run.config, 'raw', rawFeed);
        // The S3 sink archives every decodable bronze record, the impossible ones included.
        const archived = new Set(rawPoison.filter((x) => x.kind === 'impossible-values').map((x) => x.record));
        const poisonRecordsSet = new Set(rawPoison.map((x) => x.record));
        rawFeed.forEach((r, i) => {
          if (!poisonRecordsSet.has(r) || archived.has(r)) rawOffsets.add(rawWhere[i]!);
        });
        for (const topic of ['silver', 'gold'] as const) {
          await feed(
            run.config,
            topic,
            poison.filter((x) => x.topic === topic).map((x) => x.record),
          );
        }
        await waitForPostings(p, ids.size, 900000);
        const seconds = (performance.now() - t0) / 1000;
        rates[label] = THROUGHPUT_N / seconds;
        log(
          `${label}: ${THROUGHPUT_N} postings (+${poison.length} poison) in ${seconds.toFixed(1)} s = ${rates[label].toFixed(1)} postings/s`,
        );

        if (label === 'poison') await checkDeadLetters(run.config, serde, poison);
        const effects = await storeEffects(p, ids, rawOffsets, null);
        for (const e of effects) log(`${label}: ${formatEffect(e)}`);
        assertExact(effects);
      } finally {
        await p.supervisor.stopAll(10000);
      }
    }

    // Both runs side by side on the same machine at the same time, so that the load of the moment weighs on both.
    it(`clean and poisoned runs of ${THROUGHPUT_N} postings side by side: ${POISON_EACH} poison records per kind on raw, silver and gold all reach the dead-letter topic with reasons; the valid postings' effects are exact`, async () => {
      const clean = await prepareRun('clean');
      configs.push(clean.run.config);
      const poisoned = await prepareRun('poison');
      configs.push(poisoned.run.config);
      const started = barrier(2);
      // A run that fails before the barrier still arrives at it (finally), so that the other is not left waiting.
      const outcomes = await Promise.allSettled([
        throughputRun(clean, 'clean', started).finally(started),
        throughputRun(poisoned, 'poison', started).finally(started),
      ]);
      for (const o of outcomes) if (o.status === 'rejected') throw o.reason;
    });

    it('keeps the throughput with poison within 20% of the clean run', function () {
      if (!rates.clean || !rates.poison) this.skip();
      const ratio = rates.poison / rates.clean;
      log(`throughput with poison / clean = ${ratio.toFixed(2)}`);
      assert.ok(
        ratio >= 0.8,
        `throughput with poison ${rates.poison.toFixed(1)}/s < 80% of clean ${rates.clean.toFixed(1)}/s`,
      );
    });
  });
});

/** Resolves for all `n` callers once the last of them has arrived. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((r) => (release = r));
  return () => {
    if (++arrived === n) release();
    return all;
  };
}

interface Poison {
  topic: PoisonTopic;
  kind: PoisonKind;
  record: FeedRecord;
}

async function poisonRecords(serde: AvroSerde): Promise<Poison[]> {
  const out: Poison[] = [];
  for (const topic of poisonTopics) {
    for (const kind of poisonKinds) {
      for (let i = 0; i < POISON_EACH; i++) {
        const key = `${topic === 'raw' ? 'wanted' : 'poison'}:poison-${topic}-${kind}-${i}`;
        const value =
          kind === 'random-bytes'
            ? randomValue(i)
            : kind === 'unknown-schema-id'
              ? unknownSchemaValue(i)
              : await serde.encode(topic, impossibleValue(topic, i));
        out.push({ topic, kind, record: { key, value } });
      }
    }
  }
  return out;
}

function interleave(valid: FeedRecord[], poison: FeedRecord[]): FeedRecord[] {
  if (poison.length === 0) return valid;
  const every = Math.max(1, Math.floor(valid.length / poison.length));
  const out: FeedRecord[] = [];
  let j = 0;
  valid.forEach((v, i) => {
    out.push(v);
    if (i % every === every - 1 && j < poison.length) out.push(poison[j++]!);
  });
  while (j < poison.length) out.push(poison[j++]!);
  return out;
}

/** Every poison record is in postings.dlq once per stage that must refuse it, with a reason. */
async function checkDeadLetters(config: Config, serde: AvroSerde, poison: Poison[]) {
  const expected = new Map<string, Poison>();
  for (const x of poison)
    for (const stage of expectedStages(x.topic, x.kind)) expected.set(`${stage} ${x.record.key}`, x);
  const seen = new Map<string, { errorType: string; errorMessage: string }>();
  let letters: Awaited<ReturnType<typeof readDeadLetters>> = [];
  let missing: string[] = [...expected.keys()];
  // A sink may send a dead letter twice (a crash between sending it and committing): read on until none is missing.
  for (let attempt = 0; attempt < 4 && missing.length > 0; attempt++) {
    letters = await readDeadLetters(config, serde, letters.length + missing.length, attempt === 0 ? 120000 : 20000);
    for (const l of letters) seen.set(`${l.stage} ${l.key?.toString('utf8') ?? ''}`, l);
    missing = [...expected.keys()].filter((k) => !seen.has(k));
  }
  const unexpected = [...seen.keys()].filter((k) => !expected.has(k));
  const byStage: Record<string, Record<string, number>> = {};
  for (const [k, x] of expected) {
    if (!seen.has(k)) continue;
    const stage = k.split(' ')[0]!;
    const group = `${x.topic}/${x.kind}`;
    byStage[stage] ??= {};
    byStage[stage][group] = (byStage[stage][group] ?? 0) + 1;
  }
  log(
    `dead letters: ${letters.length} read, ${expected.size} expected, ${missing.length} missing, ${unexpected.length} unexpected`,
  );
  for (const [stage, groups] of Object.entries(byStage)) log(`  ${stage}: ${JSON.stringify(groups)}`);
  const reasons = new Map<string, string>();
  for (const [k, l] of seen)
    if (expected.has(k))
      reasons.set(
        `${k.split(' ')[0]} ${expected.get(k)!.topic}/${expected.get(k)!.kind}`,
        `${l.errorType}: ${l.errorMessage}`,
      );
  for (const [what, why] of reasons) log(`  reason ${what}: ${why.slice(0, 140)}`);
  assert.deepEqual(missing.slice(0, 10), [], `${missing.length} poison dead letters missing`);
  assert.deepEqual(unexpected.slice(0, 10), [], `${unexpected.length} unexpected dead letters`);
  for (const [k, l] of seen) assert.ok(l.errorType && l.errorMessage, `${k} has no reason`);
}
