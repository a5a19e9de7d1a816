// Helpers of the sink integration tests: produce Avro records to an isolated topic, run a sink in a child
// process (so it can be killed with SIGKILL), and read what MySQL holds.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { mysqlOptions, repoRoot, type Config } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import type { AvroSerde } from '../../platform/serde';
import { topicName, type TopicId } from '../../platform/topics';

export interface OutRecord {
  key: string;
  value: unknown;
  timestamp?: number;
  partition?: number;
  headers?: Record<string, string>;
}

/** Produces records (encoded with the registry) in order, in batches; returns the count. */
export async function produce(
  config: Config,
  serde: AvroSerde,
  topic: TopicId,
  records: OutRecord[],
  opts: { transactional?: boolean } = {},
): Promise<number> {
  // Transactional: each slice of 500 is one transaction, so every partition's tail is a commit marker (as the
  // processors write silver and gold).
  const producer = createKafka(config, 'test-produce').producer({
    idempotent: true,
    maxInFlightRequests: 1,
    ...(opts.transactional ? { transactionalId: `${config.topicPrefix}test-produce-${process.pid}` } : {}),
  });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += 500) {
      const slice = records.slice(i, i + 500);
      const messages = await Promise.all(
        slice.map(async (r) => ({
          key: r.key,
          value: await serde.encode(topic, r.value),
          timestamp: r.timestamp !== undefined ? String(r.timestamp) : undefined,
          partition: r.partition,
          headers: r.headers,
        })),
      );
      if (opts.transactional) {
        const tx = await producer.transaction();
        await tx.send({ topic: topicName(config, topic), acks: -1, messages });
        await tx.commit();
      } else {
        await producer.send({ topic: topicName(config, topic), acks: -1, messages });
      }
    }
  } finally {
    await producer.disconnect();
  }
  return records.length;
}

