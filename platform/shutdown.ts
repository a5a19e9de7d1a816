// Graceful shutdown: SIGINT/SIGTERM run the registered closers in reverse order, once; a second signal
// or a closer that hangs past the grace period ends the process.
import { componentLogger } from './logger';

type Closer = { name: string; close: () => Promise<void> | void };

const closers: Closer[] = [];
let installed = false;
let shuttingDown: Promise<void> | undefined;
const log = componentLogger('shutdown');

export function onShutdown(name: string, close: Closer['close']): void {
  closers.push({ name, close });
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (shuttingDown) {
          log.warn({ signal }, 'second signal: exiting now');
          process.exit(130);
        }
        void shutdown(signal).then(() => process.exit(0));
      });
    }
  }
}

/** Runs every closer (newest first). Safe to call more than once. */
export function shutdown(reason = 'shutdown', graceMs = 15000): Promise<void> {
  if (!shuttingDown) {
    shuttingDown = (async () => {
      log.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        log.error({ graceMs }, 'shutdown took too long: exiting');
        process.exit(1);
      }, graceMs);
      timer.unref();
      for (const c of [...closers].reverse()) {
        try {
          await c.close();
        } catch (err) {
          log.warn({ err, closer: c.name }, 'closer failed');
        }
      }
      clearTimeout(timer);
    })();
  }
  return shuttingDown;
}
