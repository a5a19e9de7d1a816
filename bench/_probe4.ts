import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from '../platform/config';
import { createDynamoClient } from '../sinks/clients';
import { ensurePostingsTable } from '../sinks/dynamodb';
import { goldToItem } from '../sinks/dynamodb/item';
import { posting } from './sinks';
const client = createDynamoClient(loadConfig());
const doc = DynamoDBDocumentClient.from(client);
const plain = `probe-plain-${Date.now()}`;
await client.send(new CreateTableCommand({ TableName: plain, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
const gsi = `probe-gsi-${Date.now()}`; await ensurePostingsTable(client, gsi);
await new Promise((r) => setTimeout(r, 1500));
async function m(label: string, table: string, mk: (i: number) => Record<string, unknown>, conc: number) {
  const n = 1000; const items = Array.from({ length: n }, (_, i) => mk(i)); const chunks = []; for (let i = 0; i < n; i += 25) chunks.push(items.slice(i, i + 25));
  const t = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { for (let c = chunks.shift(); c; c = chunks.shift()) await doc.send(new BatchWriteCommand({ RequestItems: { [table]: c.map((Item) => ({ PutRequest: { Item } })) } })); }));
  console.log(label, conc, Math.round(n / ((performance.now() - t) / 1000)), '/s');
}
await m('small plain', plain, (i) => ({ pk: `a${i}`, v: 1 }), 4);
await m('8KB gsi', gsi, (i) => goldToItem(posting(i)) as unknown as Record<string, unknown>, 4);
await m('gz gsi', gsi, (i) => goldToItem(posting(i + 5000), { compressAboveBytes: 1024, maxItemBytes: 390000 }) as unknown as Record<string, unknown>, 4);
await m('gz gsi c1', gsi, (i) => goldToItem(posting(i + 9000), { compressAboveBytes: 1024, maxItemBytes: 390000 }) as unknown as Record<string, unknown>, 1);
await client.send(new DeleteTableCommand({ TableName: plain })); await client.send(new DeleteTableCommand({ TableName: gsi }));
client.destroy();
