// Versioned migrations of the MySQL model, run by umzug: every `NNNN_<name>.sql` in ./migrations, in name order,
// recorded in `schema_migrations`. Several sink instances may start at once: a named lock serialises them.
// MySQL DDL is not transactional, so a process killed in the middle of a migration runs it again on the next start:
// every migration must be re-runnable (CREATE TABLE IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { Umzug, type UmzugStorage } from 'umzug';
import { mysqlOptions, type Config } from '../../platform/config';
import { UnavailableError } from '../../platform/errors';
import { componentLogger } from '../../platform/logger';

export const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const log = componentLogger('sink.mysql.migrate');

type Connection = mysql.Connection;

/** The migration files in apply order (`0001_initial.sql`, ...); `.down.sql` files are their reversals. */
export function migrationFiles(dir: string = migrationsDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f) && !f.endsWith('.down.sql'))
    .sort();
}

function storage(conn: Connection): UmzugStorage<Connection> {
  return {
    async executed() {
      const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT name FROM schema_migrations ORDER BY name');
      return rows.map((r) => String(r.name));
    },
    async logMigration({ name }) {
      await conn.query('INSERT INTO schema_migrations (name, applied_at) VALUES (?, UTC_TIMESTAMP(3))', [name]);
    },
    async unlogMigration({ name }) {
      await conn.query('DELETE FROM schema_migrations WHERE name = ?', [name]);
    },
  };
}

export function createMigrator(conn: Connection, dir: string = migrationsDir): Umzug<Connection> {
  return new Umzug<Connection>({
    context: conn,
    storage: storage(conn),
    logger: {
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
      debug: (m) => log.debug(m),
    },
    migrations: migrationFiles(dir).map((file) => {
      const name = file.replace(/\.sql$/, '');
      const downFile = path.join(dir, `${name}.down.sql`);
      return {
        name,
        path: path.join(dir, file),
        up: async ({ context }: { context: Connection }) => {
          await context.query(fs.readFileSync(path.join(dir, file), 'utf8'));
        },
        down: async ({ context }: { context: Connection }) => {
          if (!fs.existsSync(downFile)) throw new Error(`migration ${name} has no ${name}.down.sql`);
          await context.query(fs.readFileSync(downFile, 'utf8'));
        },
      };
    }),
  });
}

/**
 * Creates the database if missing and applies every pending migration. Returns the names it applied.
 * Throws UnavailableError when the server does not answer (callers retry).
 */
export async function migrate(config: Pick<Config, 'mysqlUrl'>): Promise<string[]> {
  const opts = mysqlOptions(config);
  let conn: Connection;
  try {
    conn = await mysql.createConnection({
      host: opts.host,
      port: opts.port,
      user: opts.user,
      password: opts.password,
      multipleStatements: true,
      connectTimeout: 5000,
    });
  } catch (err) {
    throw new UnavailableError(`MySQL at ${opts.host}:${opts.port} is not answering`, err);
  }
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${opts.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await conn.query(`USE \`${opts.database}\``);
    await conn.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    const lockName = `techmap.migrate.${opts.database}`;
    const [lock] = await conn.query<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, 120) AS got', [lockName]);
    if (Number(lock[0]?.got) !== 1) throw new UnavailableError(`could not take migration lock ${lockName}`);
    try {
      await conn.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           name VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
           applied_at DATETIME(3) NOT NULL
         ) ENGINE=InnoDB`,
      );
      const applied = await createMigrator(conn).up();
      return applied.map((m) => m.name);
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [lockName]).catch(() => undefined);
    }
  } finally {
    await conn.end().catch(() => undefined);
  }
}
