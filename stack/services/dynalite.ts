// dynalite: the DynamoDB API backed by LevelDB on disk, run as its own Node process from the npm dependency.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StackError } from '../errors';
import type { ServiceDefinition } from '../service';
import { isLoopback, type StackSettings } from '../settings';
import { quietAwsSdkNodeWarning } from './aws';

const require = createRequire(import.meta.url);

function dynamo(s: StackSettings): NonNullable<StackSettings['dynamodb']> {
  if (!s.dynamodb)
    throw new StackError('failure', 'DYNAMODB_ENDPOINT is not set, so there is no local DynamoDB to manage');
  return s.dynamodb;
}

function dynaliteVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve('dynalite/package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '?';
  }
}

export const dynaliteService: ServiceDefinition = {
  name: 'dynalite',
  role: 'DynamoDB',
  product: () => `dynalite ${dynaliteVersion()}`,
  host: (s) => s.dynamodb?.host ?? '-',
  ports: (s) => (s.dynamodb ? [s.dynamodb.port] : []),
  envVar: 'DYNAMODB_ENDPOINT',
  managed: (s) => s.dynamodb !== null && isLoopback(s.dynamodb.host),
  startTimeoutMs: 30_000,
  // dynalite's option parser ignores options it does not know.
  markerArg: (ctx) => `--techmap-stack=${ctx.stateDir}${path.sep}`,

  async prepare(ctx) {
    const d = dynamo(ctx.settings);
    let cli: string;
    try {
      cli = require.resolve('dynalite/cli.js');
    } catch {
      throw new StackError('prerequisiteMissing', 'the dynalite package is missing: run `npm ci`');
    }
    const dataDir = path.join(ctx.stateDir, 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    return {
      command: process.execPath,
      args: [
        cli,
        this.markerArg(ctx),
        '--host',
        d.host,
        '--port',
        String(d.port),
        '--path',
        dataDir,
        '--createTableMs',
        '0',
        '--deleteTableMs',
        '0',
        '--updateTableMs',
        '0',
      ],
      cwd: ctx.stateDir,
    };
  },

  async probe(s, timeoutMs) {
    quietAwsSdkNodeWarning();
    const { DynamoDBClient, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
    const d = dynamo(s);
    const client = new DynamoDBClient({
      endpoint: d.endpoint,
      region: d.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
    });
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
    } finally {
      client.destroy();
    }
  },

  dataPaths: (ctx) => [path.join(ctx.stateDir, 'data')],
  resetNote: 'all tables and items are gone',

  diagnose(tail, ctx) {
    if (/EADDRINUSE/.test(tail)) {
      return new StackError(
        'portInUse',
        `dynalite could not bind port ${ctx.settings.dynamodb?.port}: set DYNAMODB_ENDPOINT to a free port`,
      );
    }
    if (/LOCK|IO error/.test(tail)) {
      return new StackError(
        'failure',
        `another process holds the dynalite database in ${path.join(ctx.stateDir, 'data')}; stop it first`,
      );
    }
    if (/Corruption/i.test(tail)) {
      return new StackError(
        'corruptData',
        `the dynalite database is corrupt: run \`techmap stack reset dynalite\` to wipe it`,
      );
    }
    return null;
  },
};
