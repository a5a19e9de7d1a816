// The OpenAPI 3.1 document of the gateway, served at /api/openapi.json. Response schemas are exact
// (additionalProperties: false), and test/gateway/openapi.int.test.ts validates real responses against them.
import { MATCH_DEFINITION } from './routes/recommend';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (s: Schema): Schema =>
  '$ref' in s ? { anyOf: [s, { type: 'null' }] } : { ...s, type: [s.type as string, 'null'] };
const str = (description?: string, extra: Schema = {}): Schema => ({
  type: 'string',
  ...extra,
  ...(description ? { description } : {}),
});
const int = (description?: string, extra: Schema = {}): Schema => ({
  type: 'integer',
  ...extra,
  ...(description ? { description } : {}),
});
const number = (description?: string, extra: Schema = {}): Schema => ({
  type: 'number',
  ...extra,
  ...(description ? { description } : {}),
});
const bool = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) });
const arr = (items: Schema, description?: string): Schema => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});
const share = (description = 'Share of the postings behind the figure, 0..1.'): Schema =>
  number(description, { minimum: 0, maximum: 1 });
const count = (description?: string): Schema => int(description, { minimum: 0 });
const date = (description?: string): Schema => str(description, { format: 'date' });
const time = (description?: string): Schema => str(description, { format: 'date-time' });

/** An object whose listed properties are all present (unless named optional) and nothing else. */
function obj(properties: Record<string, Schema>, optional: string[] = [], description?: string): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
    ...(description ? { description } : {}),
  };
}

const SENIORITY = ['INTERN', 'JUNIOR', 'MID', 'SENIOR', 'LEAD', 'UNKNOWN'];
const REQUIREMENT = ['REQUIRED', 'PREFERRED', 'MENTIONED'];

