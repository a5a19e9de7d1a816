// Exactly-once proof: a stage runs in a child process, is SIGKILLed several times while it works — at random
// moments and exactly between sending a transaction's records and committing it — and is started again each time.
// Read with read_committed (as downstream does), the output holds every input's result exactly once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import type { AvroSerde } from '../../platform/serde';
import { topicName, type TopicId } from '../../platform/topics';
import type { GoldPosting } from '../../processors/enrich/types';
import type { DeadLetter } from '../../processors/runtime/dead-letter';
import type { SilverPosting } from '../../processors/refine/types';
import { silverPosting } from '../support/postings';
import { dropTopics, isolatedConfig, prepareTopics } from '../support/services';
import { produce, startReader } from './support/kafka-io';

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'stage-child.ts');

class StageChild {
  private proc: ChildProcess | undefined;
  private lines: string[] = [];
  private waiters: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  starts = 0;
  kills = 0;
  pendingCommitKills = 0;

  constructor(
    private readonly stage: 'counter' | 'enrich',
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    this.lines = [];
    const proc = spawn(process.execPath, ['--import', 'tsx', childScript, this.stage], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    this.starts++;
    let buf = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        this.lines.push(line);
        for (const w of this.waiters.filter((x) => line.startsWith(x.prefix))) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    });
    let stderr = '';
    proc.stderr!.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    const failed = new Promise<never>((_, reject) => {
      proc.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0) {
          reject(new Error(`stage child exited with ${code ?? signal}: ${stderr}`));
        }
      });
    });
    failed.catch(() => undefined);
    await Promise.race([this.waitFor('ready', 60_000), failed]);
  }

  waitFor(prefix: string, timeoutMs: number): Promise<string> {
    const seen = this.lines.find((l) => l.startsWith(prefix));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`child did not print '${prefix}' in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        prefix,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  /** SIGKILL now. */
  async kill(): Promise<void> {
    const proc = this.proc!;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
    this.kills++;
  }

  /** SIGKILL right after the next transaction sent its records and offsets, before it commits. */
  async killBeforeCommit(): Promise<void> {
    this.proc!.kill('SIGUSR2');
    await this.waitFor('pending-commit', 30_000);
    await this.kill();
    this.pendingCommitKills++;
  }

  async stop(): Promise<void> {
    if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise((r) => this.proc!.once('exit', r));
    this.proc.kill('SIGTERM');
    await exited;
  }
}

/** Every record on `topic` read with read_uncommitted: includes those of aborted transactions. */
async function countUncommitted(config: Config, topic: TopicId, expectAtLeast: number): Promise<number> {
  const consumer = createKafka(config, 'test-uncommitted').consumer({
    groupId: `${config.topicPrefix}uncommitted-${randomUUID()}`,
    readUncommitted: true,
    maxWaitTimeInMs: 100,
  });
  let n = 0;
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(config, topic), fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      n += batch.messages.length;
    },
  });
  const deadline = Date.now() + 15_000;
  let last = -1;
  while (Date.now() < deadline && (n < expectAtLeast || n !== last)) {
    last = n;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await consumer.disconnect();
  return n;
}

interface CrashRun<T> {
  outputs: Array<{ key: string | null; value: T }>;
  deadLetters: number;
  uncommitted: number;
  child: StageChild;
}

/** Feeds `inputs`, runs the stage in a child, kills it at 20/40/60/80 % of the outputs, returns what was written. */
async function crashRun<T>(
  config: Config,
  serde: AvroSerde,
  stage: 'counter' | 'enrich',
  output: TopicId,
  inputs: SilverPosting[],
): Promise<CrashRun<T>> {
  const child = new StageChild(stage, {
    TECHMAP_TOPIC_PREFIX: config.topicPrefix,
    LOG_LEVEL: 'error',
    STAGE_DELAY_MS: stage === 'enrich' ? '20' : '5', // enough work left at each kill point, even under load
  });
  await produce(
    config,
    'silver',
    await Promise.all(inputs.map(async (p) => ({ key: p.postingId, value: await serde.encode('silver', p) }))),
    10, // small record batches, so that the stage commits many small transactions
  );
  const out = await startReader<T>(config, serde, output);
  const dlq = await startReader<DeadLetter>(config, serde, 'dlq');
  const n = inputs.length;
  try {
    await child.start();
    const plan: Array<[number, 'random' | 'before-commit']> = [
      [0.2, 'random'],
      [0.4, 'before-commit'],
      [0.6, 'random'],
      [0.8, 'before-commit'],
    ];
    for (const [share, how] of plan) {
      const deadline = Date.now() + 60_000;
      while (out.records.length < share * n) {
        if (Date.now() > deadline) throw new Error(`stuck at ${out.records.length} of ${n} outputs`);
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(out.records.length < n, 'killed while work was left');
      if (how === 'random') {
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
        await child.kill();
      } else {
        await child.killBeforeCommit();
      }
      await child.start();
    }
    const outputs = await out.waitFor(n, 120_000, 3000);
    await child.stop();
    return {
      outputs,
      deadLetters: dlq.records.length,
      uncommitted: await countUncommitted(config, output, n),
      child,
    };
  } finally {
    await child.stop();
    await out.stop();
    await dlq.stop();
  }
}

describe('exactly once under kill -9 (integration, child process)', function () {
  this.timeout(240_000);
  let config: Config;
  let serde: AvroSerde;

  afterEach(async () => {
    await dropTopics(config);
  });

  it('a stateful stage: outputs, store changelog and offsets commit together (1,500 records, 4 kills)', async () => {
    config = isolatedConfig('eos-counter');
    serde = await prepareTopics(config, ['silver', 'refineParsed', 'refineState', 'dlq']);
    const keys = 150;
    const perKey = 10;
    // Input i is the (i / keys + 1)-th sighting of posting i % keys: the counter must emit counts 1..10 per id.
    const inputs = Array.from({ length: keys * perKey }, (_, i) =>
      silverPosting(i, { postingId: `wanted:${i % keys}`, title: `posting ${i % keys}` }),
    );
    const run = await crashRun<SilverPosting>(config, serde, 'counter', 'refineParsed', inputs);
    const byKey = new Map<string, number[]>();
    for (const r of run.outputs) byKey.set(r.key!, [...(byKey.get(r.key!) ?? []), r.value.version]);
    const expected = Array.from({ length: perKey }, (_, i) => i + 1);
    const wrong = [...byKey].filter(([, counts]) => JSON.stringify(counts) !== JSON.stringify(expected));
    process.stdout.write(
      `      counter: ${inputs.length} in, ${run.outputs.length} committed out, ${run.uncommitted} written incl. ` +
        `aborted, ${run.child.kills} kills (${run.child.pendingCommitKills} between send and commit), ` +
        `${run.child.starts} starts\n`,
    );
    assert.equal(run.outputs.length, inputs.length, 'no loss, no duplicate');
    assert.equal(byKey.size, keys);
    assert.deepEqual(wrong, [], 'each id counted 1..10 exactly once, in order: the store was restored consistently');
    assert.equal(run.deadLetters, 0);
    assert.equal(run.child.kills, 4);
    assert.ok(run.uncommitted > inputs.length, 'some killed transactions had written records that were aborted');
  });

  it('the enrich stage: every silver posting has exactly one gold record (600 records, 4 kills)', async () => {
    config = isolatedConfig('eos-enrich');
    serde = await prepareTopics(config, ['silver', 'gold', 'dlq']);
    const inputs = Array.from({ length: 600 }, (_, i) => silverPosting(i));
    const run = await crashRun<GoldPosting>(config, serde, 'enrich', 'gold', inputs);
    process.stdout.write(
      `      enrich: ${inputs.length} in, ${run.outputs.length} committed out, ${run.uncommitted} written incl. ` +
        `aborted, ${run.child.kills} kills (${run.child.pendingCommitKills} between send and commit)\n`,
    );
    const ids = run.outputs.map((r) => r.value.posting.postingId);
    assert.equal(run.outputs.length, inputs.length, 'no loss, no duplicate');
    assert.equal(new Set(ids).size, inputs.length, 'no duplicate');
    assert.deepEqual([...ids].sort(), inputs.map((p) => p.postingId).sort(), 'none lost');
    assert.ok(run.outputs.every((r) => r.key === r.value.posting.postingId));
    assert.equal(run.deadLetters, 0);
    assert.ok(run.uncommitted > inputs.length, 'some killed transactions had written records that were aborted');
  });
});
