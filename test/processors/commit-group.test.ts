// Group commit: batches prepared side by side commit together, never in overlapping commits.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { CommitGroup } from '../../processors/runtime/commit-group';

/** Records every commitAll call; `answer` decides each call's results. */
function recorder(
  answer: (items: string[]) => Promise<unknown[]> = (items) => Promise.resolve(items.map(() => undefined)),
) {
  const calls: string[][] = [];
  let running = 0;
  let overlapped = false;
  const commitAll = async (items: string[]) => {
    calls.push(items);
    running++;
    if (running > 1) overlapped = true;
    try {
      await delay(5);
      return await answer(items);
    } finally {
      running--;
    }
  };
  return { calls, commitAll, overlapped: () => overlapped };
}

describe('processors/runtime CommitGroup', () => {
  it('waits until every open slot has joined, then commits them in one call', async () => {
    const r = recorder();
    const group = new CommitGroup(r.commitAll, 10_000);
    const [p0, p1, p2] = [group.open(), group.open(), group.open()];
    const first = p0!.commit('p0');
    const second = p1!.commit('p1');
    await delay(20);
    assert.equal(r.calls.length, 0, 'no commit while p2 is still being prepared');
    await Promise.all([first, second, p2!.commit('p2')]);
    assert.deepEqual(r.calls, [['p0', 'p1', 'p2']]);
  });

  it('commits what has joined once the longest wait has passed', async () => {
    const r = recorder();
    const group = new CommitGroup(r.commitAll, 30);
    const a = group.open();
    group.open(); // a slow batch that does not join in time
    const started = Date.now();
    await a.commit('a');
    assert.ok(Date.now() - started >= 25, 'waited for the slow batch up to the limit');
    assert.deepEqual(r.calls, [['a']]);
  });

  it('closing the last preparing slot starts the commit of those waiting', async () => {
    const r = recorder();
    const group = new CommitGroup(r.commitAll, 10_000);
    const a = group.open();
    const b = group.open();
    const committed = a.commit('a');
    await delay(10);
    assert.equal(r.calls.length, 0);
    b.close();
    await committed;
    assert.deepEqual(r.calls, [['a']]);
  });

  it('never overlaps commits: what joins during a commit goes into the next one', async () => {
    const r = recorder();
    const group = new CommitGroup(r.commitAll, 10_000);
    const first = group.open().commit('1');
    await delay(1); // the first commit is running
    const later = [group.open().commit('2'), group.open().commit('3')];
    await Promise.all([first, ...later]);
    assert.deepEqual(r.calls, [['1'], ['2', '3']]);
    assert.equal(r.overlapped(), false);
    assert.equal(group.commits, 2);
  });

  it('rejects only the items the commit reports as failed; a throw fails every item', async () => {
    const perItem = recorder((items) =>
      Promise.resolve(items.map((i) => (i === 'bad' ? new Error('stale') : undefined))),
    );
    const group = new CommitGroup(perItem.commitAll, 10_000);
    const good = group.open();
    const bad = group.open();
    const results = await Promise.allSettled([good.commit('good'), bad.commit('bad')]);
    assert.equal(results[0]!.status, 'fulfilled');
    assert.equal(results[1]!.status, 'rejected');
    assert.match(String((results[1] as PromiseRejectedResult).reason), /stale/);

    const failing = recorder(() => Promise.reject(new Error('broker gone')));
    const group2 = new CommitGroup(failing.commitAll, 10_000);
    const x = group2.open();
    const y = group2.open();
    const settled = await Promise.allSettled([x.commit('x'), y.commit('y')]);
    assert.deepEqual(
      settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok')),
      ['Error: broker gone', 'Error: broker gone'],
    );
  });

  it('a slot that failed to commit counts as preparing again until it retries or closes', async () => {
    const r = recorder((items) => Promise.resolve(items.map((i) => (i === 'a1' ? new Error('aborted') : undefined))));
    const group = new CommitGroup(r.commitAll, 10_000);
    const a = group.open();
    const b = group.open();
    const [a1, b1] = await Promise.allSettled([a.commit('a1'), b.commit('b1')]);
    assert.equal(a1!.status, 'rejected');
    assert.equal(b1!.status, 'fulfilled');
    const c = group.open().commit('c');
    await delay(20);
    assert.equal(r.calls.length, 1, 'c waits for a, which is preparing its retry');
    await a.commit('a2');
    await c;
    assert.deepEqual(r.calls, [
      ['a1', 'b1'],
      ['c', 'a2'],
    ]);
    await assert.rejects(a.commit('after-commit'), /closed/);
  });
});
