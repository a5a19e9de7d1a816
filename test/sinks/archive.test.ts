import assert from 'node:assert/strict';
import {
  boardOf,
  decodeKey,
  decodeLines,
  encodeKey,
  encodeLines,
  fromJsonValue,
  objectKey,
  parseObjectKey,
  Round,
  toJsonValue,
} from '../../sinks/s3/archive';

const policy = { maxRecords: 3, maxBytes: 1_000_000, maxRoundBytes: 10_000_000, maxSpanMs: 3600_000 };
const t0 = Date.UTC(2026, 2, 2, 10);

describe('sinks/s3/archive', () => {
  it('names objects by topic, board, record date, partition and zero-padded start offset, and parses them back', () => {
    const key = objectKey('postings.raw', 3, 'wanted', '2026-03-02', 1234);
    assert.equal(key, 'topics/postings.raw/board=wanted/date=2026-03-02/postings.raw+3+00000000000000001234.jsonl.gz');
    assert.deepEqual(parseObjectKey(`archive/${key}`), {
      topic: 'postings.raw',
      partition: 3,
      board: 'wanted',
      date: '2026-03-02',
      startOffset: 1234,
    });
    assert.equal(parseObjectKey('topics/x/board=a/date=2026-03-02/y+1+00000000000000000001.jsonl.gz'), undefined);
  });

  it('takes the board from the key, safe as a path segment', () => {
    assert.equal(boardOf(Buffer.from('wanted:123')), 'wanted');
    assert.equal(boardOf(Buffer.from('Greenhouse:acme/42')), 'greenhouse');
    assert.equal(boardOf(Buffer.from('../x:1')), '.._x');
    assert.equal(boardOf(Buffer.from('no-colon')), 'unknown');
    assert.equal(boardOf(null), 'unknown');
  });

  it('keeps bytes losslessly: UTF-8 as text, anything else as base64, both restored exactly', () => {
    const utf8 = Buffer.from('{"title":"백엔드 개발자"}', 'utf8');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]);
    const json = toJsonValue({ body: utf8, other: binary, n: 1, list: [binary] });
    assert.deepEqual(json, {
      body: { $bytes: 'utf8', text: '{"title":"백엔드 개발자"}' },
      other: { $bytes: 'base64', data: binary.toString('base64') },
      n: 1,
      list: [{ $bytes: 'base64', data: binary.toString('base64') }],
    });
    const back = fromJsonValue(JSON.parse(JSON.stringify(json))) as { body: Buffer; other: Buffer };
    assert.ok(back.body.equals(utf8));
    assert.ok(back.other.equals(binary));
    assert.equal(encodeKey(Buffer.from('wanted:1')), 'wanted:1');
    assert.ok(decodeKey(encodeKey(binary))!.equals(binary));
  });

  it('gzip JSON Lines round-trip and are byte-identical for identical input', () => {
    const lines = [JSON.stringify({ a: 1 }), JSON.stringify({ b: '한글' })];
    const a = encodeLines(lines);
    assert.ok(a.equals(encodeLines(lines)));
    assert.deepEqual(decodeLines(a), [{ a: 1 }, { b: '한글' }]);
  });

  it('a round holds one object per (board, date), each named by its first offset; rotates on the count of one object', () => {
    const r = new Round('postings.raw', 0, policy);
    assert.equal(r.add(10, t0, 'wanted', 'l10'), false);
    assert.equal(r.add(11, t0, 'jumpit', 'l11'), false);
    assert.equal(r.add(12, t0 + 24 * 3600_000, 'wanted', 'l12'), false); // next day: another object
    assert.equal(r.add(13, t0 + 60_000, 'wanted', 'l13'), false);
    assert.equal(r.add(14, t0 + 120_000, 'wanted', 'l14'), true); // third record of wanted/2026-03-02
    assert.equal(r.start, 10);
    assert.deepEqual(
      [...r.objects.values()].map((o) => [o.key.split('/').slice(2).join('/'), o.lines]),
      [
        ['board=wanted/date=2026-03-02/postings.raw+0+00000000000000000010.jsonl.gz', ['l10', 'l13', 'l14']],
        ['board=jumpit/date=2026-03-02/postings.raw+0+00000000000000000011.jsonl.gz', ['l11']],
        ['board=wanted/date=2026-03-03/postings.raw+0+00000000000000000012.jsonl.gz', ['l12']],
      ],
    );
    r.clear();
    assert.ok(r.isEmpty);
  });

  it('closes a round before a record beyond the record-time span (never by wall clock)', () => {
    const r = new Round('postings.raw', 0, policy);
    r.add(0, t0, 'wanted', 'a');
    assert.equal(r.closesBefore(t0 + 3599_999), false);
    assert.equal(r.closesBefore(t0 + 3600_000), true);
  });

  it('rotates on bytes of one object and of the whole round', () => {
    const small = new Round('t', 0, { ...policy, maxRecords: 100, maxBytes: 10 });
    assert.equal(small.add(0, t0, 'a', '12345'), false);
    assert.equal(small.add(1, t0, 'a', '12345'), true);
    const round = new Round('t', 0, { ...policy, maxRecords: 100, maxRoundBytes: 10 });
    assert.equal(round.add(0, t0, 'a', '12345'), false);
    assert.equal(round.add(1, t0, 'b', '12345'), true);
  });
});
