// Runs one stage in its own process, for the crash tests: `node --import tsx stage-child.ts <counter|enrich>`.
// Configuration comes from the environment (TECHMAP_TOPIC_PREFIX...); prints 'ready' once the stage consumes.
// The parent kills it with SIGKILL at random moments and starts it again.
import { loadConfig } from '../../../platform/config';
import { createEnrichStage } from '../../../processors/enrich/stage';
import { runStage, type StageDefinition } from '../../../processors/runner';
import { counterStage } from './stages';

const which = process.argv[2] ?? 'counter';
const config = loadConfig();
const delayMs = Number(process.env.STAGE_DELAY_MS ?? '0');

// The stage definitions differ in their record types; the child only starts them.
const def = (
  which === 'enrich' ? createEnrichStage(config, { llm: null }).definition : counterStage({ delayMs })
) as StageDefinition<unknown, unknown, unknown>;

const stage = await runStage(def, {
  config,
  instanceId: 'child',
  // Short session: a SIGKILLed member must leave the group quickly so the restarted one gets the partitions.
  consumer: { sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 10000, maxBytesPerPartition: 64 * 1024 },
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void stage.stop().then(() => process.exit(0));
});
stage.done.catch(() => process.exit(2));
