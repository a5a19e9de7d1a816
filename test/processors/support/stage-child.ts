// Runs one stage in its own process, for the crash tests: `node --import tsx stage-child.ts <counter|enrich>`.
// Configuration comes from the environment (TECHMAP_TOPIC_PREFIX...). It prints 'ready' once the stage consumes.
// SIGUSR2 arms a trap: the next transaction prints 'pending-commit' after its records and offsets were sent and
// then waits before committing, so the parent can SIGKILL it at exactly that moment.
import { loadConfig } from '../../../platform/config';
import { createEnrichStage } from '../../../processors/enrich/stage';
import { runStage, type StageDefinition } from '../../../processors/runner';
import { counterStage } from './stages';

const which = process.argv[2] ?? 'counter';
const config = loadConfig();
const delayMs = Number(process.env.STAGE_DELAY_MS ?? '0');

// The stage definitions differ in their record types; the child only starts them.
const def = (
  which === 'enrich' ? slowed(createEnrichStage(config, { llm: null }).definition) : counterStage({ delayMs })
) as StageDefinition<unknown, unknown, unknown>;

/** The stage with STAGE_DELAY_MS added to every record, so that a run lasts long enough to be killed in. */
function slowed<I, O, S>(d: StageDefinition<I, O, S>): StageDefinition<I, O, S> {
  return {
    ...d,
    process: async (input, meta, store) => {
      await new Promise((r) => setTimeout(r, delayMs));
      return d.process(input, meta, store);
    },
  };
}

let armed = false;
process.on('SIGUSR2', () => {
  armed = true;
});

const stage = await runStage(def, {
  config,
  instanceId: 'child',
  // Short session: a SIGKILLed member must leave the group quickly so the restarted one gets the partitions.
  consumer: { sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 10000, maxBytesPerPartition: 64 * 1024 },
  faults: {
    beforeCommit: async ({ partition, records }) => {
      if (!armed) return;
      armed = false;
      process.stdout.write(`pending-commit ${partition} ${records}\n`);
      await new Promise((r) => setTimeout(r, 10_000));
    },
  },
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void stage.stop().then(() => process.exit(0));
});
stage.done.catch(() => process.exit(2));
