import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  cmdlineOf,
  isAlive,
  isOurProcess,
  readPidRecord,
  rssKb,
  spawnDetached,
  stopProcess,
  writePidRecord,
} from '../../stack/proc';

describe('stack/proc', function () {
  this.timeout(20_000);
  let dir: string;
  const started: number[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-proc-'));
  });
  afterEach(async () => {
    for (const pid of started.splice(0)) await stopProcess(pid, 0).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(script: string, marker: string): Promise<number> {
    const pid = await spawnDetached({
      command: process.execPath,
      args: ['-e', script, '--', marker],
      cwd: dir,
      logFile: path.join(dir, 'out.log'),
    });
    started.push(pid);
    return pid;
  }

  async function waitForOutput(text: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!fs.readFileSync(path.join(dir, 'out.log'), 'utf8').includes(text)) {
      if (Date.now() > deadline) throw new Error(`child never printed ${text}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('starts a detached process logging to a file, recognises it by its marker argument and stops it with SIGTERM', async () => {
    const marker = `--techmap-stack=${dir}/`;
    const pid = await start("console.log('hello from the child'); setInterval(() => {}, 1000)", marker);
    await waitForOutput('hello from the child');
    assert.ok(isAlive(pid));
    assert.ok(cmdlineOf(pid)?.includes(marker));
    assert.equal(isOurProcess({ pid, marker }), true);
    assert.equal(isOurProcess({ pid, marker: `--techmap-stack=${dir}/other/` }), false);
    assert.ok((rssKb(pid) ?? 0) > 1000, 'a node process uses more than 1 MiB');
    assert.equal(await stopProcess(pid, 5000), 'terminated');
    assert.equal(isAlive(pid), false);
    assert.equal(isOurProcess({ pid, marker }), false);
    assert.equal(rssKb(pid), null);
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const pid = await start(
      "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)",
      `--techmap-stack=${dir}/`,
    );
    await waitForOutput('ready');
    const t0 = Date.now();
    assert.equal(await stopProcess(pid, 500), 'killed');
    assert.ok(Date.now() - t0 >= 500);
    assert.equal(isAlive(pid), false);
  });

  it('reports a process that is gone', async () => {
    assert.equal(await stopProcess(2 ** 22 + 1, 100), 'gone');
    assert.equal(isAlive(2 ** 22 + 1), false);
  });

  it('writes and reads pid records, and ignores garbage', () => {
    const file = path.join(dir, 'run', 'kafka.json');
    assert.equal(readPidRecord(file), null);
    const rec = {
      service: 'kafka',
      pid: 123,
      marker: '-Dtechmap.stack=/x/',
      startedAt: '2026-11-25T00:00:00Z',
      command: ['java'],
    };
    writePidRecord(file, rec);
    assert.deepEqual(readPidRecord(file), rec);
    fs.writeFileSync(file, '{not json');
    assert.equal(readPidRecord(file), null);
    fs.writeFileSync(file, '{"pid":"12"}');
    assert.equal(readPidRecord(file), null);
  });
});
