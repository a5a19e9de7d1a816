// `techmap taxonomy candidates` against the real broker: reads the gold topic to its end, keeps the latest record
// of each posting, and lists unknown terms by the number of postings mentioning them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, type Config } from '../../platform/config';
import type { AvroSerde } from '../../platform/serde';
import { createEnrichStage, enrichPosting } from '../../processors/enrich/stage';
import { produce } from '../processors/support/kafka-io';
import { silverPosting } from '../support/postings';
import { dropTopics, isolatedConfig, prepareTopics } from '../support/services';

const run = promisify(execFile);

describe('techmap taxonomy candidates (integration)', function () {
  this.timeout(60_000);
  let config: Config;
  let serde: AvroSerde;

  before(async () => {
    config = isolatedConfig('taxonomy-cli');
    serde = await prepareTopics(config, ['gold']);
    const ctx = createEnrichStage(config, { llm: null }).context;
    const gold = async (i: number, unknownTerms: string[]) => ({
      ...(await enrichPosting(silverPosting(i), ctx)),
      unknownTerms,
    });
    const records = [
      await gold(0, ['ZorblaxDB', 'Quuxly']),
      await gold(1, ['ZorblaxDB']),
      await gold(2, ['Quuxly', 'Kafka']), // Kafka is in the taxonomy by now: not a candidate
      await gold(3, ['Kafka']),
      await gold(2, ['ZorblaxDB']), // a newer version of posting 2 replaces the one above
    ];
    await produce(
      config,
      'gold',
      await Promise.all(records.map(async (g) => ({ key: g.posting.postingId, value: await serde.encode('gold', g) }))),
    );
  });

  after(() => dropTopics(config));

  it('prints JSON with the terms of the latest gold record of each posting', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(repoRoot, 'bin/techmap.js'), 'taxonomy', 'candidates', '--min', '1', '--json'],
      { env: { ...process.env, TECHMAP_TOPIC_PREFIX: config.topicPrefix, LOG_LEVEL: 'error' } },
    );
    const out = JSON.parse(stdout) as { postings: number; candidates: Array<{ term: string; postings: number }> };
    assert.equal(out.postings, 4);
    assert.deepEqual(
      out.candidates.map((c) => [c.term, c.postings]),
      [
        ['ZorblaxDB', 3],
        ['Quuxly', 1],
      ],
    );
  });

  it('prints a table, and names a bad option in one line', async () => {
    const env = { ...process.env, TECHMAP_TOPIC_PREFIX: config.topicPrefix, LOG_LEVEL: 'error' };
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin/techmap.js'), 'taxonomy', 'candidates'], {
      env,
    });
    assert.match(stdout, /^term\s+postings\s+job fields/m);
    assert.match(stdout, /^ZorblaxDB\s+3\s+/m);
    assert.doesNotMatch(stdout, /Quuxly/, 'below the default minimum of 2 postings');
    const err = await run(
      process.execPath,
      [path.join(repoRoot, 'bin/techmap.js'), 'taxonomy', 'candidates', '--min', 'x'],
      {
        env,
      },
    ).catch((e: { code: number; stderr: string }) => e);
    assert.equal((err as { code: number }).code, 78);
    assert.equal((err as { stderr: string }).stderr.trim(), "techmap: --min must be a positive integer, not 'x'");
  });
});
