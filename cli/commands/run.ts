// techmap run <component>: one component alone, as docker compose and Kubernetes run it. Exposes /metrics,
// /health and /ready on METRICS_PORT (when set) and stops gracefully on SIGTERM/SIGINT.
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { componentLogger } from '../../platform/logger';
import { startOpsServer } from '../../platform/metrics';
import { onShutdown } from '../../platform/shutdown';
import { componentFactories, componentNames } from '../components';

export function register(program: Command): void {
  program
    .command('run <component>')
    .description(`run one component until stopped: ${componentNames().join(', ')}`)
    .action(async (name: string) => {
      const entry = componentFactories[name];
      if (!entry) throw new Error(`unknown component '${name}': one of ${componentNames().join(', ')}`);
      const config = loadConfig();
      const log = componentLogger(name);
      const component = await entry.create(config);
      onShutdown(name, () => component.stop());
      if (config.metricsPort > 0) {
        const server = await startOpsServer(
          config.metricsPort,
          '0.0.0.0',
          component.ready ? { [name]: component.ready } : {},
        );
        onShutdown(`${name}.ops`, () => new Promise<void>((resolve) => server.close(() => resolve())));
      }
      await component.start();
      log.info('running');
    });
}
