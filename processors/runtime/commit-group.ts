// Group commit: the batches a stage works on at the same time (one per input partition of a fetch) commit in ONE
// Kafka transaction instead of one each. A transaction costs five or six broker round trips whatever its size, and
// the partitions of a fetch used to commit one after another, so at a low rate a record waited for the
// transactions of every partition ahead of it. A commit waits until every batch being prepared has joined, or
// `maxWaitMs` after the first joined, whichever comes first; commits never overlap (one transactional producer).

export interface CommitSlot<T> {
  /**
   * Resolves once `item` committed with the others (the slot is then closed); rejects with the error of the
   * transaction or of this item, and the slot counts as preparing again until it commits or closes.
   */
  commit(item: T): Promise<void>;
  /** This batch is done (committed or given up): commits stop waiting for it. Safe to call twice. */
  close(): void;
}

/**
 * Commits a group of items. Returns one entry per item: undefined when it committed, else the error for that item
 * (it did not commit). Throwing fails every item of the group with that error.
 */
export type CommitAll<T> = (items: T[]) => Promise<Array<unknown>>;

interface Waiter<T> {
  item: T;
  resolve(): void;
  reject(err: unknown): void;
}

export class CommitGroup<T> {
  private readonly queue: Array<Waiter<T>> = [];
  /** Open slots that have not joined the queue: batches still being prepared (or retrying). */
  private preparing = 0;
  private committing = false;
  private timer: NodeJS.Timeout | undefined;
  private transactions = 0;

  constructor(
    private readonly commitAll: CommitAll<T>,
    private readonly maxWaitMs: number,
  ) {}

  /** Number of group commits started so far. */
  get commits(): number {
    return this.transactions;
  }

  /** A batch starts being prepared: a commit waits for it, up to `maxWaitMs`. */
  open(): CommitSlot<T> {
    this.preparing++;
    let state: 'preparing' | 'waiting' | 'closed' = 'preparing';
    return {
      commit: (item: T) => {
        if (state !== 'preparing') return Promise.reject(new Error(`commit on a slot that is ${state}`));
        state = 'waiting';
        this.preparing--;
        return new Promise<void>((resolve, reject) => {
          this.queue.push({ item, resolve, reject });
          this.schedule();
        }).then(
          () => {
            state = 'closed'; // committed: the batch is done
          },
          (err: unknown) => {
            // Not committed: the batch is prepared again (or given up with close()), and later commits wait for it.
            if (state === 'waiting') {
              state = 'preparing';
              this.preparing++;
            }
            throw err;
          },
        );
      },
      close: () => {
        // While waiting the slot is not counted as preparing; closing then only keeps it from being counted again.
        if (state === 'preparing') {
          this.preparing--;
          this.schedule();
        }
        state = 'closed';
      },
    };
  }

  private schedule(): void {
    if (this.committing || this.queue.length === 0) return;
    if (this.preparing > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.maxWaitMs);
      return;
    }
    this.flush();
  }

  private flush(): void {
    if (this.committing || this.queue.length === 0) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.committing = true;
    this.transactions++;
    const waiters = this.queue.splice(0);
    void this.commitAll(waiters.map((w) => w.item))
      .then(
        (results) => waiters.forEach((w, i) => (results[i] === undefined ? w.resolve() : w.reject(results[i]))),
        (err: unknown) => waiters.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        this.committing = false;
        this.schedule();
      });
  }
}
