// techmap dlq list: the dead letters, decoded — stage, error, where the record came from, when, its key.
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { matchesFilter, scanDeadLetters, type DeadLetterEntry } from '../../platform/dead-letter-queue';
import { AvroSerde } from '../../platform/serde';
import { addFilterOptions, filterOf, type FilterOptions } from './dlq-filters';

/** What `list` shows of one entry (pure): no original value bytes, only their size. */
export function describeEntry(entry: DeadLetterEntry) {
  const l = entry.letter!;
  return {
    dlqPartition: entry.partition,
    dlqOffset: entry.offset,
    stage: l.stage,
    errorType: l.errorType,
    errorMessage: l.errorMessage,
    retriable: l.retriable,
    attempts: l.attempts,
    failedAt: new Date(l.failedAt).toISOString(),
    topic: l.topic,
    partition: l.partition,
    offset: l.offset,
    key: l.key?.toString('utf8') ?? null,
    valueBytes: l.value?.length ?? 0,
  };
}

/** One text line per entry: time, stage, origin, key, error. */
export function formatEntry(entry: DeadLetterEntry): string {
  const d = describeEntry(entry);
  return [
    d.failedAt,
    d.stage.padEnd(13),
    `${d.topic}/${d.partition}/${d.offset}`,
    `key=${d.key ?? '-'}`,
    `${d.errorType}: ${d.errorMessage}`,
  ].join('  ');
}

export function registerList(dlq: Command): void {
  addFilterOptions(
    dlq
      .command('list')
      .description('print dead letters, oldest first: time, stage, original topic/partition/offset, key, error'),
    'show at most this many',
    100,
  ).action(async (opts: FilterOptions) => {
    const config = loadConfig();
    const filter = filterOf(opts);
    const limit = opts.limit ?? 100;
    let shown = 0;
    let undecodable = 0;
    const { complete } = await scanDeadLetters(
      { kafka: createKafka(config, 'dlq'), serde: new AvroSerde(config), config },
      {
        onBatch: async (entries) => {
          let consumed = 0;
          for (const entry of entries) {
            if (shown >= limit) break;
            consumed++;
            if (entry.decodeError) undecodable++;
            if (!matchesFilter(entry, filter)) continue;
            process.stdout.write(`${opts.json ? JSON.stringify(describeEntry(entry)) : formatEntry(entry)}\n`);
            shown++;
          }
          return Promise.resolve(consumed);
        },
      },
    );
    const notes = [`${shown} dead letter${shown === 1 ? '' : 's'}`];
    if (undecodable > 0) notes.push(`${undecodable} undecodable`);
    if (!complete) notes.push(shown >= limit ? `stopped at --limit ${limit}` : 'timed out before the end');
    process.stderr.write(`dlq: ${notes.join(', ')}\n`);
  });
}
