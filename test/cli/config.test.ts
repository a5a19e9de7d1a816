import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { markdownTable, settingRows } from '../../cli/commands/config';
import { repoRoot } from '../../platform/config';

describe('cli/config', () => {
  it('documents every setting in the README (regenerate with `techmap config`)', async () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const missing = (await settingRows()).filter((r) => !readme.includes(`\`${r.env}\``)).map((r) => r.env);
    assert.deepEqual(missing, []);
  });

  it('escapes pipes so a default cannot break the table', () => {
    assert.equal(markdownTable([{ env: 'A', default: 'x|y', doc: 'd' }]).split('\n')[2], '| `A` | `x\\|y` | d |');
  });
});
