// Who is listening on a port: read from /proc/net/tcp{,6} and the owners' /proc/<pid>/fd links, so a conflict can be
// reported as "port 9092 is taken by pid 1234 (java)" before anything is started.
import fs from 'node:fs';
import net from 'node:net';

const LISTEN = '0A';

/** Socket inodes of TCP sockets listening on this port (any local address). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const local = cols[1];
      if (!local || cols[3] !== LISTEN) continue;
      const localPort = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      if (localPort === port && cols[9]) inodes.add(cols[9]);
    }
  }
  return inodes;
}

export interface PortOwner {
  pid: number;
  /** Short process name (/proc/<pid>/comm). */
  name: string;
}

/** The process listening on the port, if the port is taken and /proc tells who holds it. */
export function portOwner(port: number): PortOwner | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  const wanted = new Set([...inodes].map((i) => `socket:[${i}]`));
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (wanted.has(link)) {
        let name = '?';
        try {
          name = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
        } catch {
          // the process ended meanwhile; keep '?'
        }
        return { pid: Number(entry), name };
      }
    }
  }
  return { pid: 0, name: 'unknown process' };
}

/** True when some process listens on the port (from /proc; falls back to a TCP connect when /proc is unreadable). */
export async function isPortTaken(host: string, port: number): Promise<boolean> {
  if (fs.existsSync('/proc/net/tcp')) return listeningInodes(port).size > 0;
  return canConnect(host, port, 500);
}

/** True when a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A TCP port free on loopback right now (for a server started next: a gateway, a demo board). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
