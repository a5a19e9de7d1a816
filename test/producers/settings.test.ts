import assert from 'node:assert/strict';
import { boardSettingDocs, boardSettings, loadProducerSettings, resolveTargets } from '../../producers/settings';
import { greenhouseAdapter } from '../../producers/greenhouse';
import { saraminAdapter } from '../../producers/saramin';
import type { BoardAdapter, CommonBoardSettings } from '../../producers/adapter';

const config = { crawlMinIntervalMs: 2000 };
const producer = loadProducerSettings({});
const asBase = (a: unknown) => a as BoardAdapter<CommonBoardSettings>;

describe('producers/settings', () => {
  it('gives real boards their real base URLs and the global 2 s per-host interval by default', () => {
    const [t] = resolveTargets(['wanted'], config, producer, {});
    assert.equal(t!.settings.baseUrl, 'https://www.wanted.co.kr');
    assert.equal(t!.settings.minIntervalMs, 2000);
    assert.equal(t!.settings.scheduleMinutes, 360);
    assert.equal(t!.demo, false);
  });

  it('reads BOARD_<BOARD>_<SETTING> overrides (tokens, keys, intervals)', () => {
    const env = {
      BOARD_GREENHOUSE_BOARD_TOKENS: 'acme, globex',
      BOARD_GREENHOUSE_MIN_INTERVAL_MS: '5000',
      BOARD_SARAMIN_ACCESS_KEY: 'k',
    };
    const gh = boardSettings(asBase(greenhouseAdapter), config, producer, env) as CommonBoardSettings & {
      boardTokens: string[];
    };
    assert.deepEqual(gh.boardTokens, ['acme', 'globex']);
    assert.equal(gh.minIntervalMs, 5000);
    const sa = boardSettings(asBase(saraminAdapter), config, producer, env) as CommonBoardSettings & {
      accessKey: string;
    };
    assert.equal(sa.accessKey, 'k');
  });

  it("expands 'demo' to the demo-board formats pointed at the demo board, with a short interval", () => {
    const targets = resolveTargets(['demo'], config, producer, {}, 'http://127.0.0.1:8090');
    assert.deepEqual(
      targets.map((t) => t.adapter.name),
      ['wanted', 'jumpit', 'programmers', 'greenhouse', 'lever', 'remoteok'],
    );
    const gh = targets.find((t) => t.adapter.name === 'greenhouse')!.settings as CommonBoardSettings & {
      boardTokens: string[];
    };
    assert.equal(gh.baseUrl, 'http://127.0.0.1:8090/greenhouse');
    assert.deepEqual(gh.boardTokens, ['karrotlane', 'tidewave', 'northwindai']);
    assert.equal(gh.minIntervalMs, 20);
    assert.ok(targets.every((t) => t.demo));
  });

  it('fails with one line naming the variable or the board', () => {
    assert.throws(() => loadProducerSettings({ CRAWL_MAX_RETRIES: 'many' }), /CRAWL_MAX_RETRIES="many"/);
    assert.throws(() => resolveTargets(['monster'], config, producer, {}), /unknown board 'monster'/);
    assert.throws(() => resolveTargets(['demo', 'wanted'], config, producer, {}, 'http://x'), /given twice/);
    assert.throws(
      () => resolveTargets(['wanted'], config, producer, { BOARD_WANTED_BASE_URL: 'not a url' }),
      /BOARD_WANTED_BASE_URL/,
    );
  });

  it('documents every board setting by its env name', () => {
    const docs = boardSettingDocs();
    assert.ok(docs.some((d) => d.env === 'BOARD_GREENHOUSE_BOARD_TOKENS' && d.doc.length > 0));
    assert.ok(docs.some((d) => d.env === 'BOARD_LEVER_SITES'));
  });
});
