// Every route of the gateway over MariaDB and DynamoDB filled by the real sinks (see fixtures.ts for the data
// and the counts below). Expectations are exact.
import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor } from '../../gateway/cursor';
import { call, createWorld, type World } from './support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field

describe('gateway routes (integration)', function () {
  this.timeout(120000);
  let world: World;
  let url: string;
  const get = async (path: string, init?: RequestInit) => call(`${url}${path}`, init);
  const json = async (path: string, status = 200) => {
    const r = await get(path);
    assert.equal(r.status, status, `${path}: ${r.text}`);
    return r.body as Json;
  };

  before(async () => {
    world = await createWorld('routes');
    url = (await world.listen(world.app())).url;
  });
  after(async () => {
    await world?.close();
  });

  describe('GET /api/v1/fields', () => {
    it('lists fields with posting counts, most postings first, taxonomy fields with zeros', async () => {
      const body = await json('/api/v1/fields');
      assert.deepEqual(body.fields.slice(0, 3), [
        { id: 'backend', name: 'Backend', nameKo: '백엔드', postings: 6, openPostings: 5 },
        { id: 'frontend', name: 'Frontend', nameKo: '프론트엔드', postings: 3, openPostings: 3 },
        { id: 'data-engineering', name: 'Data engineering', nameKo: '데이터 엔지니어링', postings: 2, openPostings: 2 },
      ]);
      assert.ok(body.fields.length >= 12);
      assert.ok(body.fields.slice(3).every((f: Json) => f.postings === 0));
    });

    it('carries a weak ETag and Cache-Control, and answers 304 to If-None-Match', async () => {
      const first = await get('/api/v1/fields');
      const etag = first.headers.get('etag')!;
      assert.match(etag, /^W\/"/);
      assert.equal(first.headers.get('cache-control'), 'public, max-age=60');
      const second = await get('/api/v1/fields', { headers: { 'If-None-Match': etag } });
      assert.equal(second.status, 304);
      assert.equal(second.text, '');
    });
  });

  describe('GET /api/v1/fields/{field}/skills', () => {
    it('top skills of a field with count, share and required (all postings, all time)', async () => {
      const body = await json('/api/v1/fields/backend/skills');
      assert.deepEqual(body.field, { id: 'backend', name: 'Backend', nameKo: '백엔드', postings: 6, openPostings: 5 });
      assert.equal(body.status, 'all');
      assert.equal(body.period, null);
      assert.equal(body.fromAggregates, true);
      assert.deepEqual(body.total, { postings: 6, companies: 3, boards: 3, from: '2026-03-02', to: '2026-03-22' });
      assert.deepEqual(
        body.skills.map((s: Json) => [s.rank, s.id, s.count, s.share, s.required]),
        [
          [1, 'java', 4, 0.6667, 4],
          [2, 'docker', 3, 0.5, 1],
          [3, 'mysql', 3, 0.5, 2],
          [4, 'spring', 3, 0.5, 3],
          [5, 'kubernetes', 2, 0.3333, 0],
          [6, 'spring-boot', 2, 0.3333, 2],
          [7, 'kotlin', 1, 0.1667, 1],
          [8, 'python', 1, 0.1667, 1],
        ],
      );
      assert.deepEqual(body.skills[0], {
        rank: 1,
        id: 'java',
        name: 'Java',
        nameKo: '자바',
        category: 'language',
        count: 4,
        share: 0.6667,
        required: 4,
      });
    });

    it('limit, the last N weeks and open postings only', async () => {
      assert.deepEqual(
        (await json('/api/v1/fields/backend/skills?limit=2')).skills.map((s: Json) => s.id),
        ['java', 'docker'],
      );
      const body = await json('/api/v1/fields/backend/skills?period=2w&status=open');
      assert.deepEqual(body.period, { from: '2026-03-09', to: '2026-03-16' });
      assert.equal(body.total.postings, 4);
      assert.deepEqual(
        body.skills.slice(0, 4).map((s: Json) => [s.id, s.count, s.share, s.required]),
        [
          ['docker', 2, 0.5, null],
          ['java', 2, 0.5, null],
          ['kubernetes', 2, 0.5, null],
          ['spring', 2, 0.5, null],
        ],
      );
    });

    it('a date range selects the weeks whose Monday lies in it', async () => {
      const body = await json('/api/v1/fields/backend/skills?period=2026-03-09..2026-03-15');
      assert.deepEqual(body.period, { from: '2026-03-09', to: '2026-03-15' });
      assert.equal(body.total.postings, 2);
      assert.deepEqual(
        body.skills.map((s: Json) => [s.id, s.count]),
        [
          ['spring', 2],
          ['java', 1],
          ['kotlin', 1],
          ['kubernetes', 1],
          ['mysql', 1],
          ['spring-boot', 1],
        ],
      );
    });

    it('board, region and seniority filters count the postings rows', async () => {
      const byBoard = await json('/api/v1/fields/backend/skills?board=greenhouse');
      assert.equal(byBoard.fromAggregates, false);
      assert.equal(byBoard.total.postings, 1);
      assert.deepEqual(
        byBoard.skills.map((s: Json) => [s.id, s.count, s.share, s.required]),
        [
          ['docker', 1, 1, 0],
          ['java', 1, 1, 1],
        ],
      );
      const byRegion = await json('/api/v1/fields/backend/skills?region=Gyeonggi');
      assert.deepEqual(
        byRegion.skills.map((s: Json) => s.id),
        ['kotlin', 'mysql', 'spring', 'spring-boot'],
      );
      const bySeniority = await json('/api/v1/fields/backend/skills?seniority=junior');
      assert.deepEqual(bySeniority.filters, { seniority: ['JUNIOR'], region: null, board: null });
      assert.deepEqual(
        bySeniority.skills.map((s: Json) => s.id),
        ['java', 'kubernetes', 'spring'],
      );
    });

    it('exports CSV with a content type and a file name', async () => {
      const r = await get('/api/v1/fields/backend/skills?format=csv&limit=2');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(r.headers.get('content-disposition'), 'attachment; filename="techmap-backend-skills.csv"');
      // fetch's text() drops the BOM; the bytes keep it (spreadsheets need it to read UTF-8).
      const bytes = Buffer.from(
        await (await fetch(`${url}/api/v1/fields/backend/skills?format=csv&limit=2`)).arrayBuffer(),
      );
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(
        bytes.subarray(3).toString('utf8'),
        'rank,field,skill_id,skill_name,skill_name_ko,category,postings,share,required\r\n' +
          '1,backend,java,Java,자바,language,4,0.6667,4\r\n2,backend,docker,Docker,도커,devops,3,0.5,1\r\n',
      );
    });

    it('404 for an unknown field, 400 naming each bad parameter', async () => {
      assert.deepEqual((await json('/api/v1/fields/astronaut/skills', 404)).error, 'not_found');
      const bad = await json('/api/v1/fields/Back%20End/skills', 400);
      assert.equal(bad.parameter, 'field');
      const many = await json('/api/v1/fields/backend/skills?limit=abc&period=2026-02-30..&format=xml&colour=red', 400);
      assert.deepEqual(many.issues, [
        { parameter: 'limit', message: 'must be an integer' },
        { parameter: 'period', message: '2026-02-30 is not a calendar date' },
        { parameter: 'format', message: 'must be json or csv' },
        { parameter: 'colour', message: 'unknown parameter' },
      ]);
      assert.equal((await json('/api/v1/fields/backend/skills?limit=201', 400)).message, 'limit: must be <= 200');
      assert.equal(
        (await json('/api/v1/fields/backend/skills?limit=1&limit=2', 400)).message,
        'limit: given more than once',
      );
    });
  });

  describe('GET /api/v1/skills/{skill}/trend', () => {
    it('weekly demand in a field, ending at the newest week with postings, empty weeks as zeros', async () => {
      const body = await json('/api/v1/skills/java/trend?field=backend&weeks=4');
      assert.deepEqual(body.skill, { id: 'java', name: 'Java', nameKo: '자바', category: 'language' });
      assert.deepEqual(body.field, { id: 'backend', name: 'Backend', nameKo: '백엔드' });
      assert.deepEqual([body.from, body.to], ['2026-02-23', '2026-03-16']);
      assert.deepEqual(body.weeks, [
        { week: '2026-02-23', isoWeek: '2026-W09', count: 0, postings: 0, share: 0 },
        { week: '2026-03-02', isoWeek: '2026-W10', count: 1, postings: 1, share: 1 },
        { week: '2026-03-09', isoWeek: '2026-W11', count: 1, postings: 2, share: 0.5 },
        { week: '2026-03-16', isoWeek: '2026-W12', count: 2, postings: 3, share: 0.6667 },
      ]);
    });

    it('across all fields when no field is given', async () => {
      const body = await json('/api/v1/skills/java/trend?weeks=3');
      assert.equal(body.field, null);
      assert.deepEqual(
        body.weeks.map((w: Json) => [w.week, w.count, w.postings]),
        [
          ['2026-03-02', 1, 2],
          ['2026-03-09', 1, 4],
          ['2026-03-16', 2, 5],
        ],
      );
    });

    it('404 for an unknown skill, 400 for an unknown field or bad weeks', async () => {
      assert.equal((await json('/api/v1/skills/cobol-on-mars/trend', 404)).message, "no skill 'cobol-on-mars'");
      assert.equal((await json('/api/v1/skills/java/trend?field=astronaut', 400)).parameter, 'field');
      assert.equal((await json('/api/v1/skills/java/trend?weeks=0', 400)).message, 'weeks: must be >= 1');
    });
  });

  describe('GET /api/v1/skills/{skill}/related', () => {
    it('co-occurring skills with count, share and lift', async () => {
      const body = await json('/api/v1/skills/java/related?field=backend');
      assert.equal(body.skill.count, 4);
      assert.equal(body.postings, 6);
      assert.deepEqual(
        body.related.map((r: Json) => [r.id, r.count, r.share, r.lift, r.otherCount]),
        [
          ['docker', 2, 0.5, 1, 3],
          ['mysql', 2, 0.5, 1, 3],
          ['spring', 2, 0.5, 1, 3],
          ['kubernetes', 1, 0.25, 0.75, 2],
          ['spring-boot', 1, 0.25, 0.75, 2],
        ],
      );
      const all = await json('/api/v1/skills/python/related?limit=2');
      assert.equal(all.field, null);
      // python: wanted:103 (backend, with docker), wanted:501 and greenhouse:acme/502 (data, with spark, sql, airflow).
      assert.deepEqual(
        all.related.map((r: Json) => [r.id, r.count]),
        [
          ['airflow', 2],
          ['apache-spark', 1],
        ],
      );
    });
  });

  describe('GET /api/v1/compare', () => {
    it('fields side by side with one skill matrix', async () => {
      const body = await json('/api/v1/compare?fields=backend,frontend&limit=3');
      assert.deepEqual(
        body.fields.map((c: Json) => [c.field.id, c.total.postings, c.skills.map((s: Json) => s.id)]),
        [
          ['backend', 6, ['java', 'docker', 'mysql']],
          ['frontend', 3, ['react', 'javascript', 'typescript']],
        ],
      );
      const java = body.skills.find((s: Json) => s.id === 'java');
      assert.deepEqual(java.byField, { backend: { count: 4, share: 0.6667 }, frontend: { count: 0, share: 0 } });
      assert.equal(body.skills.length, 6);
    });

    it('400 for one field, a repeated field or an unknown one', async () => {
      assert.equal(
        (await json('/api/v1/compare?fields=backend', 400)).message,
        'fields: must list at least 2 job fields',
      );
      assert.equal(
        (await json('/api/v1/compare?fields=backend,backend', 400)).message,
        'fields: must not repeat an id',
      );
      assert.equal(
        (await json('/api/v1/compare?fields=backend,astronaut', 400)).message,
        "fields: unknown job field 'astronaut' (see GET /api/v1/fields)",
      );
      assert.equal((await json('/api/v1/compare', 400)).message, 'fields: is required');
    });
  });

  describe('GET /api/v1/postings', () => {
    const allOpen = [
      'wanted:403',
      'wanted:103',
      'greenhouse:acme/502',
      'greenhouse:acme/301',
      'jumpit:201',
      'wanted:102',
      'jumpit:402',
      'wanted:501',
      'wanted:401',
      'wanted:101',
    ];
    const ids = async (path: string) => (await json(path)).items.map((p: Json) => p.id);

    it('open postings, newest first, with skills and a link to every board', async () => {
      const body = await json('/api/v1/postings?limit=100');
      assert.deepEqual(
        body.items.map((p: Json) => p.id),
        allOpen,
      );
      assert.equal(body.total, 10);
      assert.equal(body.nextCursor, null);
      const p101 = body.items.find((p: Json) => p.id === 'wanted:101');
      assert.deepEqual(
        p101.sources.map((s: Json) => [s.board, s.url]),
        [
          ['jumpit', 'https://jumpit.example/jobs/1010'],
          ['wanted', 'https://wanted.example/jobs/101'],
        ],
      );
      assert.deepEqual(
        p101.skills.map((s: Json) => [s.id, s.requirement, s.implied]),
        [
          ['java', 'REQUIRED', false],
          ['mysql', 'REQUIRED', false],
          ['spring-boot', 'REQUIRED', false],
          ['spring', 'REQUIRED', true],
          ['docker', 'PREFERRED', false],
        ],
      );
      assert.deepEqual(p101.company, { id: 'acme', name: 'Acme' });
      assert.deepEqual(p101.experience, { minYears: 3, maxYears: 5, newcomerOk: false, raw: '경력 3년' });
    });

    it('cursor pages are stable: together they are the whole list, each id once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const body: Json = await json(`/api/v1/postings?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(body.total, cursor ? null : 10);
        seen.push(...body.items.map((p: Json) => p.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(pages, 4);
      assert.deepEqual(seen, allOpen);
    });

    it('refuses a cursor of another sort or not one of ours', async () => {
      const first = await json('/api/v1/postings?limit=1');
      const wrong = await json(`/api/v1/postings?sort=deadline&cursor=${first.nextCursor}`, 400);
      assert.equal(wrong.message, 'cursor: belongs to sort=recent; keep the same sort');
      assert.equal((await json('/api/v1/postings?cursor=bm90LWEtY3Vyc29y', 400)).parameter, 'cursor');
      const forged = encodeCursor({ sort: 'recent', key: '2026-03-17T01:00:00.000Z', id: 'greenhouse:acme/502' });
      assert.deepEqual(decodeCursor(forged), {
        sort: 'recent',
        key: '2026-03-17T01:00:00.000Z',
        id: 'greenhouse:acme/502',
      });
      // A cursor names a position, not a row: the page after greenhouse:acme/502 starts right after it.
      assert.deepEqual(await ids(`/api/v1/postings?limit=2&cursor=${forged}`), ['greenhouse:acme/301', 'jumpit:201']);
    });

    it('filters: field + skills, company, text, experience, region, board, status', async () => {
      assert.deepEqual(await ids('/api/v1/postings?field=backend&skill=java,spring'), ['wanted:102', 'wanted:101']);
      assert.deepEqual(await ids('/api/v1/postings?company=beta&status=all'), [
        'jumpit:202',
        'jumpit:201',
        'jumpit:402',
      ]);
      assert.deepEqual(await ids('/api/v1/postings?q=%EB%B0%B1%EC%97%94%EB%93%9C'), ['wanted:103', 'wanted:101']); // 백엔드
      assert.deepEqual(await ids('/api/v1/postings?q=%EB%B2%A0%ED%83%80'), ['jumpit:201', 'jumpit:402']); // 베타 (company name)
      assert.deepEqual(await ids('/api/v1/postings?experience=newcomer'), ['wanted:102']);
      assert.deepEqual(
        await ids('/api/v1/postings?experience=8'),
        allOpen.filter((id) => !['greenhouse:acme/301', 'wanted:101'].includes(id)),
      );
      assert.deepEqual(await ids('/api/v1/postings?region=US'), ['greenhouse:acme/502', 'greenhouse:acme/301']);
      assert.deepEqual(await ids('/api/v1/postings?board=jumpit'), ['jumpit:201', 'jumpit:402', 'wanted:101']);
      assert.deepEqual(await ids('/api/v1/postings?status=closed'), ['jumpit:202']);
      assert.deepEqual(await ids('/api/v1/postings?q=100%25'), []); // LIKE wildcards match literally
    });

    it('closing soon, and sort by deadline (none last, then by id)', async () => {
      assert.deepEqual(await ids('/api/v1/postings?closing_within=30'), ['wanted:101']);
      const byDeadline = await ids('/api/v1/postings?sort=deadline&limit=4');
      assert.deepEqual(byDeadline, ['wanted:101', 'jumpit:201', 'greenhouse:acme/301', 'greenhouse:acme/502']);
    });

    it('400 naming the parameter: unknown skill or field, bad numbers, bad enums', async () => {
      assert.equal(
        (await json('/api/v1/postings?skill=java,warp-drive', 400)).message,
        "skill: unknown skill 'warp-drive'",
      );
      assert.equal((await json('/api/v1/postings?field=astronaut', 400)).parameter, 'field');
      assert.equal(
        (await json('/api/v1/postings?experience=50', 400)).message,
        "experience: must be years of experience 0..40 or 'newcomer'",
      );
      assert.equal((await json('/api/v1/postings?closing_within=0', 400)).message, 'closing_within: must be >= 1');
      assert.equal((await json('/api/v1/postings?sort=salary', 400)).message, 'sort: must be recent or deadline');
      assert.equal((await json('/api/v1/postings?limit=101', 400)).message, 'limit: must be <= 100');
    });
  });

  describe('GET /api/v1/postings/export', () => {
    it('CSV (default) and JSON downloads with the same filters', async () => {
      const csv = await get('/api/v1/postings/export?field=backend');
      assert.equal(csv.status, 200);
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(
        csv.headers.get('content-disposition')!,
        /^attachment; filename="techmap-postings-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = csv.text.trimEnd().split('\r\n');
      assert.equal(lines.length, 6);
      assert.equal(
        lines[0],
        'id,title,company_id,company,field,seniority,experience_min,experience_max,city,region,country,remote,status,posted_at,deadline,required_skills,other_skills,boards,urls',
      );
      assert.match(
        lines[5]!,
        /^wanted:101,백엔드 개발자 \(Java\/Spring Boot\),acme,Acme,backend,MID,3,5,Seoul,Seoul,KR,ONSITE,OPEN,2026-03-02T01:00:00.000Z,.*,java;mysql;spring-boot;spring,docker,jumpit;wanted,https:\/\/jumpit.example\/jobs\/1010 https:\/\/wanted.example\/jobs\/101$/,
      );
      const j = await get('/api/v1/postings/export?field=frontend&format=json');
      assert.match(j.headers.get('content-disposition')!, /\.json"$/);
      assert.deepEqual(
        (j.body as Json).items.map((p: Json) => p.id),
        ['wanted:403', 'jumpit:402', 'wanted:401'],
      );
      assert.equal((await json('/api/v1/postings/export?limit=20000', 400)).message, 'limit: must be <= 10000');
      assert.equal((await json('/api/v1/postings/export?cursor=abc', 400)).message, 'cursor: unknown parameter');
    });
  });

  describe('GET /api/v1/postings/{id}', () => {
    it('one posting in full: text, skills with evidence spans from DynamoDB, every board', async () => {
      const body = await json('/api/v1/postings/wanted%3A101');
      assert.equal(body.id, 'wanted:101');
      assert.equal(body.sections.requirements, '자격요건: Java, Spring Boot, MySQL');
      assert.deepEqual(body.document, { available: true, version: world.golds[0]!.posting.version, reason: null });
      const java = body.skills.find((s: Json) => s.id === 'java');
      assert.deepEqual(java.evidence, [{ section: 'requirements', start: 6, end: 10, text: 'Java' }]);
      assert.equal(body.sections.requirements.slice(6, 10), 'Java');
      assert.deepEqual(java.methods, ['RULES', 'BOARD_TAG']);
      assert.equal(body.sources.length, 2);
      assert.equal(body.language, 'ko');
      assert.equal(body.jobFieldMethod, 'RULES');
    });

    it('ids with a slash are URL-encoded; unknown ids are 404', async () => {
      assert.equal((await json('/api/v1/postings/greenhouse%3Aacme%2F301')).title, 'Senior Java Engineer');
      assert.equal((await json('/api/v1/postings/wanted%3A999', 404)).message, "no posting 'wanted:999'");
    });
  });

  describe('GET /api/v1/companies/{id}', () => {
    it('a company, its fields and its stack', async () => {
      const body = await json('/api/v1/companies/acme');
      assert.deepEqual(
        [body.company.id, body.company.name, body.company.postings, body.company.openPostings],
        ['acme', 'Acme', 3, 3],
      );
      assert.deepEqual(
        body.fields.map((f: Json) => [f.id, f.postings]),
        [
          ['backend', 2],
          ['frontend', 1],
        ],
      );
      assert.deepEqual(
        body.skills.slice(0, 2).map((s: Json) => [s.id, s.count, s.share]),
        [
          ['java', 2, 0.6667],
          ['spring', 2, 0.6667],
        ],
      );
      assert.deepEqual(
        body.recentPostings.map((p: Json) => p.id),
        ['wanted:102', 'wanted:401', 'wanted:101'],
      );
      assert.equal((await json('/api/v1/companies/nobody', 404)).error, 'not_found');
    });
  });

  describe('GET /api/v1/recommend', () => {
    it('greedy coverage steps with coverage before and after', async () => {
      const body = await json('/api/v1/recommend?field=backend');
      assert.deepEqual([body.postings, body.matched, body.coverage], [5, 0, 0]);
      assert.deepEqual(
        body.steps.map((s: Json) => [s.skill.id, s.gain, s.coverageBefore, s.coverageAfter]),
        [
          ['java', 1, 0, 0.2],
          ['spring', 1, 0.2, 0.4],
          ['spring-boot', 0, 0.4, 0.4],
          ['kotlin', 1, 0.4, 0.6],
          ['mysql', 1, 0.6, 0.8],
        ],
      );
    });

    it('counts what the given skills imply (spring-boot gives spring and java)', async () => {
      const body = await json('/api/v1/recommend?field=backend&have=spring-boot&limit=2');
      assert.deepEqual(body.implied, ['java', 'spring']);
      assert.deepEqual([body.matched, body.coverage], [2, 0.4]);
      assert.deepEqual(
        body.steps.map((s: Json) => [s.skill.id, s.matchedAfter]),
        [
          ['kotlin', 3],
          ['mysql', 4],
        ],
      );
    });

    it('400 for a missing field or an unknown skill', async () => {
      assert.equal((await json('/api/v1/recommend', 400)).message, 'field: is required');
      assert.equal((await json('/api/v1/recommend?field=backend&have=java,telepathy', 400)).parameter, 'have');
    });
  });

  describe('operations', () => {
    it('/health, /ready and /metrics', async () => {
      assert.deepEqual(await json('/health'), { status: 'ok' });
      assert.deepEqual(await json('/ready'), { status: 'ready', checks: { mysql: 'ok', dynamodb: 'ok' } });
      const metrics = await get('/metrics');
      assert.match(
        metrics.text,
        /techmap_gateway_http_requests_total\{method="GET",route="\/api\/v1\/fields",status="200"\} \d+/,
      );
    });

    it('/ready is 503 naming the dependency that does not answer', async () => {
      const broken = await world.listen(
        world.app({ config: { ...world.config, dynamoTable: 'techmap-no-such-table' } }),
      );
      const r = await call(`${broken.url}/ready`);
      assert.equal(r.status, 503);
      assert.equal((r.body as Json).checks.mysql, 'ok');
      assert.notEqual((r.body as Json).checks.dynamodb, 'ok');
    });

    it('request ids: echoed when given, generated otherwise', async () => {
      assert.equal(
        (await get('/health', { headers: { 'X-Request-Id': 'abc-123' } })).headers.get('x-request-id'),
        'abc-123',
      );
      assert.match((await get('/health')).headers.get('x-request-id')!, /^[0-9a-f-]{36}$/);
      const body = await json('/api/v1/nowhere', 404);
      assert.equal(body.error, 'not_found');
      assert.match(body.requestId, /^[0-9a-f-]{36}$/);
    });

    it('405 for a known path with another method', async () => {
      const r = await get('/api/v1/fields', { method: 'DELETE' });
      assert.equal(r.status, 405);
      assert.equal((r.body as Json).error, 'method_not_allowed');
    });

    it('serves the OpenAPI document', async () => {
      const doc = await json('/api/openapi.json');
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/api/v1/fields/{field}/skills']);
    });
  });
});
