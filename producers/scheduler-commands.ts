// The scheduler's inbox: consumes crawl.commands (consumer group `<prefix>techmap.producers.crawl-commands`) and
// hands each command to CrawlScheduler.request. Commands sent before this scheduler started are skipped: its
// start-up run of every board already covers them (and a long-stopped producer does not replay a backlog).
// Offsets are committed automatically after delivery; a command redelivered after a rebalance is recognised by
// its id in the scheduler.
import type { Consumer, Kafka } from 'kafkajs';
import type { Config } from '../platform/config';
import { describeError } from '../platform/errors';
import { ensureTopics } from '../platform/kafka';
import type { Logger } from '../platform/logger';
import type { AvroSerde } from '../platform/serde';
import { topicName } from '../platform/topics';
import type { CrawlCommand, CrawlScheduler } from './scheduler';

export interface CommandInbox {
  stop(): Promise<void>;
}

export async function consumeCrawlCommands(deps: {
  kafka: Kafka;
  serde: AvroSerde;
  config: Pick<Config, 'topicPrefix' | 'topicPartitions'>;
  scheduler: Pick<CrawlScheduler, 'request'>;
  log: Logger;
  /** When the scheduler started (ms): older commands are covered by its first runs. */
  startedAt: number;
}): Promise<CommandInbox> {
  const { kafka, serde, config, scheduler, log } = deps;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, config, ['crawlCommands']);
  } finally {
    await admin.disconnect();
  }
  const consumer: Consumer = kafka.consumer({
    groupId: `${config.topicPrefix}techmap.producers.crawl-commands`,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 1000,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(config, 'crawlCommands'), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      let command: CrawlCommand;
      try {
        command = await serde.decode<CrawlCommand>('crawlCommands', message.value);
      } catch (err) {
        log.warn({ partition, offset: message.offset, err: describeError(err) }, 'undecodable crawl command: skipped');
        return;
      }
      if (command.requestedAt < deps.startedAt) {
        log.info(
          { commandId: command.commandId, board: command.board },
          'crawl command from before this scheduler started: covered by its start-up run',
        );
        return;
      }
      scheduler.request(command);
    },
  });
  return {
    async stop() {
      await consumer.disconnect().catch(() => undefined);
    },
  };
}