const schemas: Record<string, Schema> = {
  Error: obj(
    {
      error: str(
        'Machine-readable kind: invalid_parameter, not_found, unauthorized, forbidden, rate_limited, internal, unavailable...',
      ),
      message: str('What went wrong, for people. Never a stack trace.'),
      requestId: str('The x-request-id of the request (also in the response header and the logs).'),
      parameter: str('400 only: the first parameter at fault.'),
      issues: arr(obj({ parameter: str(), message: str() }), '400 only: every parameter at fault and why.'),
    },
    ['parameter', 'issues'],
  ),
  FieldRef: obj({
    id: str('Job field id, e.g. backend.'),
    name: str('English name.'),
    nameKo: str('Korean name, e.g. 백엔드.'),
  }),
  FieldSummary: obj({
    id: str(),
    name: str(),
    nameKo: str(),
    postings: count('Every stored posting of the field, open and closed.'),
    openPostings: count('Open postings of the field.'),
  }),
  SkillRef: obj({
    id: str('Stable taxonomy id, e.g. react, spring-boot.'),
    name: str('Display name, e.g. React.'),
    nameKo: nullable(str('Korean name when the taxonomy has one.')),
    category: nullable(str('Taxonomy category, e.g. framework.')),
  }),
  SkillShare: obj({
    rank: int(undefined, { minimum: 1 }),
    id: str(),
    name: str(),
    nameKo: nullable(str()),
    category: nullable(str()),
    count: count('Postings that ask for the skill (any requirement level).'),
    share: share('count / postings behind the figure (total.postings), 0..1.'),
    required: nullable(count('Of those, postings where the skill is REQUIRED; null where not kept for this view.')),
  }),
  Coverage: obj(
    {
      postings: count('Postings behind the figures (the denominator of share); always exact.'),
      companies: nullable(count('Distinct companies among them.')),
      boards: nullable(count('Distinct boards they were found on.')),
      from: nullable(date('First day of the oldest week counted.')),
      to: nullable(date('Last day of the newest week counted.')),
    },
    [],
    'What stands behind an aggregate. companies, boards, from and to are counted off the request path and kept for one cache period: they are null while a first count for this filter is still running (retry shortly), and may lag new postings by up to a cache period.',
  ),
  WeekRange: obj({
    from: date('Monday of the first week.'),
    to: date('Last day of the range (a Monday for Nw periods).'),
  }),
  FieldsResponse: obj({
    fields: arr(ref('FieldSummary'), 'Most postings first; fields of the taxonomy with no postings yet have zeros.'),
  }),
  TopSkillsResponse: obj({
    field: ref('FieldSummary'),
    status: str('Which postings were counted: all (open and closed) or open.', { enum: ['all', 'open'] }),
    period: nullable(ref('WeekRange')),
    filters: obj({
      seniority: nullable(arr(str(undefined, { enum: SENIORITY }))),
      region: nullable(str()),
      board: nullable(str()),
    }),
    total: ref('Coverage'),
    fromAggregates: bool('True when answered from the aggregate tables alone (no seniority/region/board filter).'),
    skills: arr(ref('SkillShare')),
  }),
  TrendPoint: obj({
    week: date('Monday of the ISO week.'),
    isoWeek: str('ISO week label, e.g. 2025-W03.', { pattern: '^\\d{4}-W\\d{2}$' }),
    count: count('Postings of that week asking for the skill.'),
    postings: count('Postings of that week (in the field, when one is given).'),
    share: share('count / postings (0 when the week has no postings).'),
  }),
  TrendResponse: obj({
    skill: ref('SkillRef'),
    field: nullable(ref('FieldRef')),
    status: str(undefined, { enum: ['all', 'open'] }),
    from: date('Monday of the first week.'),
    to: date('Monday of the last week: the newest week that has postings (in the field, or anywhere).'),
    weeks: arr(ref('TrendPoint'), 'One point per week, oldest first, weeks without postings as zeros.'),
  }),
  RelatedSkill: obj({
    id: str(),
    name: str(),
    nameKo: nullable(str()),
    category: nullable(str()),
    count: count('Postings asking for both skills.'),
    share: share('count / postings asking for the skill in question (P(other | skill)).'),
    lift: number('P(both) / (P(skill) P(other)); above 1 = they go together more often than by chance.', {
      minimum: 0,
    }),
    otherCount: count('Postings asking for the other skill.'),
  }),
  RelatedResponse: obj({
    skill: obj({
      id: str(),
      name: str(),
      nameKo: nullable(str()),
      category: nullable(str()),
      count: count('Postings asking for this skill.'),
    }),
    field: nullable(ref('FieldRef')),
    status: str(undefined, { enum: ['all', 'open'] }),
    postings: count('Postings in the field (or in all fields): N in the lift.'),
    related: arr(ref('RelatedSkill'), 'Most co-occurring first.'),
  }),
  CompareColumn: obj({
    field: ref('FieldSummary'),
    period: nullable(ref('WeekRange')),
    total: ref('Coverage'),
    skills: arr(ref('SkillShare'), "This field's top skills."),
  }),
  CompareResponse: obj({
    status: str(undefined, { enum: ['all', 'open'] }),
    fields: arr(ref('CompareColumn'), 'In the order asked for.'),
    skills: arr(
      obj({
        id: str(),
        name: str(),
        nameKo: nullable(str()),
        category: nullable(str()),
        byField: {
          type: 'object',
          description: "Field id -> that field's count and share for this skill.",
          additionalProperties: obj({ count: count(), share: share() }),
        },
      }),
      "The union of every column's top skills, with every field's figures, so columns line up.",
    ),
  }),
  SourceLink: obj({
    board: str('Board id, e.g. wanted. Credit the board when showing the link.'),
    boardPostingId: str(),
    url: str('Direct link to the posting on that board.'),
    firstSeenAt: nullable(time()),
    lastSeenAt: nullable(time()),
    closed: bool('The board no longer lists it.'),
  }),
  PostingSkill: obj({
    id: str(),
    name: str(),
    nameKo: nullable(str()),
    category: nullable(str()),
    requirement: str(undefined, { enum: REQUIREMENT }),
    implied: bool('Only implied by another skill of the posting (Spring Boot implies Spring).'),
  }),
  PostingSummaryBase: {
    type: 'object',
    required: [
      'id',
      'title',
      'company',
      'field',
      'seniority',
      'experience',
      'location',
      'status',
      'postedAt',
      'deadline',
      'alwaysOpen',
      'firstSeenAt',
      'lastSeenAt',
      'sources',
    ],
    properties: {
      id: str('Canonical posting id, <board>:<board posting id>. URL-encode it in paths (it may contain / or :).'),
      title: str(),
      company: obj({ id: str(), name: str() }),
      field: nullable(ref('FieldRef')),
      seniority: str(undefined, { enum: SENIORITY }),
      experience: obj({
        minYears: nullable(int()),
        maxYears: nullable(int()),
        newcomerOk: bool('신입 가능 / entry level accepted.'),
        raw: nullable(str('The phrase it was read from.')),
      }),
      location: obj({
        city: nullable(str()),
        region: nullable(str()),
        country: nullable(str('ISO 3166-1 alpha-2.')),
        remote: str(undefined, { enum: ['ONSITE', 'HYBRID', 'REMOTE', 'UNKNOWN'] }),
      }),
      status: str(undefined, { enum: ['OPEN', 'CLOSED'] }),
      postedAt: nullable(time()),
      deadline: nullable(time()),
      alwaysOpen: bool('상시채용: no fixed deadline.'),
      firstSeenAt: nullable(time()),
      lastSeenAt: nullable(time()),
      sources: arr(ref('SourceLink'), 'Every board the posting was found on.'),
    },
  },
  PostingSummary: {
    allOf: [ref('PostingSummaryBase')],
    type: 'object',
    required: ['skills'],
    properties: { skills: arr(ref('PostingSkill'), 'REQUIRED first, then PREFERRED, then MENTIONED.') },
    unevaluatedProperties: false,
  },
  PostingsPage: obj({
    items: arr(ref('PostingSummary')),
    nextCursor: nullable(
      str('Opaque cursor of the next page (pass it as cursor= with the same filters and sort); null on the last page.'),
    ),
    total: nullable(count('All matches; counted on the first page only (null when a cursor is given).')),
    sort: str(undefined, { enum: ['recent', 'deadline'] }),
  }),
  Evidence: obj({
    section: str('intro, responsibilities, requirements, preferred, benefits, other, title or boardTags.'),
    start: int("UTF-16 offset of the mention in that section's text.", { minimum: 0 }),
    end: int(undefined, { minimum: 0 }),
    text: str('The mention as written, e.g. 리액트.'),
  }),
  PostingSkillDetail: obj({
    id: str(),
    name: str(),
    nameKo: nullable(str()),
    category: nullable(str()),
    requirement: str(undefined, { enum: REQUIREMENT }),
    implied: bool(),
    methods: arr(str(), 'How it was found: RULES, BOARD_TAG, LLM.'),
    evidence: arr(ref('Evidence'), 'Where in the text; empty when the document store has no document.'),
  }),
  PostingDetail: {
    allOf: [ref('PostingSummaryBase')],
    type: 'object',
    required: [
      'language',
      'employmentType',
      'salary',
      'closedAt',
      'boardTags',
      'boardCategories',
      'jobFieldConfidence',
      'jobFieldMethod',
      'seniorityMethod',
      'version',
      'sections',
      'skills',
      'document',
    ],
    properties: {
      language: str('ko, en, ...'),
      employmentType: nullable(
        str(undefined, { enum: ['FULL_TIME', 'CONTRACT', 'PART_TIME', 'INTERN', 'TEMPORARY', 'OTHER'] }),
      ),
      salary: nullable(
        obj({
          min: nullable(number()),
          max: nullable(number()),
          currency: str('ISO 4217.'),
          period: str(undefined, { enum: ['YEAR', 'MONTH', 'HOUR'] }),
          raw: nullable(str()),
        }),
      ),
      closedAt: nullable(time()),
      boardTags: arr(str(), "The board's own technology tags."),
      boardCategories: arr(str()),
      jobFieldConfidence: number(undefined, { minimum: 0, maximum: 1 }),
      jobFieldMethod: str(),
      seniorityMethod: str(),
      version: int(),
      sections: {
        type: 'object',
        description: 'Clean text by section (intro, responsibilities, requirements, preferred, benefits, other).',
        additionalProperties: { type: 'string' },
      },
      skills: arr(ref('PostingSkillDetail')),
      document: obj({
        available: bool('The full gold document (with evidence spans) was read from DynamoDB.'),
        version: nullable(int()),
        reason: nullable(str('Why it is not available.')),
      }),
    },
    unevaluatedProperties: false,
  },
  CompanyResponse: obj({
    company: obj({
      id: str(),
      name: str(),
      boardCompanyId: nullable(str()),
      firstSeenAt: nullable(time()),
      lastSeenAt: nullable(time()),
      postings: count(),
      openPostings: count(),
    }),
    fields: arr(obj({ id: str(), name: str(), nameKo: str(), postings: count() })),
    skills: arr(
      ref('SkillShare'),
      "The company's stack: skills its postings ask for; share = of the company's postings.",
    ),
    recentPostings: arr(ref('PostingSummary'), 'Its 10 newest postings.'),
  }),
  RecommendStep: obj({
    rank: int(undefined, { minimum: 1 }),
    skill: ref('SkillRef'),
    gain: count('Postings this step matches in addition.'),
    matchedBefore: count(),
    matchedAfter: count(),
    coverageBefore: share('matchedBefore / postings.'),
    coverageAfter: share('matchedAfter / postings.'),
    demand: count('Postings of the field that require this skill.'),
  }),
  RecommendResponse: obj({
    field: ref('FieldRef'),
    status: str(undefined, { enum: ['all', 'open'] }),
    have: arr(ref('SkillRef'), 'The skills given, named.'),
    implied: arr(str(), 'Skills counted as known because a given skill implies them.'),
    definition: str('What "match" means (see the operation description).'),
    postings: count('Postings considered (the denominator of coverage).'),
    matched: count('Postings matched now.'),
    coverage: share('matched / postings.'),
    steps: arr(ref('RecommendStep'), 'Greedy steps, each adding one skill to all before it.'),
  }),
  PipelineResponse: obj({
    generatedAt: time(),
    topics: nullable(
      arr(
        obj({
          topic: str('Topic name without the test prefix, e.g. postings.raw.'),
          endOffset: count('Sum of end offsets over partitions.'),
          retained: count('Records still retained.'),
          partitions: count(),
          ratePerSecond: nullable(
            number('Records appended per second between two /pipeline reads 10 s to 10 min apart.'),
          ),
        }),
      ),
    ),
    lag: nullable(
      arr(
        obj({
          component: str('e.g. refine, enrich, sink.mysql.'),
          group: str('Consumer group.'),
          topic: str(),
          lag: count('Records not yet consumed.'),
          source: str('kafka: the committed group offsets; mysql: the offsets the MySQL sink stores with its rows.', {
            enum: ['kafka', 'mysql'],
          }),
        }),
      ),
    ),
    deadLetters: nullable(
      arr(
        obj({
          stage: str(),
          count: count(),
          lastAt: nullable(time()),
          lastError: nullable(str()),
          errorTypes: { type: 'object', additionalProperties: count() },
        }),
        'Dead letters per stage, counted from the dead-letter topic.',
      ),
    ),
    crawls: nullable(
      arr(
        obj({
          board: str(),
          runId: str(),
          status: str(undefined, { enum: ['running', 'finished', 'failed'] }),
          lastStartedAt: nullable(time()),
          lastFinishedAt: nullable(time()),
          pages: nullable(count()),
          requests: nullable(count()),
          newPostings: nullable(count()),
          changed: nullable(count()),
          closed: nullable(count()),
          errors: nullable(count()),
          message: nullable(str()),
        }),
        'The last crawl run per board, from crawl.events.',
      ),
    ),
    llm: nullable(
      obj(
        { calls: count(), tokens: count(), callBudget: nullable(count()), tokenBudget: nullable(count()) },
        [],
        'LLM calls and tokens today (UTC).',
      ),
    ),
    llmPostingsToday: nullable(count('Postings enriched today (UTC) whose gold record says the LLM filled something.')),
    unavailable: {
      type: 'object',
      description: 'Section name -> why it is null (or partial).',
      additionalProperties: { type: 'string' },
    },
  }),
  Health: obj({ status: str(undefined, { enum: ['ok'] }) }),
  Ready: obj({
    status: str(undefined, { enum: ['ready', 'not ready'] }),
    checks: obj({ mysql: str('ok or the failure.'), dynamodb: str('ok or the failure.') }),
  }),
  CrawlRequest: obj(
    { board: str('Board adapter name, e.g. wanted.'), maxPages: int(undefined, { minimum: 1, maximum: 1000 }) },
    ['maxPages'],
  ),
  CrawlAccepted: obj({
    accepted: bool(),
    commandId: str(),
    board: str(),
    requestedAt: time(),
    via: str('Where the command went (the crawl.commands topic).'),
  }),
  DlqRetryRequest: obj(
    {
      stage: str('Only dead letters of this stage, e.g. enrich or sink.mysql.'),
      max: int('Most dead letters to re-drive in this call (default 1000).', { minimum: 1, maximum: 100000 }),
    },
    ['stage', 'max'],
  ),
  DlqRetryResult: obj({
    accepted: bool(),
    retried: count('Dead letters sent back to the topic they came from.'),
    skipped: count('Other stage, no original value, or from a topic outside the pipeline.'),
    byStage: { type: 'object', additionalProperties: count() },
    complete: bool('The end of the dead-letter topic was reached.'),
  }),
};

