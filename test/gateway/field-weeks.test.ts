import assert from 'node:assert/strict';
import { topOverWeeks, type FieldWeeks } from '../../gateway/queries/field-weeks';

// Two skills over three weeks (row-major: skill x week).
const fw: FieldWeeks = {
  field: 'backend',
  weeks: ['2026-03-02', '2026-03-09', '2026-03-16'],
  totals: { all: Int32Array.from([1, 2, 3]), open: Int32Array.from([1, 2, 2]) },
  skills: ['java', 'kotlin'],
  all: Int32Array.from([1, 1, 2, 0, 1, 3]),
  open: Int32Array.from([1, 1, 1, 0, 1, 2]),
  required: Int32Array.from([1, 1, 2, 0, 1, 1]),
  loadedAt: 0,
};

describe('topOverWeeks', () => {
  it('sums the weeks in the range, most postings first, ties by id', () => {
    assert.deepEqual(topOverWeeks(fw, { from: '2026-03-09', to: '2026-03-16' }, 'all', 10), {
      postings: 5,
      skills: [
        { skill_id: 'kotlin', n: 4, r: 2 },
        { skill_id: 'java', n: 3, r: 3 },
      ],
    });
    assert.deepEqual(topOverWeeks(fw, { from: '2026-03-09', to: '2026-03-15' }, 'open', 10), {
      postings: 2,
      skills: [
        { skill_id: 'java', n: 1, r: 1 },
        { skill_id: 'kotlin', n: 1, r: 1 },
      ],
    });
  });

  it('limits, and leaves out skills with no postings in the range', () => {
    assert.deepEqual(topOverWeeks(fw, { from: '2026-03-02', to: '2026-03-08' }, 'all', 10), {
      postings: 1,
      skills: [{ skill_id: 'java', n: 1, r: 1 }],
    });
    assert.equal(topOverWeeks(fw, { from: '0001-01-01', to: '9999-12-31' }, 'all', 1).skills.length, 1);
    assert.deepEqual(topOverWeeks(fw, { from: '2027-01-04', to: '2027-02-01' }, 'all', 10), {
      postings: 0,
      skills: [],
    });
  });
});
