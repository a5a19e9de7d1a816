import assert from 'node:assert/strict';
import { segmentText } from '../../dashboard/src/lib/highlight';

describe('dashboard evidence highlighting', () => {
  it('cuts the text at each evidence span and keeps every character', () => {
    const text = '- 리액트, TypeScript 실무 경험';
    const segs = segmentText(text, [
      { start: 2, end: 5, skillId: 'react' },
      { start: 7, end: 17, skillId: 'typescript' },
    ]);
    assert.deepEqual(segs, [
      { text: '- ', skillIds: [] },
      { text: '리액트', skillIds: ['react'] },
      { text: ', ', skillIds: [] },
      { text: 'TypeScript', skillIds: ['typescript'] },
      { text: ' 실무 경험', skillIds: [] },
    ]);
    assert.equal(segs.map((s) => s.text).join(''), text);
  });

  it('lists every skill of overlapping spans (Spring Boot also evidences Spring)', () => {
    const segs = segmentText('Spring Boot 3', [
      { start: 0, end: 11, skillId: 'spring-boot' },
      { start: 0, end: 6, skillId: 'spring' },
    ]);
    assert.deepEqual(segs, [
      { text: 'Spring', skillIds: ['spring-boot', 'spring'] },
      { text: ' Boot', skillIds: ['spring-boot'] },
      { text: ' 3', skillIds: [] },
    ]);
  });

  it('ignores spans that are empty or outside the text', () => {
    assert.deepEqual(
      segmentText('Go', [
        { start: 1, end: 1, skillId: 'x' },
        { start: 0, end: 9, skillId: 'y' },
        { start: -1, end: 1, skillId: 'z' },
      ]),
      [{ text: 'Go', skillIds: [] }],
    );
    assert.deepEqual(segmentText('', []), []);
  });
});
