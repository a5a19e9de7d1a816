// techmap dlq retry: sends the original bytes of the selected dead letters back to the topics they came from
// (the same re-drive as the gateway's POST /api/v1/admin/dlq/retry, see platform/dead-letter-queue).
import type { Command } from 'commander';
import type { Producer } from 'kafkajs';
import { loadConfig } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { componentLogger } from '../../platform/logger';
import { redriveDeadLetters, type RedriveResult } from '../../platform/dead-letter-queue';
import { AvroSerde } from '../../platform/serde';
import { addFilterOptions, filterOf, type FilterOptions } from './dlq-filters';

/** The one summary line (pure). */
export function formatRedrive(result: RedriveResult, dryRun: boolean): string {
  const where = Object.entries(result.byTopic)
    .map(([topic, n]) => `${topic}: ${n}`)
    .join(', ');
  return (
    `${dryRun ? 'would re-drive' : 're-drove'} ${result.retried} dead letter${result.retried === 1 ? '' : 's'}` +
    (where ? ` (${where})` : '') +
    `, skipped ${result.skipped}` +
    (result.complete ? '' : ' (stopped before the end of the dead-letter topic)')
  );
}

export function registerRetry(dlq: Command): void {
  addFilterOptions(
    dlq
      .command('retry')
      .description('re-produce the original records of the selected dead letters to their original topics'),
    're-drive at most this many (oldest first)',
  )
    .option('--dry-run', 'count what would be re-driven, send nothing')
    .addHelpText(
      'after',
      '\nSelects from the whole dead-letter topic like `dlq list` (running it twice sends the letters twice; the\n' +
        "pipeline is idempotent per key). Only letters from the pipeline's own topics are sent; each gets the\n" +
        'headers techmap.redriven-from=<dlq topic>/<partition>/<offset> and techmap.attempts=<n+1>.',
    )
    .action(async (opts: FilterOptions & { dryRun?: boolean }) => {
      const config = loadConfig();
      const kafka = createKafka(config, 'dlq');
      let producer: Producer | undefined;
      try {
        const result = await redriveDeadLetters(
          {
            kafka,
            serde: new AvroSerde(config),
            config,
            logger: componentLogger('dlq'),
            producer: async () => {
              if (!producer) {
                const p = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
                await p.connect();
                producer = p;
              }
              return producer;
            },
          },
          { ...filterOf(opts), max: opts.limit ?? Number.MAX_SAFE_INTEGER, dryRun: opts.dryRun },
        );
        const dryRun = Boolean(opts.dryRun);
        process.stdout.write(`${opts.json ? JSON.stringify({ dryRun, ...result }) : formatRedrive(result, dryRun)}\n`);
      } finally {
        await producer?.disconnect();
      }
    });
}
