import assert from 'node:assert/strict';
import { movement, risingFalling } from '../../dashboard/src/lib/trend';

const weeks = (shares: number[]) =>
  shares.map((share, i) => ({ week: `2026-01-${String(5 + i * 7).padStart(2, '0')}`, share, count: Math.round(share * 100) }));

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
