// From the demo board through the real adapters to the real broker: records land on the bronze topic and decode
// with the registry; a second crawl (a new session, state restored from crawl.state) emits nothing and answers
// with 304s; a crawl killed mid-run and run again emits each change exactly once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createKafka } from '../../platform/kafka';
import type { Config } from '../../platform/config';
import type { AvroSerde } from '../../platform/serde';
import { topicName, type TopicId } from '../../platform/topics';
import { generateUniverse, openJobs } from '../../producers/demo-board/generator';
import { startDemoBoard, type DemoBoard } from '../../producers/demo-board/server';
import { readTopicToEnd } from '../../producers/runtime/state-restore';
import type { CrawlEventValue, RawPostingValue } from '../../producers/runtime/records';
import { CrawlSession } from '../../producers/session';
import { loadProducerSettings, resolveTargets } from '../../producers/settings';
import { dropTopics, isolatedConfig, prepareTopics } from '../support/services';

const repo = path.resolve(import.meta.dirname, '../..');

async function readAll<T>(config: Config, serde: AvroSerde, id: TopicId): Promise<Array<{ key: string; value: T }>> {
  const out: Array<{ key: string; value: T }> = [];
  const kafka = createKafka(config, 'test-read');
  await readTopicToEnd(kafka, topicName(config, id), async (m) => {
    out.push({ key: m.key!.toString(), value: await serde.decode<T>(id as 'crawlState', m.value) });
  });
  return out;
}

