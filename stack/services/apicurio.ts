// Apicurio Registry 3.x as the Schema Registry (Confluent-compatible API at /apis/ccompat/v7), from its runnable
// Maven Central archive (infra/apicurio/pom.xml). It needs Java 21+; schemas are kept in an H2 file so they persist.
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '../errors';
import { distLocation, ensureInstalled, pomVersion, runMaven, untar } from '../install';
import { findJava, findMaven } from '../java';
import { cdsArgs } from '../jvm';
import type { ServiceDefinition } from '../service';
import { isLoopback, type StackSettings } from '../settings';
import { renderTemplateFile } from '../template';

function pom(settings: StackSettings): string {
  return path.join(settings.repoRoot, 'infra', 'apicurio', 'pom.xml');
}

function appDir(settings: StackSettings): string {
  return distLocation(settings.distDir, 'apicurio', pom(settings), 'apicurio.version');
}

function findFile(dir: string, name: string, depth = 3): string | null {
  const direct = path.join(dir, name);
  if (fs.existsSync(direct)) return direct;
  if (depth === 0) return null;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const found = findFile(path.join(dir, entry.name), name, depth - 1);
    if (found) return found;
  }
  return null;
}

export const apicurioService: ServiceDefinition = {
  name: 'apicurio',
  role: 'Schema Registry',
  product: (s) => `Apicurio Registry ${pomVersion(pom(s), 'apicurio.version')}`,
  host: (s) => s.registry.host,
  ports: (s) => [s.registry.port, s.registry.managementPort],
  envVar: 'SCHEMA_REGISTRY_URL (its management interface uses the port + 1)',
  managed: (s) => isLoopback(s.registry.host),
  startTimeoutMs: 180_000,
  markerArg: (ctx) => `-Dtechmap.stack=${ctx.stateDir}${path.sep}`,

  async install(ctx) {
    return ensureInstalled(appDir(ctx.settings), async (tmp) => {
      findMaven(); // fail before announcing an install that cannot happen
      ctx.progress(`installing ${this.product(ctx.settings)} with Maven`);
      const download = path.join(tmp, '.download');
      await runMaven(
        ['-f', pom(ctx.settings), 'dependency:copy', `-DoutputDirectory=${download}`],
        ctx.logFile,
        'the Apicurio Registry archive',
      );
      const archive = fs.readdirSync(download).find((f) => f.endsWith('.tar.gz'));
      if (!archive) throw new StackError('failure', `Maven delivered no Apicurio archive; see ${ctx.logFile}`);
      await untar(path.join(download, archive), tmp);
      fs.rmSync(download, { recursive: true, force: true });
      if (!findFile(tmp, 'quarkus-run.jar')) {
        throw new StackError('failure', `the Apicurio archive has no quarkus-run.jar (layout changed?)`);
      }
    });
  },

  async prepare(ctx) {
    const java = findJava(21, `Apicurio Registry ${pomVersion(pom(ctx.settings), 'apicurio.version')}`, [
      'JAVA21_HOME',
    ]);
    const jar = findFile(appDir(ctx.settings), 'quarkus-run.jar');
    if (!jar)
      throw new StackError(
        'failure',
        `quarkus-run.jar missing under ${appDir(ctx.settings)}; delete that folder and run \`techmap stack up\` again`,
      );
    const dataDir = path.join(ctx.stateDir, 'data');
    const tmpDir = path.join(ctx.stateDir, 'tmp');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.mkdirSync(tmpDir, { recursive: true });
    renderTemplateFile(
      path.join(ctx.settings.repoRoot, 'infra', 'apicurio', 'application.properties'),
      path.join(ctx.stateDir, 'config', 'application.properties'),
      {
        HOST: ctx.settings.registry.host,
        PORT: ctx.settings.registry.port,
        MANAGEMENT_PORT: ctx.settings.registry.managementPort,
        DATA_DIR: dataDir,
        TMP_DIR: tmpDir,
      },
    );
    return {
      command: java.bin,
      args: [
        '-Xms64m',
        '-Xmx384m',
        '-XX:+UseSerialGC',
        // C1 only: a registry needs no peak throughput, and it starts ~30% faster on a small machine.
        '-XX:TieredStopAtLevel=1',
        ...cdsArgs(java, ctx.stateDir, path.basename(appDir(ctx.settings))),
        `-Djava.io.tmpdir=${tmpDir}`,
        this.markerArg(ctx),
        '-jar',
        jar,
      ],
      // Quarkus reads ./config/application.properties from its working directory.
      cwd: ctx.stateDir,
    };
  },

  async probe(s, timeoutMs) {
    const res = await fetch(`${s.registry.url}/subjects`, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.status !== 200) throw new Error(`GET /subjects answered ${res.status}`);
    const body: unknown = await res.json();
    if (!Array.isArray(body)) throw new Error('GET /subjects did not answer a JSON array');
  },

  dataPaths: (ctx) => [path.join(ctx.stateDir, 'data')],
  resetNote:
    'all schemas are gone; records already in Kafka carry schema ids that no longer resolve: reset kafka too, or replay from a source',

  diagnose(tail, ctx) {
    if (/Database may be already in use|lock file/i.test(tail)) {
      return new StackError(
        'failure',
        `another process holds the registry database ${path.join(ctx.stateDir, 'data')}; stop it first`,
      );
    }
    if (/File corrupted|MVStoreException|Unsupported database file version/i.test(tail)) {
      return new StackError(
        'corruptData',
        `the registry database in ${path.join(ctx.stateDir, 'data')} is corrupt: run \`techmap stack reset apicurio\` to wipe it`,
      );
    }
    if (/Port \d+ seems to already be in use|Address already in use/i.test(tail)) {
      return new StackError(
        'portInUse',
        `Apicurio could not bind ports ${this.ports(ctx.settings).join(', ')}: set SCHEMA_REGISTRY_URL to a free port`,
      );
    }
    return null;
  },
};
