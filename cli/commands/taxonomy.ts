// techmap taxonomy candidates: tech-looking terms the taxonomy does not know yet, with how many postings mention
// them, read from the gold topic (the latest record of every posting), for review.
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { ConfigError, DecodeError } from '../../platform/errors';
import { createKafka } from '../../platform/kafka';
import { componentLogger } from '../../platform/logger';
import { AvroSerde } from '../../platform/serde';
import { topicName } from '../../platform/topics';
import { rankCandidates, type CandidateInput } from '../../processors/enrich/candidates';
import type { GoldPosting } from '../../processors/enrich/types';
import { createSkillExtractor, mapBoardTag } from '../../processors/enrich/skills';
import { readChangelog } from '../../processors/runtime/changelog';

interface CandidatesOptions {
  min: string;
  limit: string;
  json?: boolean;
  all?: boolean;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${flag} must be a positive integer, not '${value}'`);
  return n;
}

/** The latest gold record of every posting: reads the gold topic to its current end. */
async function latestGold(onProgress: (records: number) => void): Promise<Map<string, CandidateInput>> {
  const config = loadConfig();
  const serde = new AvroSerde(config);
  const kafka = createKafka(config, 'taxonomy-candidates');
  const admin = kafka.admin();
  const latest = new Map<string, CandidateInput>();
  let records = 0;
  await admin.connect();
  try {
    await readChangelog({
      kafka,
      admin,
      topic: topicName(config, 'gold'),
      groupPrefix: `${config.topicPrefix}techmap.taxonomy-candidates`,
      partitions: 'all',
      logger: componentLogger('taxonomy'),
      apply: async (r) => {
        if (++records % 5000 === 0) onProgress(records);
        if (r.value === null) return void latest.delete(r.key);
        try {
          const g = await serde.decode<GoldPosting>('gold', r.value);
          latest.set(r.key, { postingId: g.posting.postingId, unknownTerms: g.unknownTerms, jobField: g.jobField.id });
        } catch (err) {
          if (!(err instanceof DecodeError)) throw err; // an unreadable record is skipped; the registry away is not
        }
      },
    });
  } finally {
    await admin.disconnect();
  }
  onProgress(records);
  return latest;
}

export function register(program: Command): void {
  const cmd = program.command('taxonomy').description('the skill taxonomy: review what the pipeline found');
  cmd
    .command('candidates')
    .description("unknown tech-looking terms from the gold topic's unknownTerms, most mentioned first")
    .option('--min <postings>', 'only terms mentioned by at least this many postings', '2')
    .option('--limit <n>', 'show at most n terms', '50')
    .option('--all', 'also list terms the current taxonomy already knows (added since those postings were enriched)')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: CandidatesOptions) => {
      const minPostings = positiveInt(opts.min, '--min');
      const limit = positiveInt(opts.limit, '--limit');
      const progress = (n: number) => process.stderr.write(`taxonomy: read ${n} gold records\n`);
      const docs = await latestGold(progress);
      const dictionary = createSkillExtractor().dictionary;
      const candidates = rankCandidates(docs.values(), {
        minPostings,
        limit,
        isKnown: opts.all ? undefined : (term) => mapBoardTag(dictionary, term).length > 0,
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ postings: docs.size, candidates }, null, 2)}\n`);
        return;
      }
      if (candidates.length === 0) {
        process.stdout.write(`no candidates among ${docs.size} postings (min ${minPostings} postings per term)\n`);
        return;
      }
      const rows = [
        ['term', 'postings', 'job fields', 'other spellings', 'examples'],
        ...candidates.map((c) => [
          c.term,
          String(c.postings),
          c.fields
            .slice(0, 3)
            .map((f) => `${f.id} ${f.postings}`)
            .join(', '),
          c.spellings.slice(0, 3).join(', '),
          c.examples.join(' '),
        ]),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const r of rows)
        process.stdout.write(
          `${r
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd()}\n`,
        );
      process.stdout.write(`${candidates.length} terms from ${docs.size} postings\n`);
    });
}
