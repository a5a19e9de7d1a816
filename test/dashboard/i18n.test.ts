// The dashboard's messages are data: both languages must have exactly the same keys, the same placeholders, and
// Korean must really be translated.
import assert from 'node:assert/strict';
import en from '../../dashboard/src/i18n/en.json';
import ko from '../../dashboard/src/i18n/ko.json';

type Messages = { [key: string]: string | Messages };

function flatten(m: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Proper names and units that read the same in both languages.
const SAME_IN_BOTH = new Set([
  'boards.greenhouse',
  'boards.lever',
  'boards.remoteok',
  'boards.hackernews',
  'export.csv',
  'export.json',
  'categories.ml',
  'remote.UNKNOWN',
]);

describe('dashboard i18n messages', () => {
  const e = flatten(en as Messages);
  const k = flatten(ko as Messages);

  it('has the same keys in English and Korean', () => {
    assert.deepEqual(
      [...k.keys()].filter((x) => !e.has(x)),
      [],
    );
    assert.deepEqual(
      [...e.keys()].filter((x) => !k.has(x)),
      [],
    );
  });

  it('uses the same placeholders in both languages', () => {
    const differ = [...e.keys()].filter((key) => {
      const a = new Set(placeholders(e.get(key)!));
      const b = new Set(placeholders(k.get(key)!));
      return a.size !== b.size || [...a].some((x) => !b.has(x));
    });
    assert.deepEqual(differ, []);
  });

  it('translates every label into Korean', () => {
    const untranslated = [...e.keys()].filter((key) => !SAME_IN_BOTH.has(key) && e.get(key) === k.get(key));
    assert.deepEqual(untranslated, []);
    // '%p' (percentage points) is how Korean writes the unit.
    const noHangul = [...k.entries()].filter(
      ([key, v]) => !SAME_IN_BOTH.has(key) && key !== 'units.pp' && v !== '' && !/[가-힣]/.test(v),
    );
    assert.deepEqual(
      noHangul.map(([key]) => key),
      [],
    );
  });
});
