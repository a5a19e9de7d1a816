// /pipeline: topic end offsets and throughput, consumer lag per component (Kafka groups and the MySQL sink's own
// offsets), plus what the pipeline monitor follows. Each source that cannot answer is null with a reason.
import type { Admin } from 'kafkajs';
import type { Config } from '../../platform/config';
import { describeError } from '../../platform/errors';
import { topicName, type TopicId } from '../../platform/topics';
import type { BoardCrawl, DeadLetterCount, PipelineMonitor } from '../pipeline-monitor';
import { num, one, rows, type Db } from './db';

export const PIPELINE_TOPICS: TopicId[] = ['raw', 'silver', 'gold', 'dlq', 'crawlEvents'];

export interface TopicOffsets {
  /** Topic id without the prefix, e.g. postings.raw. */
  topic: string;
  endOffset: number;
  /** Records still retained (end - start offsets). */
  retained: number;
  partitions: number;
  /** Records per second appended, measured between two /pipeline reads 10 s to 10 min apart; null until then. */
  ratePerSecond: number | null;
}

export interface ConsumerLag {
  component: string;
  group: string;
  topic: string;
  /** Records not yet consumed (end offset - committed position, summed over partitions). */
  lag: number;
  /** Where the position was read: the Kafka consumer group, or the offsets the MySQL sink stores with its rows. */
  source: 'kafka' | 'mysql';
}

export interface LlmUsage {
  calls: number;
  tokens: number;
  callBudget: number | null;
  tokenBudget: number | null;
}

export interface PipelineStatus {
  generatedAt: string;
  topics: TopicOffsets[] | null;
  lag: ConsumerLag[] | null;
  deadLetters: DeadLetterCount[] | null;
  crawls: BoardCrawl[] | null;
  llm: LlmUsage | null;
  /** Postings enriched today (UTC) whose gold record says the LLM filled something (from MySQL). */
  llmPostingsToday: number | null;
  unavailable: Record<string, string>;
}

/** Remembers end offsets over time to compute append rates (bounded history). */
export class OffsetHistory {
  private readonly samples: Array<{ at: number; ends: Map<string, number> }> = [];

  rate(topic: string, end: number, now: number): number | null {
    for (const s of this.samples) {
      const age = now - s.at;
      if (age >= 10000 && age <= 600000 && s.ends.has(topic)) {
        return Math.round(((end - s.ends.get(topic)!) / (age / 1000)) * 100) / 100;
      }
    }
    return null;
  }

  record(ends: Map<string, number>, now: number): void {
    const last = this.samples[this.samples.length - 1];
    if (!last || now - last.at >= 10000) this.samples.push({ at: now, ends });
    while (this.samples.length > 0 && now - this.samples[0]!.at > 600000) this.samples.shift();
    if (this.samples.length > 120) this.samples.shift();
  }
}

export interface PipelineDeps {
  config: Config;
  db: Db;
  kafkaAdmin?: Admin;
  monitor?: PipelineMonitor;
  history: OffsetHistory;
  now?: Date;
}

const LLM_REASON =
  'LLM calls and tokens are counted only inside the enrich process (its own /metrics); no shared store holds them yet';

export async function pipelineStatus(d: PipelineDeps): Promise<PipelineStatus> {
  const now = d.now ?? new Date();
  const unavailable: Record<string, string> = {};
  const out: PipelineStatus = {
    generatedAt: now.toISOString(),
    topics: null,
    lag: null,
    deadLetters: null,
    crawls: null,
    llm: null,
    llmPostingsToday: null,
    unavailable,
  };
  const ends = new Map<string, Map<number, number>>(); // full topic name -> partition -> end
  if (!d.kafkaAdmin) {
    unavailable.topics = 'the gateway runs without a Kafka connection';
    unavailable.lag = unavailable.topics;
  } else {
    try {
      out.topics = await topicOffsets(d.kafkaAdmin, d.config, ends, d.history, now.getTime());
    } catch (err) {
      unavailable.topics = `Kafka did not answer: ${describeError(err)}`;
    }
    try {
      out.lag = await kafkaLag(d.kafkaAdmin, d.config, ends);
    } catch (err) {
      unavailable.lag = `Kafka did not answer: ${describeError(err)}`;
    }
  }
  try {
    const mysqlLag = await sinkOffsetLag(d.db, d.config, ends);
    out.lag = [...(out.lag ?? []), ...mysqlLag];
    if (out.lag.length > 0) delete unavailable.lag;
  } catch (err) {
    unavailable.lagMysql = `MySQL did not answer: ${describeError(err)}`;
  }
  if (d.monitor) {
    const snap = d.monitor.snapshot();
    out.deadLetters = snap.deadLetters;
    out.crawls = snap.crawls;
    Object.assign(unavailable, snap.unavailable);
  } else {
    unavailable.deadLetters = 'no pipeline monitor follows the dead-letter topic in this gateway';
    unavailable.crawls = 'no pipeline monitor follows crawl.events in this gateway';
  }
  unavailable.llm = LLM_REASON;
  try {
    const today = now.toISOString().slice(0, 10);
    out.llmPostingsToday = num(
      (
        await one<{ n: unknown }>(d.db, 'SELECT COUNT(*) AS n FROM postings WHERE llm_used = 1 AND enriched_at >= ?', [
          `${today} 00:00:00.000`,
        ])
      )?.n,
    );
  } catch (err) {
    unavailable.llmPostingsToday = `MySQL did not answer: ${describeError(err)}`;
  }
  return out;
}

