// The e2e benchmark's bookkeeping: which downstream record first carries a bronze record, and percentiles.
import assert from 'node:assert/strict';
import { ArrivalLog, percentile, summarize } from '../../bench/_latency';

describe('bench latency bookkeeping', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 0.5), 50);
    assert.equal(percentile(sorted, 0.99), 99);
    assert.equal(percentile(sorted, 1), 100);
    assert.equal(percentile([7], 0.99), 7);
    assert.ok(Number.isNaN(percentile([], 0.5)));
    assert.deepEqual(summarize([30, 10, 20]), { count: 3, p50: 20, p95: 30, p99: 30, max: 30 });
  });

  it('marks a bronze record arrived at the first record carrying its source with its fetchedAt', () => {
    const log = new ArrivalLog();
    log.expect('wanted:1', 1000);
    log.expect('jumpit:9', 1005);
    // An older version of the same source (an earlier crawl) does not count.
    log.seen([{ board: 'wanted', boardPostingId: '1', lastSeenAt: 900 }], 1001);
    assert.equal(log.arrivalOf('wanted:1'), undefined);
    log.seen([{ board: 'wanted', boardPostingId: '1', lastSeenAt: 1000 }], 1040);
    assert.equal(log.arrivalOf('wanted:1'), 1040);
    // De-duplication merged jumpit:9 into the posting of wanted:1: the merged record carries both; the first
    // arrival of wanted:1 stays, jumpit:9 arrives now.
    log.seen(
      [
        { board: 'wanted', boardPostingId: '1', lastSeenAt: 1000 },
        { board: 'jumpit', boardPostingId: '9', lastSeenAt: 1005 },
      ],
      1090,
    );
    assert.equal(log.arrivalOf('wanted:1'), 1040);
    assert.equal(log.arrivalOf('jumpit:9'), 1090);
    // A source never sent by this run is ignored.
    log.seen([{ board: 'lever', boardPostingId: 'x/1', lastSeenAt: 1 }], 1100);
    assert.equal(log.has('lever:x/1'), false);
  });
});
