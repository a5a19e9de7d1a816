import assert from 'node:assert/strict';
import { activeWeeks, movement, risingFalling, shareOrGap } from '../../dashboard/src/lib/trend';

const weeks = (shares: number[]) =>
  shares.map((share, i) => ({
    week: `2026-01-${String(5 + i * 7).padStart(2, '0')}`,
    share,
    count: Math.round(share * 100),
  }));

describe('dashboard rising and falling skills', () => {
  it('compares the mean share of the last 4 weeks with the 4 before, in percentage points', () => {
    const m = movement('kotlin', 'Kotlin', weeks([0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4]));
    assert.ok(m);
    assert.equal(m.previous.toFixed(2), '0.15');
    assert.equal(m.recent.toFixed(2), '0.35');
    assert.equal(m.deltaPoints.toFixed(1), '20.0');
  });

  it('splits a short series in half and needs at least two weeks', () => {
    assert.equal(movement('go', 'Go', weeks([0.5, 0.2]))?.deltaPoints.toFixed(1), '-30.0');
    assert.equal(movement('go', 'Go', weeks([0.5])), null);
  });

  it('ranks the strongest movers first and leaves out the flat ones', () => {
    const m = (id: string, d: number) => ({ id, name: id, deltaPoints: d, recent: 0, previous: 0 });
    const { rising, falling } = risingFalling([m('a', 2), m('b', 9), m('c', -4), m('d', 0.01), null, m('e', -8)], 5);
    assert.deepEqual(
      rising.map((x) => x.id),
      ['b', 'a'],
    );
    assert.deepEqual(
      falling.map((x) => x.id),
      ['e', 'c'],
    );
  });
});

describe('dashboard weekly series', () => {
  it('plots from the first week with postings; a week without postings is a gap, not 0%', () => {
    const a = [
      { week: '2026-01-05', postings: 0, share: 0 },
      { week: '2026-01-12', postings: 0, share: 0 },
      { week: '2026-01-19', postings: 4, share: 0.25 },
      { week: '2026-01-26', postings: 0, share: 0 },
    ];
    const b = [
      { week: '2026-01-12', postings: 3, share: 0 },
      { week: '2026-01-19', postings: 4, share: 0.5 },
    ];
    assert.deepEqual(activeWeeks([a, b]), ['2026-01-12', '2026-01-19', '2026-01-26']);
    assert.deepEqual(activeWeeks([a.slice(0, 2)]), []);
    assert.deepEqual(a.map(shareOrGap), [null, null, 0.25, null]);
    assert.equal(shareOrGap(b[0]), 0);
    assert.equal(shareOrGap(undefined), null);
  });
});
