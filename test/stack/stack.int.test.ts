// The local stack end to end, self-contained: its own TECHMAP_INFRA_DIR and its own free ports, so it never touches
// the dev stack on the default ports. Downloads are shared with <repo>/.infra/dist (installed there on first use).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import mysql from 'mysql2/promise';
import { loadConfig, mysqlOptions, repoRoot, type Config } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { cmdlineOf, isAlive, readPidRecord } from '../../stack/proc';
import { portOwner } from '../../stack/ports';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface JsonReport {
  ok: boolean;
  totalMs: number;
  services: Array<{
    name: string;
    status: string;
    action: string;
    managed: boolean;
    pid: number | null;
    rssKb: number | null;
    startupMs: number | null;
    address: string;
  }>;
  errors: string[];
}

/** A free port whose successor is free too (Kafka's controller and Apicurio's management use port + 1). */
async function freePortPair(taken: Set<number>): Promise<number> {
  for (;;) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    if (port < 65000 && !taken.has(port) && !taken.has(port + 1) && !portOwner(port) && !portOwner(port + 1)) {
      taken.add(port).add(port + 1);
      return port;
    }
  }
}

/** Processes whose command line mentions the folder (ours, if any are left). */
function processesUnder(dir: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
    .map(Number)
    .filter((pid) => isAlive(pid) && (cmdlineOf(pid) ?? []).some((a) => a.includes(dir)));
}

