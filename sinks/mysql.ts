// MySQL sink: gold postings into the relational model of sinks/mysql/README.md, with incremental aggregates.
// Exactly-once effect: each put() is ONE transaction that writes the rows, the aggregate deltas and the next
// offset of the partition (sink_offsets). On start the runner seeks to the stored offsets; a re-delivered record
// (offset below the stored one) is skipped inside the transaction, so an ambiguous commit is harmless too.
// Versions: a record older than the stored posting (version, then enrichedAt) is skipped; its offset advances.
// Constraint violations: the batch is split in halves until the violating record is alone; it goes to the
// dead-letter topic with the server's message and the rest of the batch is written.
import mysql from 'mysql2/promise';
import { z } from 'zod';
import { mysqlOptions, type Config } from '../platform/config';
import { describeError, TechmapError, UnavailableError } from '../platform/errors';
import { counter } from '../platform/metrics';
import type { AvroSerde } from '../platform/serde';
import { AggregateDelta, sameContribution, type Contribution } from './mysql/aggregates';
import { migrate } from './mysql/migrate';
import { goldToRows, postingColumns, skillColumns, sourceColumns, textColumns, type PostingRows } from './mysql/rows';
import { isOlder, type GoldPosting } from './records';
import { batchSettings } from './runner';
import {
  partitionKey,
  type PartitionKey,
  type SinkDeps,
  type SinkRecord,
  type SinkTask,
  type TopicPartition,
} from './types';

export const spec = {
  name: 'sink-mysql',
  summary:
    'Gold postings into MySQL/MariaDB: relational model + incremental aggregates, offsets in the same transaction.',
  settings: batchSettings.extend({
    rowsPerStatement: z.coerce.number().int().min(1).max(5000).default(500).describe('Rows per multi-row INSERT.'),
    queryTimeoutMs: z.coerce
      .number()
      .int()
      .min(100)
      .default(30000)
      .describe('A statement slower than this fails (retried).'),
    connectionLimit: z.coerce.number().int().min(1).default(4).describe('Pool size.'),
    serializeTransactions: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true')
      .describe(
        'One write transaction at a time per process (partitions still decode in parallel): the aggregate rows are shared, so parallel transactions mostly wait on each other or deadlock.',
      ),
  }),
};
export type MysqlSinkSettings = z.output<typeof spec.settings>;

const ignoredOlder = counter('techmap_sink_mysql_older_ignored_total', 'Records older than the stored posting.');
const written = counter('techmap_sink_mysql_postings_written_total', 'Postings upserted.');

/** A row the server refused for its values (too long, out of range, CHECK failed): dead-letter it. */
export class ConstraintError extends TechmapError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: false, kind: 'constraint', cause });
  }
}

// Server errors caused by a value, not by the server: the record is at fault.
const dataErrorCodes = new Set([
  1048, // ER_BAD_NULL_ERROR
  1264, // ER_WARN_DATA_OUT_OF_RANGE
  1265, // WARN_DATA_TRUNCATED (e.g. not an enum symbol)
  1292, // ER_TRUNCATED_WRONG_VALUE
  1300, // ER_INVALID_CHARACTER_STRING
  1366, // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
  1367, // ER_ILLEGAL_VALUE_FOR_TYPE
  1406, // ER_DATA_TOO_LONG
  1690, // ER_DATA_OUT_OF_RANGE
  3140, // ER_INVALID_JSON_TEXT (MySQL)
  3819, // ER_CHECK_CONSTRAINT_VIOLATED (MySQL)
  4025, // ER_CONSTRAINT_FAILED (MariaDB CHECK)
]);

/** Classifies a mysql2 error: value problems → ConstraintError, connection/server trouble → UnavailableError. */
export function classifyMysqlError(err: unknown): unknown {
  if (err instanceof TechmapError) return err;
  const e = err as { errno?: number; code?: string; fatal?: boolean; sqlMessage?: string; message?: string };
  if (typeof e.errno === 'number' && dataErrorCodes.has(e.errno)) {
    return new ConstraintError(e.sqlMessage ?? e.message ?? 'constraint violated', err);
  }
  const transient = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EHOSTUNREACH',
    'PROTOCOL_CONNECTION_LOST',
    'PROTOCOL_SEQUENCE_TIMEOUT',
    'ER_LOCK_DEADLOCK',
    'ER_LOCK_WAIT_TIMEOUT',
    'ER_CON_COUNT_ERROR',
    'ER_SERVER_SHUTDOWN',
    'ER_QUERY_INTERRUPTED',
    'ER_CONNECTION_KILLED',
  ]);
  if (e.fatal || (e.code && transient.has(e.code)) || /connection|closed state|timeout/i.test(e.message ?? '')) {
    return new UnavailableError(`MySQL: ${describeError(err)}`, err);
  }
  return err;
}

