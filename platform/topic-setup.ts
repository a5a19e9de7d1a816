// Topics of a run of their own (tests and benchmarks use a unique TECHMAP_TOPIC_PREFIX): create them with their
// schemas registered, and delete them all afterwards.
import type { Config } from './config';
import { createKafka, ensureTopics } from './kafka';
import { AvroSerde } from './serde';
import type { TopicId } from './topics';

/** Creates the given topics where missing and registers their value schemas; returns a serde for `config`. */
export async function prepareTopics(config: Config, ids: TopicId[], clientId = 'setup'): Promise<AvroSerde> {
  const admin = createKafka(config, clientId).admin();
  await admin.connect();
  try {
    await ensureTopics(admin, config, ids);
  } finally {
    await admin.disconnect();
  }
  const serde = new AvroSerde(config);
  for (const id of ids) await serde.register(id);
  return serde;
}

/** Deletes every topic whose name starts with config.topicPrefix; returns their names. Needs a prefix. */
export async function deletePrefixedTopics(config: Config, clientId = 'teardown'): Promise<string[]> {
  if (!config.topicPrefix) throw new Error('refusing to delete topics without a topic prefix');
  const admin = createKafka(config, clientId).admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(config.topicPrefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    return mine;
  } finally {
    await admin.disconnect();
  }
}
