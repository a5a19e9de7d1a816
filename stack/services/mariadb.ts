// MySQL role: the MariaDB server the machine already runs (used as it is), or else a private mariadbd from Debian's
// mariadb-server package, with its data under the stack's folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StackError } from '../errors';
import { which } from '../java';
import type { ServiceDefinition } from '../service';
import { isLoopback, type StackSettings } from '../settings';

const sbinPath = `${process.env.PATH ?? ''}${path.delimiter}/usr/sbin${path.delimiter}/usr/local/sbin${path.delimiter}/usr/bin`;

function requireBinary(name: string): string {
  const bin = which(name, sbinPath);
  if (!bin) {
    throw new StackError(
      'prerequisiteMissing',
      `no MariaDB answers at the MYSQL_URL address and ${name} is not installed: install it with \`apt-get install -y mariadb-server\` (or start your MySQL and point MYSQL_URL at it)`,
    );
  }
  return bin;
}

async function connect(s: StackSettings, withDatabase: boolean, timeoutMs = 10_000) {
  const mysql = await import('mysql2/promise');
  return mysql.createConnection({
    host: s.mysql.host,
    port: s.mysql.port,
    user: s.mysql.user,
    password: s.mysql.password,
    database: withDatabase ? s.mysql.database : undefined,
    connectTimeout: timeoutMs,
  });
}

async function installDb(logFile: string, dataDir: string): Promise<void> {
  const bin = requireBinary('mariadb-install-db');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.appendFileSync(logFile, `\n=== techmap stack: mariadb-install-db into ${dataDir} ===\n`);
  const fd = fs.openSync(logFile, 'a');
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        bin,
        [
          '--no-defaults',
          `--user=${os.userInfo().username}`,
          `--datadir=${dataDir}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
        ],
        { stdio: ['ignore', fd, fd] },
      );
      child.once('error', reject);
      child.once('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new StackError('failure', `mariadb-install-db failed (exit ${code}); see ${logFile}`);
  } finally {
    fs.closeSync(fd);
  }
}

export const mariadbService: ServiceDefinition = {
  name: 'mariadb',
  role: 'MySQL',
  product: () => 'MariaDB',
  host: (s) => s.mysql.host,
  ports: (s) => [s.mysql.port],
  envVar: 'MYSQL_URL',
  managed: (s) => isLoopback(s.mysql.host),
  adoptsExisting: true,
  startTimeoutMs: 60_000,
  markerArg: (ctx) => `--datadir=${path.join(ctx.stateDir, 'data')}`,

  async prepare(ctx) {
    const mariadbd = requireBinary('mariadbd');
    const dataDir = path.join(ctx.stateDir, 'data');
    if (!fs.existsSync(path.join(dataDir, 'mysql'))) {
      if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
        throw new StackError(
          'corruptData',
          `MariaDB data folder ${dataDir} has files but no system tables: run \`techmap stack reset mariadb\` to wipe it`,
        );
      }
      ctx.progress('initialising a private MariaDB data folder');
      await installDb(ctx.logFile, dataDir);
    }
    return {
      command: mariadbd,
      args: [
        '--no-defaults',
        `--user=${os.userInfo().username}`,
        this.markerArg(ctx),
        `--socket=${path.join(ctx.stateDir, 'mysqld.sock')}`,
        `--pid-file=${path.join(ctx.stateDir, 'mysqld.pid')}`,
        `--port=${ctx.settings.mysql.port}`,
        `--bind-address=${ctx.settings.mysql.host === 'localhost' ? '127.0.0.1' : ctx.settings.mysql.host}`,
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=64M',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
      ],
      cwd: ctx.stateDir,
    };
  },

  async probe(s, timeoutMs) {
    const conn = await connect(s, false, timeoutMs);
    try {
      await conn.query('SELECT 1');
    } finally {
      await conn.end().catch(() => undefined);
    }
  },

  async afterReady(ctx) {
    const conn = await connect(ctx.settings, false);
    try {
      const db = ctx.settings.mysql.database.replace(/`/g, '``');
      const [result] = await conn.query(
        `CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      if ((result as { warningStatus?: number }).warningStatus === 0)
        ctx.progress(`created database ${ctx.settings.mysql.database}`);
    } finally {
      await conn.end().catch(() => undefined);
    }
  },

  dataPaths: (ctx) => [path.join(ctx.stateDir, 'data')],
  resetNote: 'the private MariaDB instance and all its databases are gone',

  diagnose(tail, ctx) {
    if (/Can't start server: Bind on TCP\/IP port|Address already in use/i.test(tail)) {
      return new StackError(
        'portInUse',
        `MariaDB could not bind port ${ctx.settings.mysql.port}: set MYSQL_URL to a free port`,
      );
    }
    if (/Unable to lock|Check that you do not already have another mysqld/i.test(tail)) {
      return new StackError('failure', `another mariadbd uses ${path.join(ctx.stateDir, 'data')}; stop it first`);
    }
    if (/corrupt|Plugin 'InnoDB' registration as a STORAGE ENGINE failed/i.test(tail)) {
      return new StackError(
        'corruptData',
        'the private MariaDB data folder is corrupt: run `techmap stack reset mariadb` to wipe it',
      );
    }
    return null;
  },
};