interface Decoded {
  record: SinkRecord;
  gold: GoldPosting;
  rows: PostingRows;
}

interface StoredPosting {
  version: number;
  enrichedAt: number;
  contribution: Contribution;
}

type Conn = mysql.PoolConnection;

export class MysqlSink implements SinkTask {
  readonly name = 'mysql';
  private pool?: mysql.Pool;
  private writeQueue: Promise<unknown> = Promise.resolve();
  /** Reference rows known to be committed as they are (skip re-writing unchanged skills/fields/categories). */
  private readonly knownRefs = new Map<string, string>();

  constructor(
    private readonly config: Config,
    private readonly settings: MysqlSinkSettings,
    private readonly serde: AvroSerde,
    private readonly deps: SinkDeps,
  ) {}

  async start(): Promise<void> {
    try {
      const applied = await migrate(this.config);
      if (applied.length > 0) this.deps.logger.info({ applied }, 'migrations applied');
    } catch (err) {
      throw classifyMysqlError(err);
    }
    if (!this.pool) {
      const o = mysqlOptions(this.config);
      this.pool = mysql.createPool({
        ...o,
        connectionLimit: this.settings.connectionLimit,
        timezone: 'Z',
        dateStrings: ['DATE'],
        supportBigNumbers: true,
        connectTimeout: 5000,
        enableKeepAlive: true,
      });
      this.pool.on('connection', (conn) => {
        conn.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
        conn.query("SET SESSION time_zone = '+00:00'");
      });
    }
  }

  async ready(): Promise<void> {
    await this.requirePool().query('SELECT 1');
  }

  async open(partitions: TopicPartition[]): Promise<Map<PartitionKey, number>> {
    const out = new Map<PartitionKey, number>();
    if (partitions.length === 0) return out;
    try {
      const [rows] = await this.requirePool().query<mysql.RowDataPacket[]>(
        'SELECT topic, partition_id, next_offset FROM sink_offsets WHERE consumer_group = ? AND topic IN (?)',
        [this.deps.groupId, [...new Set(partitions.map((p) => p.topic))]],
      );
      const stored = new Map(
        rows.map((r) => [
          partitionKey({ topic: String(r.topic), partition: Number(r.partition_id) }),
          Number(r.next_offset),
        ]),
      );
      // The database is the truth of what was written: a partition it has never seen starts at the beginning.
      for (const tp of partitions) out.set(partitionKey(tp), stored.get(partitionKey(tp)) ?? 0);
      return out;
    } catch (err) {
      throw classifyMysqlError(err);
    }
  }

  async put(records: SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { topic, partition } = records[0]!;
    // Records already written (an ambiguous commit re-delivered them) are dropped before any dead letter is sent.
    const stored = await this.storedOffset(topic, partition);
    const fresh = records.filter((r) => stored === undefined || r.offset >= stored);
    if (fresh.length === 0) return;
    const items: Decoded[] = [];
    const now = new Date();
    for (const record of fresh) {
      try {
        const gold = await this.serde.decode<GoldPosting>('gold', record.value);
        items.push({ record, gold, rows: goldToRows(gold, now) });
      } catch (err) {
        if (err instanceof UnavailableError) throw err; // registry away: retry the whole batch
        await this.deps.deadLetter(record, err);
      }
    }
    await this.writeOrSplit(topic, partition, items, fresh[fresh.length - 1]!.offset + 1);
  }

  async preCommit(consumed: Map<PartitionKey, number>): Promise<Map<PartitionKey, number>> {
    return consumed; // put() commits its transaction before returning: everything handed to it is durable
  }

  async close(): Promise<void> {}

  async stop(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end().catch(() => undefined);
  }

  private requirePool(): mysql.Pool {
    if (!this.pool) throw new UnavailableError('MySQL sink is not started');
    return this.pool;
  }

