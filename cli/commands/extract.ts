// techmap extract: the enrich rules core, offline. Reads JSON Lines on stdin ({"id","title","text"} with optional
// "boardTags" and "boardCategories") and writes one JSON line per input on stdout with the skills (gold
// SkillMention shape), job field, seniority and unknown terms. Rules only, deterministic, no network.
// A malformed line is reported on stderr with its line number and skipped; the exit code is then 1.
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { enrichText } from '../../processors/enrich/offline';
import { createRulesEnricher, type RulesEnricher } from '../../processors/enrich/rules';

export interface ExtractLine {
  id: string;
  title: string;
  text: string;
  boardTags?: string[];
  boardCategories?: string[];
}

/** Validates one parsed input line; returns the problem as text when it is not a posting. */
export function parseExtractLine(line: string): ExtractLine | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' && typeof v.id !== 'number') return '"id" must be a string or a number';
  if (typeof v.title !== 'string') return '"title" must be a string';
  if (typeof v.text !== 'string') return '"text" must be a string';
  for (const key of ['boardTags', 'boardCategories'] as const) {
    const list = v[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every((t) => typeof t === 'string'))) {
      return `"${key}" must be an array of strings`;
    }
  }
  return {
    id: String(v.id),
    title: v.title,
    text: v.text,
    boardTags: v.boardTags as string[] | undefined,
    boardCategories: v.boardCategories as string[] | undefined,
  };
}

/** The output record of one posting (key order is part of the format). */
export function extractRecord(posting: ExtractLine, enricher: RulesEnricher) {
  const out = enrichText(posting, enricher);
  return {
    id: posting.id,
    skills: out.skills,
    jobField: out.jobField,
    seniority: out.seniority.level,
    unknownTerms: out.unknownTerms,
    taxonomyVersion: out.taxonomyVersion,
  };
}

export interface ExtractStats {
  ok: number;
  failed: number;
}

/** Streams input lines to output lines; errors go to `errors` as 'line N: problem'. */
export async function runExtract(
  input: Readable,
  output: Writable,
  errors: Writable,
  enricher = createRulesEnricher(),
): Promise<ExtractStats> {
  const stats: ExtractStats = { ok: 0, failed: 0 };
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const parsed = parseExtractLine(line);
    if (typeof parsed === 'string') {
      stats.failed++;
      errors.write(`techmap extract: line ${lineNo}: ${parsed}\n`);
      continue;
    }
    let record: string;
    try {
      record = JSON.stringify(extractRecord(parsed, enricher));
    } catch (err) {
      stats.failed++;
      errors.write(`techmap extract: line ${lineNo}: ${(err as Error).message.split('\n')[0]}\n`);
      continue;
    }
    stats.ok++;
    if (!output.write(`${record}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
  return stats;
}

export function register(program: Command): void {
  program
    .command('extract')
    .description(
      'read postings as JSON Lines on stdin ({"id","title","text"}, optional "boardTags", "boardCategories") and write skills, job field and seniority as JSON Lines (rules only, offline)',
    )
    .action(async () => {
      const stats = await runExtract(process.stdin, process.stdout, process.stderr);
      if (stats.failed > 0) {
        process.stderr.write(`techmap extract: ${stats.failed} line(s) failed, ${stats.ok} extracted\n`);
        process.exitCode = 1;
      }
    });
}