/** End offsets per partition of a topic. */
export async function endOffsets(config: Config, topic: TopicId): Promise<Map<number, number>> {
  const admin = createKafka(config, 'test-offsets').admin();
  await admin.connect();
  try {
    const offs = await admin.fetchTopicOffsets(topicName(config, topic));
    return new Map(offs.map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** Committed offsets of a consumer group on a topic. */
export async function groupOffsets(config: Config, groupId: string, topic: TopicId): Promise<Map<number, number>> {
  const admin = createKafka(config, 'test-offsets').admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topicName(config, topic)] });
    return new Map((t?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

/** Reads the dead letters of the run (decoded). */
export async function readDeadLetters(config: Config, serde: AvroSerde, expected: number, timeoutMs = 30000) {
  const consumer = createKafka(config, 'test-dlq').consumer({ groupId: `${config.topicPrefix}test-dlq-${Date.now()}` });
  const out: Array<{ stage: string; offset: string; errorType: string; errorMessage: string; key: Buffer | null }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: topicName(config, 'dlq'), fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          out.push(await serde.decode('dlq', message.value));
          if (out.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** A sink in a child process (`techmap run`-like) with the given environment; kill it with SIGKILL. */
export function spawnSink(name: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/sinks/sink-child.ts'), name], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: process.env.SINK_CHILD_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Environment variables that make a child process use `config`. */
export function configEnv(config: Config): Record<string, string> {
  return {
    TECHMAP_TOPIC_PREFIX: config.topicPrefix,
    TOPIC_PARTITIONS: String(config.topicPartitions),
    MYSQL_URL: config.mysqlUrl,
    DYNAMODB_TABLE: config.dynamoTable,
    DYNAMODB_ENDPOINT: config.dynamoEndpoint ?? '',
    S3_BUCKET: config.s3Bucket,
    S3_ENDPOINT: config.s3Endpoint ?? '',
  };
}

export async function withDb<T>(config: Config, fn: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ ...mysqlOptions(config), timezone: 'Z', dateStrings: true });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(config: Config): Promise<void> {
  const o = mysqlOptions(config);
  const conn = await mysql.createConnection({ host: o.host, port: o.port, user: o.user, password: o.password });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${o.database}\``);
  } finally {
    await conn.end();
  }
}

export async function rows<T = Record<string, unknown>>(
  conn: mysql.Connection,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const [r] = await conn.query<mysql.RowDataPacket[]>(sql, values);
  return r as T[];
}

/**
 * Every aggregate recomputed from the base tables, next to what the sink kept incrementally; returns the
 * differences (empty = the incremental aggregates equal a full recount).
 */
export async function aggregateMismatches(conn: mysql.Connection): Promise<string[]> {
  const checks: Array<[string, string, string]> = [
    [
      'agg_field',
      `SELECT job_field_id k, COUNT(*) a, SUM(status='OPEN') o FROM postings GROUP BY job_field_id`,
      `SELECT job_field_id k, all_postings a, open_postings o FROM agg_field WHERE all_postings <> 0 OR open_postings <> 0`,
    ],
    [
      'agg_field_week',
      `SELECT CONCAT(job_field_id,'|',activity_week) k, COUNT(*) a, SUM(status='OPEN') o FROM postings GROUP BY job_field_id, activity_week`,
      `SELECT CONCAT(job_field_id,'|',week_start) k, all_postings a, open_postings o FROM agg_field_week WHERE all_postings <> 0 OR open_postings <> 0`,
    ],
    [
      'agg_field_skill',
      `SELECT CONCAT(job_field_id,'|',skill_id) k, COUNT(*) a, SUM(status='OPEN') o, SUM(requirement='REQUIRED') r FROM posting_skills GROUP BY job_field_id, skill_id`,
      `SELECT CONCAT(job_field_id,'|',skill_id) k, all_postings a, open_postings o, required_postings r FROM agg_field_skill WHERE all_postings <> 0 OR open_postings <> 0 OR required_postings <> 0`,
    ],
    [
      'agg_skill_week',
      `SELECT CONCAT(job_field_id,'|',skill_id,'|',activity_week) k, COUNT(*) a, SUM(status='OPEN') o, SUM(requirement='REQUIRED') r FROM posting_skills GROUP BY job_field_id, skill_id, activity_week`,
      `SELECT CONCAT(job_field_id,'|',skill_id,'|',week_start) k, all_postings a, open_postings o, required_postings r FROM agg_skill_week WHERE all_postings <> 0 OR open_postings <> 0 OR required_postings <> 0`,
    ],
    [
      'agg_skill_pair',
      `SELECT CONCAT(a.job_field_id,'|',a.skill_id,'|',b.skill_id) k, COUNT(*) a, SUM(a.status='OPEN') o FROM posting_skills a JOIN posting_skills b ON a.posting_id = b.posting_id AND a.skill_id <> b.skill_id GROUP BY a.job_field_id, a.skill_id, b.skill_id`,
      `SELECT CONCAT(job_field_id,'|',skill_id,'|',other_skill_id) k, all_postings a, open_postings o FROM agg_skill_pair WHERE all_postings <> 0 OR open_postings <> 0`,
    ],
  ];
  const problems: string[] = [];
  for (const [table, recount, kept] of checks) {
    const norm = (rs: Array<Record<string, unknown>>) =>
      new Map(
        rs.map((r) => [String(r.k), `${Number(r.a)}/${Number(r.o)}${r.r !== undefined ? `/${Number(r.r)}` : ''}`]),
      );
    const want = norm(await rows(conn, recount));
    const got = norm(await rows(conn, kept));
    for (const [k, v] of want)
      if (got.get(k) !== v) problems.push(`${table} ${k}: recount ${v}, kept ${got.get(k) ?? 'none'}`);
    for (const [k, v] of got) if (!want.has(k)) problems.push(`${table} ${k}: kept ${v}, recount none`);
  }
  return problems;
}

/** What a run left in MySQL, independent of wall-clock columns: compared between a clean and a faulty run. */
export async function mysqlSnapshot(conn: mysql.Connection): Promise<Record<string, string[]>> {
  const q = async (sql: string) => (await rows(conn, sql)).map((r) => JSON.stringify(Object.values(r)));
  return {
    postings: await q(
      'SELECT id, version, title, job_field_id, status, activity_week, skill_count FROM postings ORDER BY id',
    ),
    posting_skills: await q(
      'SELECT posting_id, skill_id, requirement, status FROM posting_skills ORDER BY posting_id, skill_id',
    ),
    posting_sources: await q(
      'SELECT board, board_posting_id, posting_id FROM posting_sources ORDER BY board, board_posting_id',
    ),
    agg_field: await q('SELECT * FROM agg_field WHERE all_postings <> 0 ORDER BY 1'),
    agg_field_week: await q('SELECT * FROM agg_field_week WHERE all_postings <> 0 ORDER BY 1, 2'),
    agg_field_skill: await q('SELECT * FROM agg_field_skill WHERE all_postings <> 0 ORDER BY 1, 2'),
    agg_skill_week: await q('SELECT * FROM agg_skill_week WHERE all_postings <> 0 ORDER BY 1, 2, 3'),
    agg_skill_pair: await q('SELECT * FROM agg_skill_pair WHERE all_postings <> 0 ORDER BY 1, 2, 3'),
  };
}
