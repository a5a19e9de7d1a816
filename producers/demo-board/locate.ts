// Finds the demo board to crawl: DEMO_BOARD_URL when set, else one already answering on DEMO_BOARD_PORT, else a
// new one started in this process (on DEMO_BOARD_PORT when free, any free port otherwise).
import type { Config } from '../../platform/config';
import type { ProducerSettings } from '../settings';
import { startDemoBoard, type DemoBoard } from './server';

export interface LocatedDemoBoard {
  url: string;
  /** Set when this process started it (close it when done). */
  started?: DemoBoard;
}

export async function locateDemoBoard(
  config: Pick<Config, 'demoBoardPort'>,
  producer: ProducerSettings,
): Promise<LocatedDemoBoard> {
  if (producer.demoBoardUrl) return { url: producer.demoBoardUrl.replace(/\/+$/, '') };
  const local = `http://127.0.0.1:${config.demoBoardPort}`;
  if (await answers(`${local}/health`)) return { url: local };
  const opts = { seed: producer.demoSeed, generation: producer.demoGeneration };
  const started = await startDemoBoard({ ...opts, port: config.demoBoardPort }).catch(() =>
    startDemoBoard({ ...opts, port: 0 }),
  );
  return { url: started.url, started };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    const body = (await res.json().catch(() => ({}))) as { service?: string };
    return res.ok && body.service === 'techmap-demo-board';
  } catch {
    return false;
  }
}
