// The crawl's Kafka output: raw records (postings.raw), their state (crawl.state) and crawl events (crawl.events)
// are committed together in one Kafka transaction per batch. So a crawl killed mid-run leaves either a batch's
// records AND the state saying they were emitted, or neither: the re-run emits no duplicate of an unchanged
// posting, and readers (read_committed) never see an aborted batch. The transactional id is per board, so a
// second crawler of the same board fences the first (zombie fencing).
import { CompressionTypes, type Message, type Producer } from 'kafkajs';
import type { TopicId } from '../../platform/topics';
import { keyOf, toStateValue, type CrawlStateStore, type StateEntry } from './crawl-state';
import type { CrawlEventValue, RawPostingValue } from './records';
import type { CrawlSink } from './sink';

export interface Encoder {
  encode(topic: TopicId, value: unknown): Promise<Buffer>;
}

export interface KafkaSinkOptions {
  producer: Producer;
  serde: Encoder;
  topics: { raw: string; state: string; events: string };
  store: CrawlStateStore;
  /** Raw records per transaction. */
  batchSize: number;
  /** Bytes per produce request inside a transaction (the broker limits one record batch to ~1 MB). */
  maxRequestBytes: number;
  /** A partial batch is committed after this long, so a slow crawl still makes durable progress. */
  flushIntervalMs: number;
}

interface Pending {
  topicId: TopicId;
  topic: string;
  key: string;
  value: unknown;
  size: number;
  state?: StateEntry;
}

export class KafkaCrawlSink implements CrawlSink {
  private pending: Pending[] = [];
  private rawCount = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  private timer: NodeJS.Timeout | undefined;
  /** Transactions committed and messages sent, for benchmarks and logs. */
  commits = 0;
  messagesSent = 0;

  constructor(private readonly opts: KafkaSinkOptions) {}

  async put(raw: RawPostingValue | null, state: StateEntry): Promise<void> {
    this.throwIfFailed();
    const key = keyOf(state);
    if (raw) {
      this.pending.push({ topicId: 'raw', topic: this.opts.topics.raw, key, value: raw, size: raw.body.length + 512 });
      this.rawCount++;
    }
    this.pending.push({
      topicId: 'crawlState',
      topic: this.opts.topics.state,
      key,
      value: toStateValue(state),
      size: (state.kind === 'POSTING' ? (state.body?.length ?? 0) : 0) + 512,
      state,
    });
    if (this.rawCount >= this.opts.batchSize) await this.flush();
    else this.armTimer();
  }

  async event(e: CrawlEventValue): Promise<void> {
    this.throwIfFailed();
    this.pending.push({ topicId: 'crawlEvents', topic: this.opts.topics.events, key: e.board, value: e, size: 512 });
    await this.flush();
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.rawCount = 0;
    this.chain = this.chain.then(() =>
      this.failure === undefined && batch.length > 0 ? this.commit(batch) : undefined,
    );
    this.chain.catch((err: unknown) => {
      this.failure ??= err;
    });
    return this.chain;
  }

  private armTimer(): void {
    if (this.timer || this.opts.flushIntervalMs <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined); // kept in this.failure, rethrown by the next put/event/flush
    }, this.opts.flushIntervalMs);
    this.timer.unref();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private async commit(batch: Pending[]): Promise<void> {
    const encoded = await Promise.all(
      batch.map(async (p) => ({
        ...p,
        message: { key: p.key, value: await this.opts.serde.encode(p.topicId, p.value) },
      })),
    );
    const tx = await this.opts.producer.transaction();
    try {
      for (const chunk of chunksBySize(encoded, this.opts.maxRequestBytes)) {
        const byTopic = new Map<string, Message[]>();
        for (const m of chunk) {
          const list = byTopic.get(m.topic) ?? [];
          list.push(m.message);
          byTopic.set(m.topic, list);
        }
        await tx.sendBatch({
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
          compression: CompressionTypes.GZIP,
        });
      }
      await tx.commit();
    } catch (err) {
      await tx.abort().catch(() => undefined);
      throw err;
    }
    this.commits++;
    this.messagesSent += batch.length;
    // Only now is the state durable: the in-memory view follows the committed topic, never runs ahead of it.
    for (const p of batch) if (p.state) this.opts.store.set(p.state);
  }
}

function chunksBySize<T extends { size: number }>(items: T[], maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && bytes + item.size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
