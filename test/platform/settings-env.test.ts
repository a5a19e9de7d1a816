// Components' own settings from environment variables: names, precedence, errors that name the variable.
import assert from 'node:assert/strict';
import { z } from 'zod';
import { gatewaySettingsFromEnv } from '../../gateway/spec';
import { settingEnvName, settingsFromEnv } from '../../platform/settings-env';
import { enrichSettingsFromEnv } from '../../processors/enrich/stage';

const schema = z.object({
  maxRecords: z.coerce.number().int().min(1).default(500),
  batchWindowMs: z.coerce.number().int().min(0).default(100),
  mode: z.enum(['fast', 'safe']).default('safe'),
});

describe('platform/settings-env', () => {
  it('names a variable after the key in upper snake case', () => {
    assert.equal(settingEnvName('SINK_MYSQL', 'maxRecords'), 'SINK_MYSQL_MAX_RECORDS');
    assert.equal(settingEnvName('REFINE_DEDUP', 'minJaccardSameTitle'), 'REFINE_DEDUP_MIN_JACCARD_SAME_TITLE');
    assert.equal(settingEnvName('GATEWAY', 'cacheMaxAgeSeconds'), 'GATEWAY_CACHE_MAX_AGE_SECONDS');
  });

  it('takes defaults, then the variables that are set, then the overrides', () => {
    const env = { X_MAX_RECORDS: '20', X_MODE: 'fast', X_BATCH_WINDOW_MS: '' };
    assert.deepEqual(settingsFromEnv('x', schema, 'X', env), { maxRecords: 20, batchWindowMs: 100, mode: 'fast' });
    assert.deepEqual(settingsFromEnv('x', schema, 'X', env, { defaults: { maxRecords: 7, batchWindowMs: 9 } }), {
      maxRecords: 20,
      batchWindowMs: 9,
      mode: 'fast',
    });
    assert.equal(settingsFromEnv('x', schema, 'X', env, { overrides: { maxRecords: 3 } }).maxRecords, 3);
  });

  it('refuses bad values naming every variable at fault', () => {
    assert.throws(
      () => settingsFromEnv('x', schema, 'X', { X_MAX_RECORDS: '0', X_MODE: 'reckless' }),
      (err: Error) =>
        err.name === 'ConfigError' &&
        /invalid x settings/.test(err.message) &&
        /X_MAX_RECORDS/.test(err.message) &&
        /X_MODE/.test(err.message),
    );
  });

  it('reads the enrich settings from ENRICH_* over the platform config', () => {
    const s = enrichSettingsFromEnv({ llmJobFieldMinConfidence: 0.7 }, { ENRICH_LLM_CONCURRENCY: '3' });
    assert.equal(s.llmConcurrency, 3);
    assert.equal(s.jobFieldMinConfidence, 0.7);
    assert.throws(
      () => enrichSettingsFromEnv({ llmJobFieldMinConfidence: 0.7 }, { ENRICH_LLM_CONCURRENCY: '0' }),
      /ENRICH_LLM_CONCURRENCY/,
    );
  });

  describe('gateway', () => {
    it('keeps the defaults without variables', () => {
      const s = gatewaySettingsFromEnv({});
      assert.deepEqual(s.rateLimit, { perSecond: 20, burst: 60 });
      assert.equal(s.trustProxy, false);
    });

    it('reads the rate limit, its switch, the proxy trust and the numbers', () => {
      const s = gatewaySettingsFromEnv({
        GATEWAY_RATE_LIMIT_PER_SECOND: '5',
        GATEWAY_TRUST_PROXY: 'true',
        GATEWAY_CACHE_MAX_AGE_SECONDS: '0',
        GATEWAY_MAX_EXPORT_ROWS: '500',
      });
      assert.deepEqual(s.rateLimit, { perSecond: 5, burst: 60 });
      assert.equal(s.trustProxy, true);
      assert.equal(s.cacheMaxAgeSeconds, 0);
      assert.equal(s.maxExportRows, 500);
      assert.equal(
        gatewaySettingsFromEnv({ GATEWAY_RATE_LIMIT: 'off', GATEWAY_RATE_LIMIT_BURST: '5' }).rateLimit,
        false,
      );
    });

    it('refuses bad values naming the variable', () => {
      assert.throws(() => gatewaySettingsFromEnv({ GATEWAY_TRUST_PROXY: 'yes please' }), /GATEWAY_TRUST_PROXY/);
      assert.throws(() => gatewaySettingsFromEnv({ GATEWAY_MAX_EXPORT_ROWS: 'many' }), /GATEWAY_MAX_EXPORT_ROWS/);
      assert.throws(() => gatewaySettingsFromEnv({ GATEWAY_RATE_LIMIT_BURST: '-1' }), /GATEWAY_RATE_LIMIT/);
      assert.throws(() => gatewaySettingsFromEnv({ GATEWAY_RATE_LIMIT: 'sometimes' }), /GATEWAY_RATE_LIMIT/);
    });
  });
});
