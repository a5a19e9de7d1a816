// The MySQL sink against the real broker, registry and MariaDB: rows, versions, incremental aggregates,
// exactly-once across kill -9, the database away for a while, and constraint violations to the DLQ.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { mysqlOptions, type Config } from '../../platform/config';
import type { AvroSerde } from '../../platform/serde';
import { createSinkComponent, type SinkComponent } from '../../sinks/index';
import { migrate, migrationFiles, migrationsDir } from '../../sinks/mysql/migrate';
import { dropTopics, eventually, isolatedConfig, prepareTopics } from '../support/services';
import { gold } from './fixtures';
import { goldScenario, newestPerPosting } from './scenario';
import {
  aggregateMismatches,
  configEnv,
  dropDatabase,
  endOffsets,
  exited,
  groupOffsets,
  mysqlSnapshot,
  produce,
  readDeadLetters,
  rows,
  spawnSink,
  withDb,
} from './support';
import { TcpProxy } from './tcp-proxy';

const fast = {
  maxRecords: 50,
  maxWaitMs: 50,
  minBytes: 1,
  retryInitialMs: 100,
  retryMaxMs: 1000,
  sessionTimeoutMs: 6000,
};

function mysqlConfig(suite: string, port = 3306): Config {
  const db = `t_sink_${randomBytes(4).toString('hex')}`;
  return isolatedConfig(suite, { mysqlUrl: `mysql://root@127.0.0.1:${port}/${db}` });
}

/** Sum of the stored next offsets = records the sink has taken (all partitions). */
async function storedTotal(config: Config): Promise<number> {
  return withDb(config, async (conn) => {
    const r = await rows<{ n: number | null }>(conn, 'SELECT SUM(next_offset) n FROM sink_offsets');
    return Number(r[0]?.n ?? 0);
  }).catch(() => 0);
}

async function waitUntilDone(config: Config, timeoutMs = 60000): Promise<void> {
  const end = [...(await endOffsets(config, 'gold')).values()].reduce((a, b) => a + b, 0);
  await eventually(
    async () => ((await storedTotal(config)) >= end ? true : undefined),
    timeoutMs,
    `sink_offsets = ${end}`,
  );
}

