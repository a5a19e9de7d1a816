// The refine stages, plugged into the generic transactional runner (processors/runner.ts):
//   refine.parse  postings.raw → postings.refine-parsed   stateless; one single-source silver posting per raw record,
//                                                        re-keyed by company id
//   refine.dedup  postings.refine-parsed → postings.silver  keyed by company id, so one instance sees every posting of
//                                                        a company; its per-company state lives in the compacted
//                                                        refine.dedup-state changelog, committed with the outputs
// Scaling out is Kafka's: more instances share the partitions, and a company never spans two of them.
import { z } from 'zod';
import { settingsFromEnv } from '../../platform/settings-env';
import type { StageDefinition } from '../runner';
import { dedupPosting, dedupSettings, type DedupSettings } from './dedup';
import { refineRawPosting, type RefineOptions } from './parse';
import type { DedupState, RawPosting, SilverPosting } from './types';

export const spec = {
  name: 'refine',
  summary:
    'Bronze → silver: board-specific parsing and normalisation (refine.parse), then cross-board de-duplication ' +
    'into canonical postings (refine.dedup).',
  settings: dedupSettings,
};

/** The de-dup settings from REFINE_DEDUP_* variables (defaults otherwise); a bad value names its variable. */
export function dedupSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DedupSettings {
  return settingsFromEnv('refine', dedupSettings, 'REFINE_DEDUP', env);
}

export function createRefineParseStage(options: RefineOptions = {}): StageDefinition<RawPosting, SilverPosting> {
  return {
    name: 'refine.parse',
    input: 'raw',
    output: 'refineParsed',
    async process(raw) {
      const posting = refineRawPosting(raw, options);
      return [{ key: posting.company.id, value: posting }];
    },
  };
}

export function createRefineDedupStage(
  settings: Partial<z.input<typeof dedupSettings>> = {},
): StageDefinition<SilverPosting, SilverPosting, DedupState> {
  const s = dedupSettings.parse(settings);
  return {
    name: 'refine.dedup',
    input: 'refineParsed',
    output: 'silver',
    store: { topic: 'refineState' },
    async process(posting, _meta, store) {
      const key = posting.company.id;
      const { state, output } = dedupPosting(store.get(key), posting, s);
      store.put(key, state);
      return [{ key: output.postingId, value: output }];
    },
  };
}
