// What the admin routes do. Both act through Kafka by default:
// - requestCrawl produces a CrawlCommand record (topic crawl.commands, key = board) that the producers'
//   scheduler consumes and runs once;
// - retryDeadLetters re-drives dead letters through platform/dead-letter-queue (shared with `techmap dlq retry`),
//   from where the previous re-drive stopped (consumer group `<prefix>techmap.dlq-retry[.<stage>]`).
// Tests and embedders may inject their own functions instead.
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { AvroSerde } from '../platform/serde';
import { redriveDeadLetters } from '../platform/dead-letter-queue';
import { topicName } from '../platform/topics';

export interface CrawlRequest {
  board: string;
  maxPages?: number;
  requestId: string;
}

export interface CrawlAccepted {
  commandId: string;
  board: string;
  requestedAt: string;
  /** Where the command went, e.g. the topic name. */
  via: string;
}

export interface DeadLetterRetryRequest {
  /** Only dead letters of this stage ('refine', 'enrich', 'sink.mysql'...); absent = all. */
  stage?: string;
  /** Most dead letters to re-drive in this call. */
  max: number;
  requestId: string;
}

export interface DeadLetterRetryResult {
  retried: number;
  /** Dead letters passed over (other stage, no original value, or from a topic outside the pipeline). */
  skipped: number;
  byStage: Record<string, number>;
  /** True when the end of the dead-letter topic was reached. */
  complete: boolean;
}

export interface AdminActions {
  requestCrawl(req: CrawlRequest): Promise<CrawlAccepted>;
  retryDeadLetters(req: DeadLetterRetryRequest): Promise<DeadLetterRetryResult>;
}

export function kafkaAdminActions(deps: {
  kafka: Kafka;
  serde: AvroSerde;
  config: Config;
  logger: Logger;
  timeoutMs?: number;
}): AdminActions & { stop(): Promise<void> } {
  const { kafka, serde, config, logger } = deps;
  let producer: Producer | undefined;
  const producerReady = async () => {
    if (!producer) {
      const p = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
      await p.connect();
      producer = p;
    }
    return producer;
  };
  let retrying: Promise<DeadLetterRetryResult> | undefined;

  return {
    async requestCrawl(req) {
      const commandId = randomUUID();
      const requestedAt = Date.now();
      const value = await serde.encode('crawlCommands', {
        commandId,
        board: req.board,
        requestedAt,
        requestedBy: `gateway:${req.requestId}`,
        maxPages: req.maxPages ?? null,
      });
      const topic = topicName(config, 'crawlCommands');
      await (await producerReady()).send({ topic, acks: -1, messages: [{ key: req.board, value }] });
      logger.info({ board: req.board, commandId, reqId: req.requestId }, 'crawl command sent');
      return { commandId, board: req.board, requestedAt: new Date(requestedAt).toISOString(), via: topic };
    },

    async retryDeadLetters(req) {
      // One re-drive at a time per gateway: two would race on the same consumer group.
      if (retrying) await retrying.catch(() => undefined);
      retrying = redrive(req);
      try {
        return await retrying;
      } finally {
        retrying = undefined;
      }
    },

    async stop() {
      await producer?.disconnect().catch(() => undefined);
    },
  };

  async function redrive(req: DeadLetterRetryRequest): Promise<DeadLetterRetryResult> {
    const { retried, skipped, byStage, complete } = await redriveDeadLetters(
      { kafka, serde, config, logger: logger.child({ reqId: req.requestId }), producer: producerReady },
      {
        stage: req.stage,
        max: req.max,
        // Per stage, so re-driving only 'enrich' letters does not pass over the others for a later full re-drive.
        progressGroup: `${config.topicPrefix}techmap.dlq-retry${req.stage ? `.${req.stage}` : ''}`,
        timeoutMs: deps.timeoutMs,
      },
    );
    return { retried, skipped, byStage, complete };
  }
}
