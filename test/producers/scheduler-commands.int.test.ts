// The scheduler's crawl.commands inbox against the real broker and registry: a command sent by the gateway's
// admin action runs the board at once (with its maxPages); a command for a board this scheduler does not crawl,
// and one sent before the scheduler started, run nothing.
import assert from 'node:assert/strict';
import { kafkaAdminActions } from '../../gateway/admin-actions';
import type { Config } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { componentLogger } from '../../platform/logger';
import type { AvroSerde } from '../../platform/serde';
import { CrawlStats } from '../../producers/runtime/records';
import { CrawlScheduler } from '../../producers/scheduler';
import { consumeCrawlCommands, type CommandInbox } from '../../producers/scheduler-commands';
import type { CrawlTarget } from '../../producers/settings';
import { dropTopics, eventually, isolatedConfig, prepareTopics } from '../support/services';

const target = (name: string) =>
  ({ adapter: { name }, settings: { scheduleMinutes: 60, maxPages: 50 }, demo: false }) as unknown as CrawlTarget;

describe('producers: crawl commands from Kafka (integration)', function () {
  this.timeout(90_000);
  let config: Config;
  let serde: AvroSerde;
  let scheduler: CrawlScheduler;
  let inbox: CommandInbox | undefined;
  let actions: ReturnType<typeof kafkaAdminActions>;
  const runs: string[] = [];

  before(async () => {
    config = isolatedConfig('crawl-commands');
    serde = await prepareTopics(config, ['crawlCommands']);
    const log = componentLogger('test');
    actions = kafkaAdminActions({ kafka: createKafka(config, 'test-gateway'), serde, config, logger: log });
    // Sent before the scheduler starts: its start-up run covers it.
    await actions.requestCrawl({ board: 'wanted', maxPages: 9, requestId: 'before-start' });
    scheduler = new CrawlScheduler(
      [target('wanted'), target('jumpit')],
      (t) => {
        runs.push(`${t.adapter.name}:${t.settings.maxPages}`);
        return Promise.resolve({
          board: t.adapter.name,
          runId: 'r',
          stats: new CrawlStats(),
          completeScopes: [],
          failed: null,
          fatal: false,
        });
      },
      log,
    );
    const startedAt = Date.now();
    scheduler.start();
    inbox = await consumeCrawlCommands({
      kafka: createKafka(config, 'test-producers'),
      serde,
      config,
      scheduler,
      log,
      startedAt,
    });
  });

  after(async () => {
    await inbox?.stop();
    await scheduler?.stop();
    await actions?.stop();
    await dropTopics(config);
  });

  it('runs the requested board promptly; skips unknown boards and commands from before the start', async () => {
    assert.deepEqual(runs, ['wanted:50', 'jumpit:50'], 'the start-up runs');
    await actions.requestCrawl({ board: 'greenhouse', requestId: 'not-crawled-here' });
    const sent = Date.now();
    await actions.requestCrawl({ board: 'jumpit', maxPages: 2, requestId: 'req-1' });
    await eventually(async () => (runs.length > 2 ? true : undefined), 30_000, 'the commanded run');
    const latency = Date.now() - sent;
    await new Promise((r) => setTimeout(r, 1500)); // nothing else may run
    assert.deepEqual(runs, ['wanted:50', 'jumpit:50', 'jumpit:2']);
    assert.ok(latency < 15_000, `ran ${latency} ms after the command`);
  });
});