// ---- parameters ----
type Param = Schema & { name: string; in: 'path' | 'query' | 'header' };
const q = (name: string, schema: Schema, description: string, required = false): Param => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const p = (name: string, description: string, schema: Schema = { type: 'string' }): Param => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});

const P = {
  limit: (max: number, def: number) =>
    q('limit', { type: 'integer', minimum: 1, maximum: max, default: def }, `How many (1..${max}, default ${def}).`),
  period: q(
    'period',
    { type: 'string', default: 'all' },
    'all (default); Nw = the last N weeks (1..520) ending at the newest week with postings; Nm = N months (≈ N·4.35 weeks); or a date range YYYY-MM-DD..YYYY-MM-DD (either side may be empty) selecting the weeks whose Monday lies in it.',
  ),
  status: (def: string) =>
    q(
      'status',
      { type: 'string', enum: ['all', 'open'], default: def },
      `Count all postings (open and closed) or open ones only (default ${def}).`,
    ),
  seniority: q(
    'seniority',
    { type: 'string' },
    `Comma-separated seniority levels (${SENIORITY.join(', ')}; case-insensitive).`,
  ),
  region: q(
    'region',
    { type: 'string', maxLength: 128 },
    'City, region or ISO country code, e.g. Seoul, Gyeonggi, KR.',
  ),
  board: q('board', { type: 'string' }, 'Only postings found on this board, e.g. wanted.'),
  fieldQ: q('field', { type: 'string' }, 'Job field id (GET /api/v1/fields). Unknown → 400.'),
  ifNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'ETag of a previous answer: 304 when unchanged.',
    schema: { type: 'string' },
  } as Param,
};

