// Open-loop HTTP load for bench/gateway.ts, run as a child process so the client does not share the server's
// event loop. Requests are sent on a fixed schedule whatever the answers do (open loop), and each latency is
// measured from the moment the request was DUE, so a slow server cannot hide its queueing (no coordinated
// omission). Loopback only. Input: one JSON argument; output: one JSON line on stdout.
import http from 'node:http';

interface Target {
  name: string;
  /** Absolute http://127.0.0.1:<port>/... URLs; each request picks one at random. */
  urls: string[];
}

interface LoadPlan {
  targets: Target[];
  ratePerSecond: number;
  durationMs: number;
  warmupMs: number;
  timeoutMs: number;
}

export interface LoadResult {
  name: string;
  sent: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  achievedRate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function get(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const u = new URL(url);
    if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') throw new Error('loopback only');
    const req = http.get({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function runPhase(target: Target, plan: LoadPlan, durationMs: number, record: boolean): Promise<LoadResult> {
  const interval = 1000 / plan.ratePerSecond;
  const total = Math.floor((durationMs / 1000) * plan.ratePerSecond);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const url = target.urls[Math.floor(Math.random() * target.urls.length)]!;
    inFlight.push(
      get(url, plan.timeoutMs).then((status) => {
        const latency = performance.now() - due;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 400) ok++;
        else errors++;
        if (record) latencies.push(latency);
      }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    name: target.name,
    sent: total,
    ok,
    errors,
    statuses,
    achievedRate: round(total / elapsed),
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? NaN),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
  };
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
const results: LoadResult[] = [];
for (const target of plan.targets) {
  if (plan.warmupMs > 0) await runPhase(target, plan, plan.warmupMs, false);
  results.push(await runPhase(target, plan, plan.durationMs, true));
}
process.stdout.write(`${JSON.stringify(results)}\n`);
agent.destroy();
