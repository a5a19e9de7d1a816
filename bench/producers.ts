// npm run bench -- producers
// 1. Politeness: requests per host in the busiest 60 s window against the configured limit (CRAWL_MIN_INTERVAL_MS,
//    default 2000 ms = 30 per minute). Measured on the real HostRateLimiter twice: under a virtual clock for 10
//    simulated minutes of 12 greedy workers on 3 hosts, and in real time through the real HttpFetcher against a
//    local server with the interval scaled down 100x (the window scaled alike).
// 2. Throughput against the real broker: records/s with one awaited send per record vs batched sends, and the
//    crawl sink's transactional batches (raw record + its state per posting).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { BenchResult } from './types';
import { loadConfig } from '../platform/config';
import { createKafka, ensureTopics } from '../platform/kafka';
import { AvroSerde } from '../platform/serde';
import { deletePrefixedTopics } from '../platform/topic-setup';
import { topicName } from '../platform/topics';
import { VirtualClock } from '../producers/runtime/clock';
import { CrawlStateStore, type PostingState } from '../producers/runtime/crawl-state';
import { HttpFetcher } from '../producers/runtime/http-fetcher';
import { KafkaCrawlSink } from '../producers/runtime/kafka-sink';
import { HostRateLimiter } from '../producers/runtime/rate-limiter';
import type { RawPostingValue } from '../producers/runtime/records';
import { generateUniverse, openJobs } from '../producers/demo-board/generator';
import { wantedDetail } from '../producers/demo-board/formats';
import { transactionalRetry } from '../producers/session';

/** Largest number of timestamps inside any half-open window [t, t + windowMs). */
export function busiestWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function virtualClockRun(intervalMs: number) {
  const clock = new VirtualClock(0);
  const limiter = new HostRateLimiter(clock);
  const hosts = ['www.wanted.test', 'jumpit-api.test', 'boards-api.test'];
  const starts = new Map(hosts.map((h) => [h, [] as number[]]));
  const end = 10 * 60 * 1000;
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const worker = async () => {
    while (clock.now() < end) {
      const host = hosts[Math.floor(rand() * hosts.length)]!;
      await limiter.acquire(host, intervalMs);
      starts.get(host)!.push(clock.now());
      await clock.sleep(50 + Math.floor(rand() * 750)); // the request itself
    }
  };
  await clock.run(Promise.all(Array.from({ length: 12 }, worker)));
  return Math.max(...[...starts.values()].map((s) => busiestWindow(s, 60000)));
}

/** The real limiter, noting when it lets each request start. */
class RecordingLimiter extends HostRateLimiter {
  readonly starts: number[] = [];
  override async acquire(host: string, minIntervalMs: number, signal?: AbortSignal): Promise<void> {
    await super.acquire(host, minIntervalMs, signal);
    this.starts.push(Date.now());
  }
}

