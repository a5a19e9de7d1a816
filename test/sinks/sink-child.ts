// Runs one sink until killed, configured from the environment (used by the kill -9 tests).
import { loadConfig } from '../../platform/config';
import { onShutdown } from '../../platform/shutdown';
import { createSinkComponent, isSinkName } from '../../sinks/index';

const name = process.argv[2] ?? '';
if (!isSinkName(name)) throw new Error(`unknown sink ${name}`);
const component = await createSinkComponent(name, loadConfig());
onShutdown(name, () => component.stop());
await component.start();
process.stderr.write(`sink-child ${name} started\n`);
