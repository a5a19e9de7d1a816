// Company identity: legal forms, the reviewed alias file, and one job cross-posted under a Korean and an English
// company name becoming one canonical posting.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  canonicalCompanyName,
  companyAliasIndex,
  companyId,
  companyNames,
  normaliseCompanyName,
} from '../../../processors/refine/company';
import { companyAliasesSchema, dataDir } from '../../../processors/refine/data';
import { createRefineDedupStage, createRefineParseStage } from '../../../processors/refine/stage';
import type { RecordMeta } from '../../../processors/runner';
import type { DedupState, SilverPosting } from '../../../processors/refine/types';
import { MemoryStore, rawPosting } from './support';

const T0 = Date.UTC(2026, 8, 1);
const DAY = 86_400_000;

describe('refine company names', () => {
  it('strips Korean and English legal forms wherever they stand', () => {
    const cases: Array<[string, string]> = [
      ['(주)테크맵', '테크맵'],
      ['주식회사 테크맵', '테크맵'],
      ['㈜테크맵', '테크맵'],
      ['테크맵 (주)', '테크맵'],
      ['（주）테크맵', '테크맵'],
      ['Daybreak Analytics, Inc.', 'Daybreak Analytics'],
      ['Acme Co., Ltd.', 'Acme'],
      ['Acme Co.,Ltd.', 'Acme'],
      ['Acme Corp.', 'Acme'],
      ['Acme Corporation', 'Acme'],
      ['트립비토즈(tripbtoz)', '트립비토즈'],
    ];
    for (const [name, want] of cases) assert.equal(normaliseCompanyName(name), want, name);
  });

  it('gives every spelling of a listed company one id, in either script', () => {
    const groups: Array<[string, string[]]> = [
      ['당근', ['당근', '당근마켓', '(주)당근마켓', 'Daangn', 'Danggeun Market Inc.', 'Karrot']],
      ['토스', ['토스', '비바리퍼블리카', '(주)비바리퍼블리카', '비바리퍼블리카(토스)', 'Toss', 'Viva Republica Inc.']],
      ['카카오', ['(주)카카오', '주식회사 카카오', '㈜카카오', '카카오 (주)', '카카오(Kakao)', 'Kakao Corp.']],
      ['우아한형제들', ['우아한형제들', '(주)우아한형제들', '배달의민족', 'Woowa Brothers Corp.']],
      ['버킷플레이스', ['버킷플레이스', '오늘의집', 'Bucketplace Co., Ltd.']],
      ['컬리', ['컬리', '마켓컬리', 'Kurly Corp.']],
    ];
    for (const [id, names] of groups) for (const n of names) assert.equal(companyId(n), id, n);
    assert.equal(canonicalCompanyName('Danggeun Market Inc.'), '당근');
    assert.equal(canonicalCompanyName('Some Startup (Daangn)'), '당근', 'a known alias in parentheses');
  });

  it('lists every name of a company, for taking it out of titles', () => {
    assert.deepEqual(companyNames('(주)컬리'), ['컬리', 'Kurly', '마켓컬리', 'Market Kurly']);
    assert.deepEqual(companyNames('Kurly Corp.'), ['Kurly', '컬리', '마켓컬리', 'Market Kurly']);
    assert.deepEqual(companyNames('주식회사 테크맵'), ['테크맵']);
  });

  it('keeps affiliates and unlisted companies apart', () => {
    assert.notEqual(companyId('토스뱅크'), companyId('토스'));
    assert.notEqual(companyId('Toss Bank'), companyId('Toss'));
    assert.equal(companyId('Toss Bank'), companyId('토스뱅크'));
    assert.notEqual(companyId('당근페이'), companyId('당근마켓'));
    assert.equal(companyId('Daybreak Analytics, Inc.'), 'daybreakanalytics');
    assert.equal(companyId('AT&T'), 'atandt');
    assert.equal(companyId('(주)'), '주');
  });
});

