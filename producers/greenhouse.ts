// Greenhouse job-board API (public, no auth): GET /v1/boards/{token}/jobs?content=true returns every job with its
// HTML content, so the listing carries whole postings: each job element is one raw record (id '<token>/<job id>').
import { z } from 'zod';
import {
  commaList,
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
  type BoardAdapter,
  type ListPage,
  type PageRequest,
  type ParsedPosting,
} from './adapter';

const settings = commonBoardSettings.extend({
  boardTokens: commaList(
    "Board tokens to crawl, comma separated (a company's token, as in boards.greenhouse.io/<token>).",
  ),
});
export type GreenhouseSettings = z.output<typeof settings>;

/** updated_at moves on any touch of the job, content or not; the content itself is compared instead. */
const volatile = new Set(['updated_at']);

export function parseGreenhouseList(body: string, request: PageRequest): ListPage {
  const json = requireRecord(parseJson(body, 'greenhouse jobs'), 'greenhouse jobs');
  const jobs = requireArray(json.jobs, 'jobs');
  const token = request.scope;
  const entries = readEntries(jobs, 'jobs', (job, at) => ({
    id: `${token}/${requireId(job.id, `${at}.id`)}`,
    scope: token,
    url: requireString(job.absolute_url, `${at}.absolute_url`),
    inline: { body: JSON.stringify(job), contentType: 'application/json' },
    postedAt: toMillis(job.updated_at ?? job.first_published),
    title: typeof job.title === 'string' ? job.title : undefined,
  }));
  return { ...entries, next: null };
}

export function parseGreenhousePosting(body: string): ParsedPosting {
  const job = requireRecord(parseJson(body, 'greenhouse job'), 'greenhouse job');
  requireId(job.id, 'id');
  const title = requireString(job.title, 'title');
  requireString(job.content, 'content');
  return { content: withoutKeys(job, volatile), title, postedAt: toMillis(job.first_published ?? job.updated_at) };
}

export const greenhouseAdapter: BoardAdapter<GreenhouseSettings> = {
  name: 'greenhouse',
  spec: {
    name: 'greenhouse',
    summary: 'Greenhouse job-board API: /v1/boards/{token}/jobs?content=true, one scope per board token.',
    settings,
  },
  defaults: { baseUrl: 'https://boards-api.greenhouse.io', humanBaseUrl: 'https://job-boards.greenhouse.io' },
  listCarriesPostings: true,
  startRequests: (s) =>
    s.boardTokens.map((token) => ({
      url: joinUrl(s.baseUrl, `/v1/boards/${encodeURIComponent(token)}/jobs?content=true`),
      scope: token,
      page: 1,
    })),
  parseListPage: (body, request) => parseGreenhouseList(body, request),
  parsePosting: (body) => parseGreenhousePosting(body),
};
