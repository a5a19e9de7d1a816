// Prometheus metrics (prom-client) and the small HTTP endpoint every long-running component exposes:
// /metrics, /health (the process is alive) and /ready (its dependencies answer).
import http from 'node:http';
import client from 'prom-client';

export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'techmap_' });

const counters = new Map<string, client.Counter<string>>();
const histograms = new Map<string, client.Histogram<string>>();
const gauges = new Map<string, client.Gauge<string>>();

/** A counter registered once by name; later calls with the same name return the same counter. */
export function counter(name: string, help: string, labelNames: string[] = []): client.Counter<string> {
  let c = counters.get(name);
  if (!c) {
    c = new client.Counter({ name, help, labelNames, registers: [metricsRegistry] });
    counters.set(name, c);
  }
  return c;
}

export function histogram(
  name: string,
  help: string,
  labelNames: string[] = [],
  buckets: number[] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
): client.Histogram<string> {
  let h = histograms.get(name);
  if (!h) {
    h = new client.Histogram({ name, help, labelNames, buckets, registers: [metricsRegistry] });
    histograms.set(name, h);
  }
  return h;
}

export function gauge(name: string, help: string, labelNames: string[] = []): client.Gauge<string> {
  let g = gauges.get(name);
  if (!g) {
    g = new client.Gauge({ name, help, labelNames, registers: [metricsRegistry] });
    gauges.set(name, g);
  }
  return g;
}

export type ReadinessCheck = () => Promise<void>;

/** Serves /metrics, /health and /ready on `port` (0 picks a free port). Resolves with the bound server. */
export async function startOpsServer(
  port: number,
  host: string,
  readiness: Record<string, ReadinessCheck> = {},
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    void (async () => {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': metricsRegistry.contentType });
        res.end(await metricsRegistry.metrics());
      } else if (req.url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok' }));
      } else if (req.url === '/ready') {
        const checks = await runReadiness(readiness);
        const ok = Object.values(checks).every((c) => c === 'ok');
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ready' : 'not ready', checks }));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'not found' }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export async function runReadiness(readiness: Record<string, ReadinessCheck>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(readiness).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, (err as Error).message || 'failed'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
