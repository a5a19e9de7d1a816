// Append-only JSON Lines files that survive kill -9: a line is written with one append; a line cut by a crash is
// skipped when reading, and the first append after opening starts on a fresh line so it is not glued to it.
import fs from 'node:fs';
import path from 'node:path';

export class JsonLinesFile {
  private checked = false;

  constructor(readonly file: string) {}

  append(value: unknown): void {
    let prefix = '';
    if (!this.checked) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      if (!endsWithNewline(this.file)) prefix = '\n';
      this.checked = true;
    }
    fs.appendFileSync(this.file, `${prefix}${JSON.stringify(value)}\n`);
  }

  /** Parsed lines (none when the file does not exist); unparsable lines are skipped. */
  read(): unknown[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    const out: unknown[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        // a line cut by a crash
      }
    }
    return out;
  }
}

function endsWithNewline(file: string): boolean {
  let fd: number | undefined;
  try {
    const { size } = fs.statSync(file);
    if (size === 0) return true;
    fd = fs.openSync(file, 'r');
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } catch {
    return true; // no file yet
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
