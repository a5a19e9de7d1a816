// The reliability suite's own local stack: the same services as the dev stack on other ports, with its own
// TECHMAP_INFRA_DIR and database, so killing its broker never disturbs anyone else. MariaDB is shared (the suite
// never kills it) but the suite's data lives in databases of its own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, mysqlOptions, repoRoot } from '../../../platform/config';

const base = loadConfig();
const mysql = mysqlOptions(base);

/** Infra dir of the suite's stack (CHAOS_INFRA_DIR to move it). */
export const chaosInfraDir = process.env.CHAOS_INFRA_DIR ?? path.join(os.tmpdir(), 'techmap-chaos-infra');

/** Endpoints of the suite's stack; every child and every client of the suite uses these. */
export const chaosStackEnv: Record<string, string> = {
  TECHMAP_INFRA_DIR: chaosInfraDir,
  KAFKA_BROKERS: '127.0.0.1:29092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:28081/apis/ccompat/v7',
  S3_ENDPOINT: 'http://127.0.0.1:29000',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:24567',
  MYSQL_URL: `mysql://${mysql.user}@${mysql.host}:${mysql.port}/techmap_chaos`,
};

/** Runs `techmap <args>` against the suite's stack; resolves with its exit code and output. */
export function techmap(args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/techmap.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...chaosStackEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Brings the suite's stack up unless it already is; returns whether this call started it (then the suite stops it).
 * The downloaded jars are shared with the dev stack's infra dir (they are immutable once installed).
 */
export async function chaosStackUp(): Promise<boolean> {
  const dist = path.join(chaosInfraDir, 'dist');
  const sharedDist = path.join(path.resolve(base.infraDir), 'dist');
  fs.mkdirSync(chaosInfraDir, { recursive: true });
  if (!fs.existsSync(dist) && fs.existsSync(sharedDist)) fs.symlinkSync(sharedDist, dist);
  let started = false;
  if ((await techmap(['stack', 'status'])).code !== 0) {
    const up = await techmap(['stack', 'up']);
    if (up.code !== 0) throw new Error(`the chaos stack did not start:\n${up.output}`);
    started = true;
  }
  // The suite kills the broker by the pid its stack recorded: a broker on these ports from another infra dir
  // would be out of reach.
  if (!fs.existsSync(brokerPidFile())) {
    throw new Error(
      `a stack answers on the chaos ports but ${brokerPidFile()} is missing: it belongs to another infra dir`,
    );
  }
  return started;
}

export async function chaosStackDown(): Promise<void> {
  const down = await techmap(['stack', 'down']);
  if (down.code !== 0) throw new Error(`the chaos stack did not stop:\n${down.output}`);
}

function brokerPidFile(): string {
  return path.join(chaosInfraDir, 'run', 'kafka.json');
}

/** The pid of the suite's Kafka broker, from the stack's pid record. */
export function brokerPid(): number {
  const rec = JSON.parse(fs.readFileSync(brokerPidFile(), 'utf8')) as { pid: number };
  return rec.pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** kill -9 of the broker; resolves once the process is gone. */
export async function killBroker(): Promise<number> {
  const pid = brokerPid();
  process.kill(pid, 'SIGKILL');
  while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
  return pid;
}

/** Starts the broker again (`stack up` starts what is down and waits until it answers). */
export async function restartBroker(): Promise<void> {
  const up = await techmap(['stack', 'up']);
  if (up.code !== 0) throw new Error(`the broker did not come back:\n${up.output}`);
}
