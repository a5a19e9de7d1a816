// The producers as a long-running component (`techmap run producers`, and `techmap start`): the boards named by
// CRAWL_BOARDS ('demo' = every demo-board format, pointed at the local demo board) crawled on their schedules, and
// at once when a crawl command asks for one.
import type { Component } from '../platform/component';
import type { Config } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { componentLogger, type Logger } from '../platform/logger';
import { AvroSerde } from '../platform/serde';
import { locateDemoBoard, type LocatedDemoBoard } from './demo-board/locate';
import { startDemoBoard, type DemoBoard } from './demo-board/server';
import { CrawlScheduler } from './scheduler';
import { consumeCrawlCommands, type CommandInbox } from './scheduler-commands';
import { CrawlSession } from './session';
import { loadProducerSettings, producerSettingsSchema, resolveTargets, type ProducerSettings } from './settings';

export interface ProducersDeps {
  env?: NodeJS.ProcessEnv;
  producerSettings?: ProducerSettings;
  log?: Logger;
}

export const spec = {
  name: 'producers',
  summary: 'crawl the boards in CRAWL_BOARDS on their schedules and write raw postings to the bronze topic',
  /** Runtime settings; each board's own settings are in its adapter's spec (BOARD_<BOARD>_<SETTING>). */
  settings: producerSettingsSchema,
};

export function createProducersComponent(config: Config, deps: ProducersDeps = {}): Component {
  const env = deps.env ?? process.env;
  const log = deps.log ?? componentLogger('producers');
  let demo: LocatedDemoBoard | undefined;
  let session: CrawlSession | undefined;
  let scheduler: CrawlScheduler | undefined;
  let inbox: CommandInbox | undefined;
  let reopening: Promise<void> | undefined;

  return {
    name: 'producers',
    async start() {
      const producer = deps.producerSettings ?? loadProducerSettings(env);
      const names = config.crawlBoards
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.includes('demo')) demo = await locateDemoBoard(config, producer);
      const targets = resolveTargets(names, config, producer, env, demo?.url);
      session = await CrawlSession.open(config, producer, { boards: targets.map((t) => t.adapter.name), log });
      const s = session;
      scheduler = new CrawlScheduler(
        targets,
        async (target, signal) => {
          await reopening;
          const result = await s.crawl(target, { signal });
          if (result.fatal && !signal.aborted) {
            // Fenced by another crawler of the board, or Kafka went away: start over from the committed state.
            reopening ??= s.reopen().finally(() => (reopening = undefined));
            await reopening.catch((err: unknown) => log.error({ err }, 'could not reopen the crawl session'));
          }
          return result;
        },
        log,
      );
      const startedAt = Date.now();
      scheduler.start();
      // Crawl commands from the gateway's admin route (POST /api/v1/admin/crawl) run a board now.
      inbox = await consumeCrawlCommands({
        kafka: createKafka(config, 'crawl-commands'),
        serde: new AvroSerde(config),
        config,
        scheduler,
        log,
        startedAt,
      });
      log.info(
        { boards: targets.map((t) => `${t.adapter.name}${t.demo ? ' (demo)' : ''}`), demoBoard: demo?.url },
        'producers running',
      );
    },
    async stop() {
      await inbox?.stop();
      await scheduler?.stop();
      await session?.close();
      await demo?.started?.close();
    },
    async ready() {
      if (!session) throw new Error('not started');
    },
  };
}

/** The demo board as a component (`techmap run demo-board`): serves DEMO_BOARD_PORT until stopped. */
export function createDemoBoardComponent(config: Config, deps: ProducersDeps = {}): Component {
  let board: DemoBoard | undefined;
  return {
    name: 'demo-board',
    async start() {
      const producer = deps.producerSettings ?? loadProducerSettings(deps.env ?? process.env);
      board = await startDemoBoard({
        port: config.demoBoardPort,
        host: producer.demoBoardHost,
        seed: producer.demoSeed,
        generation: producer.demoGeneration,
      });
    },
    async stop() {
      await board?.close();
    },
    async ready() {
      if (!board) throw new Error('not started');
    },
  };
}
