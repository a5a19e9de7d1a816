// End to end through the one command: `techmap start --no-stack` runs the demo board, crawlers, refine, enrich,
// all sinks and the gateway as separate processes over the real local services; postings crawled from the demo
// board become numbers in the REST API, with the postings behind them; Ctrl-C stops every process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { loadConfig, mysqlOptions, repoRoot } from '../../platform/config';
import { freePort } from '../../stack/ports';
import { dropTopics, eventually } from '../support/services';

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10000) });
  return { status: res.status, body: (await res.json()) as T };
}

interface FieldRow {
  id: string;
  postings: number;
}

describe('techmap start (end to end over the real services)', function () {
  this.timeout(600000);
  const run = randomBytes(3).toString('hex');
  const base = loadConfig();
  const database = `techmap_e2e_${run}`;
  const mysqlUrl = `mysql://${mysqlOptions(base).user}@${mysqlOptions(base).host}:${mysqlOptions(base).port}/${database}`;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;
  let output = '';
  let api = '';

  before(async () => {
    const gatewayPort = await freePort();
    api = `http://127.0.0.1:${gatewayPort}`;
    env = {
      TECHMAP_TOPIC_PREFIX: `t-e2e-${run}.`,
      TOPIC_PARTITIONS: '2',
      MYSQL_URL: mysqlUrl,
      DYNAMODB_TABLE: `techmap-e2e-${run}`,
      S3_BUCKET: `techmap-e2e-${run}`,
      GATEWAY_PORT: String(gatewayPort),
      DEMO_BOARD_PORT: String(await freePort()),
      TECHMAP_INFRA_DIR: path.join(base.infraDir, `e2e-${run}`),
      CRAWL_BOARDS: 'demo',
      LOG_LEVEL: 'warn',
    };
    child = spawn(process.execPath, [path.join(repoRoot, 'bin/techmap.js'), 'start', '--no-stack'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  });

  after(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dropTopics(loadConfig({ ...process.env, ...env }));
    const conn = await mysql.createConnection({ ...mysqlOptions(base), database: undefined });
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.end();
  });

  it('prints the URLs, then the postings of the demo board become visible in the API', async () => {
    const fields = await eventually(
      async () => {
        const { status, body } = await getJson<{ fields?: FieldRow[] } | FieldRow[]>(`${api}/api/v1/fields`);
        if (status !== 200) return undefined;
        const list = Array.isArray(body) ? body : (body.fields ?? []);
        const total = list.reduce((s, f) => s + f.postings, 0);
        return total >= 300 ? list : undefined;
      },
      420000,
      `postings in ${api}/api/v1/fields (output so far:\n${output.slice(-2000)})`,
    );
    assert.match(output, new RegExp(`dashboard +${api.replace(/[.]/g, '\\.')}/`));
    const byId = new Map(fields.map((f) => [f.id, f.postings]));
    for (const field of ['backend', 'frontend']) assert.ok((byId.get(field) ?? 0) > 0, `no ${field} postings`);
  });

  it('answers the headline question: top skills of backend postings, with the postings behind them', async () => {
    const { status, body } = await getJson<{ skills: Array<{ id: string; count: number; share: number }> }>(
      `${api}/api/v1/fields/backend/skills?limit=10`,
    );
    assert.equal(status, 200);
    assert.equal(body.skills.length, 10);
    for (const s of body.skills) assert.ok(s.count > 0 && s.share > 0 && s.share <= 1, JSON.stringify(s));
    const top = body.skills[0]!;
    const postings = await getJson<{ items?: Array<{ id: string }>; postings?: Array<{ id: string }> }>(
      `${api}/api/v1/postings?field=backend&skill=${top.id}&limit=5`,
    );
    assert.equal(postings.status, 200);
    const items = postings.body.items ?? postings.body.postings ?? [];
    assert.ok(items.length > 0, `no postings behind ${top.id}`);
    const one = await getJson<{ id: string; skills: Array<{ id: string }> }>(
      `${api}/api/v1/postings/${encodeURIComponent(items[0]!.id)}`,
    );
    assert.equal(one.status, 200);
    assert.ok(one.body.skills.some((s) => s.id === top.id));
  });

  it('stops every process on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGINT');
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`${api}/health`, { signal: AbortSignal.timeout(2000) }));
  });
});
