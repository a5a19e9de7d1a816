import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { StackError } from '../../stack/errors';
import { formatKb, formatMs, formatTable } from '../../stack/format';
import { lastLines } from '../../stack/logs';
import { stackSettings } from '../../stack/settings';
import { resolveServiceNames } from '../../stack/stack';
import { renderTemplate } from '../../stack/template';

describe('stack settings, names and formatting', () => {
  it('derives addresses, companion ports and folders from the config', () => {
    const s = stackSettings(
      loadConfig({
        KAFKA_BROKERS: '127.0.0.1:29092',
        SCHEMA_REGISTRY_URL: 'http://127.0.0.1:28081/apis/ccompat/v7/',
        S3_ENDPOINT: 'http://127.0.0.1:29000',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:24567',
        MYSQL_URL: 'mysql://root@127.0.0.1:23306/tm_test',
        TECHMAP_INFRA_DIR: '/tmp/techmap-infra-test',
      }),
    );
    assert.deepEqual(s.kafka, { host: '127.0.0.1', port: 29092, controllerPort: 29093 });
    assert.deepEqual(s.registry, {
      host: '127.0.0.1',
      port: 28081,
      managementPort: 28082,
      url: 'http://127.0.0.1:28081/apis/ccompat/v7',
    });
    assert.equal(s.s3?.port, 29000);
    assert.equal(s.s3?.bucket, 'techmap-archive');
    assert.equal(s.dynamodb?.port, 24567);
    assert.deepEqual(s.mysql, { host: '127.0.0.1', port: 23306, user: 'root', password: '', database: 'tm_test' });
    assert.equal(s.infraDir, '/tmp/techmap-infra-test');
    assert.equal(s.distDir, path.join('/tmp/techmap-infra-test', 'dist'));
    assert.equal(s.runDir, path.join('/tmp/techmap-infra-test', 'run'));
    assert.equal(s.logDir, path.join('/tmp/techmap-infra-test', 'logs'));
  });

  it('has no local S3 or DynamoDB when their endpoints are unset (AWS)', () => {
    const s = stackSettings(loadConfig({}, { s3Endpoint: undefined, dynamoEndpoint: undefined }));
    assert.equal(s.s3, null);
    assert.equal(s.dynamodb, null);
  });

  it('resolves service names and role aliases', () => {
    assert.deepEqual(resolveServiceNames([]), ['kafka', 'apicurio', 's3proxy', 'dynalite', 'mariadb']);
    assert.deepEqual(resolveServiceNames(['all']), ['kafka', 'apicurio', 's3proxy', 'dynalite', 'mariadb']);
    assert.deepEqual(resolveServiceNames(['registry', 'S3', 'mysql', 'dynamodb', 'kafka', 'kafka']), [
      'apicurio',
      's3proxy',
      'mariadb',
      'dynalite',
      'kafka',
    ]);
    assert.throws(
      () => resolveServiceNames(['zookeeper']),
      (err: unknown) =>
        err instanceof StackError &&
        err.message === 'unknown service "zookeeper": use one of kafka, apicurio, s3proxy, dynalite, mariadb (or all)',
    );
  });

  it('renders templates and refuses placeholders without a value', () => {
    assert.equal(renderTemplate('a={{HOST}}:{{PORT}}\n', { HOST: '127.0.0.1', PORT: 9092 }), 'a=127.0.0.1:9092\n');
    assert.throws(() => renderTemplate('{{HOST}} {{DATA_DIR}} {{X}}', { HOST: 'h' }), /without a value: DATA_DIR, X/);
  });

  it('formats tables, durations and memory', () => {
    assert.equal(
      formatTable([
        ['SERVICE', 'PID'],
        ['kafka', '12'],
        ['apicurio', '-'],
      ]),
      'SERVICE   PID\nkafka     12\napicurio  -',
    );
    assert.equal(formatMs(870), '0.9 s');
    assert.equal(formatMs(15_400), '15 s');
    assert.equal(formatMs(null), '-');
    assert.equal(formatKb(222_760), '218 MiB');
  });

  it('keeps the last lines of a log', () => {
    assert.equal(lastLines('a\nb\nc\n', 2), 'b\nc\n');
    assert.equal(lastLines('a\nb\nc', 2), 'b\nc');
    assert.equal(lastLines('a\nb\n', 0), 'a\nb\n');
    assert.equal(lastLines('a\n', 5), 'a\n');
  });
});
