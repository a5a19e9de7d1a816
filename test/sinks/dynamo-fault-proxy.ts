// An HTTP proxy in front of the real dynalite that answers like a throttled DynamoDB: some requests get a
// ProvisionedThroughputExceededException (HTTP 400, as DynamoDB sends it), batch requests are only partly
// processed (the rest comes back as UnprocessedItems / UnprocessedKeys, as DynamoDB does under load), and
// BatchWriteItem answers can be delayed. Everything else is dynalite's own answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

export interface FaultPolicy {
  /** Every n-th request of these operations is refused as throttled (0: never). */
  throttleEvery: number;
  throttleOps: string[];
  /** BatchWriteItem / BatchGetItem: only the first half of the items/keys is forwarded, the rest is unprocessed. */
  partialBatches: boolean;
  /** Milliseconds a BatchWriteItem answer is held back after dynalite answered. */
  batchWriteDelayMs: number;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class DynamoFaultProxy {
  private server?: http.Server;
  private seen = 0;
  /** Requests per operation (X-Amz-Target), and what was injected. */
  readonly counts = new Map<string, number>();
  throttled = 0;
  unprocessed = 0;

  constructor(
    private readonly target: URL,
    public policy: FaultPolicy,
  ) {}

  async start(): Promise<number> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.handle(req, Buffer.concat(chunks)).then(
          ({ status, headers, body }) => {
            res.writeHead(status, headers);
            res.end(body);
          },
          (err: unknown) => {
            res.writeHead(502);
            res.end(String(err));
          },
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, body: Buffer) {
    const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    this.counts.set(op, (this.counts.get(op) ?? 0) + 1);
    const p = this.policy;
    if (p.throttleEvery > 0 && p.throttleOps.includes(op) && ++this.seen % p.throttleEvery === 0) {
      this.throttled++;
      return reply(400, {
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
        message: 'The level of configured provisioned throughput for the table was exceeded.',
      });
    }
    let request: Json = JSON.parse(body.toString('utf8') || '{}') as Json;
    let leftOver: Json | undefined;
    if (p.partialBatches && (op === 'BatchWriteItem' || op === 'BatchGetItem')) {
      [request, leftOver] = split(op, request);
      if (leftOver) this.unprocessed++;
    }
    const upstream = await forward(this.target, req, Buffer.from(JSON.stringify(request)));
    if (op === 'BatchWriteItem' && p.batchWriteDelayMs > 0)
      await new Promise((r) => setTimeout(r, p.batchWriteDelayMs));
    if (!leftOver || upstream.status !== 200) return upstream;
    const answer = JSON.parse(upstream.body.toString('utf8')) as Json;
    if (op === 'BatchWriteItem') answer.UnprocessedItems = leftOver;
    else answer.UnprocessedKeys = leftOver;
    return reply(200, answer);
  }
}

/** The request with the first half of each table's items/keys, and the other half (undefined if none). */
function split(op: string, request: Json): [Json, Json | undefined] {
  const kept: Json = {};
  const rest: Json = {};
  for (const [table, value] of Object.entries(request.RequestItems as Json)) {
    if (op === 'BatchWriteItem') {
      const writes = value as unknown[];
      const n = Math.ceil(writes.length / 2);
      kept[table] = writes.slice(0, n);
      if (writes.length > n) rest[table] = writes.slice(n);
    } else {
      const keys = value.Keys as unknown[];
      const n = Math.ceil(keys.length / 2);
      kept[table] = { ...value, Keys: keys.slice(0, n) };
      if (keys.length > n) rest[table] = { ...value, Keys: keys.slice(n) };
    }
  }
  return [{ ...request, RequestItems: kept }, Object.keys(rest).length > 0 ? rest : undefined];
}

function reply(status: number, json: Json) {
  const body = Buffer.from(JSON.stringify(json));
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(body.length),
      'x-amz-crc32': String(crc32(body)),
    },
    body,
  };
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer) {
  return new Promise<{ status: number; headers: http.OutgoingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const headers = { ...req.headers, 'content-length': String(body.length) };
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const b = Buffer.concat(chunks);
          const h = { ...res.headers, 'content-length': String(b.length) };
          delete h['transfer-encoding'];
          delete h.connection;
          resolve({ status: res.statusCode ?? 502, headers: h, body: b });
        });
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}
