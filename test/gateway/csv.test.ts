import assert from 'node:assert/strict';
import { csvCell, toCsv } from '../../gateway/csv';
import { weakEtag } from '../../gateway/middleware/cache';

describe('CSV export', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell(null), '');
  });

  it('starts with a BOM and ends rows with CRLF', () => {
    assert.equal(toCsv(['a', 'b'], [[1, '백엔드']]), '\uFEFFa,b\r\n1,백엔드\r\n');
  });
});

describe('weakEtag', () => {
  it('is weak, stable and changes with the body', () => {
    assert.match(weakEtag('{"a":1}'), /^W\/"7-[A-Za-z0-9_-]{27}"$/);
    assert.equal(weakEtag('x'), weakEtag('x'));
    assert.notEqual(weakEtag('x'), weakEtag('y'));
  });
});
