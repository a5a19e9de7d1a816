// Follows postings.dlq and crawl.events from the beginning (a private consumer group that never commits) and
// keeps what /pipeline shows: dead letters per stage and the last crawl run per board.
import { randomBytes } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import type { Config } from '../platform/config';
import { describeError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { AvroSerde } from '../platform/serde';
import { topicName } from '../platform/topics';

export interface DeadLetterCount {
  stage: string;
  count: number;
  lastAt: string | null;
  lastError: string | null;
  /** Counts by error type, e.g. { DecodeError: 3 }. */
  errorTypes: Record<string, number>;
}

export interface BoardCrawl {
  board: string;
  runId: string;
  /** running = STARTED seen without its end; finished; failed. */
  status: 'running' | 'finished' | 'failed';
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  pages: number | null;
  requests: number | null;
  newPostings: number | null;
  changed: number | null;
  closed: number | null;
  errors: number | null;
  message: string | null;
}

export interface MonitorSnapshot {
  deadLetters: DeadLetterCount[] | null;
  crawls: BoardCrawl[] | null;
  /** Why a section is null (topic missing, registry down, not started...). */
  unavailable: Record<string, string>;
}

/** What /pipeline needs of a monitor; tests may pass a fixed one. */
export interface PipelineMonitor {
  snapshot(): MonitorSnapshot;
}

interface DeadLetterValue {
  stage: string;
  errorType: string;
  errorMessage: string;
  failedAt: number;
}

interface CrawlEventValue {
  runId: string;
  board: string;
  kind: 'STARTED' | 'FINISHED' | 'FAILED';
  at: number;
  pagesFetched: number;
  requests: number;
  newPostings: number;
  changedPostings: number;
  closedPostings: number;
  errors: Record<string, number>;
  message: string | null;
}

/** Pure state: fold dead letters and crawl events in, read a snapshot out. */
export class PipelineState {
  readonly deadLetters = new Map<string, DeadLetterCount>();
  readonly crawls = new Map<string, BoardCrawl>();

  addDeadLetter(d: DeadLetterValue): void {
    let c = this.deadLetters.get(d.stage);
    if (!c)
      this.deadLetters.set(d.stage, (c = { stage: d.stage, count: 0, lastAt: null, lastError: null, errorTypes: {} }));
    c.count++;
    c.errorTypes[d.errorType] = (c.errorTypes[d.errorType] ?? 0) + 1;
    const at = new Date(d.failedAt).toISOString();
    if (!c.lastAt || at >= c.lastAt) {
      c.lastAt = at;
      c.lastError = `${d.errorType}: ${d.errorMessage}`.slice(0, 500);
    }
  }

  addCrawlEvent(e: CrawlEventValue): void {
    const at = new Date(e.at).toISOString();
    const prev = this.crawls.get(e.board);
    if (e.kind === 'STARTED') {
      if (prev && prev.lastStartedAt && prev.lastStartedAt > at) return;
      this.crawls.set(e.board, {
        board: e.board,
        runId: e.runId,
        status: 'running',
        lastStartedAt: at,
        lastFinishedAt: prev?.lastFinishedAt ?? null,
        pages: null,
        requests: null,
        newPostings: null,
        changed: null,
        closed: null,
        errors: null,
        message: e.message,
      });
      return;
    }
    if (prev && prev.runId !== e.runId && prev.lastStartedAt && prev.lastStartedAt > at) return;
    this.crawls.set(e.board, {
      board: e.board,
      runId: e.runId,
      status: e.kind === 'FINISHED' ? 'finished' : 'failed',
      lastStartedAt: prev?.runId === e.runId ? prev.lastStartedAt : (prev?.lastStartedAt ?? null),
      lastFinishedAt: at,
      pages: e.pagesFetched,
      requests: e.requests,
      newPostings: e.newPostings,
      changed: e.changedPostings,
      closed: e.closedPostings,
      errors: Object.values(e.errors ?? {}).reduce((a, b) => a + b, 0),
      message: e.message,
    });
  }

  snapshot(unavailable: Record<string, string> = {}): MonitorSnapshot {
    return {
      deadLetters: unavailable.deadLetters
        ? null
        : [...this.deadLetters.values()].sort((a, b) => b.count - a.count || a.stage.localeCompare(b.stage)),
      crawls: unavailable.crawls ? null : [...this.crawls.values()].sort((a, b) => a.board.localeCompare(b.board)),
      unavailable,
    };
  }
}

/** The Kafka-backed monitor: starts in the background, retries while topics are missing. */
export class KafkaPipelineMonitor implements PipelineMonitor {
  private readonly state = new PipelineState();
  private consumer: Consumer | undefined;
  private reason = 'starting';
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempting: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly serde: AvroSerde,
    private readonly config: Pick<Config, 'topicPrefix'>,
    private readonly log: Logger,
  ) {}

  snapshot(): MonitorSnapshot {
    if (this.reason) return this.state.snapshot({ deadLetters: this.reason, crawls: this.reason });
    return this.state.snapshot();
  }

  start(): void {
    this.attempting = this.attempt();
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const dlq = topicName(this.config, 'dlq');
    const events = topicName(this.config, 'crawlEvents');
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const topics = new Set(await admin.listTopics());
      const missing = [dlq, events].filter((t) => !topics.has(t));
      if (missing.length > 0) throw new Error(`topic ${missing.join(', ')} does not exist yet`);
      const groupId = `${this.config.topicPrefix}techmap.gateway-monitor.${randomBytes(4).toString('hex')}`;
      if (this.stopped) return;
      const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
      this.consumer = consumer;
      await consumer.connect();
      await consumer.subscribe({ topics: [dlq, events], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, message }) => {
          try {
            if (topic === dlq) this.state.addDeadLetter(await this.serde.decode<DeadLetterValue>('dlq', message.value));
            else this.state.addCrawlEvent(await this.serde.decode<CrawlEventValue>('crawlEvents', message.value));
          } catch (err) {
            this.log.warn(
              { topic, offset: message.offset, err: describeError(err) },
              'pipeline monitor: skipped a record',
            );
          }
        },
      });
      this.reason = '';
    } catch (err) {
      this.reason = `cannot follow ${dlq} and ${events}: ${describeError(err)}`;
      this.log.warn({ err: describeError(err) }, 'pipeline monitor not running; retrying in 30 s');
      await this.consumer?.disconnect().catch(() => undefined);
      this.consumer = undefined;
      if (!this.stopped) {
        this.retryTimer = setTimeout(() => {
          this.attempting = this.attempt();
        }, 30000);
        this.retryTimer.unref();
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.attempting?.catch(() => undefined);
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