async function topicOffsets(
  admin: Admin,
  config: Config,
  ends: Map<string, Map<number, number>>,
  history: OffsetHistory,
  now: number,
): Promise<TopicOffsets[]> {
  const existing = new Set(await admin.listTopics());
  const out: TopicOffsets[] = [];
  const totals = new Map<string, number>();
  for (const id of PIPELINE_TOPICS) {
    const name = topicName(config, id);
    if (!existing.has(name)) continue;
    const offsets = await admin.fetchTopicOffsets(name);
    const perPartition = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
    ends.set(name, perPartition);
    const end = offsets.reduce((a, o) => a + Number(o.high), 0);
    totals.set(name, end);
    out.push({
      topic: name.slice(config.topicPrefix.length),
      endOffset: end,
      retained: offsets.reduce((a, o) => a + Number(o.high) - Number(o.low), 0),
      partitions: offsets.length,
      ratePerSecond: history.rate(name, end, now),
    });
  }
  history.record(totals, now);
  return out;
}

/** Lag of every techmap consumer group (`<prefix>techmap.<component>`) on the pipeline topics. */
async function kafkaLag(admin: Admin, config: Config, ends: Map<string, Map<number, number>>): Promise<ConsumerLag[]> {
  const groupPrefix = `${config.topicPrefix}techmap.`;
  const { groups } = await admin.listGroups();
  const ours = groups
    .map((g) => g.groupId)
    .filter((g) => g.startsWith(groupPrefix) && !g.startsWith(`${groupPrefix}gateway-monitor.`))
    .sort()
    .slice(0, 50);
  const topics = [...ends.keys()];
  const out: ConsumerLag[] = [];
  if (topics.length === 0) return out;
  for (const group of ours) {
    const committed = await admin.fetchOffsets({ groupId: group, topics });
    for (const t of committed) {
      const positions = t.partitions.filter((p) => Number(p.offset) >= 0);
      if (positions.length === 0) continue; // this group does not read this topic
      const end = ends.get(t.topic)!;
      let lag = 0;
      for (const p of t.partitions) {
        const e = end.get(p.partition) ?? 0;
        const pos = Number(p.offset);
        lag += Math.max(0, e - (pos >= 0 ? pos : 0));
      }
      out.push({
        component: group.slice(groupPrefix.length),
        group,
        topic: t.topic.slice(config.topicPrefix.length),
        lag,
        source: 'kafka',
      });
    }
  }
  return out;
}

/** The MySQL sink keeps its position in sink_offsets (same transaction as its rows): the truest lag of that sink. */
async function sinkOffsetLag(db: Db, config: Config, ends: Map<string, Map<number, number>>): Promise<ConsumerLag[]> {
  if (ends.size === 0) return [];
  const found = await rows<{ consumer_group: string; topic: string; partition_id: number; next_offset: unknown }>(
    db,
    'SELECT consumer_group, topic, partition_id, next_offset FROM sink_offsets ORDER BY consumer_group, topic',
  );
  const byGroupTopic = new Map<string, ConsumerLag>();
  for (const r of found) {
    const end = ends.get(r.topic);
    if (!end) continue;
    const key = `${r.consumer_group}\u0000${r.topic}`;
    let entry = byGroupTopic.get(key);
    if (!entry) {
      const groupPrefix = `${config.topicPrefix}techmap.`;
      entry = {
        component: r.consumer_group.startsWith(groupPrefix)
          ? r.consumer_group.slice(groupPrefix.length)
          : r.consumer_group,
        group: r.consumer_group,
        topic: r.topic.slice(config.topicPrefix.length),
        lag: 0,
        source: 'mysql',
      };
      byGroupTopic.set(key, entry);
    }
    entry.lag += Math.max(0, (end.get(r.partition_id) ?? 0) - num(r.next_offset));
  }
  return [...byGroupTopic.values()];
}
