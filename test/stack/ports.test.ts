import assert from 'node:assert/strict';
import net from 'node:net';
import { canConnect, isPortTaken, portOwner } from '../../stack/ports';

describe('stack/ports', () => {
  it('names the process listening on a port, and nobody on a free one', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      assert.deepEqual(portOwner(port), { pid: process.pid, name: 'node' });
      assert.equal(await isPortTaken('127.0.0.1', port), true);
      assert.equal(await canConnect('127.0.0.1', port, 1000), true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.equal(portOwner(port), null);
    assert.equal(await isPortTaken('127.0.0.1', port), false);
    assert.equal(await canConnect('127.0.0.1', port, 1000), false);
  });
});
