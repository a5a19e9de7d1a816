// refine (bronze → silver): what other parts of techmap use.
import type { Config } from '../../platform/config';
import type { Component } from '../../platform/component';
import { componentLogger } from '../../platform/logger';
import { runStage, type RunningStage } from '../runner';
import { createRefineDedupStage, createRefineParseStage, dedupSettingsFromEnv } from './stage';

export {
  splitSections,
  sectionBlocks,
  classifyHeading,
  emptySections,
  type Sections,
  type SectionName,
} from './sections';
export { toCleanText, htmlToText } from './html';
export { refineRawPosting } from './parse';
export { dedupPosting, compareFingerprints, fingerprint, dedupSettings, type DedupSettings } from './dedup';
export { createRefineParseStage, createRefineDedupStage, dedupSettingsFromEnv, spec } from './stage';
export type { SilverPosting, RawPosting, DedupState } from './types';

/** `techmap run refine`: both stages in this process (each its own consumer group and transactional producer). */
export async function createRefineComponent(config: Config): Promise<Component> {
  const log = componentLogger('refine');
  const settings = dedupSettingsFromEnv();
  const running: RunningStage[] = [];
  return {
    name: 'refine',
    async start() {
      running.push(await runStage(createRefineParseStage(), { config, logger: log.child({ stage: 'refine.parse' }) }));
      running.push(
        await runStage(createRefineDedupStage(settings), { config, logger: log.child({ stage: 'refine.dedup' }) }),
      );
    },
    async stop() {
      await Promise.all(running.map((r) => r.stop()));
    },
    async ready() {
      await Promise.all(running.map((r) => r.ready()));
    },
  };
}
