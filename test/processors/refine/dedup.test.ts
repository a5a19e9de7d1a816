// Cross-board de-duplication: fingerprints, the merge of one job's sources into one canonical posting, and the two
// stage definitions run purely (the store in memory).
import assert from 'node:assert/strict';
import { schemaFor } from '../../../platform/schemas';
import {
  compareFingerprints,
  dedupPosting,
  defaultDedupSettings,
  fingerprint,
  matchRank,
  titleTokens,
} from '../../../processors/refine/dedup';
import { estimateJaccard, minhashOf, minhashSignature } from '../../../processors/refine/minhash';
import { refineRawPosting } from '../../../processors/refine/parse';
import { shingles, words } from '../../../processors/refine/shingles';
import { hammingDistance, simhash64, simhashOf } from '../../../processors/refine/simhash';
import { createRefineDedupStage, createRefineParseStage, dedupSettingsFromEnv } from '../../../processors/refine/stage';
import type { RecordMeta } from '../../../processors/runner';
import type { DedupState, SilverPosting } from '../../../processors/refine/types';
import { labelledPairs } from './dedup-set';
import { MemoryStore, rawPosting } from './support';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 8, 1);

const duties = [
  '채용 공고 수집 파이프라인의 API를 설계하고 개발합니다',
  'Kafka 기반 스트림 처리 서비스를 운영합니다',
  '서비스 장애를 분석하고 성능을 개선합니다',
];
const needs = [
  'Kotlin 또는 Java 기반 백엔드 개발 경력 3년 이상',
  'Spring Boot와 JPA를 활용한 서비스 개발 경험',
  'MySQL 등 RDBMS 설계 및 운영 경험',
];

/** The same job as Wanted shows it. */
function wanted(id: string, title: string, fetchedAt: number, extra: string[] = [], change: 'NEW' | 'CLOSED' = 'NEW') {
  const body = {
    job: {
      id: Number(id),
      position: title,
      due_time: null,
      company: { id: 1, name: '(주)테크맵' },
      address: { country: '한국', location: '서울', full_location: '서울 강남구 테헤란로 427' },
      skill_tags: [{ title: 'Kotlin' }, { title: 'Kafka' }],
      detail: {
        intro: '테크맵은 개발자 채용 데이터를 분석합니다.',
        main_tasks: duties.map((d) => `• ${d}`).join('\n'),
        requirements: [...needs, ...extra].map((d) => `• ${d}`).join('\n'),
        preferred_points: '• Kubernetes 운영 경험',
        benefits: '• 점심 식대 지원',
      },
    },
  };
  return refineRawPosting(rawPosting('wanted', id, JSON.stringify(body), { fetchedAt, change }), { now: () => 0 });
}

/** The same job as Jumpit shows it: other title wording, company spelling, bullets and tags. */
function jumpit(id: string, title: string, fetchedAt: number, change: 'NEW' | 'CLOSED' = 'NEW') {
  const body = {
    result: {
      id: Number(id),
      title,
      companyName: '주식회사 테크맵',
      techStacks: [{ stack: 'Kotlin' }, { stack: 'Spring Boot' }],
      serviceInfo: '테크맵은 개발자 채용 데이터를 분석합니다.',
      responsibility: duties.map((d) => `- ${d}`).join('\r\n'),
      qualifications: needs.map((d) => `- ${d}`).join('\r\n'),
      preferredRequirements: '- Kubernetes 운영 경험',
      welfares: '- 점심 식대 지원',
      newcomer: false,
      minCareer: 3,
      maxCareer: 7,
      alwaysOpen: true,
      location: '서울 강남구 테헤란로 427',
    },
  };
  return refineRawPosting(rawPosting('jumpit', id, JSON.stringify(body), { fetchedAt, change }), { now: () => 0 });
}

/** Another job of the same company, same title words, other work. */
function otherJob(id: string, fetchedAt: number) {
  const body = {
    result: {
      id: Number(id),
      title: '백엔드 개발자 경력 채용',
      companyName: '테크맵',
      techStacks: ['Python'],
      responsibility:
        '- 검색 색인과 랭킹 시스템을 개발합니다\r\n- Elasticsearch 클러스터를 운영합니다\r\n- 검색 품질 지표를 개선합니다',
      qualifications:
        '- Python 기반 서버 개발 경력 5년 이상\r\n- 검색 엔진 튜닝 경험\r\n- 대용량 색인 파이프라인 운영 경험',
      newcomer: false,
      minCareer: 5,
      maxCareer: 10,
      alwaysOpen: true,
      location: '서울',
    },
  };
  return refineRawPosting(rawPosting('jumpit', id, JSON.stringify(body), { fetchedAt }), { now: () => 0 });
}

