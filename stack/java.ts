// Finding the tools the stack runs on: a Java runtime of at least a given version, and Maven.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from './errors';

export interface JavaRuntime {
  bin: string;
  home: string;
  major: number;
  version: string;
}

/** "17.0.15" → 17, "1.8.0_392" → 8, "25" → 25; NaN when unreadable. */
export function javaMajor(version: string): number {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return NaN;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** Parses the version out of `java -version` output (`openjdk version "17.0.15" 2025-04-15`). */
export function parseJavaVersionOutput(output: string): string | null {
  const m = /version "([^"]+)"/.exec(output);
  return m?.[1] ?? null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Finds an executable on PATH. */
export function which(name: string, envPath = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** JAVA_VERSION from the `release` file every JDK/JRE has at its root. */
function releaseVersion(home: string): string | null {
  try {
    return /^JAVA_VERSION="([^"]+)"/m.exec(fs.readFileSync(path.join(home, 'release'), 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

function javaVersionOutput(bin: string): string {
  const out = spawnSync(bin, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  return `${out.stderr ?? ''}${out.stdout ?? ''}`;
}

const runtimeCache = new Map<string, JavaRuntime | null>();

/** Describes the JDK/JRE installed at home, reading its `release` file (or asking `java -version`). */
export function javaRuntimeAt(home: string): JavaRuntime | null {
  const cached = runtimeCache.get(home);
  if (cached !== undefined) return cached;
  const bin = path.join(home, 'bin', 'java');
  let runtime: JavaRuntime | null = null;
  if (isExecutable(bin)) {
    const version = releaseVersion(home) ?? parseJavaVersionOutput(javaVersionOutput(bin));
    if (version !== null && !Number.isNaN(javaMajor(version))) {
      runtime = { bin, home, major: javaMajor(version), version };
    }
  }
  runtimeCache.set(home, runtime);
  return runtime;
}

function homeOfBinary(javaBin: string): string {
  return path.dirname(path.dirname(fs.realpathSync(javaBin)));
}

/** Java homes to try, in order: the named env vars, JAVA_HOME, `java` on PATH, then /usr/lib/jvm/* newest first. */
export function javaCandidates(
  envVars: string[],
  env: NodeJS.ProcessEnv = process.env,
  jvmDir = '/usr/lib/jvm',
): string[] {
  const preferred: string[] = [];
  for (const name of [...envVars, 'JAVA_HOME']) {
    const value = env[name];
    if (value) preferred.push(path.resolve(value));
  }
  const onPath = which('java', env.PATH ?? '');
  if (onPath) preferred.push(homeOfBinary(onPath));
  let installed: JavaRuntime[] = [];
  try {
    installed = fs
      .readdirSync(jvmDir)
      .map((d) => path.join(jvmDir, d))
      .filter((d) => !fs.lstatSync(d).isSymbolicLink())
      .map(javaRuntimeAt)
      .filter((r): r is JavaRuntime => r !== null)
      .sort((a, b) => b.major - a.major);
  } catch {
    // no /usr/lib/jvm
  }
  return [...new Set([...preferred, ...installed.map((r) => r.home)])];
}

/**
 * The first Java runtime of at least `minMajor` among javaCandidates(envVars).
 * Throws a one-line StackError naming what to install.
 */
export function findJava(
  minMajor: number,
  why: string,
  envVars: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  jvmDir = '/usr/lib/jvm',
): JavaRuntime {
  const runtimes = javaCandidates(envVars, env, jvmDir)
    .map(javaRuntimeAt)
    .filter((r): r is JavaRuntime => r !== null);
  const found = runtimes.find((r) => r.major >= minMajor);
  if (found) return found;
  const majors = [...new Set(runtimes.map((r) => r.major))];
  const seen = majors.length > 0 ? ` (found only Java ${majors.join(', ')})` : '';
  const hint =
    minMajor <= 17
      ? 'install it with `apt-get install -y openjdk-17-jre-headless` or set JAVA_HOME'
      : `install a JDK ${minMajor}+ (e.g. \`apt-get install -y openjdk-${minMajor}-jre-headless\` where your release has it, or Temurin ${minMajor}) and set ${envVars[0] ?? 'JAVA_HOME'} to it`;
  throw new StackError('prerequisiteMissing', `${why} needs Java ${minMajor}+${seen}: ${hint}`);
}

/** The Maven executable, or a one-line StackError saying how to install it. */
export function findMaven(env: NodeJS.ProcessEnv = process.env): string {
  const fromHome = env.MAVEN_HOME ? path.join(env.MAVEN_HOME, 'bin', 'mvn') : null;
  const mvn = fromHome && isExecutable(fromHome) ? fromHome : which('mvn', env.PATH ?? '');
  if (!mvn) {
    throw new StackError(
      'prerequisiteMissing',
      'Maven (mvn) not found; the stack downloads the Kafka, Apicurio and S3Proxy jars with it on first use: install it with `apt-get install -y maven`',
    );
  }
  return mvn;
}
