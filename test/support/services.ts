// Integration tests run against the real local services (endpoints from env, as in production).
// Each test run gets its own topic prefix, so suites never see each other's records.
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../platform/config';
import type { AvroSerde } from '../../platform/serde';
import { deletePrefixedTopics, prepareTopics as prepareRunTopics } from '../../platform/topic-setup';
import type { TopicId } from '../../platform/topics';

/** A config whose topics are private to this test run (prefix `t-<suite>-<random>.`). */
export function isolatedConfig(suite: string, overrides: Partial<Config> = {}): Config {
  const prefix = `t-${suite.replace(/[^a-zA-Z0-9-]/g, '-')}-${randomBytes(3).toString('hex')}.`;
  return loadConfig(process.env, { topicPrefix: prefix, topicPartitions: 2, ...overrides });
}

/** Creates the given topics for `config` and registers their schemas. */
export function prepareTopics(config: Config, ids: TopicId[]): Promise<AvroSerde> {
  return prepareRunTopics(config, ids, 'test-setup');
}

/** Deletes every topic whose name starts with config.topicPrefix (best effort, for after() hooks). */
export async function dropTopics(config: Config): Promise<void> {
  if (!config.topicPrefix) return;
  // Teardown only: a leftover topic with a random prefix harms nobody.
  await deletePrefixedTopics(config, 'test-teardown').catch(() => undefined);
}

/** Polls `check` until it returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
