// npm run bench -- gateway [--rate=200] [--duration=20] [--warmup=3] [--postings=100000] [--keep]
//
// 1. Generates a dedicated database (techmap_bench_gateway_<random>, the sink's migrations) with >= 1,000,000
//    posting-skill rows (100,000 postings x ~10.5 skills over 12 job fields, ~400 skills, 52 weeks), bulk-loaded
//    with multi-row INSERTs; the aggregate tables are summed by the MySQL sink's own AggregateDelta over the
//    generated postings and bulk-inserted. agg_skill_pair is not written: the measured routes do not read it.
// 2. Serves the gateway (no Kafka, rate limit off) and a bare Koa hello-world in this process, on loopback.
// 3. A child process sends open-loop load at --rate requests/s to each target in turn (hello world, top skills,
//    trend) for --duration seconds after --warmup seconds, and reports latency percentiles measured from each
//    request's due time. Benchmarks never fail on a figure; the target (p99 < 50 ms) is reported as met or not.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Koa from 'koa';
import mysql from 'mysql2/promise';
import { loadConfig, mysqlOptions, repoRoot, type Config } from '../platform/config';
import { componentLogger } from '../platform/logger';
import { createGateway } from '../gateway/app';
import { createDocumentClient, createGatewayPool } from '../gateway/clients';
import { AggregateDelta } from '../sinks/mysql/aggregates';
import { migrate } from '../sinks/mysql/migrate';
import { loadTaxonomy } from '../taxonomy';
import type { BenchResult } from './types';
import type { LoadResult } from './_gateway-load';

interface Options {
  rate: number;
  durationS: number;
  warmupS: number;
  postings: number;
  keep: boolean;
}

