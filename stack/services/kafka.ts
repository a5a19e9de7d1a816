// Apache Kafka 4.x in KRaft mode, one combined broker + controller, run from the Maven Central jars (infra/kafka/pom.xml).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '../errors';
import { distLocation, ensureInstalled, pomVersion, runMaven } from '../install';
import { findJava, findMaven } from '../java';
import type { ServiceContext, ServiceDefinition } from '../service';
import { isLoopback, type StackSettings } from '../settings';
import { renderTemplateFile } from '../template';

const NODE_ID = '1';

function pom(settings: StackSettings): string {
  return path.join(settings.repoRoot, 'infra', 'kafka', 'pom.xml');
}

function libsDir(settings: StackSettings): string {
  return path.join(distLocation(settings.distDir, 'kafka', pom(settings), 'kafka.version'), 'libs');
}

/** A new cluster id: 16 random bytes, base64url (22 chars), never starting with '-' (Kafka's tools read that as a flag). */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Parses a Java .properties file of simple key=value lines. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const eq = trimmed.search(/[=:]/);
    if (eq <= 0) continue;
    out[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return out;
}

export type KafkaDataState = { state: 'empty' } | { state: 'formatted'; clusterId: string };

/**
 * Checks a Kafka data folder against the cluster id the stack formatted it with. Throws a corruptData StackError when
 * meta.properties is missing from a non-empty folder, names another cluster or node, or the metadata log is gone.
 */
export function checkKafkaDataDir(dataDir: string, expectedClusterId: string | null): KafkaDataState {
  const entries = fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((e) => e !== 'lost+found') : [];
  const reset = `run \`techmap stack reset kafka\` to wipe it (its topics are lost)`;
  const metaFile = path.join(dataDir, 'meta.properties');
  if (!fs.existsSync(metaFile)) {
    if (entries.length === 0) return { state: 'empty' };
    throw new StackError('corruptData', `Kafka data folder ${dataDir} has files but no meta.properties: ${reset}`);
  }
  const meta = parseProperties(fs.readFileSync(metaFile, 'utf8'));
  const clusterId = meta['cluster.id'];
  if (!clusterId) throw new StackError('corruptData', `${metaFile} has no cluster.id: ${reset}`);
  if (expectedClusterId !== null && clusterId !== expectedClusterId) {
    throw new StackError(
      'corruptData',
      `Kafka data folder ${dataDir} belongs to cluster ${clusterId}, but this stack formatted cluster ${expectedClusterId}: ${reset}`,
    );
  }
  if (meta['node.id'] !== NODE_ID) {
    throw new StackError(
      'corruptData',
      `${metaFile} is for node.id ${meta['node.id'] ?? '(none)'}, expected ${NODE_ID}: ${reset}`,
    );
  }
  if (!fs.existsSync(path.join(dataDir, '__cluster_metadata-0'))) {
    throw new StackError(
      'corruptData',
      `Kafka data folder ${dataDir} has no metadata log (__cluster_metadata-0): ${reset}`,
    );
  }
  return { state: 'formatted', clusterId };
}

