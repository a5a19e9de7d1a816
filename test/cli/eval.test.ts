// techmap eval: the data folder comes from TECHMAP_EVAL_DIR (default ../shared/eval/data); a missing folder is not an error.
import assert from 'node:assert/strict';
import path from 'node:path';
import { Command } from 'commander';
import { repoRoot } from '../../platform/config';
import { defaultEvalDir, evalDir, register } from '../../cli/commands/eval';

describe('techmap eval command', () => {
  it('reads the folder from TECHMAP_EVAL_DIR, else ../shared/eval/data next to the repository', () => {
    assert.equal(defaultEvalDir, path.resolve(repoRoot, '..', 'shared', 'eval', 'data'));
    assert.equal(evalDir({}), defaultEvalDir);
    assert.equal(evalDir({ TECHMAP_EVAL_DIR: '/tmp/some-eval' }), '/tmp/some-eval');
  });

  it('says clearly that there is nothing to score when the folder is missing, and succeeds', async () => {
    const program = new Command('techmap').exitOverride();
    register(program);
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      await program.parseAsync(['node', 'techmap', 'eval', '--dir', '/nonexistent/techmap-eval']);
    } finally {
      process.stdout.write = original;
    }
    assert.deepEqual(written, [
      'techmap eval: no evaluation data at /nonexistent/techmap-eval (set TECHMAP_EVAL_DIR or --dir); nothing to score.\n',
    ]);
    assert.equal(process.exitCode ?? 0, 0);
  });
});
