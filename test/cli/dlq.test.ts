import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { parseSince } from '../../cli/commands/dlq-filters';
import { formatEntry } from '../../cli/commands/dlq-list';
import { formatRedrive } from '../../cli/commands/dlq-retry';
import { matchesFilter, type DeadLetterEntry } from '../../platform/dead-letter-queue';

const entry: DeadLetterEntry = {
  partition: 0,
  offset: '12',
  letter: {
    stage: 'sink.mysql',
    topic: 'postings.gold',
    partition: 3,
    offset: '99',
    key: Buffer.from('wanted:1'),
    value: Buffer.from('x'),
    headers: {},
    errorType: 'ValidationError',
    errorMessage: 'title is empty',
    retriable: false,
    attempts: 1,
    failedAt: Date.UTC(2026, 2, 16, 9),
  },
};

describe('cli/dlq', () => {
  it('--since takes a duration ago or an ISO time, nothing else', () => {
    const now = Date.UTC(2026, 2, 16, 12);
    assert.equal(parseSince('90m', now), now - 90 * 60_000);
    assert.equal(parseSince('2h', now), Date.UTC(2026, 2, 16, 10));
    assert.equal(parseSince('7d', now), Date.UTC(2026, 2, 9, 12));
    assert.equal(parseSince('2026-03-16T09:30:00Z', now), Date.UTC(2026, 2, 16, 9, 30));
    assert.equal(parseSince('2026-03-16', now), Date.UTC(2026, 2, 16));
    for (const bad of ['2x', 'yesterday', '12', '-1h']) assert.throws(() => parseSince(bad, now), InvalidArgumentError);
  });

  it('filters on stage and time; undecodable entries never match', () => {
    assert.equal(matchesFilter(entry, {}), true);
    assert.equal(matchesFilter(entry, { stage: 'sink.mysql', since: Date.UTC(2026, 2, 16, 9) }), true);
    assert.equal(matchesFilter(entry, { stage: 'enrich' }), false);
    assert.equal(matchesFilter(entry, { since: Date.UTC(2026, 2, 16, 9, 0, 1) }), false);
    assert.equal(matchesFilter({ partition: 0, offset: '1', decodeError: 'bad magic byte' }, {}), false);
  });

  it('prints one line per letter and one summary line per re-drive', () => {
    assert.equal(
      formatEntry(entry),
      '2026-03-16T09:00:00.000Z  sink.mysql     postings.gold/3/99  key=wanted:1  ValidationError: title is empty',
    );
    const result = { retried: 1, skipped: 2, byStage: { refine: 1 }, byTopic: { 'postings.raw': 1 }, complete: false };
    assert.equal(
      formatRedrive(result, true),
      'would re-drive 1 dead letter (postings.raw: 1), skipped 2 (stopped before the end of the dead-letter topic)',
    );
    assert.equal(
      formatRedrive({ ...result, retried: 0, byTopic: {}, complete: true }, false),
      're-drove 0 dead letters, skipped 2',
    );
  });
});
