// The normalisation shared by aliases and posting text: what is one word, what separates, what ends a sentence.
import assert from 'node:assert/strict';
import { aliasKey, keyFingerprint, keyHash, phraseKeys, tokenize, tokenizeInto, Tokens } from '../../taxonomy';

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

  it('refills a reused buffer exactly like a fresh tokenize, also after a longer text', () => {
    const buffer = new Tokens();
    const texts = [
      'Senior . NET developer: React, 리액트를 Vue.js로\nGo!',
      'C++ & C#',
      '',
      'ㆍ오라클, MSSQL 및 Node.js',
    ];
    for (const text of [...texts, ...texts.reverse()]) {
      const fresh = tokenize(text);
      const reused = tokenizeInto(text, buffer);
      assert.equal(reused.count, fresh.count);
      for (let j = 0; j < fresh.count; j++) {
        const row = (t: Tokens) => [t.keyAt(j), t.kind[j], t.start[j], t.end[j], t.breakBefore[j], t.gapBefore[j]];
        assert.deepEqual(row(reused), row(fresh));
        assert.equal(reused.joinBefore[j], fresh.joinBefore[j]);
      }
    }
  });

  it('hashes and compares a token without cutting it, as its key would be', () => {
    const t = tokenize('Senior . NET, node.js 리액트를 C++');
    for (let j = 0; j < t.count; j++) {
      const key = t.keyAt(j);
      assert.equal(t.hashAt(j), keyHash(key));
      assert.equal(t.fingerprintAt(j), keyFingerprint(key));
      assert.ok(t.keyIs(j, key));
      assert.ok(!t.keyIs(j, `${key}x`) && !t.keyIs(j, key.slice(1)));
    }
    const run = t.keysOf(0, t.count - 1).indexOf('리액트를');
    assert.equal(t.prefixHashAt(run, 3), keyHash('리액트'));
    assert.ok(t.prefixIs(run, 3, '리액트') && !t.prefixIs(run, 3, '리액'));
  });
});
