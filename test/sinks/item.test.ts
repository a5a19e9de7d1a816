import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ValidationError } from '../../platform/errors';
import { goldToItem, itemDocument, itemSize } from '../../sinks/dynamodb/item';
import { gold, skill } from './fixtures';

describe('sinks/dynamodb/item', () => {
  it('keeps a small document as JSON text with the index attributes on top', () => {
    const g = gold({ id: 'wanted:7', boards: ['wanted', 'jumpit'] });
    const item = goldToItem(g, { compressAboveBytes: 64 * 1024, maxItemBytes: 390 * 1024 });
    assert.equal(item.pk, 'wanted:7');
    assert.equal(item.version, g.posting.version);
    assert.equal(item.enrichedAt, g.enrichedAt);
    assert.equal(item.companyId, 'acme');
    assert.equal(item.jobFieldId, 'backend');
    assert.equal(item.postedAt, g.posting.postedAt);
    assert.deepEqual(item.boards, ['wanted', 'jumpit']);
    assert.deepEqual(item.skillIds, ['java', 'spring', 'mysql']);
    assert.equal(item.docEncoding, 'json');
    assert.equal(item.docGz, undefined);
    assert.deepEqual(itemDocument(item), g);
  });

  it('compresses documents over 2 KB by default and reads them back unchanged', () => {
    const typical = gold({ requirements: 'Java, Spring Boot, MySQL, Redis, Kafka 경험 3년 이상. '.repeat(60) });
    const t = goldToItem(typical);
    assert.equal(t.docEncoding, 'gzip+json');
    assert.ok(t.docGz!.length * 4 < JSON.stringify(typical).length, 'at least 4x smaller');
    assert.deepEqual(itemDocument(t), typical);
  });

  it('a very large document fits compressed', () => {
    const g = gold({ requirements: '자바 Spring 경험 '.repeat(20000) });
    const item = goldToItem(g);
    assert.equal(item.docEncoding, 'gzip+json');
    assert.equal(item.doc, undefined);
    assert.ok(itemSize(item) < 390 * 1024);
    assert.equal(item.evidenceTruncated, false);
    assert.deepEqual(itemDocument(item), g);
  });

  it('truncates evidence to one span per skill when compression is not enough, then refuses', () => {
    const noisy = (n: number) => randomBytes(n).toString('base64'); // incompressible
    const many = Array.from({ length: 40 }, (_, i) => ({
      ...skill(`s${i}`),
      evidence: Array.from({ length: 150 }, () => ({ section: 'requirements', start: 0, end: 3, text: noisy(100) })),
    }));
    const item = goldToItem(gold({ skills: many }));
    assert.equal(item.evidenceTruncated, true);
    assert.ok(itemDocument(item).skills.every((s) => s.evidence.length === 1));
    assert.throws(() => goldToItem(gold({ requirements: noisy(600_000) })), ValidationError);
  });
});