describe('techmap stack (own ports and folder)', function () {
  this.timeout(600_000);

  let infraDir: string;
  let env: NodeJS.ProcessEnv;
  let config: Config;
  let ports: { kafka: number; registry: number; s3: number; dynamo: number; mysql: number };
  const topic = 'stack-it-events';
  const records = ['first', 'second', 'third'];
  let schemaId: number;

  function cli(...args: string[]): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'techmap.js'), 'stack', ...args], {
        env,
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  async function cliJson(...args: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
    const res = await cli(...args, '--json');
    try {
      return { code: res.code, report: JSON.parse(res.stdout) as JsonReport, stderr: res.stderr };
    } catch {
      throw new Error(`not JSON (exit ${res.code}): ${res.stdout}\n${res.stderr}`);
    }
  }

  function service(report: JsonReport, name: string) {
    const s = report.services.find((x) => x.name === name);
    assert.ok(s, `${name} missing from ${JSON.stringify(report)}`);
    return s;
  }

  function s3(): S3Client {
    return new S3Client({
      endpoint: config.s3Endpoint,
      region: config.s3Region,
      forcePathStyle: true,
      credentials: { accessKeyId: config.s3AccessKeyId ?? '', secretAccessKey: config.s3SecretAccessKey ?? '' },
    });
  }

  function dynamo(): DynamoDBClient {
    return new DynamoDBClient({
      endpoint: config.dynamoEndpoint,
      region: config.dynamoRegion,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }

  /** Reads the topic from the beginning until the expected number of (committed) records arrived. */
  async function readTopic(expected = records.length): Promise<string[]> {
    const consumer = createKafka(config, 'stack-it').consumer({ groupId: `stack-it-${Date.now()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const seen: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read ${seen.length} of ${expected} records`)), 60_000);
        consumer
          .run({
            eachMessage: async ({ message }) => {
              seen.push(message.value?.toString() ?? '');
              if (seen.length >= expected) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
      return seen;
    } finally {
      await consumer.disconnect();
    }
  }

  async function latestSchemaId(): Promise<number> {
    const res = await fetch(`${config.schemaRegistryUrl}/subjects/${topic}-value/versions/latest`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { id: number }).id;
  }

  before(() => {
    // This suite's own S3/DynamoDB clients: techmap runs on Node 20 on purpose (README).
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    infraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-stack-it-'));
    // Share the downloaded jars with the repository's stack instead of downloading them again.
    const sharedDist = path.join(repoRoot, '.infra', 'dist');
    fs.mkdirSync(sharedDist, { recursive: true });
    fs.symlinkSync(sharedDist, path.join(infraDir, 'dist'));
  });

  before(async () => {
    const taken = new Set<number>();
    ports = {
      kafka: await freePortPair(taken),
      registry: await freePortPair(taken),
      s3: await freePortPair(taken),
      dynamo: await freePortPair(taken),
      mysql: await freePortPair(taken),
    };
    env = {
      ...process.env,
      TECHMAP_INFRA_DIR: infraDir,
      KAFKA_BROKERS: `127.0.0.1:${ports.kafka}`,
      SCHEMA_REGISTRY_URL: `http://127.0.0.1:${ports.registry}/apis/ccompat/v7`,
      S3_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${ports.dynamo}`,
      MYSQL_URL: `mysql://root@127.0.0.1:${ports.mysql}/techmap_it`,
      TECHMAP_TOPIC_PREFIX: '',
      LOG_LEVEL: 'silent',
    };
    config = loadConfig(env);
  });

  after(async () => {
    if (!infraDir) return;
    const down = await cli('down', '--grace', '10');
    const left = processesUnder(infraDir);
    fs.rmSync(infraDir, { recursive: true, force: true });
    assert.equal(down.code, 0, down.stderr);
    assert.deepEqual(left, [], 'processes left running');
  });

  it('up installs what is missing, starts all five services and each really answers', async () => {
    const { code, report, stderr } = await cliJson('up');
    assert.equal(code, 0, stderr);
    assert.deepEqual(
      report.services.map((s) => [s.name, s.status, s.managed]),
      [
        ['kafka', 'up', true],
        ['apicurio', 'up', true],
        ['s3proxy', 'up', true],
        ['dynalite', 'up', true],
        ['mariadb', 'up', true],
      ],
    );
    for (const s of report.services) {
      assert.ok(s.pid && s.pid > 0, `${s.name} pid`);
      assert.ok(s.rssKb && s.rssKb > 10_000, `${s.name} rss`);
      assert.ok(s.startupMs && s.startupMs > 0, `${s.name} startup`);
      assert.ok(fs.existsSync(path.join(infraDir, 'logs', `${s.name}.log`)), `${s.name} log`);
      assert.equal(readPidRecord(path.join(infraDir, 'run', `${s.name}.json`))?.pid, s.pid);
    }
    assert.equal(service(report, 'kafka').address, `127.0.0.1:${ports.kafka}`);

    // Kafka: a topic and three records, written in a transaction (the single-node transaction log settings work;
    // consumers read committed records only).
    const kafka = createKafka(config, 'stack-it');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ transactionalId: 'stack-it', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const tx = await producer.transaction();
    await tx.send({ topic, acks: -1, messages: records.map((value, i) => ({ key: String(i), value })) });
    await tx.commit();
    await producer.disconnect();

    // Registry: a schema under the topic's subject.
    const res = await fetch(`${config.schemaRegistryUrl}/subjects/${topic}-value/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({
        schema: JSON.stringify({ type: 'record', name: 'StackIt', fields: [{ name: 'n', type: 'int' }] }),
      }),
    });
    assert.equal(res.status, 200);
    schemaId = ((await res.json()) as { id: number }).id;
    assert.ok(schemaId > 0);

    // S3: the configured bucket exists; an object goes in and comes back.
    const s3Client = s3();
    await s3Client.send(new PutObjectCommand({ Bucket: config.s3Bucket, Key: 'stack-it/a.txt', Body: 'hello s3' }));
    const obj = await s3Client.send(new GetObjectCommand({ Bucket: config.s3Bucket, Key: 'stack-it/a.txt' }));
    assert.equal(await obj.Body?.transformToString(), 'hello s3');
    s3Client.destroy();

    // DynamoDB: a table and an item.
    const ddb = dynamo();
    await ddb.send(
      new CreateTableCommand({
        TableName: 'stack-it',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await ddb.send(new PutItemCommand({ TableName: 'stack-it', Item: { id: { S: 'a' }, v: { N: '1' } } }));
    ddb.destroy();

    // MariaDB: the database from MYSQL_URL was created.
    const db = await mysql.createConnection(mysqlOptions(config));
    await db.query('CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))');
    await db.query("INSERT INTO t VALUES (1, 'kept')");
    await db.end();
  });

  it('a second up changes nothing and says each is already running', async () => {
    const runDir = path.join(infraDir, 'run');
    const before = fs.readdirSync(runDir).map((f) => [f, fs.readFileSync(path.join(runDir, f), 'utf8')]);
    const kafkaConfig = path.join(infraDir, 'kafka', 'server.properties');
    const mtime = fs.statSync(kafkaConfig).mtimeMs;
    const { code, report } = await cliJson('up');
    assert.equal(code, 0);
    assert.deepEqual(
      report.services.map((s) => s.action),
      ['already running', 'already running', 'already running', 'already running', 'already running'],
    );
    assert.deepEqual(
      fs.readdirSync(runDir).map((f) => [f, fs.readFileSync(path.join(runDir, f), 'utf8')]),
      before,
    );
    assert.equal(fs.statSync(kafkaConfig).mtimeMs, mtime);
  });

  it('status shows every service up with its address, pid and memory (exit 0)', async () => {
    const { code, report } = await cliJson('status');
    assert.equal(code, 0);
    assert.deepEqual(
      report.services.map((s) => [s.name, s.status]),
      [
        ['kafka', 'up'],
        ['apicurio', 'up'],
        ['s3proxy', 'up'],
        ['dynalite', 'up'],
        ['mariadb', 'up'],
      ],
    );
    assert.equal(service(report, 'apicurio').address, `http://127.0.0.1:${ports.registry}/apis/ccompat/v7`);
    assert.equal(service(report, 'mariadb').address, `127.0.0.1:${ports.mysql}/techmap_it`);
    for (const s of report.services) assert.ok((s.rssKb ?? 0) > 10_000, `${s.name} rss`);
    const table = await cli('status');
    assert.match(table.stdout, /^SERVICE\s+ROLE\s+ADDRESS\s+STATUS\s+PID\s+RSS/);
  });

  it('after SIGKILL of the broker, status reports it down and up brings it back with its records', async () => {
    const rec = readPidRecord(path.join(infraDir, 'run', 'kafka.json'));
    assert.ok(rec);
    process.kill(rec.pid, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (isAlive(rec.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(isAlive(rec.pid), false);

    const status = await cliJson('status');
    assert.equal(status.code, 3);
    assert.equal(service(status.report, 'kafka').status, 'down');
    assert.equal(service(status.report, 'apicurio').status, 'up');
    assert.match(status.stderr, /kafka is down/);

    const up = await cliJson('up');
    assert.equal(up.code, 0, up.stderr);
    assert.equal(service(up.report, 'kafka').action, 'started');
    assert.notEqual(service(up.report, 'kafka').pid, rec.pid);
    assert.equal(service(up.report, 'apicurio').action, 'already running');
    assert.deepEqual(await readTopic(), records);
  });

  it('down stops everything it started; up again keeps topics, schema ids, objects, items and rows', async () => {
    const down = await cli('down');
    assert.equal(down.code, 0, down.stderr);
    assert.deepEqual(processesUnder(infraDir), []);
    assert.deepEqual(
      fs.readdirSync(path.join(infraDir, 'run')).filter((f) => f.endsWith('.json')),
      [],
    );
    for (const port of Object.values(ports)) assert.equal(portOwner(port), null, `port ${port} still taken`);
    const status = await cli('status');
    assert.equal(status.code, 3);

    const up = await cliJson('up');
    assert.equal(up.code, 0, up.stderr);
    assert.deepEqual(
      up.report.services.map((s) => s.action),
      ['started', 'started', 'started', 'started', 'started'],
    );
    assert.deepEqual(await readTopic(), records);
    assert.equal(await latestSchemaId(), schemaId);
    const s3Client = s3();
    const obj = await s3Client.send(new GetObjectCommand({ Bucket: config.s3Bucket, Key: 'stack-it/a.txt' }));
    assert.equal(await obj.Body?.transformToString(), 'hello s3');
    s3Client.destroy();
    const ddb = dynamo();
    const item = await ddb.send(new GetItemCommand({ TableName: 'stack-it', Key: { id: { S: 'a' } } }));
    assert.equal(item.Item?.v?.N, '1');
    ddb.destroy();
    const db = await mysql.createConnection(mysqlOptions(config));
    const [rows] = await db.query('SELECT v FROM t WHERE id = 1');
    assert.deepEqual(rows, [{ v: 'kept' }]);
    await db.end();
  });

  it('a corrupt Kafka data folder: up refuses with exit 6 and a reset recovers', async () => {
    assert.equal((await cli('down', 'kafka')).code, 0);
    const meta = path.join(infraDir, 'kafka', 'data', 'meta.properties');
    fs.writeFileSync(
      meta,
      fs.readFileSync(meta, 'utf8').replace(/cluster\.id=.*/, 'cluster.id=AAAAAAAAAAAAAAAAAAAAAA'),
    );
    const refused = await cli('up', 'kafka');
    assert.equal(refused.code, 6);
    const errorLines = refused.stderr.trim().split('\n');
    assert.equal(errorLines.length, 1, refused.stderr);
    assert.match(
      errorLines[0] ?? '',
      /^techmap: Kafka data folder .* belongs to cluster AAAAAAAAAAAAAAAAAAAAAA, .*techmap stack reset kafka/,
    );
    assert.equal(processesUnder(path.join(infraDir, 'kafka')).length, 0);

    const reset = await cli('reset', 'kafka');
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /kafka\s+data wiped/);
    const up = await cliJson('up', 'kafka');
    assert.equal(up.code, 0, up.stderr);
    const admin = createKafka(config, 'stack-it').admin();
    await admin.connect();
    assert.deepEqual(
      (await admin.listTopics()).filter((t) => t === topic),
      [],
    );
    await admin.disconnect();
  });

  it('a port taken by another process: up names the port and the process and exits 5', async () => {
    assert.equal((await cli('down', 'kafka')).code, 0);
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(ports.kafka, '127.0.0.1', resolve));
    try {
      const res = await cli('up', 'kafka');
      assert.equal(res.code, 5);
      assert.equal(
        res.stderr.trim(),
        `techmap: port ${ports.kafka} for kafka is already in use by pid ${process.pid} (node): stop that process, or set KAFKA_BROKERS (the controller uses its port + 1) to a free port`,
      );
      assert.equal(processesUnder(path.join(infraDir, 'kafka')).length, 0);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('logs prints the end of a service log; unknown services fail with one line', async () => {
    const logs = await cli('logs', 'dynalite', '-n', '1');
    assert.equal(logs.code, 0);
    assert.equal(logs.stdout, `Dynalite listening at: http://127.0.0.1:${ports.dynamo}\n`);
    const bad = await cli('logs', 'zookeeper');
    assert.equal(bad.code, 1);
    assert.equal(
      bad.stderr,
      'techmap: unknown service "zookeeper": use one of kafka, apicurio, s3proxy, dynalite, mariadb (or all)\n',
    );
  });
});