describe('refine fingerprints', () => {
  it('computes 64-bit SimHashes: equal texts equal, small edits near, other texts far', () => {
    const a = simhash64('build data pipelines in python and sql with airflow and dbt every day');
    assert.match(a, /^[0-9a-f]{16}$/);
    assert.equal(
      hammingDistance(a, simhash64('build data pipelines in python and sql with airflow and dbt every day')),
      0,
    );
    assert.equal(hammingDistance('0000000000000000', 'ffffffffffffffff'), 64);
    assert.equal(hammingDistance('00000000000000ff', '0000000000000000'), 8);
  });

  it('estimates Jaccard similarity from MinHash signatures', () => {
    const text = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const half = Array.from({ length: 60 }, (_, i) => (i < 30 ? `word${i}` : `other${i}`)).join(' ');
    assert.equal(minhashSignature(text).length, 256);
    assert.equal(estimateJaccard(minhashSignature(text), minhashSignature(text)), 1);
    const j = estimateJaccard(minhashSignature(text), minhashSignature(half))!;
    assert.ok(j > 0.15 && j < 0.5, `estimate ${j} for a true Jaccard of 29/89`);
    assert.equal(estimateJaccard(minhashSignature(text), Buffer.alloc(0)), null);
  });

  it('computes both fingerprints from one shingle set exactly as from the text', () => {
    const text = 'Build data pipelines in Python and SQL; run Airflow and dbt; review code. 데이터 파이프라인 운영';
    const features = shingles(words(text), 2);
    assert.equal(simhashOf(features), simhash64(text));
    assert.deepEqual(minhashOf(features, 64), minhashSignature(text, 64));
    assert.deepEqual(minhashOf(shingles(words(text), 3), 32), minhashSignature(text, 32, 3));
    // Pinned values: a change of hashing would orphan every fingerprint already in the dedup state.
    const pinned = 'Kafka streams, exactly once: 카프카 스트림 처리';
    assert.equal(simhash64(pinned), '0c809a0a290934ee');
    const sig = minhashSignature(pinned);
    assert.deepEqual([sig.readUInt32LE(0), sig.readUInt32LE(252)], [65507004, 1511018925]);
  });

  it('ranks a candidate exactly when compareFingerprints calls it the same job', () => {
    let same = 0;
    for (const pair of labelledPairs(48, 7)) {
      const a = fingerprint(pair.a);
      const b = fingerprint(pair.b);
      const score = compareFingerprints(a, b);
      const rank = matchRank(a, b);
      assert.equal(rank !== null, score.same, `${pair.kind} pair ${pair.a.postingId} / ${pair.b.postingId}`);
      if (rank === null) continue;
      same++;
      const text = score.textSimilarity ?? (score.distance !== null ? 1 - score.distance / 64 : 0);
      assert.ok(Math.abs(rank - (text + score.titleSimilarity / 100)) < 1e-12);
    }
    assert.ok(same > 12, `only ${same} pairs judged the same`);
  });

  it('normalises titles: company, boilerplate and bracket decorations out, synonyms in', () => {
    assert.deepEqual(titleTokens('[테크맵] 백엔드 개발자 (경력 3년 이상) 채용', '(주)테크맵'), ['backend', '개발자']);
    assert.deepEqual(titleTokens('Sr. Back-end Engineer - Payments (Remote)', 'Acme'), [
      'backend',
      'engineer',
      'payments',
      'senior',
    ]);
    // A listed company's other names go too: the title says '당근', the board says 'Danggeun Market Inc.'.
    assert.deepEqual(titleTokens('[당근] 백엔드 개발자', 'Danggeun Market Inc.'), ['backend', '개발자']);
  });

  it('tells the same job from another job with a similar title at the same company', () => {
    const a = fingerprint(wanted('1', '[테크맵] 백엔드 개발자', T0));
    const b = fingerprint(jumpit('2', '백엔드 개발자 경력 채용', T0));
    const c = fingerprint(otherJob('3', T0));
    const senior = fingerprint(jumpit('4', '시니어 백엔드 개발자', T0));
    assert.equal(compareFingerprints(a, b).same, true);
    assert.equal(compareFingerprints(a, c).same, false);
    assert.equal(compareFingerprints(a, senior).same, false, 'another level is another job');
  });
});

