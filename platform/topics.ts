// Topic names and how each topic is created. One place, so producers, processors, sinks and tests agree.
import type { Config } from './config';

export type TopicId =
  'raw' | 'silver' | 'gold' | 'dlq' | 'crawlEvents' | 'crawlState' | 'refineState' | 'refineParsed' | 'crawlCommands';

export interface TopicSpec {
  /** Base name; the configured prefix is put in front. */
  name: string;
  /** Schema file in schemas/ whose record is the value (subject `<topic>-value`). */
  schema: string;
  /** Partition count, or 'default' for the configured TOPIC_PARTITIONS. */
  partitions: number | 'default';
  config: Record<string, string>;
  doc: string;
}

const week = String(7 * 24 * 3600 * 1000);

export const topicSpecs: Record<TopicId, TopicSpec> = {
  raw: {
    name: 'postings.raw',
    schema: 'raw-posting',
    partitions: 'default',
    // Bronze is the replay source of truth but also archived to S3, so a long finite retention is enough.
    config: { 'retention.ms': String(90 * 24 * 3600 * 1000) },
    doc: 'Bronze: postings exactly as the boards sent them.',
  },
  silver: {
    name: 'postings.silver',
    schema: 'silver-posting',
    partitions: 'default',
    config: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
    doc: 'Silver: one clean normalised posting per canonical id.',
  },
  gold: {
    name: 'postings.gold',
    schema: 'gold-posting',
    partitions: 'default',
    // Compacted: the latest gold document per posting is enough to rebuild any sink.
    config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': week },
    doc: 'Gold: postings with skills, job field and seniority.',
  },
  dlq: {
    name: 'postings.dlq',
    schema: 'dead-letter',
    partitions: 1,
    config: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
    doc: 'Dead letters: records a stage could not process, with the reason and original bytes.',
  },
  crawlEvents: {
    name: 'crawl.events',
    schema: 'crawl-event',
    partitions: 1,
    config: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
    doc: 'Crawl runs: started / finished / failed with counts.',
  },
  crawlState: {
    name: 'crawl.state',
    schema: 'crawl-state',
    partitions: 1,
    config: { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.1' },
    doc: 'Incremental crawl state per posting (compacted).',
  },
  crawlCommands: {
    name: 'crawl.commands',
    schema: 'crawl-command',
    partitions: 1,
    config: { 'retention.ms': String(7 * 24 * 3600 * 1000) },
    doc: 'Commands to crawl a board now (from the gateway admin route), consumed by the producers scheduler.',
  },
  refineState: {
    name: 'refine.dedup-state',
    schema: 'dedup-state',
    partitions: 'default',
    config: { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.1' },
    doc: 'De-duplication index of the refine stage (compacted changelog).',
  },
  refineParsed: {
    name: 'postings.refine-parsed',
    schema: 'silver-posting',
    partitions: 'default',
    // Internal hop between refine.parse and refine.dedup, keyed by company id so one dedup instance sees a whole
    // company. Only needs to outlive consumer lag; silver is the durable result.
    config: { 'retention.ms': week },
    doc: 'Refine internal: parsed single-source postings keyed by company id, input of the de-duplication stage.',
  },
};

/** The full topic name for this configuration (with TECHMAP_TOPIC_PREFIX). */
export function topicName(config: Pick<Config, 'topicPrefix'>, id: TopicId): string {
  return `${config.topicPrefix}${topicSpecs[id].name}`;
}

export function topicPartitions(config: Pick<Config, 'topicPartitions'>, id: TopicId): number {
  const p = topicSpecs[id].partitions;
  return p === 'default' ? config.topicPartitions : p;
}