describe('sinks/mysql (integration: Kafka + MariaDB)', function () {
  this.timeout(400_000);
  const cleanups: Array<() => Promise<void>> = [];
  let cleanSnapshot: Record<string, string[]> | undefined;
  const scenario = goldScenario(150);

  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });

  async function setup(suite: string, port?: number): Promise<{ config: Config; serde: AvroSerde }> {
    const config = mysqlConfig(suite, port);
    const serde = await prepareTopics(config, ['gold', 'dlq']);
    cleanups.push(() => dropTopics(config));
    cleanups.push(() => dropDatabase({ ...config, mysqlUrl: config.mysqlUrl.replace(/:\d+\//, ':3306/') }));
    return { config, serde };
  }

  async function startSink(config: Config, settings: Record<string, unknown> = fast): Promise<SinkComponent> {
    const sink = await createSinkComponent('sink-mysql', config, {
      settings,
      onFatal: (err) => assert.fail(`sink failed: ${String(err)}`),
    });
    await sink.start();
    cleanups.push(() => sink.stop());
    return sink;
  }

  it('migrations: applied once under a lock even when two instances start together, recorded by umzug', async () => {
    const config = mysqlConfig('mysql-migrate');
    cleanups.push(() => dropDatabase(config));
    const [a, b] = await Promise.all([migrate(config), migrate(config)]);
    assert.deepEqual(
      [...a, ...b],
      migrationFiles().map((f) => f.replace(/\.sql$/, '')),
    );
    assert.deepEqual(await migrate(config), []);
    await withDb(config, async (conn) => {
      const applied = await rows<{ name: string }>(conn, 'SELECT name FROM schema_migrations');
      assert.deepEqual(
        applied.map((r) => r.name),
        migrationFiles().map((f) => f.replace(/\.sql$/, '')),
      );
      const tables = (await rows<Record<string, string>>(conn, 'SHOW TABLES')).map((r) => Object.values(r)[0]).sort();
      assert.deepEqual(tables, [
        'agg_field',
        'agg_field_skill',
        'agg_field_week',
        'agg_skill_pair',
        'agg_skill_week',
        'boards',
        'companies',
        'job_fields',
        'posting_skills',
        'posting_sources',
        'posting_texts',
        'postings',
        'schema_migrations',
        'sink_offsets',
        'skill_categories',
        'skills',
      ]);
    });
  });

  it('every migration can run twice (a sink killed while migrating runs it again)', async () => {
    const config = mysqlConfig('mysql-rerun');
    cleanups.push(() => dropDatabase(config));
    await migrate(config);
    const o = mysqlOptions(config);
    const conn = await mysql.createConnection({ ...o, multipleStatements: true });
    try {
      for (const file of migrationFiles()) {
        await conn.query(fs.readFileSync(path.join(migrationsDir, file), 'utf8')).catch((err: unknown) => {
          assert.fail(`${file} is not re-runnable: ${String(err)}`);
        });
      }
    } finally {
      await conn.end();
    }
  });

  it('stores the newest version of each posting, ignores stale ones, keeps closed ones, aggregates = recount', async () => {
    const { config, serde } = await setup('mysql-clean');
    await produce(config, serde, 'gold', scenario);
    await startSink(config);
    await waitUntilDone(config);
    const newest = newestPerPosting(scenario);
    await withDb(config, async (conn) => {
      const stored = await rows<{ id: string; version: string; status: string; job_field_id: string }>(
        conn,
        'SELECT id, version, status, job_field_id FROM postings',
      );
      assert.equal(stored.length, newest.size);
      for (const r of stored) {
        const want = newest.get(r.id)!;
        assert.equal(Number(r.version), want.posting.version, `version of ${r.id}`);
        assert.equal(r.status, want.posting.status);
        assert.equal(r.job_field_id, want.jobField.id);
      }
      const closed = [...newest.values()].filter((g) => g.posting.status === 'CLOSED').length;
      assert.ok(closed > 0, 'the scenario closes some postings');
      assert.equal(stored.filter((r) => r.status === 'CLOSED').length, closed);
      const skillRows = await rows<{ n: number }>(conn, 'SELECT COUNT(*) n FROM posting_skills');
      const wantSkills = [...newest.values()].reduce((n, g) => n + new Set(g.skills.map((s) => s.id)).size, 0);
      assert.equal(Number(skillRows[0]!.n), wantSkills);
      assert.deepEqual(await aggregateMismatches(conn), []);
      cleanSnapshot = await mysqlSnapshot(conn);
    });
    // The consumer group's committed offsets follow the database (for lag), never ahead of it.
    const end = await endOffsets(config, 'gold');
    await eventually(
      async () => {
        const committed = await groupOffsets(config, `${config.topicPrefix}techmap.sink-mysql`, 'gold');
        return [...end].every(([p, o]) => o === 0 || committed.get(p) === o) ? true : undefined;
      },
      20000,
      'group offsets at the end',
    );
  });

  it('killed with SIGKILL in the middle of a transaction and restarted: same rows and aggregates as a clean run', async function () {
    if (!cleanSnapshot) this.skip();
    const { config, serde } = await setup('mysql-kill');
    // The last quarter is produced only after the kills, so the final restart always has work left even when the
    // sink got through the rest between kills (a slow machine makes the kill polls late).
    const held = Math.floor(scenario.length / 4);
    await produce(config, serde, 'gold', scenario.slice(0, scenario.length - held));
    const env = {
      ...configEnv(config),
      SINK_MYSQL_MAX_RECORDS: '10',
      SINK_MYSQL_MAX_WAIT_MS: '20',
      SINK_MYSQL_MIN_BYTES: '1',
      SINK_MYSQL_SESSION_TIMEOUT_MS: '6000',
    };
    const db = config.mysqlUrl.split('/').pop()!;
    const dbExists = () =>
      withDb({ ...config, mysqlUrl: 'mysql://root@127.0.0.1:3306/information_schema' }, (conn) =>
        rows(conn, 'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [db]),
      ).then((r) => (r.length > 0 ? true : undefined));
    // An open transaction of the sink that has already modified rows, after at least one committed batch.
    const insideTransaction = async () => {
      if ((await storedTotal(config)) === 0) return undefined;
      const trx = await withDb({ ...config, mysqlUrl: 'mysql://root@127.0.0.1:3306/information_schema' }, (conn) =>
        rows<{ m: number }>(
          conn,
          `SELECT t.trx_rows_modified m FROM information_schema.innodb_trx t
             JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
            WHERE p.db = ? AND t.trx_rows_modified > 0`,
          [db],
        ),
      );
      return trx.length > 0 ? true : undefined;
    };
    let kills = 0;
    // First while it starts (migrations may be half applied), then three times inside a write transaction.
    for (const when of [dbExists, insideTransaction, insideTransaction, insideTransaction]) {
      const child = spawnSink('sink-mysql', env);
      const caught = await Promise.race([
        exited(child).then((code) => assert.fail(`sink exited early with ${code}`)),
        eventually(when, 120000, 'the moment to kill').catch(() => false),
      ]);
      child.kill('SIGKILL');
      await exited(child);
      if (caught && when === insideTransaction) kills++;
    }
    assert.ok(kills >= 1, 'killed at least once inside a transaction');
    await produce(config, serde, 'gold', scenario.slice(scenario.length - held));
    const before = await storedTotal(config);
    const total = [...(await endOffsets(config, 'gold')).values()].reduce((a, b) => a + b, 0);
    assert.ok(before < total, `killed before the end (${before} of ${total})`);
    const child = spawnSink('sink-mysql', env);
    try {
      await waitUntilDone(config, 90000);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
    await withDb(config, async (conn) => {
      assert.deepEqual(await aggregateMismatches(conn), []);
      assert.deepEqual(await mysqlSnapshot(conn), cleanSnapshot);
    });
  });

  it('MariaDB away for 15 s: the sink waits and retries, keeps its place and loses nothing', async () => {
    const proxy = new TcpProxy('127.0.0.1', 3306);
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    const { config, serde } = await setup('mysql-down', port);
    const half = Math.floor(scenario.length / 2);
    await produce(config, serde, 'gold', scenario.slice(0, half));
    const sink = await startSink(config, { ...fast, queryTimeoutMs: 3000 });
    const direct = { ...config, mysqlUrl: config.mysqlUrl.replace(`:${port}/`, ':3306/') };
    await eventually(async () => ((await storedTotal(direct)) >= half ? true : undefined), 60000, 'first half');
    await proxy.cut();
    await produce(config, serde, 'gold', scenario.slice(half));
    const cutAt = await storedTotal(direct);
    await new Promise((r) => setTimeout(r, 15000));
    assert.equal(await storedTotal(direct), cutAt, 'nothing written while the database is away');
    assert.equal(sink.runner.failure, undefined, 'the sink did not give up');
    await proxy.restore();
    await waitUntilDone(direct, 90000);
    await withDb(direct, async (conn) => {
      assert.deepEqual(await aggregateMismatches(conn), []);
      if (cleanSnapshot) assert.deepEqual(await mysqlSnapshot(conn), cleanSnapshot);
    });
  });

  it('a record that violates a constraint goes to the dead-letter topic with the reason; the batch goes on', async () => {
    const { config, serde } = await setup('mysql-dlq');
    const records = Array.from({ length: 10 }, (_, i) => gold({ id: `wanted:${i}`, company: `c${i}` }));
    records[3] = gold({ id: 'wanted:3', title: 'T'.repeat(400) });
    records[6] = gold({ id: 'wanted:6', experience: { minYears: 10, maxYears: 2 } });
    await produce(
      config,
      serde,
      'gold',
      records.map((g) => ({ key: g.posting.postingId, value: g, partition: 0 })),
    );
    await startSink(config);
    const letters = await readDeadLetters(config, serde, 2);
    await waitUntilDone(config);
    assert.deepEqual(letters.map((l) => l.key?.toString()).sort(), ['wanted:3', 'wanted:6']);
    const byKey = new Map(letters.map((l) => [l.key?.toString(), l]));
    assert.equal(byKey.get('wanted:3')!.stage, 'sink.mysql');
    assert.equal(byKey.get('wanted:3')!.offset, '3');
    assert.equal(byKey.get('wanted:3')!.errorType, 'ConstraintError');
    assert.match(byKey.get('wanted:3')!.errorMessage, /Data too long for column 'title'/);
    assert.match(byKey.get('wanted:6')!.errorMessage, /chk_postings_experience/);
    await withDb(config, async (conn) => {
      const ids = (await rows<{ id: string }>(conn, 'SELECT id FROM postings ORDER BY id')).map((r) => r.id);
      assert.deepEqual(ids, [
        'wanted:0',
        'wanted:1',
        'wanted:2',
        'wanted:4',
        'wanted:5',
        'wanted:7',
        'wanted:8',
        'wanted:9',
      ]);
      assert.deepEqual(await aggregateMismatches(conn), []);
      const off = await rows<{ partition_id: number; next_offset: string }>(
        conn,
        'SELECT partition_id, next_offset FROM sink_offsets',
      );
      assert.deepEqual(
        off.map((o) => [o.partition_id, Number(o.next_offset)]),
        [[0, 10]],
      );
    });
  });
});
