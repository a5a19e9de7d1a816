// The normalisation shared by aliases and posting text: what is one word, what separates, what ends a sentence.
import assert from 'node:assert/strict';
import { aliasKey, phraseKeys, tokenize } from '../../taxonomy';

const keys = (s: string) => phraseKeys(s);

describe('tokenize', () => {
  it('folds case and treats . - _ and spaces between words as the same separator', () => {
    assert.equal(aliasKey('Node.js'), 'node js');
    assert.equal(aliasKey('node js'), 'node js');
    assert.equal(aliasKey('React-Native'), 'react native');
    assert.equal(aliasKey('spring_boot'), 'spring boot');
  });

  it("keeps '+' and '#' on their word and a leading dot ('.net')", () => {
    assert.deepEqual(keys('C++, C#, F# and .NET'), ['c++', ',', 'c#', ',', 'f#', 'and', '.net']);
    assert.deepEqual(keys('C#/.NET'), ['c#', '/', '.net']);
    assert.deepEqual(keys('ASP.NET Core'), ['asp', 'net', 'core']);
    assert.deepEqual(keys('Senior . NET developer'), ['senior', '.net', 'developer']);
  });

  it('makes other punctuation tokens of their own', () => {
    assert.deepEqual(keys('CI/CD, R&D'), ['ci', '/', 'cd', ',', 'r', '&', 'd']);
  });

  it('cuts Hangul runs apart from Latin words and keeps particles on the run', () => {
    assert.deepEqual(keys('리액트를 Vue.js로 Go언어'), ['리액트를', 'vue', 'js', '로', 'go', '언어']);
    assert.deepEqual(keys('ㆍ오라클, MSSQL'), ['ㆍ', '오라클', ',', 'mssql']);
  });

  it('keeps offsets into the original text and marks sentence and line ends', () => {
    const t = tokenize('Use Go.\nWe GO live. Ｒｅａｃｔ!');
    const rows = Array.from({ length: t.count }, (_, j) => [t.keyAt(j), t.start[j], t.end[j], t.breakBefore[j]]);
    assert.deepEqual(rows, [
      ['use', 0, 3, 0],
      ['go', 4, 6, 0],
      ['we', 8, 10, 1],
      ['go', 11, 13, 0],
      ['live', 14, 18, 0],
      ['react', 20, 25, 1],
    ]);
  });

  it('records a single joining character between two words', () => {
    const t = tokenize('foo.js bar - baz');
    assert.deepEqual(Array.from(t.joinBefore), [0, 0x2e, 0, 0]);
  });
});
