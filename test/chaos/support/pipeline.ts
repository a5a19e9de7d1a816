// The pipeline as `techmap start` runs it: each component a `techmap run <name>` child process under the same
// Supervisor (which restarts a child that dies), here with the suite's stack and a run's own topics and stores.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Supervisor } from '../../../cli/supervisor';
import { loadConfig, type Config } from '../../../platform/config';
import { freePort } from '../../../stack/ports';
import { chaosInfraDir, chaosStackEnv } from './stack';

export type ComponentName = 'refine' | 'enrich' | 'sink-s3' | 'sink-mysql' | 'sink-dynamodb' | 'gateway';
export const ADMIN_TOKEN = 'chaos-admin-token-0123456789';

export interface PipelineRun {
  /** Short id of the run: topics `chaos-<run>.`, database techmap_chaos_<run>, table and bucket techmap-chaos-<run>. */
  run: string;
  env: Record<string, string>;
  config: Config;
  gatewayUrl: string;
  supervisor: Supervisor;
  logDir: string;
}

/** Settings and stores of one run (nothing shared with other runs but the services). */
export async function pipelineRun(label: string): Promise<Omit<PipelineRun, 'supervisor'>> {
  const run = `${label}-${randomBytes(3).toString('hex')}`;
  const mysqlBase = chaosStackEnv.MYSQL_URL!.replace(/\/[^/]*$/, '');
  const gatewayPort = await freePort();
  const env: Record<string, string> = {
    ...chaosStackEnv,
    TECHMAP_TOPIC_PREFIX: `chaos-${run}.`,
    TOPIC_PARTITIONS: '3',
    MYSQL_URL: `${mysqlBase}/techmap_chaos_${run.replace(/-/g, '_')}`,
    DYNAMODB_TABLE: `techmap-chaos-${run}`,
    S3_BUCKET: `techmap-chaos-${run}`,
    GATEWAY_PORT: String(gatewayPort),
    TECHMAP_ADMIN_TOKEN: ADMIN_TOKEN,
    // Rules only: the LLM is never part of a posting's effect here.
    GEMINI_API_KEY: '',
    // The archive's tail is written once a partition is idle (otherwise the last round waits for more records).
    SINK_S3_IDLE_FLUSH_MS: '2000',
    LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'production',
  };
  return {
    run,
    env,
    config: loadConfig({ ...process.env, ...env }),
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    logDir: path.join(chaosInfraDir, 'logs', 'pipeline', run),
  };
}

/** Starts `components` as supervised children; their logs go to <logDir>/<component>.log. */
export function startPipeline(run: Omit<PipelineRun, 'supervisor'>, components: ComponentName[]): PipelineRun {
  const supervisor = new Supervisor(run.logDir);
  for (const name of components) supervisor.start({ name, args: ['run', name], env: run.env });
  return { ...run, supervisor };
}

function pidOf(p: PipelineRun, name: ComponentName): number | undefined {
  const s = p.supervisor.status().find((c) => c.name === name);
  return s?.alive ? s.pid : undefined;
}

/** kill -9 of one component; resolves with the killed pid once the supervisor has started a new process. */
export async function killComponent(p: PipelineRun, name: ComponentName, timeoutMs = 60000): Promise<number> {
  const pid = pidOf(p, name);
  if (pid === undefined) throw new Error(`${name} is not running`);
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = pidOf(p, name);
    if (now !== undefined && now !== pid) return pid;
    if (Date.now() > deadline) throw new Error(`${name} was not restarted within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Restarts of each component so far (kills and crashes). */
export function restarts(p: PipelineRun): Record<string, number> {
  return Object.fromEntries(p.supervisor.status().map((c) => [c.name, c.restarts]));
}
