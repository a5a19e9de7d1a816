// The shape every local service implements: where it listens, how it is installed, prepared, launched and probed.
import path from 'node:path';
import type { StackError } from './errors';
import type { StackSettings } from './settings';

export const serviceNames = ['kafka', 'apicurio', 's3proxy', 'dynalite', 'mariadb'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** Role names accepted as aliases on the command line (`techmap stack logs registry`). */
export const serviceAliases: Record<string, ServiceName> = {
  broker: 'kafka',
  registry: 'apicurio',
  'schema-registry': 'apicurio',
  s3: 's3proxy',
  dynamodb: 'dynalite',
  dynamo: 'dynalite',
  mysql: 'mariadb',
};

export interface ServiceContext {
  settings: StackSettings;
  /** <infraDir>/<service>: config and data of this service; its path marks our processes' command lines. */
  stateDir: string;
  logFile: string;
  /** One line of progress for the person watching `stack up`. */
  progress: (message: string) => void;
}

export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface ServiceDefinition {
  name: ServiceName;
  /** What it stands in for, e.g. "Schema Registry". */
  role: string;
  /** Product and version, e.g. "Apicurio Registry 3.3.3". */
  product(settings: StackSettings): string;
  host(settings: StackSettings): string;
  /** Every port it listens on (checked for conflicts before starting). */
  ports(settings: StackSettings): number[];
  /** The variable that sets its address, named in port-conflict messages. */
  envVar: string;
  /** False when its endpoint is not on this machine (AWS, compose): the stack then only probes it. */
  managed(settings: StackSettings): boolean;
  /** A running instance we did not start is used as it is (the machine's MariaDB) instead of being a conflict. */
  adoptsExisting?: boolean;
  /** Installs what is missing; returns true when it installed something. */
  install?(ctx: ServiceContext): Promise<boolean>;
  /**
   * An argument that the launch command contains verbatim and that names the state folder, e.g.
   * `-Dtechmap.stack=<stateDir>/`: /proc/<pid>/cmdline must contain it for a process to count as ours.
   */
  markerArg(ctx: ServiceContext): string;
  /** Checks the data folder, renders config, formats storage; returns the command to start (with markerArg). */
  prepare(ctx: ServiceContext): Promise<Launch>;
  /** Resolves when the service answers a real request within timeoutMs; throws otherwise. */
  probe(settings: StackSettings, timeoutMs: number): Promise<void>;
  /** Runs once it answers (create the database, the bucket). */
  afterReady?(ctx: ServiceContext): Promise<void>;
  /** Folders and files `stack reset <service>` deletes. */
  dataPaths(ctx: ServiceContext): string[];
  /** What to tell the user about a reset, if anything. */
  resetNote?: string;
  startTimeoutMs: number;
  /** Turns the end of its log into a one-line error when it exits while starting. */
  diagnose?(logTail: string, ctx: ServiceContext): StackError | null;
}

export function stateDirOf(settings: StackSettings, name: ServiceName): string {
  return path.join(settings.infraDir, name);
}

export function logFileOf(settings: StackSettings, name: ServiceName): string {
  return path.join(settings.logDir, `${name}.log`);
}

export function pidFileOf(settings: StackSettings, name: ServiceName): string {
  return path.join(settings.runDir, `${name}.json`);
}
