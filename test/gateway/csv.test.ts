import assert from 'node:assert/strict';
import { csvCell, toCsv } from '../../gateway/csv';
import { noneMatch, weakEtag } from '../../gateway/middleware/cache';

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

describe('If-None-Match', () => {
  it('matches weakly, in lists and with *', () => {
    const etag = 'W/"7-abc"';
    assert.equal(noneMatch('W/"7-abc"', etag), true);
    assert.equal(noneMatch('"7-abc"', etag), true);
    assert.equal(noneMatch('"x", W/"7-abc"', etag), true);
    assert.equal(noneMatch('*', etag), true);
    assert.equal(noneMatch('W/"8-abd"', etag), false);
    assert.equal(noneMatch('', etag), false);
  });
});
