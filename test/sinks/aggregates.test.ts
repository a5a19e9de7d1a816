import assert from 'node:assert/strict';
import { AggregateDelta, isoWeekStart, sameContribution, type Contribution } from '../../sinks/mysql/aggregates';

const c = (over: Partial<Contribution> = {}): Contribution => ({
  jobFieldId: 'backend',
  week: '2026-03-02',
  open: true,
  skills: [
    { id: 'java', required: true },
    { id: 'spring', required: false },
  ],
  ...over,
});

describe('sinks/mysql/aggregates', () => {
  it('isoWeekStart gives the Monday (UTC) of the ISO week', () => {
    assert.equal(isoWeekStart(Date.UTC(2026, 2, 2)), '2026-03-02'); // a Monday
    assert.equal(isoWeekStart(Date.UTC(2026, 2, 8, 23, 59)), '2026-03-02'); // the Sunday after
    assert.equal(isoWeekStart(Date.UTC(2026, 2, 9)), '2026-03-09');
    assert.equal(isoWeekStart(Date.UTC(2027, 0, 1)), '2026-12-28'); // a Friday: ISO week 53 of 2026
  });

  it('a new posting adds one to its field, week, skills and each ordered skill pair', () => {
    const d = new AggregateDelta();
    d.add(c(), 1);
    const r = d.rows();
    assert.deepEqual(r.field, [[['backend'], [1, 1]]]);
    assert.deepEqual(r.fieldWeek, [
      [
        ['backend', '2026-03-02'],
        [1, 1],
      ],
    ]);
    assert.deepEqual(r.fieldSkill, [
      [
        ['backend', 'java'],
        [1, 1, 1],
      ],
      [
        ['backend', 'spring'],
        [1, 1, 0],
      ],
    ]);
    assert.deepEqual(r.skillWeek, [
      [
        ['backend', 'java', '2026-03-02'],
        [1, 1, 1],
      ],
      [
        ['backend', 'spring', '2026-03-02'],
        [1, 1, 0],
      ],
    ]);
    assert.deepEqual(r.skillPair, [
      [
        ['backend', 'java', 'spring'],
        [1, 1],
      ],
      [
        ['backend', 'spring', 'java'],
        [1, 1],
      ],
    ]);
  });

  it('closing a posting moves only the open counts; unchanged rows produce no write', () => {
    const d = new AggregateDelta();
    d.add(c(), -1);
    d.add(c({ open: false }), 1);
    const r = d.rows();
    assert.deepEqual(r.field, [[['backend'], [0, -1]]]);
    // required_postings counts open and closed postings alike: closing does not change it.
    assert.deepEqual(r.fieldSkill, [
      [
        ['backend', 'java'],
        [0, -1, 0],
      ],
      [
        ['backend', 'spring'],
        [0, -1, 0],
      ],
    ]);
    assert.deepEqual(r.skillPair, [
      [
        ['backend', 'java', 'spring'],
        [0, -1],
      ],
      [
        ['backend', 'spring', 'java'],
        [0, -1],
      ],
    ]);
  });

  it('a change of field subtracts the old contribution and adds the new one', () => {
    const d = new AggregateDelta();
    d.add(c(), -1);
    d.add(c({ jobFieldId: 'data', skills: [{ id: 'java', required: true }] }), 1);
    const r = d.rows();
    assert.deepEqual(r.field, [
      [['backend'], [-1, -1]],
      [['data'], [1, 1]],
    ]);
    assert.deepEqual(r.fieldSkill, [
      [
        ['backend', 'java'],
        [-1, -1, -1],
      ],
      [
        ['backend', 'spring'],
        [-1, -1, 0],
      ],
      [
        ['data', 'java'],
        [1, 1, 1],
      ],
    ]);
    assert.deepEqual(r.skillPair, [
      [
        ['backend', 'java', 'spring'],
        [-1, -1],
      ],
      [
        ['backend', 'spring', 'java'],
        [-1, -1],
      ],
    ]);
  });

  it('a skill listed twice counts once, required if any mention is', () => {
    const d = new AggregateDelta();
    d.add(
      c({
        skills: [
          { id: 'go', required: false },
          { id: 'go', required: true },
        ],
      }),
      1,
    );
    assert.deepEqual(d.rows().fieldSkill, [
      [
        ['backend', 'go'],
        [1, 1, 1],
      ],
    ]);
    assert.deepEqual(d.rows().skillPair, []);
  });

  it('sameContribution ignores skill order and compares field, week, status and requirement', () => {
    assert.ok(sameContribution(c(), c({ skills: [...c().skills].reverse() })));
    assert.ok(!sameContribution(c(), c({ open: false })));
    assert.ok(!sameContribution(c(), c({ week: '2026-03-09' })));
    assert.ok(
      !sameContribution(
        c(),
        c({
          skills: [
            { id: 'java', required: false },
            { id: 'spring', required: false },
          ],
        }),
      ),
    );
  });
});
