import { DeleteTableCommand, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from '../platform/config';
import { createDynamoClient } from '../sinks/clients';
import { ensurePostingsTable } from '../sinks/dynamodb';
import { goldToItem } from '../sinks/dynamodb/item';
import { posting } from './sinks';
const config = loadConfig();
const client = createDynamoClient(config);
const doc = DynamoDBDocumentClient.from(client);
async function measure(label: string, table: string, mk: (i: number) => Record<string, unknown>, n: number, conc: number) {
  const q = Array.from({ length: n }, (_, i) => mk(i));
  const t = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { for (let x = q.shift(); x; x = q.shift()) await doc.send(new PutCommand({ TableName: table, Item: x })); }));
  console.log(label, 'conc', conc, Math.round(n / ((performance.now() - t) / 1000)), '/s');
}
const plain = `probe-plain-${Date.now()}`;
await client.send(new CreateTableCommand({ TableName: plain, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
await new Promise((r) => setTimeout(r, 1500));
const gsi = `probe-gsi-${Date.now()}`;
await ensurePostingsTable(client, gsi);
for (const c of [1, 16]) {
  await measure('small plain', plain, (i) => ({ pk: `s${c}-${i}`, v: 1 }), 200, c);
  await measure('8KB plain', plain, (i) => goldToItem(posting(i + c * 1000)) as unknown as Record<string, unknown>, 200, c);
  await measure('8KB gsi', gsi, (i) => goldToItem(posting(i + c * 1000)) as unknown as Record<string, unknown>, 200, c);
  await measure('gz gsi', gsi, (i) => goldToItem(posting(i + c * 1000 + 50000), { compressAboveBytes: 1024, maxItemBytes: 390000 }) as unknown as Record<string, unknown>, 200, c);
}
await client.send(new DeleteTableCommand({ TableName: plain }));
await client.send(new DeleteTableCommand({ TableName: gsi }));
client.destroy();
