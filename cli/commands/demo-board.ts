// techmap demo-board: the offline demo job board alone (Wanted, Jumpit, Programmers, Greenhouse, Lever and
// RemoteOK formats), or --set-generation / --advance on one that is running.
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { ConfigError } from '../../platform/errors';
import { onShutdown } from '../../platform/shutdown';
import { loadProducerSettings, startDemoBoard } from '../../producers';

interface DemoBoardCliOptions {
  port?: string;
  host?: string;
  generation?: string;
  seed?: string;
  setGeneration?: string;
  advance?: boolean;
}

export function register(program: Command): void {
  program
    .command('demo-board')
    .description('serve the offline demo job board (deterministic postings in six real board formats)')
    .option('--port <port>', 'port to listen on (default DEMO_BOARD_PORT)')
    .option('--host <host>', 'address to listen on (default DEMO_BOARD_HOST)')
    .option('--generation <n>', 'generation to start in (default DEMO_BOARD_GENERATION)')
    .option('--seed <n>', 'PRNG seed (default DEMO_BOARD_SEED)')
    .option('--set-generation <n>', 'set the generation of the running demo board and exit')
    .option('--advance', 'advance the running demo board by one generation (some postings close, some appear) and exit')
    .action(async (opts: DemoBoardCliOptions) => {
      const config = loadConfig();
      const producer = loadProducerSettings();
      const port = opts.port === undefined ? config.demoBoardPort : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new ConfigError(`--port must be a port number, not '${opts.port}'`);
      if (opts.setGeneration !== undefined || opts.advance) {
        const url = `${producer.demoBoardUrl ?? `http://127.0.0.1:${port}`}/admin/${opts.advance ? 'advance' : `generation?value=${Number(opts.setGeneration)}`}`;
        const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5000) }).catch(() => {
          throw new Error(`no demo board answers at ${new URL(url).origin}: start it with 'techmap demo-board'`);
        });
        process.stdout.write(`${await res.text()}\n`);
        return;
      }
      const board = await startDemoBoard({
        port,
        host: opts.host ?? producer.demoBoardHost,
        seed: opts.seed === undefined ? producer.demoSeed : Number(opts.seed),
        generation: opts.generation === undefined ? producer.demoGeneration : Number(opts.generation),
      });
      onShutdown('demo-board', () => board.close());
      process.stdout.write(
        `demo board at ${board.url} (generation ${board.generation()}): ${JSON.stringify(board.counts())}\n` +
          `  advance: techmap demo-board --advance   |   crawl it: techmap crawl demo   |   Ctrl-C stops\n`,
      );
    });
}
