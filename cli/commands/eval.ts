// techmap eval (npm run eval): scores skill extraction and job-field classification on the evaluation data (SkillSpan
// English postings with human spans, Korean Wanted texts paired with employer tags, and any other JSON Lines of
// text + tags there) and prints precision / recall / F1 per set. How gold sets are built: processors/enrich/eval/run.ts.
// The folder is TECHMAP_EVAL_DIR, by default ../shared/eval/data next to the repository; when it is absent the
// command says so and exits 0.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { repoRoot } from '../../platform/config';
import { formatReport, runEval } from '../../processors/enrich/eval/run';

export const defaultEvalDir = path.resolve(repoRoot, '..', 'shared', 'eval', 'data');

export function evalDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.TECHMAP_EVAL_DIR;
  return fromEnv && fromEnv.trim() !== '' ? path.resolve(fromEnv) : defaultEvalDir;
}

export function register(program: Command): void {
  program
    .command('eval')
    .description(
      'score extraction and job field on the evaluation data (TECHMAP_EVAL_DIR, default ../shared/eval/data)',
    )
    .option('--dir <path>', 'evaluation data folder (overrides TECHMAP_EVAL_DIR)')
    .option('-v, --verbose', 'also list the most frequent misses, false positives and unmapped spans/tags')
    .option('--json', 'print the full report as JSON')
    .action((opts: { dir?: string; verbose?: boolean; json?: boolean }) => {
      const dir = opts.dir ? path.resolve(opts.dir) : evalDir();
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        process.stdout.write(
          `techmap eval: no evaluation data at ${dir} (set TECHMAP_EVAL_DIR or --dir); nothing to score.\n`,
        );
        return;
      }
      const report = runEval(dir);
      process.stdout.write(
        opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, opts.verbose)}\n`,
      );
    });
}
