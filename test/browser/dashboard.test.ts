// The dashboard as a person uses it: Debian's Chromium (headless, through playwright-core) on the built
// dashboard served by the REAL gateway, over MariaDB and DynamoDB filled by the REAL sinks (support/world.ts).
// Every page loads with data, filters change the chart and the URL, Back walks through them, the language
// toggle switches every label, nothing is logged to the console, and every page is photographed at desktop and
// phone width into test-results/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { repoRoot } from '../../platform/config';
import type {
  CompanyResponse,
  FieldsResponse,
  PostingDetail,
  PostingsPage,
  RecommendResponse,
  RelatedResponse,
  TopSkillsResponse,
  TrendResponse,
} from '../../dashboard/src/api/types';
import { createWorld, ensureDashboardBuilt, type World } from './support/world';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(repoRoot, 'test-results', 'screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const int = (n: number) => new Intl.NumberFormat('en-US').format(n);
const pct = (share: number) =>
  new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(
    share,
  );

describe('dashboard in headless Chromium over the real gateway', function () {
  this.timeout(180000);

  let world: World;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let userDataDir: string;
  let fields: FieldsResponse['fields'];
  /** Console errors and uncaught page errors; every test ends by asserting there were none. */
  const problems: string[] = [];
  /** Console messages a test expects (e.g. the 404 of a missing posting). */
  let expected: RegExp[] = [];

  before(async function () {
    this.timeout(600000);
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's package (apt-get install -y chromium); the tests never download a browser`,
      );
    }
    await ensureDashboardBuilt();
    world = await createWorld();
    base = world.gateway.url;
    fields = (await world.api<FieldsResponse>('/api/v1/fields')).fields;
    fs.mkdirSync(SHOTS, { recursive: true });
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: DESKTOP,
      locale: 'en-US',
      timezoneId: 'UTC',
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() !== 'error' && m.type() !== 'warning') return;
      const text = `${m.type()}: ${m.text()} (${m.location().url})`;
      if (!expected.some((re) => re.test(text))) problems.push(text);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  });

  after(async function () {
    this.timeout(120000);
    await context?.close().catch(() => undefined);
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    await world?.close();
  });

  /** Every test ends here: nothing went to the console. */
  function assertQuietConsole() {
    const seen = problems.splice(0);
    expected = [];
    assert.deepEqual(seen, [], 'console errors or page errors');
  }

  /** Waits until no API request is in flight (the client mirrors them on <html>) and no loading state is left. */
  async function settled() {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(
      () =>
        (document.documentElement.dataset.apiPending ?? '0') === '0' &&
        !document.querySelector('[data-testid="state-loading"]'),
    );
  }

  async function open(pathAndQuery: string) {
    await page.goto(`${base}${pathAndQuery}`);
    await page.locator('main h1, main [data-testid="state-error"]').first().waitFor();
    await settled();
  }

  /** Full-page screenshots at desktop and phone width; at phone width nothing may overflow sideways. */
  async function shoot(name: string) {
    await settled();
    // From the top, so the sticky header sits where a person sees it in the full-page picture.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(400); // charts follow their container's size
    await settled();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.waitForTimeout(200);
    assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a 375px phone`);
  }

  const panel = (testid: string) => page.locator(`[data-testid="${testid}"]`);
  const chartOf = (p: Locator) => p.locator('[data-testid="chart"]');
  /** Switches a chart panel to its table and returns the body rows' cell texts. */
  async function tableOf(p: Locator): Promise<string[][]> {
    await p.locator('[data-testid="view-table"]').click();
    const rows = await p
      .locator('[data-testid="data-table"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
      );
    await p.locator('[data-testid="view-chart"]').click();
    return rows;
  }
  async function waitForUrl(test: (u: URL) => boolean) {
    await page.waitForURL((u) => test(u));
  }

  it('is served by the gateway, with index.html for deep links and the API beside it', async () => {
    const deep = await fetch(`${base}/trends?field=backend`);
    assert.equal(deep.status, 200);
    assert.match(deep.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await deep.text(), /<div id="app"><\/div>/);
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/fields',
      '/api/v1/fields/{field}/skills',
      '/api/v1/skills/{skill}/trend',
      '/api/v1/skills/{skill}/related',
      '/api/v1/compare',
      '/api/v1/postings',
      '/api/v1/postings/export',
      '/api/v1/postings/{id}',
      '/api/v1/companies/{id}',
      '/api/v1/recommend',
      '/api/v1/pipeline',
    ])
      assert.ok(p in doc.paths, `the OpenAPI document lists ${p}`);
  });

  it('Overview: the top 10 skills of the biggest field with the postings, boards and companies behind them', async () => {
    const top = fields[0]!;
    const want = await world.api<TopSkillsResponse>(`/api/v1/fields/${top.id}/skills?limit=10`);
    assert.equal(want.skills.length, 10);
    await open('/');
    assert.equal(await page.locator('h1').textContent(), 'What employers ask for');
    assert.equal(await page.locator('[data-testid="field-select"]').inputValue(), top.id);
    assert.equal(await page.locator('[data-testid="stat-postings"]').textContent(), int(want.total.postings));
    const p = panel('top-skills-panel');
    assert.match((await p.locator('h2').textContent()) ?? '', new RegExp(`Top 10 technologies in ${top.name}`));
    const svgText = (await chartOf(p).locator('svg').textContent()) ?? '';
    for (const s of want.skills) assert.ok(svgText.includes(s.name), `the chart names ${s.name}`);
    assert.ok(svgText.includes('% of postings'), 'the value axis says what it measures');
    const label = await chartOf(p).getAttribute('aria-label');
    assert.ok(label?.includes(want.skills[0]!.name), 'the chart has a text alternative');
    const rows = await tableOf(p);
    assert.equal(rows.length, 10);
    assert.deepEqual(rows[0], [
      '1',
      want.skills[0]!.name,
      rows[0]![2]!,
      pct(want.skills[0]!.share),
      int(want.skills[0]!.count),
    ]);
    await shoot('overview');
    assertQuietConsole();
  });

  it('Overview: changing the field and top N updates the chart and the URL, and Back restores them', async () => {
    const [first, second] = [fields[0]!, fields[1]!];
    const other = await world.api<TopSkillsResponse>(`/api/v1/fields/${second.id}/skills?limit=20`);
    await open('/');
    const p = panel('top-skills-panel');
    await page.selectOption('[data-testid="field-select"]', second.id);
    await waitForUrl((u) => u.searchParams.get('field') === second.id);
    await p.locator('h2', { hasText: second.name }).waitFor();
    await chartOf(p).locator('svg', { hasText: other.skills[0]!.name }).waitFor();
    await page.selectOption('[data-testid="limit-select"]', '20');
    await waitForUrl((u) => u.searchParams.get('limit') === '20');
    await p.locator('h2', { hasText: 'Top 20' }).waitFor();
    await settled();
    assert.equal((await tableOf(p)).length, Math.min(20, other.skills.length));
    await page.goBack();
    await waitForUrl((u) => u.searchParams.get('field') === second.id && !u.searchParams.has('limit'));
    await p.locator('h2', { hasText: 'Top 10' }).waitFor();
    await page.goBack();
    await waitForUrl((u) => !u.searchParams.has('field'));
    await p.locator('h2', { hasText: first.name }).waitFor();
    assert.equal(await page.locator('[data-testid="field-select"]').inputValue(), first.id);
    assertQuietConsole();
  });

  it('Trends: weekly lines for the chosen skills, a weeks filter in the URL, and rising / falling lists', async () => {
    await open('/trends?field=backend&skills=java,kotlin');
    const p = panel('trend-panel');
    const svg = chartOf(p).locator('svg');
    await svg.filter({ hasText: 'Kotlin' }).waitFor();
    assert.ok(((await svg.textContent()) ?? '').includes('Java'));
    await page.selectOption('[data-testid="weeks-select"]', '26');
    await waitForUrl((u) => u.searchParams.get('weeks') === '26');
    await settled();
    const want = await world.api<TrendResponse>('/api/v1/skills/kotlin/trend?field=backend&weeks=26');
    // 26 weeks asked for; the chart starts at the first week with postings (earlier weeks would read as 0%).
    const shown = want.weeks.slice(want.weeks.findIndex((w) => w.postings > 0));
    assert.ok(shown.length < want.weeks.length && shown.length >= 12);
    const rows = await tableOf(p);
    assert.equal(rows.length, shown.length);
    assert.equal(rows[rows.length - 1]![2], pct(shown[shown.length - 1]!.share));
    const movers = await panel('movers').locator('ol li').count();
    assert.ok(movers > 0, 'some skill is rising or falling');
    await shoot('trends');
    assertQuietConsole();
  });

  it('Related skills: the graph of a skill’s neighbours, and a click drills down (Back climbs out)', async () => {
    const want = await world.api<RelatedResponse>('/api/v1/skills/java/related?field=backend&limit=15');
    await open('/related?field=backend&skill=java');
    const p = panel('related-panel');
    const svgText = (await chartOf(p).locator('svg').textContent()) ?? '';
    for (const r of want.related.slice(0, 5)) assert.ok(svgText.includes(r.name), `the graph shows ${r.name}`);
    const next = want.related[0]!;
    await p.locator('[data-testid="view-table"]').click();
    await p.locator('[data-testid="data-table"] a', { hasText: next.name }).first().click();
    await waitForUrl((u) => u.searchParams.get('skill') === next.id);
    await p.locator('h2', { hasText: `together with ${next.name}` }).waitFor();
    await page.goBack();
    await waitForUrl((u) => u.searchParams.get('skill') === 'java');
    await p.locator('h2', { hasText: 'together with Java' }).waitFor();
    await p.locator('[data-testid="view-chart"]').click();
    await shoot('related');
    assertQuietConsole();
  });

  it('Postings: filters and search in the URL, cursor paging, skills as chips, every original credited', async () => {
    const want = await world.api<PostingsPage>('/api/v1/postings?field=backend&status=open&sort=recent&limit=20');
    await open('/postings?field=backend');
    const cards = page.locator('[data-testid="posting-card"]');
    assert.equal(await cards.count(), want.items.length);
    assert.match((await panel('result-count').textContent()) ?? '', new RegExp(`${int(want.total!)} postings`));
    const first = want.items[0]!;
    const c0 = cards.first();
    assert.equal(await c0.locator('[data-testid="posting-link"]').textContent(), first.title);
    assert.equal(await c0.locator('[data-testid="skill-chip"]').count(), first.skills.length);
    assert.deepEqual(
      await c0.locator('[data-testid="source-link"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)),
      first.sources.map((s) => s.url),
    );
    await page.selectOption('[data-testid="board-select"]', 'wanted');
    await waitForUrl((u) => u.searchParams.get('board') === 'wanted');
    await settled();
    const onWanted = await page
      .locator('[data-testid="posting-card"]')
      .evaluateAll((els) =>
        els.every((el) =>
          Array.from(el.querySelectorAll('[data-testid="source-link"]')).some((a) => a.textContent?.includes('Wanted')),
        ),
      );
    assert.ok(onWanted, 'every posting shown is credited to Wanted');
    await page.fill('[data-testid="search-input"]', '서버');
    await page.keyboard.press('Enter');
    await waitForUrl((u) => u.searchParams.get('q') === '서버');
    await settled();
    const titles = await page.locator('[data-testid="posting-link"]').allTextContents();
    assert.ok(
      titles.length > 0 && titles.every((t) => t.includes('서버')),
      `every title mentions 서버: ${titles.join(' | ')}`,
    );
    await open('/postings?field=backend');
    await page.locator('[data-testid="next-page"]').click();
    await waitForUrl((u) => u.searchParams.has('cursor'));
    await settled();
    const page2 = await world.api<PostingsPage>(
      `/api/v1/postings?field=backend&status=open&sort=recent&limit=20&cursor=${encodeURIComponent(want.nextCursor!)}`,
    );
    assert.equal(await page.locator('[data-testid="posting-link"]').first().textContent(), page2.items[0]!.title);
    assert.match((await panel('result-count').textContent()) ?? '', /page 2/);
    await page.locator('[data-testid="prev-page"]').click();
    await waitForUrl((u) => !u.searchParams.has('cursor'));
    await settled();
    assert.equal(await page.locator('[data-testid="posting-link"]').first().textContent(), first.title);
    await shoot('postings');
    assertQuietConsole();
  });

  it('Posting page: the extracted skills are highlighted where the text mentions them; every board is linked', async () => {
    const gold = world.golds.find(
      (g) =>
        g.posting.sources.length === 2 &&
        g.posting.language === 'ko' &&
        g.skills.filter((s) => s.evidence.length > 0).length >= 4,
    )!;
    const detail = await world.api<PostingDetail>(`/api/v1/postings/${encodeURIComponent(gold.posting.postingId)}`);
    assert.equal(detail.document.available, true);
    await open(`/postings/${encodeURIComponent(gold.posting.postingId)}`);
    assert.equal((await panel('posting-title').textContent())?.trim(), gold.posting.title);
    const spans = gold.skills.flatMap((s) => s.evidence.map((e) => ({ id: s.id, text: e.text })));
    const marks = page.locator('[data-testid="evidence-mark"]');
    assert.equal(await marks.count(), spans.length);
    assert.deepEqual((await marks.allTextContents()).sort(), spans.map((s) => s.text).sort());
    const links = panel('posting-sources').locator('[data-testid="source-link"]');
    assert.deepEqual(
      await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)),
      gold.posting.sources.map((s) => s.url),
    );
    assert.match((await links.first().textContent()) ?? '', /View on (Wanted|Jumpit|Saramin)/);
    const skill = gold.skills.find((s) => s.evidence.length > 0)!;
    await panel('posting-skills').locator('button', { hasText: skill.name }).click();
    assert.equal(
      await page.locator(`[data-testid="evidence-mark"].active[data-skill~="${skill.id}"]`).count(),
      skill.evidence.length,
    );
    await shoot('posting');
    assertQuietConsole();
  });

  it('Skill page: demand by field, weekly trend, companies asking for it and related skills', async () => {
    await open('/skills/python?field=data-engineering');
    assert.equal(await panel('skill-title').textContent(), 'Python');
    const fieldsChart = (await chartOf(panel('skill-fields-panel')).locator('svg').textContent()) ?? '';
    const named = fields.filter((f) => fieldsChart.includes(f.name));
    assert.ok(named.length >= 3, `Python is asked for in several fields: ${named.map((f) => f.id).join(', ')}`);
    assert.ok((await panel('skill-companies').locator('li').count()) > 0);
    assert.ok((await panel('skill-related').locator('[data-testid="skill-chip"]').count()) > 0);
    await panel('skill-trend-panel').locator('svg').waitFor();
    await shoot('skill');
    await open('/skills');
    assert.ok((await page.locator('.pick').count()) > 5, 'without a skill the page offers the field’s skills');
    assertQuietConsole();
  });

  it('My stack: the postings matched now and the next skills that raise it most', async () => {
    await open('/stack?field=backend');
    await page.fill('[data-testid="skill-input"]', 'Java');
    await page.keyboard.press('Enter');
    await waitForUrl((u) => u.searchParams.get('have') === 'java');
    await settled();
    const want = await world.api<RecommendResponse>('/api/v1/recommend?field=backend&have=java&limit=10');
    assert.equal(await panel('matched').textContent(), int(want.matched));
    assert.ok(want.steps.length > 0);
    const rows = await tableOf(panel('stack-panel'));
    assert.deepEqual(
      rows.map((r) => r[1]),
      want.steps.map((s) => s.skill.name),
    );
    await panel('stack-panel').locator('button', { hasText: 'I have it' }).first().click();
    await waitForUrl((u) => u.searchParams.get('have') === `java,${want.steps[0]!.skill.id}`);
    await settled();
    const after = await world.api<RecommendResponse>(
      `/api/v1/recommend?field=backend&have=java,${want.steps[0]!.skill.id}&limit=10`,
    );
    assert.equal(await panel('matched').textContent(), int(after.matched));
    assert.ok(after.matched >= want.matched);
    await shoot('stack');
    assertQuietConsole();
  });

  it('Compare: fields side by side, the chosen fields in the URL', async () => {
    const [a, b, c] = [fields[0]!, fields[1]!, fields[2]!];
    await open(`/compare?fields=${a.id},${b.id}`);
    await panel(`compare-col-${a.id}`).waitFor();
    await panel(`compare-col-${b.id}`).waitFor();
    await page.locator(`[data-testid="compare-field-${c.id}"]`).check();
    await waitForUrl((u) => u.searchParams.get('fields') === `${a.id},${b.id},${c.id}`);
    await panel(`compare-col-${c.id}`).waitFor();
    await chartOf(panel('compare-panel')).locator('svg', { hasText: c.name }).waitFor();
    await shoot('compare');
    assertQuietConsole();
  });

  it('Closing soon: open postings whose deadline is within the chosen days, soonest first', async () => {
    await open('/closing-soon');
    await page.selectOption('[data-testid="within-select"]', '3');
    await waitForUrl((u) => u.searchParams.get('within') === '3');
    await settled();
    const want = await world.api<PostingsPage>('/api/v1/postings?status=open&closing_within=3&sort=deadline&limit=20');
    assert.ok(want.items.length > 0);
    assert.deepEqual(
      await page.locator('[data-testid="posting-link"]').allTextContents(),
      want.items.map((p) => p.title),
    );
    const badges = await page.locator('[data-testid="closing-badge"]').allTextContents();
    assert.equal(badges.length, want.items.length);
    assert.ok(
      badges.every((t) => /Closes (today|tomorrow|in [23] days)/.test(t)),
      badges.join(' | '),
    );
    await shoot('closing-soon');
    assertQuietConsole();
  });

  it('Pipeline: records per topic, consumer lag, last crawl per board and dead letters', async () => {
    await open('/pipeline');
    const topics = await tableOf(panel('pipeline-topics'));
    const gold = topics.find((r) => r[0] === 'postings.gold');
    assert.equal(gold?.[1], int(world.golds.length));
    const crawls = await panel('pipeline-crawls')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
      );
    assert.deepEqual(crawls.map((r) => r[0]).sort(), ['Greenhouse', 'Jumpit', 'Lever', 'Saramin', 'Wanted']);
    assert.equal(crawls.find((r) => r[0] === 'Lever')?.[2], 'failed');
    const dead = await panel('pipeline-dead').locator('tbody tr').allTextContents();
    assert.equal(dead.length, 2);
    assert.ok(dead.some((t) => t.includes('refine') && t.includes('2')));
    await shoot('pipeline');
    assertQuietConsole();
  });

  it('Company page: its stack and its newest postings', async () => {
    const companyId = world.golds[0]!.posting.company.id;
    const want = await world.api<CompanyResponse>(`/api/v1/companies/${encodeURIComponent(companyId)}?limit=20`);
    await open(`/companies/${encodeURIComponent(companyId)}`);
    assert.equal(await panel('company-name').textContent(), want.company.name);
    const svgText = (await chartOf(panel('company-panel')).locator('svg').textContent()) ?? '';
    assert.ok(svgText.includes(want.skills[0]!.name));
    assert.equal(
      await panel('company-recent').locator('[data-testid="posting-card"]').count(),
      want.recentPostings.length,
    );
    await shoot('company');
    assertQuietConsole();
  });

  it('the language toggle switches every label to Korean, is remembered, and switches back', async () => {
    await open('/?field=backend');
    await page.locator('[data-testid="lang-toggle"]').click();
    await page.locator('h1', { hasText: '기업이 요구하는 기술' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
    assert.equal(await page.locator('[data-testid="nav-overview"]').textContent(), '개요');
    assert.match((await panel('top-skills-panel').locator('h2').textContent()) ?? '', /백엔드 상위 10개 기술/);
    assert.match((await page.locator('[data-testid="field-select"] option:checked').textContent()) ?? '', /백엔드/);
    assert.ok(((await chartOf(panel('top-skills-panel')).locator('svg').textContent()) ?? '').includes('공고 비율(%)'));
    // No English label is left in the chrome around the data.
    const chrome = await page
      .locator('header.app-header, .toolbar label, .card-header, [data-testid="stat-tiles"] dt')
      .allTextContents();
    const english = chrome
      .join(' ')
      .match(/\b(Overview|Trends|Postings|Job field|Show|Period|Seniority|Board|Region|Chart|Table|Companies)\b/g);
    assert.equal(english, null, `untranslated: ${english?.join(', ')}`);
    await page.reload();
    await page.locator('h1', { hasText: '기업이 요구하는 기술' }).waitFor();
    await shoot('overview-ko');
    await open('/postings?field=backend');
    await shoot('postings-ko');
    await page.locator('[data-testid="lang-toggle"]').click();
    await page.locator('h1', { hasText: 'Postings' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.evaluate(() => localStorage.getItem('techmap.locale')), '"en"');
    assertQuietConsole();
  });

  it('saved filters are kept in the browser and bring the filters back', async () => {
    await open('/?field=frontend&limit=20&period=12w');
    await panel('saved-filters-toggle').click();
    await page.fill('[data-testid="saved-filter-name"]', 'Frontend, 12 weeks');
    await page.keyboard.press('Enter');
    await open('/');
    await panel('saved-filters-toggle').click();
    await panel('saved-filters').locator('a', { hasText: 'Frontend, 12 weeks' }).click();
    await waitForUrl(
      (u) =>
        u.searchParams.get('field') === 'frontend' &&
        u.searchParams.get('limit') === '20' &&
        u.searchParams.get('period') === '12w',
    );
    await page.reload();
    await settled();
    assert.match((await panel('saved-filters-toggle').textContent()) ?? '', /Saved filters \(1\)/);
    assertQuietConsole();
  });

  it('exports what a chart shows as CSV and JSON', async () => {
    const want = await world.api<TopSkillsResponse>('/api/v1/fields/backend/skills?limit=10');
    await open('/?field=backend');
    const p = panel('top-skills-panel');
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      p.locator('[data-testid="export-csv"]').click(),
    ]);
    assert.equal(csvDownload.suggestedFilename(), 'top-skills_backend.csv');
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(lines[0], '#,Skill,Category,% of postings,Postings');
    assert.equal(lines.length, 11);
    assert.ok(lines[1]!.startsWith(`1,${want.skills[0]!.name},`));
    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      p.locator('[data-testid="export-json"]').click(),
    ]);
    const json = JSON.parse(fs.readFileSync((await jsonDownload.path())!, 'utf8')) as Array<Record<string, unknown>>;
    assert.equal(json.length, 10);
    assert.deepEqual(json[0], {
      rank: 1,
      skill: want.skills[0]!.name,
      category: want.skills[0]!.category,
      share: Number((want.skills[0]!.share * 100).toFixed(2)),
      postings: want.skills[0]!.count,
    });
    assertQuietConsole();
  });

  it('works from the keyboard: a skip link first, visible focus, labelled controls, text alternatives for charts', async () => {
    for (const route of ['/', '/trends?field=backend', '/postings', '/stack?field=backend', '/compare', '/pipeline']) {
      await open(route);
      assert.equal(await page.locator('h1').count(), 1, `${route}: one h1`);
      const unlabelled = await page.evaluate(() =>
        Array.from(document.querySelectorAll('main input, main select'))
          .filter((el) => {
            const id = el.getAttribute('id');
            const byFor = id ? document.querySelector(`label[for="${id}"]`) : null;
            return !byFor && !el.closest('label') && !el.getAttribute('aria-label');
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unlabelled, [], `${route}: every control has a label`);
      const charts = await page
        .locator('[data-testid="chart"]')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('role'), e.getAttribute('aria-label')]));
      for (const [role, label] of charts)
        assert.ok(role === 'img' && label && label.length > 10, `${route}: charts are labelled images`);
    }
    await open('/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.closest('main') !== null);
    assert.ok(focused, 'the skip link moves focus into the main content');
    assertQuietConsole();
  });

  it('shows empty and error states instead of blank charts', async () => {
    const empty = fields.find((f) => f.postings === 0);
    if (empty) {
      await open(`/?field=${empty.id}`);
      await panel('state-empty').waitFor();
      assert.match((await panel('state-empty').textContent()) ?? '', /No postings match these filters yet/);
    }
    expected = [/404/];
    await open('/postings/demo%3Adoes-not-exist');
    await panel('state-error').waitFor();
    assert.match((await panel('state-error').textContent()) ?? '', /Not found/);
    assertQuietConsole();
  });
});
