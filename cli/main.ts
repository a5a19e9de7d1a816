// techmap: the one entry point. Each command lives in cli/commands/<name>.ts and registers itself here.
// Only the module of the command being run is loaded (all of them for --help), so a command starts fast and
// `techmap stack ...` keeps working even while another part of the tree is being edited.
import { Command, CommanderError } from 'commander';
import { describeError, TechmapError } from '../platform/errors';

type CommandModule = { register: (program: Command) => void };

const commandModules: Record<string, () => Promise<CommandModule>> = {
  stack: () => import('./commands/stack'),
  start: () => import('./commands/start'),
  run: () => import('./commands/run'),
  schemas: () => import('./commands/schemas'),
  topics: () => import('./commands/topics'),
  crawl: () => import('./commands/crawl'),
  'demo-board': () => import('./commands/demo-board'),
  replay: () => import('./commands/replay'),
  dlq: () => import('./commands/dlq'),
  extract: () => import('./commands/extract'),
  eval: () => import('./commands/eval'),
  taxonomy: () => import('./commands/taxonomy'),
  bench: () => import('./commands/bench'),
  config: () => import('./commands/config'),
};

const program = new Command('techmap')
  .description('Which technologies do employers ask for, per job field? Kafka pipeline from job boards to a dashboard.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

try {
  const asked = process.argv[2];
  const names = asked && asked in commandModules ? [asked] : Object.keys(commandModules);
  for (const name of names) (await commandModules[name]!()).register(program);
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  // One actionable line, never a stack trace (set DEBUG=techmap to see it).
  process.stderr.write(`techmap: ${describeError(err)}\n`);
  if (process.env.DEBUG?.includes('techmap')) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
  const exitCode = (err as { exitCode?: unknown }).exitCode;
  process.exit(typeof exitCode === 'number' ? exitCode : err instanceof TechmapError && err.kind === 'config' ? 78 : 1);
}
