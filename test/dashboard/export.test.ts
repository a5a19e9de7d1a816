import assert from 'node:assert/strict';
import { exportFileName, toCsv, toRecords, type Column } from '../../dashboard/src/lib/export';

interface Row {
  name: string;
  share: number;
  note: string | null;
}

const columns: Column<Row>[] = [
  { key: 'skill', label: 'Skill', value: (r) => r.name },
  { key: 'share', label: '% of postings', value: (r) => r.share },
  { key: 'note', label: 'Note', value: (r) => r.note },
];

describe('dashboard export', () => {
  it('writes RFC 4180 CSV: header, CRLF lines, quotes only where needed, empty for null', () => {
    const csv = toCsv(
      [
        { name: 'React', share: 42.5, note: null },
        { name: 'C, "the language"', share: 3, note: 'two\nlines' },
        { name: '리액트', share: 1, note: ' padded' },
      ],
      columns,
    );
    assert.equal(
      csv,
      'Skill,% of postings,Note\r\nReact,42.5,\r\n"C, ""the language""",3,"two\nlines"\r\n리액트,1," padded"\r\n',
    );
  });

  it('keys JSON records by column key, null for missing values', () => {
    assert.deepEqual(toRecords([{ name: 'Go', share: 7, note: null }], columns), [
      { skill: 'Go', share: 7, note: null },
    ]);
  });

  it('makes safe file names from the view and its filters', () => {
    assert.equal(exportFileName(['top-skills', 'backend', null, '', '12w'], 'csv'), 'top-skills_backend_12w.csv');
    assert.equal(
      exportFileName(['compare', 'Data Engineering/ML', '백엔드'], 'json'),
      'compare_data-engineering-ml_백엔드.json',
    );
    assert.equal(exportFileName([], 'csv'), 'techmap.csv');
  });
});
