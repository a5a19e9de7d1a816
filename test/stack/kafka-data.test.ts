import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StackError } from '../../stack/errors';
import { checkKafkaDataDir, newClusterId, parseProperties } from '../../stack/services/kafka';

function metaProperties(clusterId: string, nodeId = '1'): string {
  return `#\n#Tue Nov 25 16:09:39 UTC 2026\nnode.id=${nodeId}\ndirectory.id=ZhuB1Fh4ThW3S9v7mN2lqQ\nversion=1\ncluster.id=${clusterId}\n`;
}

describe('stack/services/kafka data folder checks', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-kafka-data-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function formatted(clusterId: string, nodeId = '1') {
    fs.writeFileSync(path.join(dir, 'meta.properties'), metaProperties(clusterId, nodeId));
    fs.mkdirSync(path.join(dir, '__cluster_metadata-0'));
  }

  function corrupt(fn: () => unknown, includes: string) {
    assert.throws(fn, (err: unknown) => {
      assert.ok(err instanceof StackError);
      assert.equal(err.exitCode, 6);
      assert.ok(err.message.includes(includes), err.message);
      assert.ok(err.message.includes('techmap stack reset kafka'), err.message);
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  }

  it('reports a missing or empty folder as empty (to be formatted)', () => {
    assert.deepEqual(checkKafkaDataDir(path.join(dir, 'absent'), null), { state: 'empty' });
    assert.deepEqual(checkKafkaDataDir(dir, 'Z8OohHc1KBqFsqCi9P9zMw'), { state: 'empty' });
  });

  it('accepts a folder formatted with the expected cluster id, or any id when none is recorded', () => {
    formatted('Z8OohHc1KBqFsqCi9P9zMw');
    assert.deepEqual(checkKafkaDataDir(dir, 'Z8OohHc1KBqFsqCi9P9zMw'), {
      state: 'formatted',
      clusterId: 'Z8OohHc1KBqFsqCi9P9zMw',
    });
    assert.deepEqual(checkKafkaDataDir(dir, null), { state: 'formatted', clusterId: 'Z8OohHc1KBqFsqCi9P9zMw' });
  });

  it('rejects a cluster id mismatch', () => {
    formatted('AAAAAAAAAAAAAAAAAAAAAA');
    corrupt(() => checkKafkaDataDir(dir, 'Z8OohHc1KBqFsqCi9P9zMw'), 'belongs to cluster AAAAAAAAAAAAAAAAAAAAAA');
  });

  it('rejects files without meta.properties, another node id, and a missing metadata log', () => {
    fs.mkdirSync(path.join(dir, 'postings.raw-0'));
    corrupt(() => checkKafkaDataDir(dir, null), 'no meta.properties');
    fs.writeFileSync(path.join(dir, 'meta.properties'), metaProperties('Z8OohHc1KBqFsqCi9P9zMw', '7'));
    corrupt(() => checkKafkaDataDir(dir, null), 'node.id 7');
    fs.writeFileSync(path.join(dir, 'meta.properties'), metaProperties('Z8OohHc1KBqFsqCi9P9zMw'));
    corrupt(() => checkKafkaDataDir(dir, null), '__cluster_metadata-0');
    fs.writeFileSync(path.join(dir, 'meta.properties'), 'version=1\nnode.id=1\n');
    corrupt(() => checkKafkaDataDir(dir, null), 'no cluster.id');
  });

  it('makes 22-character base64url cluster ids that never start with a dash', () => {
    for (let i = 0; i < 500; i++) {
      const id = newClusterId();
      assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });

  it('parses .properties lines, ignoring comments', () => {
    assert.deepEqual(parseProperties('#c\n! also\nnode.id=1\n cluster.id = abc \nbad\nk:v\n'), {
      'node.id': '1',
      'cluster.id': 'abc',
      k: 'v',
    });
  });
});
