// techmap schemas register|check: registers every topic's Avro schema (BACKWARD compatible) and creates the topics.
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { createKafka, ensureTopics } from '../../platform/kafka';
import { AvroSerde } from '../../platform/serde';
import { topicName, topicSpecs, type TopicId } from '../../platform/topics';
import { schemaFor } from '../../platform/schemas';

export interface RegisterResult {
  subjects: Array<{ subject: string; id: number }>;
  createdTopics: string[];
}

/** Creates missing topics and registers every schema under `<topic>-value` with BACKWARD compatibility. */
export async function registerAll(config = loadConfig()): Promise<RegisterResult> {
  const kafka = createKafka(config, 'schemas');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const createdTopics = await ensureTopics(admin, config);
    const serde = new AvroSerde(config);
    const subjects = [];
    for (const id of Object.keys(topicSpecs) as TopicId[]) {
      subjects.push({ subject: serde.subjectOf(id), id: await serde.register(id) });
    }
    return { subjects, createdTopics };
  } finally {
    await admin.disconnect();
  }
}

export function register(program: Command): void {
  const cmd = program.command('schemas').description('Avro schemas of the topics (schemas/*.avsc) and the registry');
  cmd
    .command('register')
    .description('create missing topics and register every schema under <topic>-value (BACKWARD compatibility)')
    .action(async () => {
      const result = await registerAll();
      for (const t of result.createdTopics) process.stdout.write(`created topic ${t}\n`);
      for (const s of result.subjects) process.stdout.write(`registered ${s.subject} (schema id ${s.id})\n`);
    });
  cmd
    .command('check')
    .description('ask the registry whether the local schemas are compatible with the registered ones')
    .action(async () => {
      const config = loadConfig();
      const serde = new AvroSerde(config);
      let bad = 0;
      for (const id of Object.keys(topicSpecs) as TopicId[]) {
        const ok = await serde.isCompatible(serde.subjectOf(id), schemaFor(topicSpecs[id].schema).fullSchema);
        if (!ok) bad++;
        process.stdout.write(`${ok ? 'compatible  ' : 'INCOMPATIBLE'} ${topicName(config, id)}\n`);
      }
      if (bad > 0) process.exitCode = 1;
    });
}
