import assert from 'node:assert/strict';
import { loadConfig, mysqlOptions, settingEnvNames } from '../../platform/config';
import { ConfigError } from '../../platform/errors';

describe('platform/config', () => {
  it('gives local-stack defaults when nothing is set', () => {
    const c = loadConfig({});
    assert.deepEqual(c.kafkaBrokers, ['127.0.0.1:9092']);
    assert.equal(c.schemaRegistryUrl, 'http://127.0.0.1:8081/apis/ccompat/v7');
    assert.equal(c.gatewayPort, 8080);
    assert.equal(c.geminiApiKey, undefined);
    assert.equal(c.logPretty, false);
  });

  it('parses typed values from the environment', () => {
    const c = loadConfig({ KAFKA_BROKERS: 'a:1, b:2', GATEWAY_PORT: '9999', LOG_PRETTY: 'yes' });
    assert.deepEqual(c.kafkaBrokers, ['a:1', 'b:2']);
    assert.equal(c.gatewayPort, 9999);
    assert.equal(c.logPretty, true);
  });

  it('fails fast naming every bad variable', () => {
    assert.throws(
      () => loadConfig({ GATEWAY_PORT: '70000', KAFKA_BROKERS: 'no-port', MYSQL_URL: 'postgres://x' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /GATEWAY_PORT="70000"/);
        assert.match(err.message, /KAFKA_BROKERS="no-port"/);
        assert.match(err.message, /MYSQL_URL="postgres:\/\/x": must start with mysql:\/\//);
        return true;
      },
    );
  });

  it('reads mysql connection options from MYSQL_URL', () => {
    assert.deepEqual(mysqlOptions({ mysqlUrl: 'mysql://app:p%40ss@db.example:3307/jobs' }), {
      host: 'db.example',
      port: 3307,
      user: 'app',
      password: 'p@ss',
      database: 'jobs',
    });
  });

  it('lists every variable name once', () => {
    assert.equal(new Set(settingEnvNames).size, settingEnvNames.length);
    assert.ok(settingEnvNames.includes('SCHEMA_REGISTRY_URL'));
  });
});
