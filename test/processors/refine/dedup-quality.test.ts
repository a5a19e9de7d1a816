// Measured quality of cross-board de-duplication on a labelled set of 240 posting pairs (dedup-set.ts): half the
// same job on two boards, half different jobs of one company with similar titles. Prints the figures.
import assert from 'node:assert/strict';
import { labelledPairs, pairQuality, streamQuality, type LabelledPair } from './dedup-set';

const pct = (x: number) => (x * 100).toFixed(1);

describe('refine de-duplication quality (labelled set)', function () {
  this.timeout(120_000);
  let pairs: LabelledPair[];

  before(() => {
    pairs = labelledPairs(240);
  });

  it('has 240 pairs, half of them the same job, Korean and English', () => {
    assert.equal(pairs.length, 240);
    assert.equal(pairs.filter((p) => p.same).length, 120);
    assert.equal(pairs.filter((p) => p.a.language === 'ko').length, 120);
    assert.ok(pairs.every((p) => p.a.company.id === p.b.company.id && p.a.sources[0]!.board !== p.b.sources[0]!.board));
  });

  it('judges pairs with precision >= 0.95 and recall >= 0.9', () => {
    const q = pairQuality(pairs);
    process.stdout.write(
      `      dedup pairs: precision ${pct(q.precision)}% recall ${pct(q.recall)}% ` +
        `(tp ${q.tp}, fp ${q.fp}, fn ${q.fn}, tn ${q.tn}); judged same by kind: ` +
        `${Object.entries(q.byKind)
          .map(([k, v]) => `${k} ${v.judgedSame}/${v.pairs}`)
          .join(', ')}\n`,
    );
    assert.ok(q.precision >= 0.95, `precision ${q.precision}`);
    assert.ok(q.recall >= 0.9, `recall ${q.recall}`);
  });

  it('clusters the whole set as a stream with precision and recall >= 0.9', () => {
    const q = streamQuality(pairs);
    process.stdout.write(
      `      dedup stream (480 postings, 8 companies): precision ${pct(q.precision)}% recall ${pct(q.recall)}% ` +
        `(tp ${q.tp}, fp ${q.fp}, fn ${q.fn} of ${q.pairs} posting pairs)\n`,
    );
    assert.ok(q.precision >= 0.9, `precision ${q.precision}`);
    assert.ok(q.recall >= 0.9, `recall ${q.recall}`);
  });
});
