import assert from 'node:assert/strict';
import { ValidationError } from '../../platform/errors';
import { goldToRows, postingColumns, skillColumns, sourceColumns, textColumns } from '../../sinks/mysql/rows';
import { baseTime, gold, skill } from './fixtures';

const now = new Date(Date.UTC(2026, 3, 1));
const day = 24 * 3600 * 1000;

describe('sinks/mysql/rows', () => {
  it('maps a gold posting onto every column of postings, texts, sources and skills', () => {
    const r = goldToRows(gold({ id: 'wanted:42', boards: ['wanted', 'jumpit'] }), now);
    assert.equal(r.posting.length, postingColumns.length);
    assert.equal(r.text.length, textColumns.length);
    const p = Object.fromEntries(postingColumns.map((c, i) => [c, r.posting[i]]));
    assert.equal(p.id, 'wanted:42');
    assert.equal(p.job_field_id, 'backend');
    assert.equal(p.experience_min, 3);
    assert.equal(p.country, 'KR');
    assert.equal(p.status, 'OPEN');
    assert.equal(p.closed_at, null);
    assert.equal(p.activity_week, '2026-03-02'); // posted Wednesday 2026-03-04
    assert.deepEqual(p.first_seen_at, new Date(baseTime));
    assert.equal(p.skill_count, 3);
    assert.equal(p.board_tags, '["Java"]');
    assert.equal(p.document_key, 'wanted:42');
    assert.equal(r.sources.length, 2);
    assert.deepEqual(
      r.sources
        .map((s) => Object.fromEntries(sourceColumns.map((c, i) => [c, s[i]])))
        .map((s) => [s.board, s.board_posting_id, s.posting_id]),
      [
        ['wanted', '42', 'wanted:42'],
        ['jumpit', '42-jumpit', 'wanted:42'],
      ],
    );
    const sk = r.skills.map((s) => Object.fromEntries(skillColumns.map((c, i) => [c, s[i]])));
    assert.deepEqual(
      sk.map((s) => [s.skill_id, s.requirement, s.methods, s.job_field_id, s.status, s.activity_week]),
      [
        ['java', 'REQUIRED', 'RULES', 'backend', 'OPEN', '2026-03-02'],
        ['spring', 'REQUIRED', 'RULES', 'backend', 'OPEN', '2026-03-02'],
        ['mysql', 'PREFERRED', 'RULES', 'backend', 'OPEN', '2026-03-02'],
      ],
    );
    assert.deepEqual(r.contribution, {
      jobFieldId: 'backend',
      week: '2026-03-02',
      open: true,
      skills: [
        { id: 'java', required: true },
        { id: 'spring', required: true },
        { id: 'mysql', required: false },
      ],
    });
  });

  it('a closed posting keeps its row with closed_at = last seen; without postedAt the week is the first sighting', () => {
    const version = baseTime + 20 * day;
    const r = goldToRows(gold({ status: 'CLOSED', postedAt: null, version }), now);
    const p = Object.fromEntries(postingColumns.map((c, i) => [c, r.posting[i]]));
    assert.equal(p.status, 'CLOSED');
    assert.deepEqual(p.closed_at, new Date(version));
    assert.equal(p.activity_week, '2026-03-02');
    assert.equal(r.contribution.open, false);
  });

  it('merges a skill listed twice: strongest requirement, all methods and evidence', () => {
    const a = { ...skill('go', 'MENTIONED'), methods: ['BOARD_TAG' as const] };
    const b = skill('go', 'REQUIRED');
    const r = goldToRows(gold({ skills: [a, b] }), now);
    assert.equal(r.skills.length, 1);
    const s = Object.fromEntries(skillColumns.map((c, i) => [c, r.skills[0]![i]]));
    assert.equal(s.requirement, 'REQUIRED');
    assert.equal(s.methods, 'BOARD_TAG,RULES');
    assert.equal(s.evidence_count, 2);
  });

  it('refuses what SQL cannot check: NaN numbers, empty ids', () => {
    const g = gold();
    g.jobField.confidence = Number.NaN;
    assert.throws(() => goldToRows(g, now), ValidationError);
    assert.throws(() => goldToRows(gold({ id: '' }), now), /postingId is empty/);
  });
});
