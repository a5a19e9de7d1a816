// A crawl session: what one `techmap crawl` or the producers component holds for its lifetime: the shared HTTP
// fetcher (one rate limiter and robots cache for all boards, so boards sharing a host share its budget), the
// crawl state restored from crawl.state, and one transactional producer per board.
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { Config } from '../platform/config';
import { createKafka, ensureTopics } from '../platform/kafka';
import { componentLogger, type Logger } from '../platform/logger';
import { AvroSerde } from '../platform/serde';
import { topicName } from '../platform/topics';
import { crawlBoard, type CrawlRunResult } from './runtime/crawler';
import { CrawlStateStore } from './runtime/crawl-state';
import { HttpFetcher } from './runtime/http-fetcher';
import { KafkaCrawlSink } from './runtime/kafka-sink';
import type { CrawlStats } from './runtime/records';
import { MemorySink, type CrawlSink } from './runtime/sink';
import { restoreCrawlState } from './runtime/state-restore';
import type { CrawlTarget, ProducerSettings } from './settings';

/**
 * Right after a commit the coordinator is still writing its markers and answers the next transaction with
 * CONCURRENT_TRANSACTIONS: retry that quickly (the platform's 200 ms first retry would cost ~0.4 s per batch).
 * Retries stay bounded: a send that still fails aborts its transaction, so read_committed readers never see a
 * duplicate (kafkajs warns about bounded retries for idempotence; the transaction is what guarantees it here).
 */
export const transactionalRetry = { initialRetryTime: 25, maxRetryTime: 2000, retries: 12 };

export interface SessionOptions {
  /** Fetch and diff, write nothing (no Kafka needed; state starts empty). */
  dryRun?: boolean;
  /** Boards whose producers are fenced before the state is read (a killed run's open transaction is aborted). */
  boards: string[];
  log?: Logger;
}

export interface RunOptions {
  max?: number;
  since?: number | null;
  signal?: AbortSignal;
  onProgress?: (board: string, stats: CrawlStats) => void;
}

export class CrawlSession {
  readonly store = new CrawlStateStore();
  readonly fetcher: HttpFetcher;
  private readonly producers = new Map<string, Promise<Producer>>();
  private kafka: Kafka | undefined;
  private serde: AvroSerde | undefined;
  private readonly log: Logger;

  private constructor(
    private readonly config: Config,
    private readonly producer: ProducerSettings,
    private readonly opts: SessionOptions,
  ) {
    this.log = opts.log ?? componentLogger('producers');
    this.fetcher = new HttpFetcher({
      userAgent: config.crawlUserAgent,
      timeoutMs: producer.timeoutMs,
      maxRetries: producer.maxRetries,
      backoff: { baseMs: producer.backoffBaseMs, maxMs: producer.backoffMaxMs },
      maxRetryAfterMs: producer.maxRetryAfterMs,
      maxRedirects: producer.maxRedirects,
      respectRobots: producer.respectRobots,
      defaultMinIntervalMs: config.crawlMinIntervalMs,
    });
  }

  static async open(config: Config, producer: ProducerSettings, opts: SessionOptions): Promise<CrawlSession> {
    const session = new CrawlSession(config, producer, opts);
    if (!opts.dryRun) await session.connect();
    return session;
  }

  get dryRun(): boolean {
    return this.opts.dryRun === true;
  }

  private async connect(): Promise<void> {
    this.kafka = createKafka(this.config, 'crawler');
    this.serde = new AvroSerde(this.config);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, this.config, ['raw', 'crawlState', 'crawlEvents']);
    } finally {
      await admin.disconnect();
    }
    // Fence earlier producers of these boards first: their unfinished transactions are aborted, so the state read
    // next ends at the last committed batch (and never waits on a dead crawler's open transaction).
    for (const board of this.opts.boards) {
      const p = await this.producerFor(board);
      const tx = await p.transaction();
      await tx.abort();
    }
    await restoreCrawlState(this.kafka, topicName(this.config, 'crawlState'), this.serde, this.store, this.log);
  }

  private producerFor(board: string): Promise<Producer> {
    let p = this.producers.get(board);
    if (!p) {
      const producer = this.kafka!.producer({
        transactionalId: `techmap-crawler-${this.config.topicPrefix}${board}`,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: 60000,
        retry: transactionalRetry,
      });
      p = producer.connect().then(() => producer);
      this.producers.set(board, p);
      p.catch(() => this.producers.delete(board));
    }
    return p;
  }

  /** Runs one crawl of one board. Never throws for the board's own failures: they are in the result. */
  async crawl(target: CrawlTarget, run: RunOptions = {}): Promise<CrawlRunResult> {
    const board = target.adapter.name;
    const runId = `${board}-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    let sink: CrawlSink;
    if (this.dryRun) sink = new MemorySink(this.store);
    else {
      sink = new KafkaCrawlSink({
        producer: await this.producerFor(board),
        serde: this.serde!,
        topics: {
          raw: topicName(this.config, 'raw'),
          state: topicName(this.config, 'crawlState'),
          events: topicName(this.config, 'crawlEvents'),
        },
        store: this.store,
        batchSize: this.producer.batchSize,
        maxRequestBytes: 700 * 1024,
        flushIntervalMs: this.producer.flushIntervalMs,
      });
    }
    return crawlBoard(
      {
        adapter: target.adapter,
        settings: target.settings,
        fetcher: this.fetcher,
        store: this.store,
        sink,
        log: this.log.child({ board }),
        maxRecordBytes: this.producer.maxRecordBytes,
        touchIntervalMs: this.producer.touchHours * 3600 * 1000,
        onProgress: run.onProgress ? (stats) => run.onProgress!(board, stats) : undefined,
      },
      { runId, max: run.max, since: run.since, signal: run.signal },
    );
  }

  /** After a fatal run (fenced, Kafka gone): new producers and the state read again from crawl.state. */
  async reopen(): Promise<void> {
    await this.close();
    if (this.dryRun) return;
    this.store.clear();
    await this.connect();
  }

  async close(): Promise<void> {
    this.fetcher.close();
    for (const p of this.producers.values()) await (await p.catch(() => undefined))?.disconnect();
    this.producers.clear();
  }
}
