import assert from 'node:assert/strict';
import { chunkRecords, toSinkRecord } from '../../sinks/runner';
import type { SinkRecord } from '../../sinks/types';

const rec = (offset: number, bytes: number): SinkRecord => ({
  topic: 't',
  partition: 0,
  offset,
  timestamp: 0,
  key: null,
  value: Buffer.alloc(bytes),
  headers: {},
});

describe('sinks/runner', () => {
  it('chunks a batch by record count', () => {
    const chunks = chunkRecords(
      [0, 1, 2, 3, 4].map((o) => rec(o, 1)),
      2,
      1000,
    );
    assert.deepEqual(
      chunks.map((c) => c.map((r) => r.offset)),
      [[0, 1], [2, 3], [4]],
    );
  });

  it('chunks by bytes; a single record larger than the limit travels alone', () => {
    const chunks = chunkRecords([rec(0, 400), rec(1, 400), rec(2, 5000), rec(3, 10)], 100, 1000);
    assert.deepEqual(
      chunks.map((c) => c.map((r) => r.offset)),
      [[0, 1], [2], [3]],
    );
  });

  it('turns a kafkajs message into a sink record (offset and timestamp as numbers, headers as text)', () => {
    const r = toSinkRecord('t', 2, {
      offset: '41',
      timestamp: '1700000000000',
      key: Buffer.from('wanted:1'),
      value: Buffer.from('x'),
      headers: { a: Buffer.from('1'), b: ['2', '3'], c: undefined },
      attributes: 0,
    });
    assert.equal(r.offset, 41);
    assert.equal(r.timestamp, 1700000000000);
    assert.equal(r.partition, 2);
    assert.deepEqual(r.headers, { a: '1', b: '2' });
  });
});