function jvmArgs(ctx: ServiceContext): string[] {
  return [
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${path.join(ctx.settings.repoRoot, 'infra', 'kafka', 'log4j2.properties')}`,
    kafkaService.markerArg(ctx),
  ];
}

async function formatStorage(ctx: ServiceContext, java: string, clusterId: string, config: string): Promise<void> {
  const args = [
    '-Xmx256m',
    ...jvmArgs(ctx),
    '-cp',
    `${libsDir(ctx.settings)}${path.sep}*`,
    'kafka.tools.StorageTool',
    'format',
    '--standalone',
    '-t',
    clusterId,
    '-c',
    config,
  ];
  fs.appendFileSync(ctx.logFile, `\n=== techmap stack: formatting Kafka storage, cluster ${clusterId} ===\n`);
  const fd = fs.openSync(ctx.logFile, 'a');
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(java, args, { stdio: ['ignore', fd, fd] });
      child.once('error', reject);
      child.once('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0)
      throw new StackError('failure', `formatting Kafka storage failed (exit ${code}); see ${ctx.logFile}`);
  } finally {
    fs.closeSync(fd);
  }
}

export const kafkaService: ServiceDefinition = {
  name: 'kafka',
  role: 'Kafka broker (KRaft)',
  product: (s) => `Apache Kafka ${pomVersion(pom(s), 'kafka.version')}`,
  host: (s) => s.kafka.host,
  ports: (s) => [s.kafka.port, s.kafka.controllerPort],
  envVar: 'KAFKA_BROKERS (the controller uses its port + 1)',
  managed: (s) => isLoopback(s.kafka.host),
  startTimeoutMs: 120_000,
  markerArg: (ctx) => `-Dtechmap.stack=${ctx.stateDir}${path.sep}`,

  async install(ctx) {
    const target = path.dirname(libsDir(ctx.settings));
    return ensureInstalled(target, async (tmp) => {
      findMaven(); // fail before announcing an install that cannot happen
      ctx.progress(`installing ${this.product(ctx.settings)} jars with Maven`);
      await runMaven(
        [
          '-f',
          pom(ctx.settings),
          'dependency:copy-dependencies',
          `-DoutputDirectory=${path.join(tmp, 'libs')}`,
          '-DincludeScope=runtime',
        ],
        ctx.logFile,
        'the Kafka jars',
      );
    });
  },

  async prepare(ctx) {
    const java = findJava(17, 'Kafka 4');
    const dataDir = path.join(ctx.stateDir, 'data');
    const config = path.join(ctx.stateDir, 'server.properties');
    const clusterIdFile = path.join(ctx.stateDir, 'cluster.id');
    renderTemplateFile(path.join(ctx.settings.repoRoot, 'infra', 'kafka', 'server.properties'), config, {
      HOST: ctx.settings.kafka.host,
      BROKER_PORT: ctx.settings.kafka.port,
      CONTROLLER_PORT: ctx.settings.kafka.controllerPort,
      DATA_DIR: dataDir,
    });
    const expected = fs.existsSync(clusterIdFile) ? fs.readFileSync(clusterIdFile, 'utf8').trim() : null;
    const data = checkKafkaDataDir(dataDir, expected);
    if (data.state === 'empty') {
      const clusterId = newClusterId();
      ctx.progress(`formatting storage (cluster ${clusterId})`);
      fs.mkdirSync(dataDir, { recursive: true });
      await formatStorage(ctx, java.bin, clusterId, config);
      fs.writeFileSync(clusterIdFile, `${clusterId}\n`);
    } else if (expected === null) {
      fs.writeFileSync(clusterIdFile, `${data.clusterId}\n`);
    }
    return {
      command: java.bin,
      args: [
        '-Xms128m',
        '-Xmx512m',
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        ...jvmArgs(ctx),
        '-cp',
        `${libsDir(ctx.settings)}${path.sep}*`,
        'kafka.Kafka',
        config,
      ],
      cwd: ctx.stateDir,
    };
  },

  async probe(s, timeoutMs) {
    const { Kafka, logLevel } = await import('kafkajs');
    const kafka = new Kafka({
      clientId: 'techmap-stack-probe',
      brokers: [`${s.kafka.host}:${s.kafka.port}`],
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('no brokers in cluster metadata');
      await admin.listTopics();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },

  dataPaths: (ctx) => [path.join(ctx.stateDir, 'data'), path.join(ctx.stateDir, 'cluster.id')],
  resetNote: 'all topics and consumer offsets are gone; `techmap schemas register` creates the topics again',

  diagnose(tail, ctx) {
    const reset = 'run `techmap stack reset kafka` to wipe it';
    if (
      /Invalid cluster\.id|doesn't match stored clusterId|No readable meta\.properties|is not formatted/i.test(tail)
    ) {
      return new StackError(
        'corruptData',
        `Kafka refused its data folder ${path.join(ctx.stateDir, 'data')}: ${reset}`,
      );
    }
    if (/CorruptRecordException|Corrupt index found/i.test(tail)) {
      return new StackError('corruptData', `Kafka found corrupt log segments: ${reset} (see ${ctx.logFile})`);
    }
    if (/Address already in use/i.test(tail)) {
      return new StackError(
        'portInUse',
        `Kafka could not bind its ports (${this.ports(ctx.settings).join(', ')}): another process took one; set KAFKA_BROKERS to a free port`,
      );
    }
    if (/UnsupportedClassVersionError/.test(tail)) {
      return new StackError('prerequisiteMissing', 'Kafka needs a newer Java: set JAVA_HOME to a JDK 17+');
    }
    return null;
  },
};
