// Printing a service's log: the last N lines, then optionally every new line as it is written (like tail -f).
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { StackError } from './errors';

/** The last `count` lines of text (all when count is 0). */
export function lastLines(text: string, count: number): string {
  if (count === 0) return text;
  const lines = text.split('\n');
  const hasFinalNewline = text.endsWith('\n');
  const body = hasFinalNewline ? lines.slice(0, -1) : lines;
  const tail = body.slice(-count).join('\n');
  return hasFinalNewline && tail.length > 0 ? `${tail}\n` : tail;
}

function readRange(file: string, start: number, end: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(end - start);
    fs.readSync(fd, buf, 0, buf.length, start);
    return buf.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export interface PrintLogOptions {
  lines: number;
  follow: boolean;
  write: (text: string) => void;
  /** Stops following when aborted (Ctrl-C ends the process anyway). */
  signal?: AbortSignal;
}

export async function printLog(file: string, opts: PrintLogOptions): Promise<void> {
  if (!fs.existsSync(file)) throw new StackError('failure', `no log yet at ${file}: has the service been started?`);
  let size = fs.statSync(file).size;
  // Enough bytes for the requested lines in all but pathological logs; 0 lines = whole file.
  const start = opts.lines === 0 ? 0 : Math.max(0, size - Math.max(64 * 1024, opts.lines * 1024));
  opts.write(lastLines(readRange(file, start, size), opts.lines));
  while (opts.follow && !opts.signal?.aborted) {
    await sleep(300);
    let now: number;
    try {
      now = fs.statSync(file).size;
    } catch {
      continue; // being rotated
    }
    if (now < size) size = 0; // rotated or truncated: start over
    if (now > size) {
      opts.write(readRange(file, size, now));
      size = now;
    }
  }
}
