// JobKorea (jobkorea.co.kr): no public API, so HTML with cheerio. Listing: the recruit list table, one
// tr.devloopArea[data-gno] per posting (the row's visible fields are kept as listEntry); detail: /Recruit/GI_Read/{id}.
// Layouts churn: an unknown layout is a parse error (counted), never an empty listing.
import { z } from 'zod';
import {
  commonBoardSettings,
  joinUrl,
  ParseError,
  withQuery,
  type BoardAdapter,
  type ListPage,
  type PageRequest,
  type ParsedPosting,
  type PostingRef,
} from './adapter';
import { cleanText, loadHtml } from './html';

const settings = commonBoardSettings.extend({
  listPath: z.string().default('/recruit/joblist').describe('Path of the recruit list page.'),
  duty: z.string().default('1000229,1000230,1000231').describe('Duty codes (IT development), comma separated.'),
});
export type JobKoreaSettings = z.output<typeof settings>;

function listUrl(s: JobKoreaSettings, page: number): string {
  return withQuery(joinUrl(s.baseUrl, s.listPath), { menucode: 'duty', duty: s.duty, page });
}

export function parseJobKoreaList(html: string, request: PageRequest, s: JobKoreaSettings): ListPage {
  const $ = loadHtml(html);
  const rows = $('tr.devloopArea[data-gno]');
  if (rows.length === 0) {
    if ($('.tplJobList, #dev-gi-list, .list-empty').length > 0) return { refs: [], next: null, badEntries: [] };
    throw new ParseError('jobkorea list: no tr.devloopArea rows and no list container');
  }
  const refs: PostingRef[] = [];
  const badEntries: string[] = [];
  rows.each((i, el) => {
    const row = $(el);
    const id = row.attr('data-gno') ?? '';
    const title = cleanText(row.find('td.tplTit .titBx strong a').attr('title') ?? row.find('td.tplTit strong').text());
    if (!/^\d+$/.test(id) || !title) {
      badEntries.push(`row ${i}: no data-gno or title`);
      return;
    }
    const entry = {
      gno: id,
      title,
      company: cleanText(row.find('td.tplCo > a').first().text()),
      conditions: row
        .find('td.tplTit p.etc span.cell')
        .map((_, c) => cleanText($(c).text()))
        .get()
        .filter(Boolean),
      keywords: cleanText(row.find('td.tplTit p.dsc').text()),
      deadline: cleanText(row.find('td.odd .date').text()),
    };
    refs.push({
      id,
      scope: request.scope,
      url: joinUrl(s.humanBaseUrl, `/Recruit/GI_Read/${id}`),
      detail: { url: joinUrl(s.baseUrl, `/Recruit/GI_Read/${id}`) },
      listEntry: JSON.stringify(entry),
      title,
    });
  });
  const next: PageRequest = { url: listUrl(s, request.page + 1), scope: request.scope, page: request.page + 1 };
  return { refs, next, badEntries };
}

/** GI_Read page → title, company, meta summary, the label/value summary and the description text. */
export function parseJobKoreaPosting(html: string, ref?: Pick<PostingRef, 'listEntry'>): ParsedPosting {
  const $ = loadHtml(html);
  // The heading holds the company name (span.coName) and then the title.
  const heading = $('.tit_job, h3.hd_3').first().clone();
  heading.find('.coName').remove();
  const ogTitle = cleanText($('meta[property="og:title"]').attr('content')).replace(/\s*-\s*[^-]*\|\s*잡코리아$/, '');
  const title = cleanText(heading.text()) || ogTitle;
  if (!title) throw new ParseError('jobkorea GI_Read: no title');
  const company = cleanText($('.coName, .co_name').first().text());
  const summary: Record<string, string> = {};
  $('dl.tbList dt').each((_, dt) => {
    const label = cleanText($(dt).text());
    const value = cleanText($(dt).next('dd').text());
    if (label) summary[label] = value;
  });
  const detail = cleanText($('#dev-gi-detail, .artReadDetail, .detailed-summary-contents').first().text());
  if (!detail && Object.keys(summary).length === 0) throw new ParseError('jobkorea GI_Read: no summary and no detail');
  const listEntry = ref?.listEntry ? (JSON.parse(ref.listEntry) as Record<string, unknown>) : null;
  // The list's deadline text ("~10/26(월)") is kept; its "N분 전 등록" age is not in the entry at all.
  const content = {
    title,
    company,
    description: cleanText($('meta[name="description"]').attr('content')),
    keywords: cleanText($('meta[name="keywords"]').attr('content')),
    summary,
    detail,
    listEntry,
  };
  return { content, title, postedAt: null };
}

export const jobKoreaAdapter: BoardAdapter<JobKoreaSettings> = {
  name: 'jobkorea',
  spec: {
    name: 'jobkorea',
    summary: 'JobKorea (KR): recruit list HTML + GI_Read detail HTML, parsed with cheerio.',
    settings,
  },
  defaults: { baseUrl: 'https://www.jobkorea.co.kr', humanBaseUrl: 'https://www.jobkorea.co.kr' },
  listCarriesPostings: false,
  startRequests: (s) => [{ url: listUrl(s, 1), scope: 'jobkorea', page: 1 }],
  parseListPage: parseJobKoreaList,
  parsePosting: parseJobKoreaPosting,
};
