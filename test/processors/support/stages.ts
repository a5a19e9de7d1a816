// Small stages for the runner's tests. The counter is stateful: it counts, per posting id, how often it has seen
// the id (in its changelog-backed store) and emits the posting with `version` = that count. After any number of
// crashes, the output must hold each count exactly once per id — which proves outputs, store and offsets commit
// together.
import { UnavailableError, ValidationError } from '../../../platform/errors';
import type { DedupState, SilverPosting } from '../../../processors/refine/types';
import type { StageDefinition } from '../../../processors/runner';

export interface CounterOptions {
  /** Milliseconds to wait in every process() call (so that a kill lands in the middle of a batch). */
  delayMs?: number;
  /** Transient failures before a record titled 'FLAKY' succeeds (counted per partition and offset). */
  flakyFailures?: number;
}

export function counterStage(opts: CounterOptions = {}): StageDefinition<SilverPosting, SilverPosting, DedupState> & {
  attempts: Map<string, number>;
} {
  const attempts = new Map<string, number>();
  return {
    name: 'test.counter',
    input: 'silver',
    output: 'refineParsed',
    store: { topic: 'refineState' },
    attempts,
    async process(input, meta, store) {
      const at = `${meta.partition}/${meta.offset}`;
      const seen = (attempts.get(at) ?? 0) + 1;
      attempts.set(at, seen);
      if (input.title === 'FLAKY' && seen <= (opts.flakyFailures ?? 0)) {
        throw new UnavailableError(`flaky dependency (attempt ${seen})`);
      }
      if (input.version < 0) throw new ValidationError(`version ${input.version} is negative`);
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const key = input.postingId;
      const count = (store.get(key)?.postings[0]?.version ?? 0) + 1;
      // A record titled 'STORE-INVALID' writes a store value its changelog schema rejects.
      const version = input.title === 'STORE-INVALID' ? ('not a long' as never) : count;
      store.put(key, {
        companyId: key,
        postings: [{ postingId: key, titleKey: '', simhash: '0000000000000000', version, sources: [] }],
      });
      // A record titled 'EMIT-INVALID' makes the stage emit a value its output schema rejects.
      const value = input.title === 'EMIT-INVALID' ? ({ ...input, version: 'not a long' } as never) : input;
      return [{ key, value: input.title === 'EMIT-INVALID' ? value : { ...input, version: count } }];
    },
  };
}
