import assert from 'node:assert/strict';
import { z } from 'zod';
import { BadRequestError } from '../../gateway/http-errors';
import { toParameterIssues } from '../../gateway/middleware/validate';
import { idList, intParam, periodParam, seniorityList, skillId } from '../../gateway/params';
import { addWeeks, isCalendarDate, isoWeekLabel, weekStart, weeksBetween } from '../../gateway/weeks';

describe('gateway parameters', () => {
  it('period: all, weeks, months and date ranges', () => {
    assert.deepEqual(periodParam.parse('all'), { kind: 'all' });
    assert.deepEqual(periodParam.parse('12w'), { kind: 'last', weeks: 12 });
    assert.deepEqual(periodParam.parse('6m'), { kind: 'last', weeks: 26 });
    assert.deepEqual(periodParam.parse('2026-03-01..2026-03-31'), {
      kind: 'range',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    assert.deepEqual(periodParam.parse('..2026-03-31'), { kind: 'range', from: '0001-01-01', to: '2026-03-31' });
  });

  it('period: bad dates and garbage are refused with a reason', () => {
    const reason = (v: string) => periodParam.safeParse(v).error?.issues[0]?.message;
    assert.equal(reason('2026-02-30..2026-03-01'), '2026-02-30 is not a calendar date');
    assert.equal(reason('2026-03-31..2026-03-01'), 'range starts after it ends');
    assert.equal(reason('0w'), 'must cover 1 week to 10 years');
    assert.match(reason('last month')!, /^must be 'all'/);
  });

  it('integers, lists and enums name what they accept', () => {
    const q = z.strictObject({
      limit: intParam(1, 100),
      have: idList(skillId, 0, 3, 'skills'),
      seniority: seniorityList,
    });
    const r = q.safeParse({ limit: '500', have: 'a,b,c,d', seniority: 'junior,boss', extra: '1' });
    assert.ok(!r.success);
    assert.deepEqual(toParameterIssues(r.error, 'query'), [
      { parameter: 'limit', message: 'must be <= 100' },
      { parameter: 'have', message: 'must list at most 3 skills' },
      {
        parameter: 'seniority',
        message: 'item 2 must be one of INTERN, JUNIOR, MID, SENIOR, LEAD, UNKNOWN (comma separated)',
      },
      { parameter: 'extra', message: 'unknown parameter' },
    ]);
    assert.equal(intParam(1, 5).safeParse('2.5').error?.issues[0]?.message, 'must be an integer');
    assert.deepEqual(idList(skillId, 1, 5, 'skills').parse(' react , typescript '), ['react', 'typescript']);
  });

  it('a 400 lists every issue in its message', () => {
    const e = new BadRequestError([
      { parameter: 'limit', message: 'must be <= 100' },
      { parameter: 'field', message: "unknown job field 'x'" },
    ]);
    assert.equal(e.status, 400);
    assert.equal(e.parameter, 'limit');
    assert.equal(e.message, "limit: must be <= 100; field: unknown job field 'x'");
  });

  it('ISO weeks are named by their Monday', () => {
    assert.equal(weekStart('2026-03-08'), '2026-03-02'); // Sunday -> the Monday before
    assert.equal(weekStart('2026-03-09'), '2026-03-09');
    assert.equal(addWeeks('2026-03-02', -1), '2026-02-23');
    assert.deepEqual(weeksBetween('2026-02-23', '2026-03-09'), ['2026-02-23', '2026-03-02', '2026-03-09']);
    assert.equal(isoWeekLabel('2026-03-02'), '2026-W10');
    assert.equal(isoWeekLabel('2024-12-30'), '2025-W01');
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2025-02-29'), false);
  });
});
