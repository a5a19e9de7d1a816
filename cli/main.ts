// techmap: the one entry point. Each command lives in cli/commands/<name>.ts and registers itself here.
import { Command, CommanderError } from 'commander';
import { describeError, TechmapError } from '../platform/errors';
import { register as bench } from './commands/bench';
import { register as crawl } from './commands/crawl';
import { register as demoBoard } from './commands/demo-board';
import { register as evaluate } from './commands/eval';
import { register as extract } from './commands/extract';
import { register as replay } from './commands/replay';
import { register as run } from './commands/run';
import { register as schemas } from './commands/schemas';
import { register as stack } from './commands/stack';
import { register as start } from './commands/start';
import { register as taxonomy } from './commands/taxonomy';
import { register as topics } from './commands/topics';

const commands: Array<(program: Command) => void> = [
  stack,
  start,
  run,
  schemas,
  topics,
  bench,
  crawl,
  demoBoard,
  replay,
  extract,
  evaluate,
  taxonomy,
];

const program = new Command('techmap')
  .description('Which technologies do employers ask for, per job field? Kafka pipeline from job boards to a dashboard.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

for (const add of commands) add(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  // One actionable line, never a stack trace (set DEBUG=techmap to see it).
  process.stderr.write(`techmap: ${describeError(err)}\n`);
  if (process.env.DEBUG?.includes('techmap')) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
  process.exit(err instanceof TechmapError && err.kind === 'config' ? 78 : 1);
}
