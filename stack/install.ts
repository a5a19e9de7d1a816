// Installing artifacts on first use: Maven resolves jars from a pom kept in infra/ into .infra/dist/<name>-<version>-<hash>.
// The directory appears atomically (built in a temporary folder, then renamed), so "installed" is simply "exists", and a
// lock file keeps two `stack up` runs (or a test and a developer) from installing the same thing at once.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StackError } from './errors';
import { findMaven } from './java';
import { isAlive } from './proc';

/** The installed location of the artifacts a pom describes: <distDir>/<name>-<version>-<hash of the pom>. */
export function distLocation(distDir: string, name: string, pomFile: string, versionProperty: string): string {
  const hash = createHash('sha256').update(fs.readFileSync(pomFile)).digest('hex').slice(0, 8);
  return path.join(distDir, `${name}-${pomVersion(pomFile, versionProperty)}-${hash}`);
}

/** The version a pom pins in the given property, e.g. kafka.version → 4.4.0. */
export function pomVersion(pomFile: string, versionProperty: string): string {
  const pom = fs.readFileSync(pomFile, 'utf8');
  return new RegExp(`<${versionProperty.replace(/\./g, '\\.')}>([^<]+)</`).exec(pom)?.[1] ?? 'unknown';
}

/** Takes an exclusive lock file (stale locks of dead processes are broken); resolves to its release function. */
export async function acquireLock(lockFile: string, timeoutMs: number): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
    if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
      fs.rmSync(lockFile, { force: true }); // left by a run that died
      continue;
    }
    if (Date.now() >= deadline) {
      throw new StackError(
        'failure',
        `another install (pid ${holder}) holds ${lockFile}; wait for it or remove the file`,
      );
    }
    await sleep(250);
  }
}

let mavenQueue: Promise<unknown> = Promise.resolve();

/** Runs Maven (one at a time per process: Maven 3.8's local repository is not safe for concurrent writers). */
export function runMaven(args: string[], logFile: string, what: string): Promise<void> {
  const run = async () => {
    const mvn = findMaven();
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.appendFileSync(logFile, `\n=== techmap stack: mvn ${args.join(' ')} (${new Date().toISOString()}) ===\n`);
    const fd = fs.openSync(logFile, 'a');
    try {
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(mvn, ['-B', '-q', '-Dstyle.color=never', ...args], { stdio: ['ignore', fd, fd] });
        child.once('error', reject);
        child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
      });
      if (code !== 0) {
        throw new StackError(
          'failure',
          `Maven could not download ${what} (exit ${code}); see ${logFile} (network access to the Maven repository, ~/.m2/settings.xml)`,
        );
      }
    } finally {
      fs.closeSync(fd);
    }
  };
  const result = mavenQueue.then(run, run);
  mavenQueue = result.catch(() => undefined);
  return result;
}

/**
 * Makes sure `target` exists: if not, `build(tmpDir)` fills a temporary sibling folder that is then renamed to target.
 * Returns true when something was installed.
 */
export async function ensureInstalled(target: string, build: (tmpDir: string) => Promise<void>): Promise<boolean> {
  if (fs.existsSync(target)) return false;
  const release = await acquireLock(`${target}.lock`, 15 * 60_000);
  try {
    if (fs.existsSync(target)) return false; // installed by whoever held the lock
    const tmp = `${target}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    try {
      await build(tmp);
      fs.renameSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return true;
  } finally {
    release();
  }
}

/** Unpacks a .tar.gz with the system tar. */
export async function untar(archive: string, into: string): Promise<void> {
  fs.mkdirSync(into, { recursive: true });
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('tar', ['-xzf', archive, '-C', into], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.once('error', reject);
    child.once('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new StackError('failure', `could not unpack ${archive} (tar exit ${code})`);
}
