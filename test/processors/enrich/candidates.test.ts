// Ranking unknown terms for taxonomy review.
import assert from 'node:assert/strict';
import { rankCandidates } from '../../../processors/enrich/candidates';

describe('processors/enrich/candidates', () => {
  const docs = [
    { postingId: 'a:1', jobField: 'backend', unknownTerms: ['ZorblaxDB', 'Quuxly'] },
    { postingId: 'a:2', jobField: 'backend', unknownTerms: ['zorblaxdb', 'ZorblaxDB'] },
    { postingId: 'a:3', jobField: 'data-engineering', unknownTerms: ['ZorblaxDB'] },
    { postingId: 'a:4', jobField: 'frontend', unknownTerms: ['Quuxly', 'Flimflam'] },
    { postingId: 'a:5', jobField: 'frontend', unknownTerms: [] },
  ];

  it('counts postings per case-folded term, most mentioned first, with spellings, fields and examples', () => {
    assert.deepEqual(rankCandidates(docs), [
      {
        term: 'ZorblaxDB',
        postings: 3,
        spellings: ['zorblaxdb'],
        fields: [
          { id: 'backend', postings: 2 },
          { id: 'data-engineering', postings: 1 },
        ],
        examples: ['a:1', 'a:2', 'a:3'],
      },
      {
        term: 'Quuxly',
        postings: 2,
        spellings: [],
        fields: [
          { id: 'backend', postings: 1 },
          { id: 'frontend', postings: 1 },
        ],
        examples: ['a:1', 'a:4'],
      },
      { term: 'Flimflam', postings: 1, spellings: [], fields: [{ id: 'frontend', postings: 1 }], examples: ['a:4'] },
    ]);
  });

  it('applies the minimum, the limit and leaves out terms the taxonomy knows by now', () => {
    assert.deepEqual(
      rankCandidates(docs, { minPostings: 2 }).map((c) => c.term),
      ['ZorblaxDB', 'Quuxly'],
    );
    assert.deepEqual(
      rankCandidates(docs, { limit: 1 }).map((c) => c.term),
      ['ZorblaxDB'],
    );
    assert.deepEqual(
      rankCandidates(docs, { isKnown: (t) => t === 'ZorblaxDB' }).map((c) => c.term),
      ['Quuxly', 'Flimflam'],
    );
  });
});