describe('refine dedupPosting', () => {
  it('merges the same job from two boards into one canonical posting listing both sources', () => {
    const first = dedupPosting(undefined, wanted('100', '[테크맵] 백엔드 개발자', T0));
    assert.equal(first.kind, 'new');
    assert.equal(first.output.postingId, 'wanted:100');
    const second = dedupPosting(first.state, jumpit('200', '백엔드 개발자 경력 채용', T0 + DAY));
    assert.equal(second.kind, 'merged');
    assert.equal(second.output.postingId, 'wanted:100');
    assert.equal(second.output.version, T0 + DAY);
    assert.deepEqual(second.output.sources, [
      {
        board: 'wanted',
        boardPostingId: '100',
        url: 'https://wanted.example/jobs/100',
        firstSeenAt: T0,
        lastSeenAt: T0,
        closed: false,
      },
      {
        board: 'jumpit',
        boardPostingId: '200',
        url: 'https://jumpit.example/jobs/200',
        firstSeenAt: T0 + DAY,
        lastSeenAt: T0 + DAY,
        closed: false,
      },
    ]);
    assert.deepEqual(second.output.boardTags, ['Kotlin', 'Kafka', 'Spring Boot']);
    assert.equal(second.output.title, '백엔드 개발자 경력 채용', 'content of the record just folded in');
    assert.equal(second.state.postings.length, 1);
    assert.equal(second.state.companyId, '테크맵');
  });

  it('keeps another job of the company apart, and never merges two postings of one board', () => {
    let s = dedupPosting(undefined, wanted('100', '[테크맵] 백엔드 개발자', T0)).state;
    const other = dedupPosting(s, otherJob('300', T0 + DAY));
    assert.equal(other.kind, 'new');
    assert.equal(other.output.postingId, 'jumpit:300');
    s = other.state;
    const sameBoard = dedupPosting(s, wanted('101', '[테크맵] 백엔드 개발자', T0 + 2 * DAY));
    assert.equal(sameBoard.kind, 'new', 'a board lists one job once: a second Wanted posting is another job');
    assert.equal(sameBoard.output.postingId, 'wanted:101');
    assert.equal(sameBoard.state.postings.length, 3);
  });

  it('keeps a source on its canonical posting when its content changes, with a higher version each time', () => {
    const a = dedupPosting(undefined, wanted('100', '[테크맵] 백엔드 개발자', T0));
    const b = dedupPosting(a.state, jumpit('200', '백엔드 개발자', T0 + DAY));
    const changed = dedupPosting(b.state, jumpit('200', '백엔드 개발자 (Kafka)', T0 + DAY, 'NEW'));
    assert.equal(changed.kind, 'source');
    assert.equal(changed.output.postingId, 'wanted:100');
    assert.equal(changed.output.version, T0 + DAY + 1, 'same fetch time again: still a newer version');
    const older = dedupPosting(changed.state, wanted('100', '[테크맵] 백엔드 개발자', T0 - DAY));
    assert.ok(older.output.version > changed.output.version);
    assert.equal(older.output.sources[0]!.firstSeenAt, T0 - DAY);
    assert.equal(older.output.sources[0]!.lastSeenAt, T0);
  });

  it('is CLOSED only when every board closed it, and reopens when a board lists it again', () => {
    let r = dedupPosting(undefined, wanted('100', '[테크맵] 백엔드 개발자', T0));
    r = dedupPosting(r.state, jumpit('200', '백엔드 개발자', T0 + DAY));
    r = dedupPosting(r.state, wanted('100', '[테크맵] 백엔드 개발자', T0 + 2 * DAY, [], 'CLOSED'));
    assert.equal(r.output.status, 'OPEN');
    assert.deepEqual(
      r.output.sources.map((s) => [s.board, s.closed]),
      [
        ['wanted', true],
        ['jumpit', false],
      ],
    );
    r = dedupPosting(r.state, jumpit('200', '백엔드 개발자', T0 + 3 * DAY, 'CLOSED'));
    assert.equal(r.output.status, 'CLOSED');
    r = dedupPosting(r.state, jumpit('200', '백엔드 개발자', T0 + 4 * DAY));
    assert.equal(r.output.status, 'OPEN');
  });

  it('forgets postings closed everywhere after the retention, and keeps at most the configured number', () => {
    const settings = { ...defaultDedupSettings, closedRetentionDays: 30, maxPostingsPerCompany: 2 };
    let r = dedupPosting(undefined, wanted('100', '[테크맵] 백엔드 개발자', T0, [], 'CLOSED'), settings);
    r = dedupPosting(r.state, otherJob('300', T0 + 31 * DAY), settings);
    assert.deepEqual(
      r.state.postings.map((p) => p.postingId),
      ['jumpit:300'],
    );
    r = dedupPosting(r.state, wanted('101', '데이터 엔지니어', T0 + 32 * DAY), settings);
    r = dedupPosting(r.state, wanted('102', '프론트엔드 개발자', T0 + 33 * DAY), settings);
    assert.deepEqual(
      r.state.postings.map((p) => p.postingId),
      ['wanted:101', 'wanted:102'],
    );
  });

  it('writes state and output that the Avro schemas accept', () => {
    let r = dedupPosting(undefined, wanted('100', '[테크맵] 백엔드 개발자', T0));
    r = dedupPosting(r.state, jumpit('200', '백엔드 개발자', T0 + DAY));
    const paths: string[] = [];
    const hook = (p: string[]) => paths.push(p.join('.'));
    assert.ok(schemaFor('dedup-state').type.isValid(r.state, { errorHook: hook }), paths.join(', '));
    assert.ok(schemaFor('silver-posting').type.isValid(r.output, { errorHook: hook }), paths.join(', '));
    const decoded = schemaFor('dedup-state').type.fromBuffer(
      schemaFor('dedup-state').type.toBuffer(r.state),
    ) as DedupState;
    assert.equal(dedupPosting(decoded, jumpit('200', '백엔드 개발자', T0 + 2 * DAY)).kind, 'source');
  });
});

