import assert from 'node:assert/strict';
import { renderValue, resolveTopic } from '../../cli/commands/topics';
import { formatResults } from '../../cli/commands/bench';

describe('cli/topics', () => {
  it('resolves short ids, base names and prefixed names', () => {
    const config = { topicPrefix: 'dev.' };
    assert.equal(resolveTopic(config, 'gold'), 'gold');
    assert.equal(resolveTopic(config, 'postings.raw'), 'raw');
    assert.equal(resolveTopic(config, 'dev.postings.dlq'), 'dlq');
    assert.equal(resolveTopic(config, 'nope'), undefined);
  });

  it('shows byte fields as text, cut to the limit', () => {
    const out = renderValue({ body: Buffer.from('{"id":1234567890}') }, 6);
    assert.equal(out, '{"body":"{\\"id\\":…(17 bytes)"}');
  });
});

describe('cli/bench table', () => {
  it('prints figures and ratios with their targets', () => {
    const table = formatResults([
      {
        name: 'sinks',
        figures: [{ label: 'batched rows/s', value: 12345.6, unit: 'rows/s' }],
        ratios: [{ label: 'batched / one-by-one', value: 14.2, target: '>= 10x', met: true }],
      },
    ]);
    const lines = table.split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[2]!, /\| sinks +\| batched rows\/s +\| 12,346 rows\/s/);
    assert.match(lines[3]!, /14\.20x +\| >= 10x \(met\)/);
  });
});
