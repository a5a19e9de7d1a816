import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor } from '../../gateway/cursor';

describe('page cursors', () => {
  it('round-trip the sort, key and id, and are URL-safe', () => {
    const c = { sort: 'recent' as const, key: '2026-03-16T01:00:00.000Z', id: 'greenhouse:acme/301' };
    const text = encodeCursor(c);
    assert.match(text, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(text), c);
  });

  it('refuse anything that is not one of ours', () => {
    for (const bad of [
      'garbage!',
      Buffer.from('{"v":1}').toString('base64url'),
      Buffer.from('{"v":2,"s":"recent","k":"2026-03-16T01:00:00.000Z","i":"x"}').toString('base64url'),
      Buffer.from('{"v":1,"s":"price","k":"2026-03-16T01:00:00.000Z","i":"x"}').toString('base64url'),
      Buffer.from('{"v":1,"s":"recent","k":"yesterday","i":"x"}').toString('base64url'),
      Buffer.from('not json').toString('base64url'),
    ]) {
      assert.deepEqual(decodeCursor(bad), { error: 'is not a cursor returned by this API' }, bad);
    }
  });
});
