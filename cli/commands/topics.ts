// techmap topics list|tail: look at the topics, with Avro values decoded through the registry.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { describeError } from '../../platform/errors';
import { createKafka } from '../../platform/kafka';
import { AvroSerde } from '../../platform/serde';
import { topicName, topicSpecs, type TopicId } from '../../platform/topics';

/** Maps a user-typed topic ('gold', 'postings.gold', or a prefixed full name) to its id. */
export function resolveTopic(config: { topicPrefix: string }, name: string): TopicId | undefined {
  for (const id of Object.keys(topicSpecs) as TopicId[]) {
    if (name === id || name === topicSpecs[id].name || name === topicName(config, id)) return id;
  }
  return undefined;
}

/** JSON.stringify that shows Buffers as UTF-8 text (bronze bodies) cut to `maxBytes`. */
export function renderValue(value: unknown, maxBytes: number): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && 'data' in (v as object)) {
      const buf = Buffer.from((v as { data: number[] }).data);
      const text = buf.subarray(0, maxBytes).toString('utf8');
      return buf.length > maxBytes ? `${text}…(${buf.length} bytes)` : text;
    }
    return v;
  });
}

export function register(program: Command): void {
  const cmd = program.command('topics').description('list and follow the pipeline topics');
  cmd
    .command('list')
    .description('topics with partitions and end offsets')
    .action(async () => {
      const config = loadConfig();
      const admin = createKafka(config, 'topics').admin();
      await admin.connect();
      try {
        for (const id of Object.keys(topicSpecs) as TopicId[]) {
          const name = topicName(config, id);
          try {
            const offsets = await admin.fetchTopicOffsets(name);
            const total = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
            process.stdout.write(`${name.padEnd(32)} partitions=${offsets.length} records=${total}\n`);
          } catch {
            process.stdout.write(`${name.padEnd(32)} (missing: run 'techmap schemas register')\n`);
          }
        }
      } finally {
        await admin.disconnect();
      }
    });
  cmd
    .command('tail <topic>')
    .description('print records as JSON lines with Avro values decoded (topic: raw, silver, gold, dlq, crawlEvents...)')
    .option('--from-beginning', 'start at the oldest record instead of new ones')
    .option('-n, --max <count>', 'stop after this many records', (v) => Number.parseInt(v, 10))
    .option('--body-bytes <bytes>', 'show at most this many bytes of byte fields', (v) => Number.parseInt(v, 10), 300)
    .action(async (name: string, opts: { fromBeginning?: boolean; max?: number; bodyBytes: number }) => {
      const config = loadConfig();
      const id = resolveTopic(config, name);
      if (!id) {
        throw new Error(`unknown topic '${name}': one of ${Object.keys(topicSpecs).join(', ')}`);
      }
      const serde = new AvroSerde(config);
      const consumer = createKafka(config, 'tail').consumer({ groupId: `techmap-tail-${randomUUID()}` });
      await consumer.connect();
      await consumer.subscribe({ topic: topicName(config, id), fromBeginning: Boolean(opts.fromBeginning) });
      let seen = 0;
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        void consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            if (opts.max !== undefined && seen >= opts.max) return;
            let value: unknown;
            try {
              value = await serde.decode(id, message.value);
            } catch (err) {
              value = { undecodable: describeError(err) };
            }
            const line = {
              partition,
              offset: message.offset,
              key: message.key?.toString('utf8') ?? null,
              timestamp: new Date(Number(message.timestamp)).toISOString(),
              value,
            };
            process.stdout.write(`${renderValue(line, opts.bodyBytes)}\n`);
            seen++;
            if (opts.max !== undefined && seen >= opts.max) resolve();
          },
        });
      });
      await consumer.disconnect();
    });
}
