import assert from 'node:assert/strict';
import { greedyCoverage } from '../../gateway/queries/recommend';

// Core (required, not implied) skills of five open backend postings, as in fixtures.ts.
const core = new Map<string, string[]>([
  ['wanted:101', ['java', 'spring-boot', 'mysql']],
  ['wanted:102', ['java', 'spring']],
  ['jumpit:201', ['kotlin', 'spring-boot']],
  ['greenhouse:acme/301', ['java']],
  ['wanted:103', ['python', 'docker']],
]);

describe('greedyCoverage', () => {
  it('adds, at each step, the skill that matches the most additional postings', () => {
    const r = greedyCoverage(core, [], 3);
    assert.equal(r.considered, 5);
    assert.equal(r.matched, 0);
    assert.deepEqual(
      r.steps.map((s) => [s.skill, s.matchedBefore, s.matchedAfter, s.gain, s.coverageAfter]),
      [
        ['java', 0, 1, 1, 0.2], // completes greenhouse:acme/301
        ['spring', 1, 2, 1, 0.4], // completes wanted:102
        ['spring-boot', 2, 2, 0, 0.4], // no single skill completes one: spring-boot closes half of two gaps
      ],
    );
  });

  it('breaks ties by demand, then by id, so answers are stable', () => {
    const r = greedyCoverage(core, ['java', 'spring', 'spring-boot'], 2);
    // mysql completes wanted:101 and kotlin completes jumpit:201: equal gain, progress and demand -> id order.
    assert.deepEqual(
      r.steps.map((s) => [s.skill, s.gain, s.demand]),
      [
        ['kotlin', 1, 1],
        ['mysql', 1, 1],
      ],
    );
    assert.equal(r.matched, 2);
    assert.equal(r.steps[1]!.coverageAfter, 0.8);
  });

  it('stops when every posting is matched, and counts skills already had', () => {
    const r = greedyCoverage(new Map([['p', ['a', 'b']]]), ['a', 'b'], 5);
    assert.equal(r.matched, 1);
    assert.equal(r.coverage, 1);
    assert.deepEqual(r.steps, []);
  });

  it('covers nothing of an empty field', () => {
    const r = greedyCoverage(new Map(), ['java'], 5);
    assert.deepEqual(r, { considered: 0, matched: 0, coverage: 0, steps: [] });
  });
});
