// What the local stack needs to know, derived from the one config module (platform/config): where each service
// listens and where its files live. Ports come from the endpoint variables; a few companions are derived from them.
import path from 'node:path';
import { mysqlOptions, repoRoot, type Config } from '../platform/config';
import { StackError } from './errors';

export interface HostPort {
  host: string;
  port: number;
}

export interface StackSettings {
  repoRoot: string;
  /** Root of everything the stack writes (TECHMAP_INFRA_DIR, default <repo>/.infra). */
  infraDir: string;
  /** Downloaded artifacts (jars, archives); immutable once installed, safe to share between infra dirs. */
  distDir: string;
  runDir: string;
  logDir: string;
  kafka: HostPort & { controllerPort: number };
  registry: HostPort & { url: string; managementPort: number };
  s3:
    | (HostPort & { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string })
    | null;
  dynamodb: (HostPort & { endpoint: string; region: string }) | null;
  mysql: HostPort & { user: string; password: string; database: string };
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when the stack may start a process for this address (it is on this machine). */
export function isLoopback(host: string): boolean {
  return loopbackHosts.has(host);
}

function hostPortOfUrl(value: string): HostPort {
  const u = new URL(value);
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  return { host: u.hostname, port };
}

function companionPort(variable: string, port: number): number {
  if (port >= 65535) throw new StackError('failure', `${variable}: port ${port} leaves no room for its companion port`);
  return port + 1;
}

/**
 * Builds the stack's settings from the validated config.
 * Derived ports: the Kafka controller listens on the broker port + 1, Apicurio's management interface on the
 * registry port + 1.
 */
export function stackSettings(config: Config): StackSettings {
  const infraDir = path.resolve(config.infraDir);
  const [firstBroker] = config.kafkaBrokers;
  if (!firstBroker) throw new StackError('failure', 'KAFKA_BROKERS is empty');
  const brokerHost = firstBroker.slice(0, firstBroker.lastIndexOf(':'));
  const brokerPort = Number(firstBroker.slice(firstBroker.lastIndexOf(':') + 1));
  const registry = hostPortOfUrl(config.schemaRegistryUrl);
  const s3 = config.s3Endpoint ? hostPortOfUrl(config.s3Endpoint) : null;
  const dynamo = config.dynamoEndpoint ? hostPortOfUrl(config.dynamoEndpoint) : null;
  const mysql = mysqlOptions(config);
  return {
    repoRoot,
    infraDir,
    distDir: path.join(infraDir, 'dist'),
    runDir: path.join(infraDir, 'run'),
    logDir: path.join(infraDir, 'logs'),
    kafka: { host: brokerHost, port: brokerPort, controllerPort: companionPort('KAFKA_BROKERS', brokerPort) },
    registry: {
      ...registry,
      url: config.schemaRegistryUrl.replace(/\/+$/, ''),
      managementPort: companionPort('SCHEMA_REGISTRY_URL', registry.port),
    },
    s3:
      s3 && config.s3Endpoint
        ? {
            ...s3,
            endpoint: config.s3Endpoint,
            bucket: config.s3Bucket,
            region: config.s3Region,
            accessKeyId: config.s3AccessKeyId ?? 'local-access-key',
            secretAccessKey: config.s3SecretAccessKey ?? 'local-secret-key',
          }
        : null,
    dynamodb:
      dynamo && config.dynamoEndpoint
        ? { ...dynamo, endpoint: config.dynamoEndpoint, region: config.dynamoRegion }
        : null,
    mysql: { host: mysql.host, port: mysql.port, user: mysql.user, password: mysql.password, database: mysql.database },
  };
}