function parseArgs(args: string[]): Options {
  const get = (name: string, def: number) => {
    const a = args.find((x) => x.startsWith(`--${name}=`));
    const v = a ? Number(a.split('=')[1]) : def;
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  return {
    rate: get('rate', 200),
    durationS: get('duration', 20),
    warmupS: get('warmup', 3),
    postings: Math.floor(get('postings', 100000)),
    keep: args.includes('--keep'),
  };
}

/** Small seeded PRNG (mulberry32) so every run generates the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86400000;

function mondayOf(ms: number): string {
  const d = new Date(ms);
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - dow * DAY).toISOString().slice(0, 10);
}

const dt = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

interface Generated {
  postingSkillRows: number;
  postings: number;
  fields: string[];
  topSkillsByField: Map<string, string[]>;
}

async function insertMany(
  conn: mysql.PoolConnection,
  sqlHead: string,
  rows: unknown[][],
  chunk: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    // Multi-row INSERT with placeholders (mysql2 expands the nested array into (?, ?), (?, ?) ... escaped).
    await conn.query(`${sqlHead} VALUES ?`, [rows.slice(i, i + chunk)]);
  }
}

async function generate(pool: mysql.Pool, n: number, log: (s: string) => void): Promise<Generated> {
  const taxonomy = loadTaxonomy();
  const rand = prng(20260302);
  const fields = taxonomy.jobFields.map((f) => f.id);
  const fieldWeights = fields.map((_, i) => 1 / (i + 1.5));
  const weightSum = fieldWeights.reduce((a, b) => a + b, 0);
  const techs = taxonomy.technologies.slice(0, 1293);
  // Each field draws from its own ordering of 400 skills, Zipf-like (rank r has weight 1 / (r + 2)).
  const perField = new Map<string, string[]>();
  for (const f of fields) {
    const pool400 = [...techs]
      .sort(() => rand() - 0.5)
      .slice(0, 400)
      .map((t) => t.id);
    perField.set(f, pool400);
  }
  const zipf = Array.from({ length: 400 }, (_, r) => 1 / (r + 2));
  const zipfCum: number[] = [];
  zipf.reduce((acc, w, i) => (zipfCum[i] = acc + w), 0);
  const zipfTotal = zipfCum[zipfCum.length - 1]!;
  const pickRank = () => {
    const x = rand() * zipfTotal;
    let lo = 0;
    let hi = zipfCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (zipfCum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const pickField = () => {
    let x = rand() * weightSum;
    for (let i = 0; i < fields.length; i++) {
      x -= fieldWeights[i]!;
      if (x <= 0) return fields[i]!;
    }
    return fields[fields.length - 1]!;
  };
  const boards = ['wanted', 'jumpit', 'saramin', 'programmers', 'greenhouse'];
  const seniorities = ['INTERN', 'JUNIOR', 'MID', 'SENIOR', 'LEAD', 'UNKNOWN'];
  const requirements = ['REQUIRED', 'REQUIRED', 'REQUIRED', 'PREFERRED', 'PREFERRED', 'MENTIONED'];
  const companies = 5000;
  const now = Date.UTC(2026, 2, 16);
  const conn = await pool.getConnection();
  try {
    await conn.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    const ts = dt(now);
    await insertMany(
      conn,
      'INSERT INTO job_fields (id, name, name_ko, first_seen_at, updated_at)',
      taxonomy.jobFields.map((f) => [f.id, f.name, f.nameKo, ts, ts]),
      1000,
    );
    await insertMany(
      conn,
      'INSERT INTO skill_categories (id, name, first_seen_at)',
      taxonomy.categories.map((c) => [c.id, c.name, ts]),
      1000,
    );
    await insertMany(
      conn,
      'INSERT INTO skills (id, name, category_id, first_seen_at, updated_at)',
      techs.map((t) => [t.id, t.name, t.category, ts, ts]),
      1000,
    );
    await insertMany(
      conn,
      'INSERT INTO boards (id, first_seen_at)',
      boards.map((b) => [b, ts]),
      100,
    );
    await insertMany(
      conn,
      'INSERT INTO companies (id, name, board_company_id, first_seen_at, last_seen_at)',
      Array.from({ length: companies }, (_, i) => [`company-${i}`, `Company ${i}`, null, ts, ts]),
      2000,
    );
    let skillRows = 0;
    const delta = new AggregateDelta();
    const batch = 5000;
    for (let start = 0; start < n; start += batch) {
      const postingRows: unknown[][] = [];
      const sourceRows: unknown[][] = [];
      const psRows: unknown[][] = [];
      for (let i = start; i < Math.min(n, start + batch); i++) {
        const field = pickField();
        const posted = now - Math.floor(rand() * 52 * 7 * DAY);
        const week = mondayOf(posted);
        const company = `company-${Math.floor(rand() * rand() * companies)}`;
        const seniority = seniorities[Math.floor(rand() * seniorities.length)]!;
        const status = rand() < 0.7 ? 'OPEN' : 'CLOSED';
        const board = boards[Math.floor(rand() * boards.length)]!;
        const id = `${board}:${i}`;
        const k = 6 + Math.floor(rand() * 10);
        const chosen = new Set<string>();
        const fieldSkills = perField.get(field)!;
        while (chosen.size < k) chosen.add(fieldSkills[pickRank()]!);
        const skillRequirements = [...chosen].map((s) => ({
          id: s,
          requirement: requirements[Math.floor(rand() * requirements.length)]!,
        }));
        delta.add(
          {
            jobFieldId: field,
            week,
            open: status === 'OPEN',
            skills: skillRequirements.map((x) => ({ id: x.id, required: x.requirement === 'REQUIRED' })),
          },
          1,
        );
        postingRows.push([
          id,
          posted,
          dt(posted + DAY),
          `Engineer ${i}`,
          company,
          field,
          0.9,
          'RULES',
          seniority,
          'RULES',
          'FULL_TIME',
          1,
          5,
          0,
          null,
          null,
          null,
          null,
          null,
          null,
          'Seoul',
          'Seoul',
          'Seoul',
          'KR',
          'ONSITE',
          'ko',
          status,
          dt(posted),
          null,
          1,
          week,
          dt(posted),
          dt(posted + DAY),
          status === 'CLOSED' ? dt(posted + 30 * DAY) : null,
          chosen.size,
          '[]',
          '[]',
          '0'.repeat(64),
          'tx-bench',
          0,
          id,
          dt(posted),
          ts,
          ts,
        ]);
        sourceRows.push([
          board,
          String(i),
          id,
          `https://${board}.example/jobs/${i}`,
          dt(posted),
          dt(posted + DAY),
          status === 'CLOSED' ? 1 : 0,
        ]);
        for (const s of skillRequirements) {
          psRows.push([id, s.id, s.requirement, 'RULES', 0, 1, field, company, seniority, status, week]);
        }
      }
      await insertMany(
        conn,
        `INSERT INTO postings (id, version, enriched_at, title, company_id, job_field_id, job_field_confidence,
          job_field_method, seniority, seniority_method, employment_type, experience_min, experience_max, newcomer_ok,
          experience_raw, salary_min, salary_max, salary_currency, salary_period, salary_raw, location_raw, city, region,
          country, remote, language, status, posted_at, deadline, always_open, activity_week, first_seen_at,
          last_seen_at, closed_at, skill_count, board_tags, board_categories, content_hash, taxonomy_version, llm_used,
          document_key, refined_at, created_at, updated_at)`,
        postingRows,
        1000,
      );
      await insertMany(
        conn,
        'INSERT INTO posting_sources (board, board_posting_id, posting_id, url, first_seen_at, last_seen_at, closed)',
        sourceRows,
        2000,
      );
      await insertMany(
        conn,
        `INSERT INTO posting_skills (posting_id, skill_id, requirement, methods, implied, evidence_count, job_field_id,
          company_id, seniority, status, activity_week)`,
        psRows,
        4000,
      );
      skillRows += psRows.length;
      if ((start / batch) % 4 === 0)
        log(`generated ${Math.min(n, start + batch)} / ${n} postings, ${skillRows} posting-skill rows`);
    }
    // The aggregates as the MySQL sink keeps them: its own AggregateDelta, summed over every generated posting.
    log('writing aggregates (sinks/mysql/aggregates.ts AggregateDelta)');
    const agg = delta.rows();
    const flat = (rows: Array<[string[], number[]]>) => rows.map(([k, c]) => [...k, ...c]);
    await insertMany(conn, 'INSERT INTO agg_field (job_field_id, all_postings, open_postings)', flat(agg.field), 2000);
    await insertMany(
      conn,
      'INSERT INTO agg_field_week (job_field_id, week_start, all_postings, open_postings)',
      flat(agg.fieldWeek),
      2000,
    );
    await insertMany(
      conn,
      'INSERT INTO agg_field_skill (job_field_id, skill_id, all_postings, open_postings, required_postings)',
      flat(agg.fieldSkill),
      2000,
    );
    await insertMany(
      conn,
      'INSERT INTO agg_skill_week (job_field_id, skill_id, week_start, all_postings, open_postings, required_postings)',
      flat(agg.skillWeek),
      4000,
    );
    await conn.query(
      'ANALYZE TABLE agg_field, agg_field_week, agg_field_skill, agg_skill_week, postings, posting_skills',
    );
    const top = new Map<string, string[]>();
    for (const f of fields) top.set(f, perField.get(f)!.slice(0, 30));
    return { postingSkillRows: skillRows, postings: n, fields, topSkillsByField: top };
  } finally {
    conn.release();
  }
}

function listen(callback: http.RequestListener): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(callback);
  server.keepAliveTimeout = 65000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

function runLoad(plan: unknown): Promise<LoadResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'bench', '_gateway-load.ts'), JSON.stringify(plan)],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult[]);
    });
  });
}

export async function run(args: string[]): Promise<BenchResult> {
  const opts = parseArgs(args);
  const log = (s: string) => process.stderr.write(`bench: gateway: ${s}\n`);
  const database = `techmap_bench_gateway_${randomBytes(3).toString('hex')}`;
  const base = loadConfig();
  const url = new URL(base.mysqlUrl);
  url.pathname = `/${database}`;
  const config: Config = { ...base, mysqlUrl: url.toString() };
  log(`database ${database}: migrating`);
  await migrate(config);
  const pool = createGatewayPool(config, 16);
  const dynamo = createDocumentClient(config);
  const servers: http.Server[] = [];
  try {
    const genStart = Date.now();
    const data = await generate(pool, opts.postings, log);
    const genSeconds = (Date.now() - genStart) / 1000;
    log(`${data.postingSkillRows} posting-skill rows in ${genSeconds.toFixed(1)} s`);

    const hello = new Koa();
    hello.use((ctx) => {
      ctx.body = 'hello world';
    });
    const helloServer = await listen(hello.callback());
    const gateway = createGateway({
      config,
      db: pool,
      dynamo,
      // Request lines at info would go to stderr 200 times a second; the bench keeps warnings only.
      logger: componentLogger('gateway.bench').child({}, { level: 'warn' }),
      settings: { rateLimit: false },
    });
    const gatewayServer = await listen(gateway.callback());
    servers.push(helloServer.server, gatewayServer.server);

    const periods = ['', '', '&period=12w', '&period=26w'];
    const topUrls: string[] = [];
    const trendUrls: string[] = [];
    for (const f of data.fields) {
      for (const p of periods) topUrls.push(`${gatewayServer.url}/api/v1/fields/${f}/skills?limit=10${p}`);
      for (const s of data.topSkillsByField.get(f)!) {
        trendUrls.push(`${gatewayServer.url}/api/v1/skills/${encodeURIComponent(s)}/trend?field=${f}&weeks=26`);
        if (trendUrls.length % 5 === 0)
          trendUrls.push(`${gatewayServer.url}/api/v1/skills/${encodeURIComponent(s)}/trend?weeks=52`);
      }
    }
    // Every URL answers 200 before the load starts (a broken route must not look fast).
    for (const u of [topUrls[0]!, trendUrls[0]!]) {
      const res = await fetch(u);
      if (res.status !== 200) throw new Error(`${u} answered ${res.status}: ${await res.text()}`);
    }
    log(`load: ${opts.rate} req/s, ${opts.warmupS} s warm-up + ${opts.durationS} s measured per target`);
    const results = await runLoad({
      targets: [
        { name: 'koa-hello', urls: [`${helloServer.url}/`] },
        { name: 'top-skills', urls: topUrls },
        { name: 'trend', urls: trendUrls },
      ],
      ratePerSecond: opts.rate,
      durationMs: opts.durationS * 1000,
      warmupMs: opts.warmupS * 1000,
      timeoutMs: 5000,
    });
    const by = new Map(results.map((r) => [r.name, r]));
    const hw = by.get('koa-hello')!;
    const figures = [
      { label: 'posting-skill rows', value: data.postingSkillRows, unit: 'rows' },
      { label: 'postings', value: data.postings, unit: 'rows' },
      { label: 'bulk load incl. aggregates', value: genSeconds, unit: 's' },
      { label: 'offered rate', value: opts.rate, unit: 'req/s' },
    ];
    for (const r of results) {
      figures.push(
        { label: `${r.name} achieved rate`, value: r.achievedRate, unit: 'req/s' },
        { label: `${r.name} p50`, value: r.p50, unit: 'ms' },
        { label: `${r.name} p99`, value: r.p99, unit: 'ms' },
        { label: `${r.name} max`, value: r.max, unit: 'ms' },
        { label: `${r.name} errors`, value: r.errors, unit: 'req' },
      );
    }
    const ratios = ['top-skills', 'trend'].map((name) => {
      const r = by.get(name)!;
      return {
        label: `${name} p99 / koa-hello p99`,
        value: Math.round((r.p99 / Math.max(0.01, hw.p99)) * 100) / 100,
        target: `p99 < 50 ms (${r.p99} ms)`,
        met: r.p99 < 50 && r.errors === 0,
      };
    });
    return {
      name: 'gateway',
      figures,
      ratios,
      notes: [
        `database ${database}${opts.keep ? ' kept' : ' dropped after the run'}; gateway and hello world in this process, open-loop load from a child process, loopback`,
        `top-skills mixes period=all/12w/26w over ${data.fields.length} fields; trend mixes 26 weeks in a field and 52 weeks across fields`,
        "latency is measured from each request's scheduled time (no coordinated omission); a warm-up phase at the same rate precedes each measurement",
        'coverage counts (companies, boards, dates) of top-skills are memoised per cache period; the warm-up fills them',
        `statuses: ${results.map((r) => `${r.name} ${JSON.stringify(r.statuses)}`).join('; ')}`,
      ],
    };
  } finally {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    await pool.end().catch(() => undefined);
    dynamo.destroy();
    if (!opts.keep) {
      const o = mysqlOptions(config);
      const conn = await mysql.createConnection({ host: o.host, port: o.port, user: o.user, password: o.password });
      await conn.query(`DROP DATABASE IF EXISTS \`${database}\``).finally(() => conn.end());
    }
  }
}
