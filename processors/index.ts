// The processors as components (`techmap run refine|enrich`), and what other parts of techmap use from them.
import type { Component } from '../platform/component';
import type { Config } from '../platform/config';
import { componentLogger } from '../platform/logger';
import { shutdown } from '../platform/shutdown';
import { createEnrichStage, enrichSettingsFromEnv } from './enrich/stage';
import { runStage, type RunningStage } from './runner';

export { createRefineComponent } from './refine/index';
export { spec as enrichSpec, createEnrichStage, enrichPosting, enrichSettingsFromEnv } from './enrich/stage';
export { readLlmUsage } from './enrich/llm/budget';
export type { GoldPosting } from './enrich/types';
export { runStage, type KeyValueStore, type RecordMeta, type RunningStage, type StageDefinition } from './runner';

/**
 * `techmap run enrich`: silver → gold in Kafka transactions. A stage that fails for good (fenced by another
 * instance with the same TECHMAP_INSTANCE_ID) ends the process with exit code 1, so its supervisor restarts it.
 */
export async function createEnrichComponent(
  config: Config,
  opts: { onFatal?: (err: unknown) => void } = {},
): Promise<Component> {
  const log = componentLogger('enrich');
  const stage = createEnrichStage(config, { settings: enrichSettingsFromEnv(config) });
  const onFatal =
    opts.onFatal ??
    (() => {
      void shutdown('enrich failed').finally(() => process.exit(1));
    });
  let running: RunningStage | undefined;
  return {
    name: 'enrich',
    async start() {
      log.info({ llm: stage.context.llm?.enabled ? config.geminiModel : 'off' }, 'starting');
      running = await runStage(stage.definition, { config, logger: log });
      running.done.catch(onFatal);
    },
    async stop() {
      await running?.stop();
    },
    async ready() {
      if (!running) throw new Error('not started');
      await running.ready();
    },
  };
}
