// Wanted (wanted.co.kr): unofficial JSON. Listing: the "chaos" navigation API (paginated by links.next);
// detail: the v4 job API, which carries skill_tags (the board's own tech tags, a strong signal downstream).
import { z } from 'zod';
import {
  commonBoardSettings,
  joinUrl,
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
} from './adapter';

const settings = commonBoardSettings.extend({
  jobGroupId: z.coerce.number().int().default(518).describe('Job group to list (518 = development).'),
  pageSize: z.coerce.number().int().min(1).max(100).default(100),
  jobSort: z.string().default('job.latest_order'),
});
export type WantedSettings = z.output<typeof settings>;

/** Fields that change without the posting changing (bookmarks, likes, response stats). */
const volatile = new Set([
  'is_bookmark',
  'is_like',
  'like_count',
  'application_response_stats',
  'reward',
  'reward_total',
]);

const headers = { 'wanted-user-agent': 'user-web', 'wanted-user-country': 'KR', 'wanted-user-language': 'ko' };

export function parseWantedList(body: string, request: PageRequest, s: WantedSettings): ListPage {
  const json = requireRecord(parseJson(body, 'wanted list'), 'wanted list');
  const data = requireArray(json.data, 'data');
  const entries = readEntries(data, 'data', (e, at) => {
    const id = requireId(e.id, `${at}.id`);
    return {
      id,
      scope: request.scope,
      url: joinUrl(s.humanBaseUrl, `/wd/${id}`),
      detail: { url: joinUrl(s.baseUrl, `/api/v4/jobs/${id}`), headers },
      title: typeof e.position === 'string' ? e.position : undefined,
    };
  });
  const links = json.links && typeof json.links === 'object' ? (json.links as Record<string, unknown>) : {};
  const nextPath = typeof links.next === 'string' && links.next !== '' && data.length > 0 ? links.next : null;
  const next: PageRequest | null = nextPath
    ? { url: joinUrl(s.baseUrl, nextPath), headers, scope: request.scope, page: request.page + 1 }
    : null;
  return { ...entries, next };
}

export function parseWantedPosting(body: string): ParsedPosting {
  const json = requireRecord(parseJson(body, 'wanted job'), 'wanted job');
  const job = requireRecord(json.job, 'job');
  requireId(job.id, 'job.id');
  const title = requireString(job.position, 'job.position');
  requireRecord(job.detail, 'job.detail');
  requireRecord(job.company, 'job.company');
  return { content: withoutKeys(job, volatile), title, postedAt: toMillis(job.confirm_time ?? job.create_time) };
}

export const wantedAdapter: BoardAdapter<WantedSettings> = {
  name: 'wanted',
  spec: { name: 'wanted', summary: 'Wanted (KR): chaos navigation list + v4 job detail with skill_tags.', settings },
  defaults: { baseUrl: 'https://www.wanted.co.kr', humanBaseUrl: 'https://www.wanted.co.kr' },
  listCarriesPostings: false,
  startRequests: (s) => [
    {
      url: withQuery(joinUrl(s.baseUrl, '/api/chaos/navigation/v1/results'), {
        job_group_id: s.jobGroupId,
        country: 'kr',
        job_sort: s.jobSort,
        years: -1,
        locations: 'all',
        limit: s.pageSize,
        offset: 0,
      }),
      headers,
      scope: 'wanted',
      page: 1,
    },
  ],
  parseListPage: parseWantedList,
  parsePosting: (body) => parseWantedPosting(body),
};
