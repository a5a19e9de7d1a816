// `techmap dlq list|retry` against the real broker and registry: dead letters written by a transactional producer
// (as the processors write them) plus one undecodable record are listed with filters, and re-driven to their
// original topics with the original bytes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, type Config } from '../../platform/config';
import type { DeadLetter } from '../../platform/dead-letter-queue';
import { createKafka } from '../../platform/kafka';
import type { AvroSerde } from '../../platform/serde';
import { topicName, type TopicId } from '../../platform/topics';
import { endOffsets } from '../sinks/support';
import { dropTopics, isolatedConfig, prepareTopics } from '../support/services';

const exec = promisify(execFile);
const t0 = Date.UTC(2026, 2, 16, 9);

function letter(config: Config, over: Partial<DeadLetter> & Pick<DeadLetter, 'stage' | 'failedAt'>): DeadLetter {
  return {
    topic: topicName(config, 'raw'),
    partition: 1,
    offset: '41',
    key: Buffer.from('wanted:9'),
    value: Buffer.from('original raw bytes'),
    headers: { 'techmap.trace': 't-1' },
    errorType: 'ParseError',
    errorMessage: 'no title',
    retriable: false,
    attempts: 1,
    ...over,
  };
}

/** All records of a topic (raw bytes), read from the beginning. */
async function readAll(config: Config, id: TopicId) {
  const total = [...(await endOffsets(config, id)).values()].reduce((a, b) => a + b, 0);
  const out: Array<{ key: string | null; value: string; headers: Record<string, string> }> = [];
  if (total === 0) return out;
  const consumer = createKafka(config, 'test-read').consumer({ groupId: `${config.topicPrefix}read-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: topicName(config, id), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${out.length}/${total} of ${id}`)), 20000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          out.push({
            key: message.key?.toString() ?? null,
            value: message.value!.toString(),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
          if (out.length >= total) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

describe('techmap dlq list|retry (integration)', function () {
  this.timeout(120_000);
  let config: Config;
  let serde: AvroSerde;
  const techmap = (...args: string[]) =>
    exec(process.execPath, [path.join(repoRoot, 'bin/techmap.js'), 'dlq', ...args], {
      env: { ...process.env, TECHMAP_TOPIC_PREFIX: config.topicPrefix, LOG_LEVEL: 'error' },
    });

  before(async () => {
    config = isolatedConfig('dlq-cli');
    serde = await prepareTopics(config, ['raw', 'silver', 'gold', 'dlq']);
    const letters = [
      letter(config, { stage: 'refine', failedAt: t0 }),
      letter(config, {
        stage: 'enrich',
        failedAt: t0 + 3600_000,
        topic: topicName(config, 'silver'),
        partition: 0,
        offset: '7',
        key: Buffer.from('posting-1'),
        value: Buffer.from('silver bytes'),
        headers: {},
        errorType: 'LlmError',
        errorMessage: 'budget exhausted',
        retriable: true,
        attempts: 2,
      }),
      letter(config, { stage: 'enrich', failedAt: t0 + 7200_000, topic: 'somebody-else.topic' }),
      letter(config, {
        stage: 'sink.mysql',
        failedAt: t0 + 10800_000,
        topic: topicName(config, 'gold'),
        key: Buffer.from('posting-2'),
        value: Buffer.from('gold bytes'),
        headers: {},
      }),
    ];
    // Transactional, as the processors write dead letters: the topic ends with a commit marker, not a letter.
    const producer = createKafka(config, 'test-dlq').producer({
      transactionalId: `${config.topicPrefix}test-dlq`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const tx = await producer.transaction();
      await tx.send({
        topic: topicName(config, 'dlq'),
        messages: [
          ...(await Promise.all(letters.map(async (l) => ({ key: l.key, value: await serde.encode('dlq', l) })))),
          { key: 'junk', value: Buffer.from('not avro') },
        ],
      });
      await tx.commit();
    } finally {
      await producer.disconnect();
    }
  });

  after(() => dropTopics(config));

  it('list --json prints every decodable letter, oldest first, and counts the rest', async () => {
    const { stdout, stderr } = await techmap('list', '--json');
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      rows.map((r) => [r.dlqOffset, r.stage, r.topic, r.partition, r.offset, r.key, r.failedAt]),
      [
        ['0', 'refine', topicName(config, 'raw'), 1, '41', 'wanted:9', '2026-03-16T09:00:00.000Z'],
        ['1', 'enrich', topicName(config, 'silver'), 0, '7', 'posting-1', '2026-03-16T10:00:00.000Z'],
        ['2', 'enrich', 'somebody-else.topic', 1, '41', 'wanted:9', '2026-03-16T11:00:00.000Z'],
        ['3', 'sink.mysql', topicName(config, 'gold'), 1, '41', 'posting-2', '2026-03-16T12:00:00.000Z'],
      ],
    );
    assert.deepEqual(
      [rows[1]!.errorType, rows[1]!.errorMessage, rows[1]!.retriable, rows[1]!.attempts, rows[1]!.valueBytes],
      ['LlmError', 'budget exhausted', true, 2, 12],
    );
    assert.equal(stderr.trim(), 'dlq: 4 dead letters, 1 undecodable');
  });

  it('list filters by stage and time, and stops at --limit', async () => {
    const enrich = await techmap('list', '--stage', 'enrich', '--since', '2026-03-16T10:30:00Z');
    assert.equal(
      enrich.stdout,
      '2026-03-16T11:00:00.000Z  enrich         somebody-else.topic/1/41  key=wanted:9  ParseError: no title\n',
    );
    const limited = await techmap('list', '--limit', '2');
    assert.deepEqual(
      limited.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[1]),
      ['refine', 'enrich'],
    );
    assert.equal(limited.stderr.trim(), 'dlq: 2 dead letters, stopped at --limit 2');
  });

  it('retry --dry-run counts and sends nothing', async () => {
    const { stdout } = await techmap('retry', '--stage', 'enrich', '--dry-run');
    assert.equal(stdout.trim(), `would re-drive 1 dead letter (${topicName(config, 'silver')}: 1), skipped 4`);
    assert.deepEqual([...(await endOffsets(config, 'silver')).values()], [0, 0]);
  });

  it('retry sends the selected originals back with their key and headers, once per run', async () => {
    const { stdout } = await techmap('retry', '--since', '2026-03-16T09:30:00Z');
    assert.equal(
      stdout.trim(),
      `re-drove 2 dead letters (${topicName(config, 'silver')}: 1, ${topicName(config, 'gold')}: 1), skipped 3`,
    );
    const dlq = topicName(config, 'dlq');
    assert.deepEqual(await readAll(config, 'silver'), [
      {
        key: 'posting-1',
        value: 'silver bytes',
        headers: { 'techmap.redriven-from': `${dlq}/0/1`, 'techmap.attempts': '3' },
      },
    ]);
    assert.deepEqual(await readAll(config, 'gold'), [
      {
        key: 'posting-2',
        value: 'gold bytes',
        headers: { 'techmap.redriven-from': `${dlq}/0/3`, 'techmap.attempts': '2' },
      },
    ]);
    assert.deepEqual(await readAll(config, 'raw'), []);

    const first = await techmap('retry', '--limit', '1', '--json');
    assert.deepEqual(JSON.parse(first.stdout), {
      dryRun: false,
      retried: 1,
      skipped: 0,
      byStage: { refine: 1 },
      byTopic: { [topicName(config, 'raw')]: 1 },
      complete: false,
    });
    const raw = await readAll(config, 'raw');
    assert.deepEqual(
      raw.map((r) => [r.key, r.value, r.headers['techmap.trace'], r.headers['techmap.redriven-from']]),
      [['wanted:9', 'original raw bytes', 't-1', `${dlq}/0/0`]],
    );
  });

  it('says at once when the dead-letter topic does not exist', async () => {
    const err = (await exec(process.execPath, [path.join(repoRoot, 'bin/techmap.js'), 'dlq', 'list'], {
      env: { ...process.env, TECHMAP_TOPIC_PREFIX: `${config.topicPrefix}missing.`, LOG_LEVEL: 'error' },
    }).catch((e: unknown) => e)) as { code: number; stderr: string };
    assert.equal(err.code, 1);
    assert.equal(
      err.stderr.trim(),
      `techmap: the dead-letter topic ${config.topicPrefix}missing.postings.dlq does not exist: run 'techmap schemas register' or check TECHMAP_TOPIC_PREFIX`,
    );
  });
});
