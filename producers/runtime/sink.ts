// Where a crawl's output goes. Raw records, their state and crawl events are queued together and committed as
// one unit (a Kafka transaction in kafka-sink.ts); state reaches the in-memory store only once committed.
import type { CrawlStateStore, StateEntry } from './crawl-state';
import type { CrawlEventValue, RawPostingValue } from './records';

export interface CrawlSink {
  /** Queues a raw record (null = a state-only update) with the state describing it. May wait for a flush. */
  put(raw: RawPostingValue | null, state: StateEntry): Promise<void>;
  /** Queues a crawl event and commits everything queued with it. */
  event(e: CrawlEventValue): Promise<void>;
  /** Commits everything queued. */
  flush(): Promise<void>;
}

/** Keeps everything in memory: `--dry-run`, and unit tests that look at what a crawl would emit. */
export class MemorySink implements CrawlSink {
  readonly raws: RawPostingValue[] = [];
  readonly events: CrawlEventValue[] = [];
  readonly states: StateEntry[] = [];

  constructor(private readonly store: CrawlStateStore) {}

  async put(raw: RawPostingValue | null, state: StateEntry): Promise<void> {
    if (raw) this.raws.push(raw);
    this.states.push(state);
    this.store.set(state);
  }

  async event(e: CrawlEventValue): Promise<void> {
    this.events.push(e);
  }

  async flush(): Promise<void> {}
}