  private async storedOffset(topic: string, partition: number): Promise<number | undefined> {
    try {
      const [rows] = await this.requirePool().query<mysql.RowDataPacket[]>(
        'SELECT next_offset FROM sink_offsets WHERE consumer_group = ? AND topic = ? AND partition_id = ?',
        [this.deps.groupId, topic, partition],
      );
      return rows[0] ? Number(rows[0].next_offset) : undefined;
    } catch (err) {
      throw classifyMysqlError(err);
    }
  }

  /** Writes items (and the offset `next`) in one transaction; on a constraint error, bisects to the culprit. */
  private async writeOrSplit(topic: string, partition: number, items: Decoded[], next: number): Promise<void> {
    try {
      await this.transaction(topic, partition, items, next);
    } catch (err) {
      if (!(err instanceof ConstraintError)) throw err;
      if (items.length <= 1) {
        const bad = items[0];
        if (bad) {
          this.deps.logger.warn(
            { offset: bad.record.offset, posting: bad.rows.id, reason: err.message },
            'dead-lettered',
          );
          await this.deps.deadLetter(bad.record, err);
        }
        await this.transaction(topic, partition, [], next);
        return;
      }
      const mid = Math.floor(items.length / 2);
      const left = items.slice(0, mid);
      await this.writeOrSplit(topic, partition, left, left[left.length - 1]!.record.offset + 1);
      await this.writeOrSplit(topic, partition, items.slice(mid), next);
    }
  }

  private transaction(topic: string, partition: number, items: Decoded[], next: number): Promise<void> {
    if (!this.settings.serializeTransactions) return this.runTransaction(topic, partition, items, next);
    const run = () => this.runTransaction(topic, partition, items, next);
    const result = this.writeQueue.then(run, run);
    this.writeQueue = result.catch(() => undefined);
    return result;
  }

  private async runTransaction(topic: string, partition: number, items: Decoded[], next: number): Promise<void> {
    let conn: Conn | undefined;
    try {
      conn = await this.requirePool().getConnection();
      await conn.query({ sql: 'START TRANSACTION', timeout: this.settings.queryTimeoutMs });
      const [offs] = await this.q<mysql.RowDataPacket[]>(
        conn,
        'SELECT next_offset FROM sink_offsets WHERE consumer_group = ? AND topic = ? AND partition_id = ? FOR UPDATE',
        [this.deps.groupId, topic, partition],
      );
      const stored = offs[0] ? Number(offs[0].next_offset) : -1;
      if (stored >= next) {
        await conn.query('ROLLBACK');
        return; // all of it was committed before (ambiguous commit, re-delivery)
      }
      const pending = items.filter((i) => i.record.offset >= stored);
      const newRefs = await this.writeRows(conn, pending);
      await this.q(
        conn,
        `INSERT INTO sink_offsets (consumer_group, topic, partition_id, next_offset, updated_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3))
         ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), updated_at = VALUES(updated_at)`,
        [this.deps.groupId, topic, partition, next],
      );
      await conn.query({ sql: 'COMMIT', timeout: this.settings.queryTimeoutMs });
      for (const [k, v] of newRefs) this.knownRefs.set(k, v);
    } catch (err) {
      if (conn) await conn.query('ROLLBACK').catch(() => undefined);
      const classified = classifyMysqlError(err);
      if (conn && classified instanceof UnavailableError) {
        conn.destroy();
        conn = undefined;
      }
      throw classified;
    } finally {
      conn?.release();
    }
  }

  private q<T extends mysql.QueryResult = mysql.ResultSetHeader>(conn: Conn, sql: string, values: unknown[]) {
    return conn.query<T>({ sql, values, timeout: this.settings.queryTimeoutMs });
  }

  /** Multi-row INSERT of `rows` in statements of rowsPerStatement rows. */
  private async insert(conn: Conn, head: string, rows: unknown[][], tail = ''): Promise<void> {
    const n = this.settings.rowsPerStatement;
    for (let i = 0; i < rows.length; i += n) {
      await this.q(conn, `${head} VALUES ? ${tail}`, [rows.slice(i, i + n)]);
    }
  }