async function realClockRun(intervalMs: number, windowMs: number, durationMs: number) {
  const times: number[] = [];
  const limiter = new RecordingLimiter();
  const server = http.createServer((req, res) => {
    if (req.url !== '/robots.txt') times.push(Date.now());
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url === '/robots.txt' ? 'User-agent: *\nAllow: /\n' : '{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fetcher = new HttpFetcher({
    userAgent: 'techmap-crawler/bench (+https://example.invalid)',
    timeoutMs: 5000,
    maxRetries: 0,
    backoff: { baseMs: 10, maxMs: 10 },
    maxRetryAfterMs: 0,
    maxRedirects: 0,
    respectRobots: true,
    defaultMinIntervalMs: intervalMs,
    limiter,
  });
  const stopAt = Date.now() + durationMs;
  const worker = async () => {
    while (Date.now() < stopAt) {
      await fetcher.fetch({ url: `${url}/job`, minIntervalMs: intervalMs, maxBodyBytes: 1e6 });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  server.closeAllConnections();
  server.close();
  fetcher.close();
  return {
    busiest: busiestWindow(limiter.starts, windowMs),
    atServer: busiestWindow(times, windowMs),
    total: times.length,
  };
}

function sampleRecords(n: number): RawPostingValue[] {
  const jobs = openJobs(generateUniverse(), 0).filter((j) => j.listings[0]!.board === 'wanted');
  return Array.from({ length: n }, (_, i) => {
    const job = jobs[i % jobs.length]!;
    const body = Buffer.from(
      JSON.stringify(wantedDetail(job, job.listings[0]!, { origin: 'http://127.0.0.1:8090', generation: 0 })),
    );
    return {
      board: 'wanted',
      boardPostingId: String(900000 + i),
      change: 'NEW',
      url: `http://127.0.0.1:8090/wanted/wd/${900000 + i}`,
      sourceUrl: `http://127.0.0.1:8090/wanted/api/v4/jobs/${900000 + i}`,
      fetchedAt: Date.now(),
      httpStatus: 200,
      contentType: 'application/json; charset=utf-8',
      body,
      listEntry: null,
      contentHash: randomBytes(32).toString('hex'),
      etag: null,
      lastModified: null,
      crawlRunId: 'bench',
    } satisfies RawPostingValue;
  });
}

export async function run(): Promise<BenchResult> {
  const base = loadConfig();
  const notes: string[] = [];
  const interval = base.crawlMinIntervalMs;
  const limitPerMinute = Math.floor(60000 / interval);

  const virtualBusiest = await virtualClockRun(interval);
  const scale = 20;
  const real = await realClockRun(interval / scale, 60000 / scale, (3 * 60000) / scale);

  // Throughput against the real broker, on topics private to this run.
  const config = { ...base, topicPrefix: `bench-producers-${randomBytes(3).toString('hex')}.` };
  const kafka = createKafka(config, 'bench-producers');
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, config, ['raw', 'crawlState', 'crawlEvents']);
  const serde = new AvroSerde(config);
  const raw = topicName(config, 'raw');
  const singleN = 400;
  const batchN = 6000;
  const records = sampleRecords(batchN);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const tx = kafka.producer({
    transactionalId: `${config.topicPrefix}bench`,
    idempotent: true,
    maxInFlightRequests: 1,
    retry: transactionalRetry,
  });
  await tx.connect();
  try {
    await producer.send({ topic: raw, messages: [{ key: 'warm', value: await serde.encode('raw', records[0]) }] });

    let t0 = performance.now();
    for (const r of records.slice(0, singleN)) {
      await producer.send({
        topic: raw,
        acks: -1,
        messages: [{ key: `wanted:${r.boardPostingId}`, value: await serde.encode('raw', r) }],
      });
    }
    const singleRate = singleN / ((performance.now() - t0) / 1000);

    t0 = performance.now();
    for (let i = 0; i < batchN; i += 500) {
      const messages = await Promise.all(
        records
          .slice(i, i + 500)
          .map(async (r) => ({ key: `wanted:${r.boardPostingId}`, value: await serde.encode('raw', r) })),
      );
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic: raw, messages }] });
    }
    const batchRate = batchN / ((performance.now() - t0) / 1000);

    const store = new CrawlStateStore();
    const sink = new KafkaCrawlSink({
      producer: tx,
      serde,
      topics: { raw, state: topicName(config, 'crawlState'), events: topicName(config, 'crawlEvents') },
      store,
      batchSize: 200,
      maxRequestBytes: 700 * 1024,
      flushIntervalMs: 0,
    });
    t0 = performance.now();
    for (const r of records) {
      const state: PostingState = {
        kind: 'POSTING',
        board: r.board,
        boardPostingId: r.boardPostingId,
        scope: 'wanted',
        status: 'OPEN',
        contentHash: r.contentHash,
        etag: null,
        lastModified: null,
        firstSeenAt: r.fetchedAt,
        lastSeenAt: r.fetchedAt,
        url: r.url,
        sourceUrl: r.sourceUrl,
        httpStatus: 200,
        contentType: r.contentType,
        body: r.body,
        listEntry: null,
        runId: 'bench',
      };
      await sink.put(r, state);
    }
    await sink.flush();
    const sinkRate = batchN / ((performance.now() - t0) / 1000);
    notes.push(
      `records ~${Math.round(records[0]!.body.length / 100) / 10} KB of Wanted detail JSON, Avro-encoded via the registry; acks=all`,
    );
    notes.push(
      `crawl sink: ${sink.commits} transactions, each raw record + its crawl.state entry (2 messages per posting)`,
    );
    notes.push(
      `real-clock run: ${real.total} requests in ${(3 * 60) / scale} s at a ${interval / scale} ms interval, 8 workers (window ${60000 / scale} ms); ` +
        'the server may count one more per window than was sent, from a few ms of network jitter at the window edges',
    );

    return {
      name: 'producers',
      figures: [
        {
          label: `requests/host, busiest 60 s (virtual clock, ${interval} ms interval, 12 workers, 3 hosts, 10 min)`,
          value: virtualBusiest,
          unit: 'req',
        },
        {
          label: `requests/host, busiest ${60000 / scale} ms (real clock, interval / ${scale}), as sent`,
          value: real.busiest,
          unit: 'req',
        },
        {
          label: `requests/host, busiest ${60000 / scale} ms (real clock, interval / ${scale}), as received`,
          value: real.atServer,
          unit: 'req',
        },
        { label: 'configured limit per 60 s window', value: limitPerMinute, unit: 'req' },
        { label: 'one awaited send per record', value: singleRate, unit: 'records/s' },
        { label: 'batched sendBatch (500 per request)', value: batchRate, unit: 'records/s' },
        { label: 'crawl sink: transactional batches of 200 (+ state)', value: sinkRate, unit: 'records/s' },
      ],
      ratios: [
        {
          label: 'busiest window / limit (virtual clock)',
          value: virtualBusiest / limitPerMinute,
          target: '<= 1',
          met: virtualBusiest <= limitPerMinute,
        },
        {
          label: 'busiest window / limit (real clock, scaled)',
          value: real.busiest / limitPerMinute,
          target: '<= 1',
          met: real.busiest <= limitPerMinute,
        },
        {
          label: 'batched / one-by-one records/s',
          value: batchRate / singleRate,
          target: '>= 5x',
          met: batchRate / singleRate >= 5,
        },
        {
          label: 'crawl sink / one-by-one records/s',
          value: sinkRate / singleRate,
          target: '>= 5x',
          met: sinkRate / singleRate >= 5,
        },
      ],
      notes,
    };
  } finally {
    await producer.disconnect();
    await tx.disconnect();
    await admin.disconnect();
    await deletePrefixedTopics(config, 'bench-teardown').catch(() => undefined);
  }
}
