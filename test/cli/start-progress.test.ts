import assert from 'node:assert/strict';
import { StartProgress, type StartSnapshot } from '../../cli/start-progress';

const snap = (raw: number, gold: number, visible: number, dlq = 0, down: string[] = []): StartSnapshot => ({
  counts: { raw, silver: raw, gold, dlq },
  visible,
  down,
});

describe('cli/start progress view', () => {
  it('prints progress on change until data is visible, then one line, then only changes', () => {
    const p = new StartProgress('http://127.0.0.1:8080/');
    assert.deepEqual(p.update(snap(0, 0, 0)), ['progress: raw=0 silver=0 gold=0 dlq=0 postings in API=0']);
    assert.deepEqual(p.update(snap(0, 0, 0)), [], 'nothing changed');
    assert.deepEqual(p.update(snap(40, 0, 0, 0, ['enrich'])), [
      'progress: raw=40 silver=40 gold=0 dlq=0 postings in API=0 restarting=enrich',
    ]);
    assert.equal(p.dataVisible, false);
    assert.deepEqual(p.update(snap(80, 30, 25)), [
      'progress: raw=80 silver=80 gold=30 dlq=0 postings in API=25',
      'techmap: data visible at http://127.0.0.1:8080/ (25 postings; Ctrl-C stops everything)',
    ]);
    assert.equal(p.dataVisible, true);
    assert.deepEqual(p.update(snap(300, 290, 280)), [], 'growing counts are no news any more');
    assert.deepEqual(p.update(snap(310, 300, 290, 2, ['sink-mysql'])), [
      'techmap: sink-mysql stopped, restarting it',
      'techmap: 2 new dead letters (2 in all; see techmap dlq list)',
    ]);
    assert.deepEqual(p.update(snap(320, 310, 300, 2, ['sink-mysql'])), []);
    assert.deepEqual(p.update(snap(330, 320, 310, 3)), [
      'techmap: sink-mysql running again',
      'techmap: 1 new dead letter (3 in all; see techmap dlq list)',
    ]);
  });
});