describe('refine company alias file', () => {
  const file = path.join(dataDir, 'company-aliases.json');
  const data = companyAliasesSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));

  it('parses and maps each name to one company only', () => {
    const index = companyAliasIndex(data, file);
    for (const c of data.companies) {
      for (const n of [c.name, ...c.aliases]) assert.equal(canonicalCompanyName(n), c.name, n);
    }
    assert.equal(new Set(index.values()).size, data.companies.length, 'one canonical name per company');
  });

  it('rejects an alias that names two companies, even spelt differently', () => {
    const clash = {
      companies: [
        { name: '당근', aliases: ['Daangn'] },
        { name: '다른회사', aliases: ['DAANGN Inc.'] },
      ],
    };
    assert.throws(
      () => companyAliasIndex(clash, 'clash.json'),
      /clash\.json: 'DAANGN Inc\.' names both 당근 and 다른회사/,
    );
  });

  it('rejects a spelling listed twice and a name that is only a legal form', () => {
    assert.throws(
      () => companyAliasIndex({ companies: [{ name: '컬리', aliases: ['Kurly', 'KURLY Corp.'] }] }),
      /listed twice/,
    );
    assert.throws(() => companyAliasIndex({ companies: [{ name: '컬리', aliases: ['주식회사'] }] }), /no letters/);
  });
});

describe('refine cross-script duplicates', () => {
  const duties = ['중고거래 검색 API를 설계하고 개발합니다', 'Kafka 기반 이벤트 파이프라인을 운영합니다'];
  const needs = ['Go 또는 Kotlin 기반 백엔드 개발 경력 3년 이상', 'MySQL 등 RDBMS 설계 및 운영 경험'];

  const wantedRaw = () =>
    rawPosting(
      'wanted',
      '100',
      JSON.stringify({
        job: {
          id: 100,
          position: '백엔드 엔지니어 (검색)',
          due_time: null,
          company: { id: 1, name: '(주)당근마켓' },
          address: { country: '한국', location: '서울', full_location: '서울 서초구 강남대로 465' },
          detail: {
            main_tasks: duties.map((d) => `• ${d}`).join('\n'),
            requirements: needs.map((d) => `• ${d}`).join('\n'),
          },
        },
      }),
      { fetchedAt: T0 },
    );

  // Daangn's own Greenhouse board: English company name, the same Korean text as HTML.
  const greenhouseRaw = () =>
    rawPosting(
      'greenhouse',
      'daangn/4000001',
      JSON.stringify({
        id: 4000001,
        title: '백엔드 엔지니어 (검색)',
        company_name: 'Danggeun Market Inc.',
        location: { name: 'Seoul' },
        first_published: new Date(T0 + DAY).toISOString(),
        content:
          `&lt;h3&gt;주요업무&lt;/h3&gt;&lt;ul&gt;${duties.map((d) => `&lt;li&gt;${d}&lt;/li&gt;`).join('')}&lt;/ul&gt;` +
          `&lt;h3&gt;자격요건&lt;/h3&gt;&lt;ul&gt;${needs.map((d) => `&lt;li&gt;${d}&lt;/li&gt;`).join('')}&lt;/ul&gt;`,
      }),
      { fetchedAt: T0 + DAY },
    );

  const meta = (key: string): RecordMeta => ({
    topic: 't',
    partition: 0,
    offset: '0',
    key,
    headers: {},
    timestamp: new Date(T0).toISOString(),
  });

  it('keys both boards by one company id and merges them into one canonical posting', async () => {
    const parse = createRefineParseStage({ now: () => 0 });
    const dedup = createRefineDedupStage();
    const store = new MemoryStore<DedupState>();
    const silver: Array<{ key: string; value: SilverPosting }> = [];
    const keys: string[] = [];
    for (const raw of [wantedRaw(), greenhouseRaw()]) {
      for (const parsed of await parse.process(raw, meta(raw.boardPostingId), new MemoryStore<never>())) {
        keys.push(parsed.key);
        silver.push(...(await dedup.process(parsed.value, meta(parsed.key), store)));
      }
    }
    assert.deepEqual(keys, ['당근', '당근'], 'one partition key for both spellings');
    assert.deepEqual([...store.map.keys()], ['당근']);
    assert.equal(store.get('당근')!.postings.length, 1);
    const last = silver.at(-1)!;
    assert.equal(last.key, 'wanted:100');
    assert.deepEqual(
      last.value.sources.map((s) => `${s.board}:${s.boardPostingId}`),
      ['wanted:100', 'greenhouse:daangn/4000001'],
    );
  });
});
