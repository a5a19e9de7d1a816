// techmap dlq list|retry: look at the dead-letter topic and send its records back into the pipeline.
import type { Command } from 'commander';
import { registerList } from './dlq-list';
import { registerRetry } from './dlq-retry';

export function register(program: Command): void {
  const dlq = program.command('dlq').description('list dead letters and re-drive them to their original topics');
  registerList(dlq);
  registerRetry(dlq);
}
