// techmap start: the one command. Local stack, schemas and topics, the demo board, crawlers, both processors,
// every sink and the gateway with the dashboard; a progress view until data is visible, then only changes;
// Ctrl-C stops it all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, repoRoot, type Config } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { topicName, type TopicId } from '../../platform/topics';
import { StartProgress } from '../start-progress';
import { Supervisor, type ChildSpec } from '../supervisor';
import { registerAll } from './schemas';

/** Components `start` runs, in start order (each is `techmap run <name>`). */
export const pipelineComponents = [
  'demo-board',
  'sink-s3',
  'sink-mysql',
  'sink-dynamodb',
  'enrich',
  'refine',
  'gateway',
  'producers',
] as const;

function techmap(args: string[]): number {
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'bin/techmap.js'), ...args], { stdio: 'inherit' });
  return res.status ?? 1;
}

async function topicCounts(config: Config, ids: TopicId[]): Promise<Record<string, number>> {
  const admin = createKafka(config, 'start-progress').admin();
  await admin.connect();
  try {
    const out: Record<string, number> = {};
    for (const id of ids) {
      try {
        const offsets = await admin.fetchTopicOffsets(topicName(config, id));
        out[id] = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      } catch {
        out[id] = 0;
      }
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

async function postingsVisible(config: Config): Promise<number> {
  try {
    const res = await fetch(`http://${config.gatewayHost}:${config.gatewayPort}/api/v1/fields`, {
      signal: AbortSignal.timeout(2000),
    });
    if (!res.ok) return 0;
    const body = (await res.json()) as { fields?: Array<{ postings?: number }> } | Array<{ postings?: number }>;
    const fields = Array.isArray(body) ? body : (body.fields ?? []);
    return fields.reduce((sum, f) => sum + (f.postings ?? 0), 0);
  } catch {
    return 0;
  }
}

export function register(program: Command): void {
  program
    .command('start')
    .description('run everything locally: stack, schemas, demo board, crawlers, processors, sinks, gateway + dashboard')
    .option('--no-stack', 'do not start the local stack (use services from the environment)')
    .option('--only <components>', `comma-separated subset of: ${pipelineComponents.join(', ')}`)
    .action(async (opts: { stack: boolean; only?: string }) => {
      const config = loadConfig();
      const chosen = opts.only ? opts.only.split(',').map((s) => s.trim()) : [...pipelineComponents];
      for (const c of chosen) {
        if (!(pipelineComponents as readonly string[]).includes(c)) throw new Error(`unknown component '${c}'`);
      }
      let stoppedStack = false;
      const stackWasUp = techmapQuiet(['stack', 'status']) === 0;
      if (opts.stack && !stackWasUp) {
        process.stdout.write(
          'techmap: starting the local stack (first run installs Kafka, the registry, S3Proxy)...\n',
        );
        if (techmap(['stack', 'up']) !== 0) throw new Error('the local stack did not start: see the lines above');
      }
      await registerAll(config);
      if (!fs.existsSync(path.join(repoRoot, 'dashboard/dist/index.html'))) {
        process.stdout.write('techmap: building the dashboard...\n');
        spawnSync('npx', ['vite', 'build', 'dashboard', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
      }

      const supervisor = new Supervisor(path.join(config.infraDir, 'logs', 'pipeline'));
      for (const name of chosen) {
        const spec: ChildSpec = { name, args: ['run', name] };
        supervisor.start(spec);
      }
      const url = `http://${config.gatewayHost}:${config.gatewayPort}/`;
      process.stdout.write(
        `techmap: running ${chosen.join(', ')}\n` +
          `  dashboard  ${url}\n  REST API   ${url}api/v1/fields  (OpenAPI ${url}api/openapi.json)\n` +
          `  metrics    ${url}metrics\n  logs       ${path.join(config.infraDir, 'logs', 'pipeline')}/<component>.log\n` +
          'Ctrl-C stops everything.\n',
      );

      const stopAll = async () => {
        if (stoppedStack) return;
        stoppedStack = true;
        process.stdout.write('\ntechmap: stopping components...\n');
        await supervisor.stopAll();
        if (opts.stack && !stackWasUp) techmap(['stack', 'down']);
        process.exit(0);
      };
      process.on('SIGINT', () => void stopAll());
      process.on('SIGTERM', () => void stopAll());

      // Every 3 s until data is visible, then every 10 s: only changes are printed (see StartProgress).
      const progress = new StartProgress(url);
      for (;;) {
        await new Promise((r) => setTimeout(r, progress.dataVisible ? 10000 : 3000));
        // Kafka restarting is not a reason to stop everything: try again at the next tick.
        const counts = await topicCounts(config, ['raw', 'silver', 'gold', 'dlq']).catch(() => undefined);
        if (!counts) continue;
        const visible = await postingsVisible(config);
        const down = supervisor
          .status()
          .filter((c) => !c.alive)
          .map((c) => c.name);
        const lines = progress.update({ counts: { raw: 0, silver: 0, gold: 0, dlq: 0, ...counts }, visible, down });
        for (const line of lines) process.stdout.write(`${line}\n`);
      }
    });
}

function techmapQuiet(args: string[]): number {
  const res = spawnSync(process.execPath, [path.join(repoRoot, 'bin/techmap.js'), ...args], { stdio: 'ignore' });
  return res.status ?? 1;
}
