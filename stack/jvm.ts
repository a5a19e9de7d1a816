// JVM options shared by the Java services: class-data sharing (CDS) archives that make the second and later starts
// faster, kept in the service's state folder and named after the artifacts and the Java version they were built for.
import fs from 'node:fs';
import path from 'node:path';
import type { JavaRuntime } from './java';

/**
 * Options that use (and on first start create) a CDS archive of the application's classes.
 * Java 19+ maintains the archive itself (-XX:+AutoCreateSharedArchive); Java 13–18 dumps it when the JVM exits
 * (a normal stop) and maps it on later starts.
 */
export function cdsArgs(java: JavaRuntime, stateDir: string, appId: string): string[] {
  const dir = path.join(stateDir, 'cds');
  fs.mkdirSync(dir, { recursive: true });
  const archive = path.join(dir, `${appId}-java${java.version.replace(/[^0-9A-Za-z._-]/g, '_')}.jsa`);
  // The dump lists every class it skips as a warning; those lines are noise in the service's log.
  const quiet = '-Xlog:cds=off,cds+dynamic=off';
  if (java.major >= 19) return [quiet, '-XX:+AutoCreateSharedArchive', `-XX:SharedArchiveFile=${archive}`];
  if (java.major >= 13) {
    return [quiet, fs.existsSync(archive) ? `-XX:SharedArchiveFile=${archive}` : `-XX:ArchiveClassesAtExit=${archive}`];
  }
  return [];
}
