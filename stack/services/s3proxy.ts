// S3Proxy: the S3 API over a folder on disk, from its self-contained Maven Central jar (infra/s3proxy/pom.xml).
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from '../errors';
import { distLocation, ensureInstalled, pomVersion, runMaven } from '../install';
import { findJava, findMaven } from '../java';
import type { ServiceDefinition } from '../service';
import { isLoopback, type StackSettings } from '../settings';
import { renderTemplateFile } from '../template';
import { quietAwsSdkNodeWarning } from './aws';

function pom(settings: StackSettings): string {
  return path.join(settings.repoRoot, 'infra', 's3proxy', 'pom.xml');
}

function jarFile(settings: StackSettings): string {
  return path.join(distLocation(settings.distDir, 's3proxy', pom(settings), 's3proxy.version'), 's3proxy.jar');
}

function s3Settings(s: StackSettings): NonNullable<StackSettings['s3']> {
  if (!s.s3) throw new StackError('failure', 'S3_ENDPOINT is not set, so there is no local S3 to manage');
  return s.s3;
}

async function s3Client(s: StackSettings, timeoutMs = 10_000) {
  quietAwsSdkNodeWarning();
  const { S3Client } = await import('@aws-sdk/client-s3');
  const s3 = s3Settings(s);
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
  });
}

export const s3proxyService: ServiceDefinition = {
  name: 's3proxy',
  role: 'S3',
  product: (s) => `S3Proxy ${pomVersion(pom(s), 's3proxy.version')}`,
  host: (s) => s.s3?.host ?? '-',
  ports: (s) => (s.s3 ? [s.s3.port] : []),
  envVar: 'S3_ENDPOINT',
  managed: (s) => s.s3 !== null && isLoopback(s.s3.host),
  startTimeoutMs: 90_000,
  markerArg: (ctx) => `-Dtechmap.stack=${ctx.stateDir}${path.sep}`,

  async install(ctx) {
    return ensureInstalled(path.dirname(jarFile(ctx.settings)), async (tmp) => {
      findMaven(); // fail before announcing an install that cannot happen
      ctx.progress(`installing ${this.product(ctx.settings)} with Maven`);
      await runMaven(
        ['-f', pom(ctx.settings), 'dependency:copy', `-DoutputDirectory=${tmp}`],
        ctx.logFile,
        'the S3Proxy jar',
      );
      if (!fs.existsSync(path.join(tmp, 's3proxy.jar')))
        throw new StackError('failure', `Maven delivered no s3proxy.jar; see ${ctx.logFile}`);
    });
  },

  async prepare(ctx) {
    const java = findJava(17, 'S3Proxy');
    const s3 = s3Settings(ctx.settings);
    const dataDir = path.join(ctx.stateDir, 'data');
    const conf = path.join(ctx.stateDir, 's3proxy.conf');
    fs.mkdirSync(dataDir, { recursive: true });
    renderTemplateFile(path.join(ctx.settings.repoRoot, 'infra', 's3proxy', 's3proxy.conf'), conf, {
      HOST: s3.host,
      PORT: s3.port,
      ACCESS_KEY_ID: s3.accessKeyId,
      SECRET_ACCESS_KEY: s3.secretAccessKey,
      DATA_DIR: dataDir,
    });
    return {
      command: java.bin,
      args: [
        '-Xms32m',
        '-Xmx256m',
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        this.markerArg(ctx),
        '-jar',
        jarFile(ctx.settings),
        '--properties',
        conf,
      ],
      cwd: ctx.stateDir,
    };
  },

  async probe(s, timeoutMs) {
    const { ListBucketsCommand } = await import('@aws-sdk/client-s3');
    const client = await s3Client(s, timeoutMs);
    try {
      await client.send(new ListBucketsCommand({}));
    } finally {
      client.destroy();
    }
  },

  async afterReady(ctx) {
    const { HeadBucketCommand, CreateBucketCommand } = await import('@aws-sdk/client-s3');
    const client = await s3Client(ctx.settings);
    const bucket = s3Settings(ctx.settings).bucket;
    try {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
        ctx.progress(`created bucket ${bucket}`);
      }
    } finally {
      client.destroy();
    }
  },

  dataPaths: (ctx) => [path.join(ctx.stateDir, 'data')],
  resetNote: 'all buckets and objects are gone',

  diagnose(tail, ctx) {
    if (/Address already in use|Failed to bind/i.test(tail)) {
      return new StackError(
        'portInUse',
        `S3Proxy could not bind port ${ctx.settings.s3?.port}: set S3_ENDPOINT to a free port`,
      );
    }
    return null;
  },
};