async function endOffsets(config: Config, id: TopicId): Promise<number> {
  const admin = createKafka(config, 'test-offsets').admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topicName(config, id))).reduce((s, o) => s + Number(o.high), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('producers → Kafka (integration)', function () {
  this.timeout(240000);
  let config: Config;
  let serde: AvroSerde;
  let board: DemoBoard;
  const env = { DEMO_CRAWL_INTERVAL_MS: '0', CRAWL_BATCH_SIZE: '50', CRAWL_FLUSH_INTERVAL_MS: '500' };
  const producer = loadProducerSettings(env);

  before(async () => {
    config = isolatedConfig('producers');
    serde = await prepareTopics(config, ['raw', 'crawlState', 'crawlEvents']);
    board = await startDemoBoard({ port: 0 });
  });
  after(async () => {
    await board?.close();
    if (config) await dropTopics(config);
  });

  const targets = () => resolveTargets(['demo'], config, producer, {}, board.url);
  const crawlAll = async () => {
    const ts = targets();
    const session = await CrawlSession.open(config, producer, { boards: ts.map((t) => t.adapter.name) });
    try {
      return await Promise.all(ts.map((t) => session.crawl(t)));
    } finally {
      await session.close();
    }
  };

  it('lands every posting on the bronze topic, decodable with the registry, keyed <board>:<id>', async () => {
    const counts = board.counts();
    const results = await crawlAll();
    for (const r of results) {
      assert.equal(r.failed, null, r.board);
      assert.equal(r.stats.newPostings, counts[r.board as keyof typeof counts], `${r.board} NEW`);
      assert.deepEqual(r.stats.errors, {}, `${r.board} errors`);
    }
    const raws = await readAll<RawPostingValue>(config, serde, 'raw');
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    assert.equal(raws.length, total);
    for (const { key, value } of raws) {
      assert.equal(key, `${value.board}:${value.boardPostingId}`);
      assert.equal(value.change, 'NEW');
      assert.match(value.contentHash, /^[0-9a-f]{64}$/);
      assert.ok(Buffer.isBuffer(value.body) && value.body.length > 0);
      JSON.parse(value.body.toString('utf8'));
    }
    assert.equal(new Set(raws.map((r) => r.key)).size, total, 'one record per posting');
    const events = await readAll<CrawlEventValue>(config, serde, 'crawlEvents');
    assert.deepEqual(events.map((e) => e.value.kind).sort(), [
      ...Array(6).fill('FINISHED'),
      ...Array(6).fill('STARTED'),
    ]);
    const wanted = events.find((e) => e.key === 'wanted' && e.value.kind === 'FINISHED')!.value;
    assert.equal(wanted.newPostings, counts.wanted);
    assert.ok(wanted.requests > counts.wanted, 'listing pages + one detail per posting (+ robots.txt)');
  });

  it('a second crawl of the unchanged board (new session, state from crawl.state) emits 0 records and gets 304s', async () => {
    const before = (await readAll<RawPostingValue>(config, serde, 'raw')).length;
    const results = await crawlAll();
    for (const r of results) {
      assert.equal(r.stats.emitted, 0, `${r.board} emitted nothing`);
      assert.ok(r.stats.notModified > 0, `${r.board} conditional requests answered 304`);
    }
    assert.equal((await readAll<RawPostingValue>(config, serde, 'raw')).length, before);
    const events = await readAll<CrawlEventValue>(config, serde, 'crawlEvents');
    const last = events.filter((e) => e.value.kind === 'FINISHED').slice(-6);
    assert.ok(last.every((e) => e.value.notModified > 0 && e.value.newPostings === 0));
  });

  it('killed mid-run and run again: every change of the next generation lands exactly once', async () => {
    const runIdsBefore = new Set((await readAll<RawPostingValue>(config, serde, 'raw')).map((r) => r.value.crawlRunId));
    board.setGeneration(1);
    const startOffset = await endOffsets(config, 'raw');
    const child = spawn(process.execPath, [path.join(repo, 'bin/techmap.js'), 'crawl', 'demo'], {
      cwd: repo,
      env: {
        ...process.env,
        ...env,
        CRAWL_BATCH_SIZE: '5',
        DEMO_CRAWL_INTERVAL_MS: '3',
        TECHMAP_TOPIC_PREFIX: config.topicPrefix,
        TOPIC_PARTITIONS: '2',
        DEMO_BOARD_URL: board.url,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    // Kill it as soon as some of its transactions are committed.
    const deadline = Date.now() + 60000;
    while ((await endOffsets(config, 'raw')) < startOffset + 12 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    assert.equal(
      await exited,
      'SIGKILL',
      `the child crawl was still running when killed (stderr: ${stderr.slice(-500)})`,
    );
    const afterKill = (await readAll<RawPostingValue>(config, serde, 'raw')).filter(
      (r) => !runIdsBefore.has(r.value.crawlRunId),
    );
    const expected = expectedChanges();
    assert.ok(
      afterKill.length > 0 && afterKill.length < expected.total,
      `killed mid-run: ${afterKill.length} of ${expected.total} changes committed`,
    );

    const rerun = await crawlAll();
    assert.ok(rerun.every((r) => r.failed === null));
    const changes = (await readAll<RawPostingValue>(config, serde, 'raw')).filter(
      (r) => !runIdsBefore.has(r.value.crawlRunId),
    );
    const ids = changes.map((r) => `${r.key} ${r.value.change}`);
    assert.equal(
      new Set(ids).size,
      ids.length,
      `no duplicates: ${ids
        .filter((x, i) => ids.indexOf(x) !== i)
        .slice(0, 5)
        .join(', ')}`,
    );
    const byKind = (k: string) => changes.filter((r) => r.value.change === k).length;
    assert.deepEqual({ NEW: byKind('NEW'), CHANGED: byKind('CHANGED'), CLOSED: byKind('CLOSED') }, expected.byKind);
  });
});

/** What the demo universe says changed between generations 0 and 1, in listings. */
function expectedChanges() {
  const u = generateUniverse();
  const [g0, g1] = [openJobs(u, 0), openJobs(u, 1)];
  const n = (jobs: typeof g0) => jobs.reduce((s, j) => s + j.listings.length, 0);
  const byKind = {
    NEW: n(g1.filter((j) => !g0.includes(j))),
    CHANGED: n(g1.filter((j) => g0.includes(j) && j.editGens.includes(1))),
    CLOSED: n(g0.filter((j) => !g1.includes(j))),
  };
  return { byKind, total: byKind.NEW + byKind.CHANGED + byKind.CLOSED };
}
