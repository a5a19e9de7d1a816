// RemoteOK: GET /api returns a JSON array whose element [0] is the legal notice (skipped); every other element is a
// whole posting. Terms: credit Remote OK as the source and link directly to the posting (url is the direct link).
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
  withQuery,
  type BoardAdapter,
  type ListPage,
  type PageRequest,
  type ParsedPosting,
} from './adapter';

const settings = commonBoardSettings.extend({
  tag: z.string().default('').describe('Optional tag filter (?tag=), e.g. "dev".'),
});
export type RemoteOkSettings = z.output<typeof settings>;

/** Attribution the RemoteOK API terms ask for; shown wherever its postings are shown. */
export const remoteOkCredit = 'Jobs from Remote OK (https://remoteok.com)';

export function parseRemoteOkList(body: string, request: PageRequest): ListPage {
  const items = requireArray(parseJson(body, 'remoteok api'), 'remoteok api');
  const entries = readEntries(items, 'api', (job, at) =>
    'legal' in job && !('position' in job)
      ? null // element [0]: the legal notice
      : {
          id: requireId(job.id, `${at}.id`),
          scope: request.scope,
          url: requireString(job.url, `${at}.url`),
          inline: { body: JSON.stringify(job), contentType: 'application/json' },
          postedAt: toMillis(job.epoch ?? job.date),
          title: typeof job.position === 'string' ? job.position : undefined,
        },
  );
  return { ...entries, next: null };
}

export function parseRemoteOkPosting(body: string): ParsedPosting {
  const job = requireRecord(parseJson(body, 'remoteok job'), 'remoteok job');
  requireId(job.id, 'id');
  const title = requireString(job.position, 'position');
  requireString(job.company, 'company');
  return { content: job, title, postedAt: toMillis(job.epoch ?? job.date) };
}

export const remoteOkAdapter: BoardAdapter<RemoteOkSettings> = {
  name: 'remoteok',
  spec: { name: 'remoteok', summary: `RemoteOK /api (legal notice skipped). ${remoteOkCredit}.`, settings },
  defaults: { baseUrl: 'https://remoteok.com', humanBaseUrl: 'https://remoteok.com' },
  listCarriesPostings: true,
  startRequests: (s) => [
    { url: withQuery(joinUrl(s.baseUrl, '/api'), { tag: s.tag || undefined }), scope: 'remoteok', page: 1 },
  ],
  parseListPage: (body, request) => parseRemoteOkList(body, request),
  parsePosting: (body) => parseRemoteOkPosting(body),
};
