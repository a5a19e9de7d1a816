// The in-memory side of a stage's changelog-backed key-value store.
// Writes are layered: a record's writes become part of its batch only when the record succeeds, and a batch's
// writes reach the store only after its Kafka transaction committed. An aborted batch therefore leaves the store
// exactly as the changelog has it, and re-processing starts from the same state.
import type { KeyValueStore } from '../runner';

/**
 * 'partition' (default): one store per input partition, like a Kafka Streams task — a record only sees what records
 * of the same input partition wrote, so keys that must meet have to be co-partitioned (same message key). The
 * changelog has as many partitions as the input topic and a write goes to the input record's partition.
 * 'shared': one store over every changelog partition; each instance restores the whole changelog. Correct for
 * one instance; with several, an instance sees the others' writes only after its next restore (rebalance).
 */
export type StoreScope = 'partition' | 'shared';

const SHARED = -1;

export class ChangelogStore<V> {
  private readonly maps = new Map<number, Map<string, V>>();

  constructor(readonly scope: StoreScope) {}

  private mapFor(partition: number): Map<string, V> {
    const id = this.scope === 'shared' ? SHARED : partition;
    let m = this.maps.get(id);
    if (!m) {
      m = new Map();
      this.maps.set(id, m);
    }
    return m;
  }

  /** Forgets everything (before a restore). */
  clear(): void {
    this.maps.clear();
  }

  /** Applies one changelog record read during restore (null = tombstone). */
  load(partition: number, key: string, value: V | null): void {
    const m = this.mapFor(partition);
    if (value === null) m.delete(key);
    else m.set(key, value);
  }

  get(partition: number, key: string): V | undefined {
    return this.mapFor(partition).get(key);
  }

  size(): number {
    let n = 0;
    for (const m of this.maps.values()) n += m.size;
    return n;
  }

  /** Starts the write set of one batch of input `partition`. */
  begin(partition: number): StoreBatch<V> {
    return new StoreBatch(this, partition);
  }

  /** Called by StoreBatch.apply once the batch's transaction committed. */
  commitWrites(partition: number, writes: Map<string, V | null>): void {
    const m = this.mapFor(partition);
    for (const [key, value] of writes) {
      if (value === null) m.delete(key);
      else m.set(key, value);
    }
  }
}

/** The writes of one batch (one input partition), not yet committed. */
export class StoreBatch<V> {
  readonly writes = new Map<string, V | null>();

  constructor(
    private readonly store: ChangelogStore<V>,
    readonly partition: number,
  ) {}

  get(key: string): V | undefined {
    if (this.writes.has(key)) return this.writes.get(key) ?? undefined;
    return this.store.get(this.partition, key);
  }

  /** A view for one record; its writes join the batch only through `RecordStore.merge()`. */
  forRecord(): RecordStore<V> {
    return new RecordStore(this);
  }

  apply(): void {
    this.store.commitWrites(this.partition, this.writes);
  }
}

/**
 * What `process()` receives. Values are kept by reference: treat what `get` returns as immutable and `put` a new
 * object to change it, or memory and changelog would disagree.
 */
export class RecordStore<V> implements KeyValueStore<V> {
  readonly pending = new Map<string, V | null>();

  constructor(private readonly batch: StoreBatch<V>) {}

  get(key: string): V | undefined {
    if (this.pending.has(key)) return this.pending.get(key) ?? undefined;
    return this.batch.get(key);
  }

  put(key: string, value: V | null): void {
    this.pending.set(key, value);
  }

  merge(): void {
    for (const [k, v] of this.pending) {
      this.batch.writes.delete(k); // the batch's writes in the order of their last write (the changelog's order)
      this.batch.writes.set(k, v);
    }
  }
}

/** A store for stages without one: reads nothing, refuses writes. */
export const noStore: KeyValueStore<never> = {
  get: () => undefined,
  put: () => {
    throw new Error('this stage declares no store');
  },
};
