// Saramin (saramin.co.kr). Preferred: the official Open API (job-search, JSON, access key from config), whose
// listing carries whole postings (position.job-code.name holds duty and skill keywords). Without a key: the public
// HTML search page, parsed with cheerio; each div.item_recruit (exactly as received) is one raw record.
import { z } from 'zod';
import {
  commonBoardSettings,
  joinUrl,
  ParseError,
  parseJson,
  readEntries,
  requireArray,
  requireId,
  requireRecord,
  requireString,
  toMillis,
  withoutKeys,
  withQuery,
  type BoardAdapter,
  type ListPage,
  type PageRequest,
  type ParsedPosting,
  type PostingRef,
} from './adapter';
import { cleanText, exactOuterHtml, loadHtml } from './html';

const settings = commonBoardSettings.extend({
  accessKey: z.string().default('').describe('Saramin Open API access key (empty = use the HTML search page).'),
  jobMidCode: z.string().default('2').describe('job_mid_cd of the API (2 = IT개발·데이터).'),
  keywords: z.string().default('개발자').describe('Search words (API keywords / HTML searchword).'),
  pageSize: z.coerce.number().int().min(1).max(110).default(110),
});
export type SaraminSettings = z.output<typeof settings>;

/** Read and apply counters change all day long. */
const volatile = new Set(['read-cnt', 'apply-cnt']);
const htmlContentType = 'text/html; charset=utf-8';

function apiUrl(s: SaraminSettings, start: number): string {
  return withQuery(joinUrl(s.baseUrl, '/job-search'), {
    'access-key': s.accessKey,
    job_mid_cd: s.jobMidCode,
    keywords: s.keywords || undefined,
    count: s.pageSize,
    start,
    sort: 'pd',
    fields: 'posting-date,expiration-date,keyword-code,count',
  });
}

function apiRequest(s: SaraminSettings, start: number) {
  return { url: apiUrl(s, start), headers: { accept: 'application/json' }, cursor: { mode: 'api', start } };
}

function htmlUrl(s: SaraminSettings, page: number): string {
  return withQuery(joinUrl(s.humanBaseUrl, '/zf_user/search/recruit'), {
    searchword: s.keywords,
    recruitPage: page,
    recruitPageCount: 40,
    recruitSort: 'reg_dt',
  });
}

export function parseSaraminApiList(body: string, request: PageRequest, s: SaraminSettings): ListPage {
  const json = requireRecord(parseJson(body, 'saramin api'), 'saramin api');
  const jobs = requireRecord(json.jobs, 'jobs');
  const list = requireArray(jobs.job, 'jobs.job');
  const entries = readEntries(list, 'jobs.job', (job, at) => {
    const position = requireRecord(job.position, `${at}.position`);
    return {
      id: requireId(job.id, `${at}.id`),
      scope: request.scope,
      url: requireString(job.url, `${at}.url`),
      inline: { body: JSON.stringify(job), contentType: 'application/json' },
      postedAt: toMillis(job['posting-timestamp']),
      title: typeof position.title === 'string' ? position.title : undefined,
    };
  });
  const start = Number(request.cursor?.start ?? jobs.start ?? 0);
  const total = Number(jobs.total ?? 0);
  const next: PageRequest | null =
    list.length > 0 && (start + 1) * s.pageSize < total
      ? { ...apiRequest(s, start + 1), scope: request.scope, page: request.page + 1 }
      : null;
  return { ...entries, next };
}

export function parseSaraminHtmlList(html: string, request: PageRequest, s: SaraminSettings): ListPage {
  const $ = loadHtml(html);
  const items = $('div.item_recruit');
  if (items.length === 0) {
    // The end of the results still renders the list container; anything else is a layout we do not know.
    if ($('#recruit_info_list').length > 0 || $('.info_no_result').length > 0)
      return { refs: [], next: null, badEntries: [] };
    throw new ParseError('saramin search page: no div.item_recruit and no result container');
  }
  const refs: PostingRef[] = [];
  const badEntries: string[] = [];
  items.each((i, el) => {
    const item = $(el);
    const href = item.find('.area_job .job_tit a').attr('href') ?? '';
    const id = item.attr('value') ?? /rec_idx=(\d+)/.exec(href)?.[1];
    if (!id || !/^\d+$/.test(id)) {
      badEntries.push(`item_recruit[${i}] has no rec_idx`);
      return;
    }
    refs.push({
      id,
      scope: request.scope,
      url: joinUrl(s.humanBaseUrl, `/zf_user/jobs/view?rec_idx=${id}`),
      inline: { body: exactOuterHtml(html, el), contentType: htmlContentType },
      title: cleanText(item.find('.area_job .job_tit a').attr('title') ?? item.find('.area_job .job_tit').text()),
    });
  });
  const next: PageRequest = {
    url: htmlUrl(s, request.page + 1),
    scope: request.scope,
    page: request.page + 1,
    cursor: { mode: 'html' },
  };
  return { refs, next, badEntries };
}

export function parseSaraminPosting(body: string, ref: Pick<PostingRef, 'inline'>): ParsedPosting {
  if (ref.inline?.contentType.startsWith('text/html')) return parseSaraminHtmlItem(body);
  const job = requireRecord(parseJson(body, 'saramin job'), 'saramin job');
  requireId(job.id, 'id');
  const position = requireRecord(job.position, 'position');
  const title = requireString(position.title, 'position.title');
  return { content: withoutKeys(job, volatile), title, postedAt: toMillis(job['posting-timestamp']) };
}

/** One div.item_recruit of the search page → its visible fields (tracking ids like search_uuid left out). */
export function parseSaraminHtmlItem(html: string): ParsedPosting {
  const $ = loadHtml(html);
  const item = $('div.item_recruit').first();
  const title = cleanText(item.find('.area_job .job_tit a').attr('title') ?? item.find('.area_job .job_tit').text());
  if (!title) throw new ParseError('saramin item: no title');
  const company = cleanText(item.find('.area_corp .corp_name').text());
  if (!company) throw new ParseError('saramin item: no company');
  const conditions = item
    .find('.job_condition > span')
    .map((_, el) => cleanText($(el).text()))
    .get();
  const sectors = item
    .find('.job_sector a')
    .map((_, el) => cleanText($(el).text()))
    .get();
  const day = cleanText(item.find('.job_sector .job_day').text());
  const deadline = cleanText(item.find('.job_date .date').text());
  return { content: { title, company, conditions, sectors, day, deadline }, title, postedAt: null };
}

export const saraminAdapter: BoardAdapter<SaraminSettings> = {
  name: 'saramin',
  spec: {
    name: 'saramin',
    summary: 'Saramin (KR): official Open API job-search with an access key; HTML search page without one.',
    settings,
  },
  defaults: { baseUrl: 'https://oapi.saramin.co.kr', humanBaseUrl: 'https://www.saramin.co.kr' },
  listCarriesPostings: true,
  startRequests: (s) => [
    s.accessKey
      ? { ...apiRequest(s, 0), scope: 'saramin', page: 1 }
      : { url: htmlUrl(s, 1), scope: 'saramin', page: 1, cursor: { mode: 'html' } },
  ],
  parseListPage: (body, request, s) =>
    request.cursor?.mode === 'api' ? parseSaraminApiList(body, request, s) : parseSaraminHtmlList(body, request, s),
  parsePosting: parseSaraminPosting,
};