const postingFilters: Param[] = [
  P.fieldQ,
  q(
    'skill',
    { type: 'string' },
    'Comma-separated skill ids (1..10): postings asking for every one of them. Unknown → 400.',
  ),
  q('company', { type: 'string' }, 'Company id.'),
  q(
    'q',
    { type: 'string', minLength: 1, maxLength: 100 },
    'Words of the title or the company name (substring, case-insensitive).',
  ),
  q(
    'experience',
    { type: 'string' },
    "Years of experience you have (0..40): postings whose range admits it; or 'newcomer' (신입).",
  ),
  P.region,
  P.board,
  q('status', { type: 'string', enum: ['open', 'closed', 'all'], default: 'open' }, 'Posting status (default open).'),
  q('closing_within', { type: 'integer', minimum: 1, maximum: 365 }, 'Deadline within the next N days (not passed).'),
  q(
    'sort',
    { type: 'string', enum: ['recent', 'deadline'], default: 'recent' },
    'recent: newest first (posting date, else first seen); deadline: soonest deadline first, postings without one last. Ties by id: the order is total and stable.',
  ),
];

// ---- responses ----
const json = (schema: Schema, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const err = (description: string) => json(ref('Error'), description);
const cached = {
  ETag: { description: 'Weak ETag: a hash of the body.', schema: { type: 'string' } },
  'Cache-Control': { description: 'public, max-age=<cache period>', schema: { type: 'string' } },
};
const common = {
  '400': err(
    'A parameter is missing, malformed, out of range or unknown; `parameter` names it and `message` says why.',
  ),
  '429': err('Rate limited (token bucket per client IP); see Retry-After.'),
  '500': err('Internal error (no details are given; the request id finds them in the logs).'),
  '503': err('A dependency is not answering; see Retry-After.'),
};
const aggregate = (schema: Schema, extra: Record<string, unknown> = {}) => ({
  '200': { ...json(schema), headers: cached },
  '304': { description: 'Not modified (If-None-Match matched the ETag).' },
  ...common,
  ...extra,
});
const notFound = { '404': err('No such resource.') };
const admin401 = {
  '401': err('No bearer token (or admin is disabled because TECHMAP_ADMIN_TOKEN is unset).'),
  '403': err('Wrong token.'),
};

const paths: Record<string, unknown> = {
  '/api/v1/fields': {
    get: {
      operationId: 'listFields',
      summary: 'Job fields with posting counts (id, English and Korean names).',
      parameters: [P.ifNoneMatch],
      responses: aggregate(ref('FieldsResponse')),
    },
  },
  '/api/v1/fields/{field}/skills': {
    get: {
      operationId: 'topSkills',
      summary: 'Top skills of a field with the count and share of postings each appears in.',
      description:
        "Without seniority/region/board filters the answer is read from the aggregate tables only: all time from agg_field_skill on every request; a period from an in-memory copy of the field's weekly aggregates that the gateway reloads every 30 s (so it may lag new postings by that much). With those filters the posting rows are counted. format=csv returns the same rows as a CSV download (text/csv, Content-Disposition: attachment).",
      parameters: [
        p('field', 'Job field id. Malformed → 400; unknown → 404.'),
        P.limit(200, 10),
        P.period,
        P.seniority,
        P.region,
        P.board,
        P.status('all'),
        q('format', { type: 'string', enum: ['json', 'csv'], default: 'json' }, 'json (default) or csv.'),
        P.ifNoneMatch,
      ],
      responses: aggregate(ref('TopSkillsResponse'), {
        ...notFound,
        '200': {
          description: 'OK',
          headers: cached,
          content: {
            'application/json': { schema: ref('TopSkillsResponse') },
            'text/csv': {
              schema: { type: 'string' },
              description:
                'Columns: rank, field, skill_id, skill_name, skill_name_ko, category, postings, share, required.',
            },
          },
        },
      }),
    },
  },
  '/api/v1/skills/{skill}/trend': {
    get: {
      operationId: 'skillTrend',
      summary: 'Weekly demand of a skill (postings per ISO week asking for it, and the share of that week).',
      parameters: [
        p('skill', 'Skill id. Malformed → 400; unknown → 404.'),
        P.fieldQ,
        q(
          'weeks',
          { type: 'integer', minimum: 1, maximum: 260, default: 26 },
          'How many weeks, ending at the newest week with postings.',
        ),
        P.status('all'),
        P.ifNoneMatch,
      ],
      responses: aggregate(ref('TrendResponse'), notFound),
    },
  },
  '/api/v1/skills/{skill}/related': {
    get: {
      operationId: 'relatedSkills',
      summary: 'Skills asked for together with this one: count, share and lift.',
      parameters: [
        p('skill', 'Skill id. Malformed → 400; unknown → 404.'),
        P.fieldQ,
        P.limit(100, 20),
        P.status('all'),
        P.ifNoneMatch,
      ],
      responses: aggregate(ref('RelatedResponse'), notFound),
    },
  },
  '/api/v1/compare': {
    get: {
      operationId: 'compareFields',
      summary: 'Job fields side by side.',
      parameters: [
        q('fields', { type: 'string' }, 'Comma-separated job field ids, 2..6, no repeats. Unknown → 400.', true),
        P.limit(50, 10),
        P.period,
        P.status('all'),
        P.ifNoneMatch,
      ],
      responses: aggregate(ref('CompareResponse')),
    },
  },
  '/api/v1/postings': {
    get: {
      operationId: 'searchPostings',
      summary: 'Search postings (cursor pagination); each with its skills and a direct link to every board it is on.',
      parameters: [
        ...postingFilters,
        q(
          'cursor',
          { type: 'string' },
          'nextCursor of the previous page (opaque). A cursor of another sort, or not ours → 400.',
        ),
        P.limit(100, 20),
      ],
      responses: { '200': json(ref('PostingsPage')), ...common },
    },
  },
  '/api/v1/postings/export': {
    get: {
      operationId: 'exportPostings',
      summary: 'The same search as a download: CSV (default) or JSON, up to the export limit.',
      parameters: [
        ...postingFilters,
        q(
          'limit',
          { type: 'integer', minimum: 1, maximum: 10000, default: 1000 },
          'Most rows (1..the configured maximum, 10000 by default).',
        ),
        q('format', { type: 'string', enum: ['csv', 'json'], default: 'csv' }, 'csv (default) or json.'),
      ],
      responses: {
        '200': {
          description: 'A download (Content-Disposition: attachment).',
          headers: {
            'Content-Disposition': {
              schema: { type: 'string' },
              description: 'attachment; filename="techmap-postings-<date>.csv"',
            },
          },
          content: {
            'text/csv': {
              schema: { type: 'string' },
              description:
                'Columns: id, title, company_id, company, field, seniority, experience_min, experience_max, city, region, country, remote, status, posted_at, deadline, required_skills, other_skills, boards, urls.',
            },
            'application/json': { schema: obj({ items: arr(ref('PostingSummary')) }) },
          },
        },
        ...common,
      },
    },
  },
  '/api/v1/postings/{id}': {
    get: {
      operationId: 'getPosting',
      summary: 'One posting in full: text by section, skills with evidence spans, every board it was found on.',
      parameters: [
        p('id', 'Canonical posting id, URL-encoded (e.g. wanted%3A12345, greenhouse%3Aacme%2F42). Unknown → 404.'),
      ],
      responses: { '200': json(ref('PostingDetail')), ...common, ...notFound },
    },
  },
  '/api/v1/companies/{id}': {
    get: {
      operationId: 'getCompany',
      summary: 'A company, its job fields and its stack.',
      parameters: [p('id', 'Company id (slug). Unknown → 404.'), P.limit(100, 30), P.ifNoneMatch],
      responses: aggregate(ref('CompanyResponse'), notFound),
    },
  },
  '/api/v1/recommend': {
    get: {
      operationId: 'recommend',
      summary: 'The next skills to learn for a field, by greedy coverage, with coverage before and after each step.',
      description: `${MATCH_DEFINITION} Each step adds the skill that makes the most additional postings match. When no single skill completes any posting, the step takes the skill that closes most of the remaining gap (sum over unmatched postings needing it of 1 / skills still missing there), then the one most postings require, then the smallest id.`,
      parameters: [
        q('field', { type: 'string' }, 'Job field id. Unknown → 400.', true),
        q('have', { type: 'string' }, 'Comma-separated skill ids you have (0..50). Unknown → 400.'),
        q('limit', { type: 'integer', minimum: 1, maximum: 20, default: 5 }, 'Steps (skills to suggest).'),
        P.status('open'),
        P.ifNoneMatch,
      ],
      responses: aggregate(ref('RecommendResponse')),
    },
  },
  '/api/v1/pipeline': {
    get: {
      operationId: 'pipeline',
      summary:
        'Topic end offsets, consumer lag per component, dead letters per stage, last crawl per board, LLM use today.',
      description: 'A section whose source cannot be read is null and `unavailable` says why.',
      responses: { '200': json(ref('PipelineResponse')), ...common },
    },
  },
  '/api/v1/admin/crawl': {
    post: {
      operationId: 'requestCrawl',
      summary: 'Crawl a board now: sends a crawl command (topic crawl.commands) that the producers scheduler runs.',
      security: [{ adminToken: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('CrawlRequest') } } },
      responses: { '202': json(ref('CrawlAccepted'), 'Accepted: the command was sent.'), ...common, ...admin401 },
    },
  },
  '/api/v1/admin/dlq/retry': {
    post: {
      operationId: 'retryDeadLetters',
      summary: 'Re-drive dead letters: send their original records back to the topic they came from.',
      description: 'Continues where the previous re-drive (with the same stage filter) stopped; bounded by max.',
      security: [{ adminToken: [] }],
      requestBody: { required: false, content: { 'application/json': { schema: ref('DlqRetryRequest') } } },
      responses: { '202': json(ref('DlqRetryResult'), 'Done: what was re-driven.'), ...common, ...admin401 },
    },
  },
  '/health': {
    get: {
      operationId: 'health',
      summary: 'Liveness: the process answers.',
      responses: { '200': json(ref('Health')) },
    },
  },
  '/ready': {
    get: {
      operationId: 'ready',
      summary: 'Readiness: MySQL and DynamoDB answer.',
      responses: { '200': json(ref('Ready')), '503': json(ref('Ready'), 'A dependency does not answer.') },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      summary: 'Prometheus metrics.',
      responses: {
        '200': { description: 'Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } },
      },
    },
  },
};

export const openapiDocument = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
  info: {
    title: 'techmap gateway',
    version: '1.0.0',
    description:
      'Which technologies do employers ask for, per job field? Every parameter is validated (400 names it and why); unknown ids in paths are 404; aggregates carry a weak ETag and Cache-Control (304 on If-None-Match); every response has an X-Request-Id header; clients are rate limited per IP (429 + Retry-After).',
  },
  servers: [{ url: '/' }],
  components: {
    schemas,
    securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'TECHMAP_ADMIN_TOKEN' } },
  },
  paths,
} as const;