  /** Writes the newest version of each posting in `items`; returns reference rows written (to cache after commit). */
  private async writeRows(conn: Conn, items: Decoded[]): Promise<Map<string, string>> {
    const newRefs = new Map<string, string>();
    if (items.length === 0) return newRefs;
    // The newest record per posting (later offset wins a tie).
    const newest = new Map<string, PostingRows>();
    for (const { rows } of items) {
      const cur = newest.get(rows.id);
      if (!cur || !isOlder(rows, cur)) newest.set(rows.id, rows);
    }
    const ids = [...newest.keys()].sort();
    const stored = await this.loadStored(conn, ids);
    const accepted: PostingRows[] = [];
    const delta = new AggregateDelta();
    for (const id of ids) {
      const rows = newest.get(id)!;
      const old = stored.get(id);
      if (old && isOlder(rows, old)) {
        ignoredOlder.inc();
        continue;
      }
      accepted.push(rows);
      if (old && sameContribution(old.contribution, rows.contribution)) continue;
      if (old) delta.add(old.contribution, -1);
      delta.add(rows.contribution, 1);
    }
    if (accepted.length === 0) return newRefs;

    // Reference rows: written only when new or changed since this process last committed them.
    const refRows = <T>(kind: string, list: T[], id: (t: T) => string, sig: (t: T) => string) => {
      const out = new Map<string, T>();
      for (const t of list) {
        const key = `${kind}:${id(t)}`;
        if (this.knownRefs.get(key) !== sig(t)) {
          out.set(id(t), t);
          newRefs.set(key, sig(t));
        }
      }
      return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
    };
    const now = new Date();
    const fields = refRows(
      'field',
      accepted.map((a) => a.jobField),
      (f) => f.id,
      (f) => `${f.name}|${f.nameKo}`,
    );
    if (fields.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO job_fields (id, name, name_ko, first_seen_at, updated_at)',
        fields.map((f) => [f.id, f.name, f.nameKo, now, now]),
        'ON DUPLICATE KEY UPDATE name = VALUES(name), name_ko = VALUES(name_ko), updated_at = VALUES(updated_at)',
      );
    }
    const defs = accepted.flatMap((a) => a.skillDefs);
    const categories = refRows(
      'category',
      defs.map((d) => d.category),
      (c) => c,
      () => '1',
    );
    if (categories.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO skill_categories (id, name, first_seen_at)',
        categories.map((c) => [c, c, now]),
        'ON DUPLICATE KEY UPDATE id = id',
      );
    }
    const skills = refRows(
      'skill',
      defs,
      (d) => d.id,
      (d) => `${d.name}|${d.category}`,
    );
    if (skills.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO skills (id, name, category_id, first_seen_at, updated_at)',
        skills.map((s) => [s.id, s.name, s.category, now, now]),
        'ON DUPLICATE KEY UPDATE name = VALUES(name), category_id = VALUES(category_id), updated_at = VALUES(updated_at)',
      );
    }
    const boards = refRows(
      'board',
      accepted.flatMap((a) => a.boards),
      (b) => b.id,
      () => '1',
    );
    if (boards.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO boards (id, first_seen_at)',
        boards.map((b) => [b.id, b.firstSeen]),
        'ON DUPLICATE KEY UPDATE first_seen_at = LEAST(first_seen_at, VALUES(first_seen_at))',
      );
    }
    const companies = new Map<string, PostingRows['company']>();
    for (const a of accepted) {
      const c = companies.get(a.company.id);
      if (!c) companies.set(a.company.id, { ...a.company });
      else {
        if (a.company.firstSeen < c.firstSeen) c.firstSeen = a.company.firstSeen;
        if (a.company.lastSeen > c.lastSeen) c.lastSeen = a.company.lastSeen;
      }
    }
    await this.insert(
      conn,
      'INSERT INTO companies (id, name, board_company_id, first_seen_at, last_seen_at)',
      [...companies.values()]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((c) => [c.id, c.name, c.boardCompanyId, c.firstSeen, c.lastSeen]),
      `ON DUPLICATE KEY UPDATE name = VALUES(name), board_company_id = COALESCE(VALUES(board_company_id), board_company_id),
       first_seen_at = LEAST(first_seen_at, VALUES(first_seen_at)), last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at))`,
    );

    const updatable = postingColumns.filter((c) => c !== 'id' && c !== 'created_at');
    await this.insert(
      conn,
      `INSERT INTO postings (${postingColumns.join(', ')})`,
      accepted.map((a) => a.posting),
      `ON DUPLICATE KEY UPDATE ${updatable.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
    );
    await this.insert(
      conn,
      `INSERT INTO posting_texts (${textColumns.join(', ')})`,
      accepted.map((a) => a.text),
      `ON DUPLICATE KEY UPDATE ${textColumns
        .slice(1)
        .map((c) => `${c} = VALUES(${c})`)
        .join(', ')}`,
    );
    const acceptedIds = accepted.map((a) => a.id);
    await this.q(conn, 'DELETE FROM posting_sources WHERE posting_id IN (?)', [acceptedIds]);
    await this.insert(
      conn,
      `INSERT INTO posting_sources (${sourceColumns.join(', ')})`,
      accepted.flatMap((a) => a.sources),
      `ON DUPLICATE KEY UPDATE ${sourceColumns
        .slice(2)
        .map((c) => `${c} = VALUES(${c})`)
        .join(', ')}`,
    );
    await this.q(conn, 'DELETE FROM posting_skills WHERE posting_id IN (?)', [acceptedIds]);
    await this.insert(
      conn,
      `INSERT INTO posting_skills (${skillColumns.join(', ')})`,
      accepted.flatMap((a) => a.skills),
    );
    await this.writeAggregates(conn, delta);
    written.inc(accepted.length);
    return newRefs;
  }

  private async writeAggregates(conn: Conn, delta: AggregateDelta): Promise<void> {
    const r = delta.rows();
    const add2 =
      'all_postings = all_postings + VALUES(all_postings), open_postings = open_postings + VALUES(open_postings)';
    const add3 = `${add2}, required_postings = required_postings + VALUES(required_postings)`;
    const flat = (rows: Array<[string[], number[]]>) => rows.map(([k, c]) => [...k, ...c]);
    if (r.field.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO agg_field (job_field_id, all_postings, open_postings)',
        flat(r.field),
        `ON DUPLICATE KEY UPDATE ${add2}`,
      );
    }
    if (r.fieldWeek.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO agg_field_week (job_field_id, week_start, all_postings, open_postings)',
        flat(r.fieldWeek),
        `ON DUPLICATE KEY UPDATE ${add2}`,
      );
    }
    if (r.fieldSkill.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO agg_field_skill (job_field_id, skill_id, all_postings, open_postings, required_postings)',
        flat(r.fieldSkill),
        `ON DUPLICATE KEY UPDATE ${add3}`,
      );
    }
    if (r.skillWeek.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO agg_skill_week (job_field_id, skill_id, week_start, all_postings, open_postings, required_postings)',
        flat(r.skillWeek),
        `ON DUPLICATE KEY UPDATE ${add3}`,
      );
    }
    if (r.skillPair.length > 0) {
      await this.insert(
        conn,
        'INSERT INTO agg_skill_pair (job_field_id, skill_id, other_skill_id, all_postings, open_postings)',
        flat(r.skillPair),
        `ON DUPLICATE KEY UPDATE ${add2}`,
      );
    }
  }

  /** The stored version and aggregate contribution of each posting, rows locked until commit. */
  private async loadStored(conn: Conn, ids: string[]): Promise<Map<string, StoredPosting>> {
    const out = new Map<string, StoredPosting>();
    const [rows] = await this.q<mysql.RowDataPacket[]>(
      conn,
      'SELECT id, version, enriched_at, job_field_id, status, activity_week FROM postings WHERE id IN (?) FOR UPDATE',
      [ids],
    );
    if (rows.length === 0) return out;
    for (const r of rows) {
      out.set(String(r.id), {
        version: Number(r.version),
        enrichedAt: (r.enriched_at as Date).getTime(),
        contribution: {
          jobFieldId: String(r.job_field_id),
          week: String(r.activity_week),
          open: r.status === 'OPEN',
          skills: [],
        },
      });
    }
    const [skills] = await this.q<mysql.RowDataPacket[]>(
      conn,
      'SELECT posting_id, skill_id, requirement FROM posting_skills WHERE posting_id IN (?)',
      [[...out.keys()]],
    );
    for (const s of skills) {
      out
        .get(String(s.posting_id))
        ?.contribution.skills.push({ id: String(s.skill_id), required: s.requirement === 'REQUIRED' });
    }
    return out;
  }
}

/** Builds the MySQL sink task (the runner and component wiring live in sinks/index.ts). */
export function createMysqlSink(
  config: Config,
  settings: MysqlSinkSettings,
  serde: AvroSerde,
  deps: SinkDeps,
): MysqlSink {
  return new MysqlSink(config, settings, serde, deps);
}