describe('refine stages (process functions, store in memory)', () => {
  const meta = (key: string): RecordMeta => ({
    topic: 't',
    partition: 0,
    offset: '0',
    key,
    headers: {},
    timestamp: new Date(T0).toISOString(),
  });

  it('refine.parse emits one posting keyed by company id', async () => {
    const stage = createRefineParseStage({ now: () => 7 });
    assert.deepEqual(
      [stage.name, stage.input, stage.output, stage.store],
      ['refine.parse', 'raw', 'refineParsed', undefined],
    );
    const raw = rawPosting(
      'jumpit',
      '200',
      JSON.stringify({ result: { id: 200, title: 'T', companyName: '(주)테크맵' } }),
    );
    const out = await stage.process(raw, meta('jumpit:200'), new MemoryStore<never>());
    assert.equal(out.length, 1);
    assert.equal(out[0]!.key, '테크맵');
    assert.equal(out[0]!.value.postingId, 'jumpit:200');
    assert.equal(out[0]!.value.refinedAt, 7);
  });

  it('refine.dedup folds postings into the per-company store and emits canonical postings keyed by id', async () => {
    const stage = createRefineDedupStage();
    assert.deepEqual(
      [stage.name, stage.input, stage.output, stage.store],
      ['refine.dedup', 'refineParsed', 'silver', { topic: 'refineState' }],
    );
    const store = new MemoryStore<DedupState>();
    const outputs: Array<{ key: string; value: SilverPosting }> = [];
    for (const p of [
      wanted('100', '[테크맵] 백엔드 개발자', T0),
      otherJob('300', T0),
      jumpit('200', '백엔드 개발자', T0 + DAY),
    ]) {
      outputs.push(...(await stage.process(p, meta(p.company.id), store)));
    }
    assert.deepEqual(
      outputs.map((o) => [o.key, o.value.sources.map((s) => `${s.board}:${s.boardPostingId}`).join(',')]),
      [
        ['wanted:100', 'wanted:100'],
        ['jumpit:300', 'jumpit:300'],
        ['wanted:100', 'wanted:100,jumpit:200'],
      ],
    );
    assert.deepEqual([...store.map.keys()], ['테크맵']);
    assert.equal(store.get('테크맵')!.postings.length, 2);
  });

  it('reads its thresholds from REFINE_DEDUP_* variables and names a bad one', () => {
    assert.equal(dedupSettingsFromEnv({ REFINE_DEDUP_MIN_JACCARD: '0.7' }).minJaccard, 0.7);
    assert.equal(dedupSettingsFromEnv({}).minJaccardSameTitle, defaultDedupSettings.minJaccardSameTitle);
    assert.throws(() => dedupSettingsFromEnv({ REFINE_DEDUP_MIN_JACCARD: '2' }), /REFINE_DEDUP_MIN_JACCARD/);
  });
});
