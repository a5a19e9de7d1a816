// kafkajs sends a FindCoordinator request before every AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit and
// EndTxn: four extra round trips in every transaction, a third of a stage's transaction time on a busy machine
// (measured with the e2e bench: 4.0 FindCoordinator requests per transaction, 5.8 ms each). The Java client keeps
// the coordinator until a request to it fails; kafkajs has no such cache and no hook that tells why a request
// failed, so its lookup is wrapped here and an answer is reused for `coordinatorTtlMs`. (Forgetting them at every
// metadata refresh does not work: kafkajs refreshes after each retriable error, and CONCURRENT_TRANSACTIONS right
// after a commit is one.) A coordinator that moved is therefore used for at most that long; requests sent to it
// fail with NOT_COORDINATOR, which kafkajs and the stage runner retry.
import { createRequire } from 'node:module';

interface CoordinatorQuery {
  groupId: string;
  coordinatorType?: number;
}

interface ClusterInternals {
  findGroupCoordinatorMetadata(query: CoordinatorQuery): Promise<unknown>;
}

interface CachedAnswer {
  at: number;
  answer: Promise<unknown>;
}

const cacheOf = new WeakMap<object, Map<string, CachedAnswer>>();

/** How long a coordinator answer is reused. */
export const coordinatorTtlMs = 1000;

let installed = false;

/** Installs the cache on kafkajs's Cluster class (once per process; every client created afterwards uses it). */
export function installCoordinatorCache(): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  // Not part of kafkajs's public API: checked here so that an upgrade that moves it fails loudly, not silently slow.
  const Cluster = require('kafkajs/src/cluster/index.js') as { prototype: ClusterInternals };
  const proto = Cluster.prototype;
  if (typeof proto.findGroupCoordinatorMetadata !== 'function') {
    throw new Error('kafkajs internals changed: Cluster.findGroupCoordinatorMetadata not found');
  }
  const lookup = proto.findGroupCoordinatorMetadata;
  proto.findGroupCoordinatorMetadata = function (this: ClusterInternals, query: CoordinatorQuery) {
    let cache = cacheOf.get(this);
    if (!cache) {
      cache = new Map();
      cacheOf.set(this, cache);
    }
    const key = `${query.coordinatorType ?? 0}/${query.groupId}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < coordinatorTtlMs) return hit.answer;
    const answer = lookup.call(this, query);
    cache.set(key, { at: now, answer });
    // A failed lookup is not remembered.
    answer.catch(() => {
      if (cache.get(key)?.answer === answer) cache.delete(key);
    });
    return answer;
  };
  installed = true;
}
