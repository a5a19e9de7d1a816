// Lever postings API (public): GET /v0/postings/{site}?mode=json&skip=&limit= returns whole postings,
// so each element is one raw record (id '<site>/<posting id>'). Pages by skip/limit until a short page.
import { z } from 'zod';
import {
  commaList,
  commonBoardSettings,
  isRecord,
  joinUrl,
  ParseError,
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
  sites: commaList('Lever sites (company names as in jobs.lever.co/<site>), comma separated.'),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type LeverSettings = z.output<typeof settings>;

function pageUrl(s: LeverSettings, site: string, skip: number): string {
  return withQuery(joinUrl(s.baseUrl, `/v0/postings/${encodeURIComponent(site)}`), {
    mode: 'json',
    skip,
    limit: s.pageSize,
  });
}

export function parseLeverList(body: string, request: PageRequest, s: LeverSettings): ListPage {
  const json = parseJson(body, 'lever postings');
  if (isRecord(json) && json.ok === false) {
    throw new ParseError(`lever answered an error: ${String(json.error)}`);
  }
  const postings = requireArray(json, 'postings');
  const site = request.scope;
  const entries = readEntries(postings, 'postings', (p, at) => ({
    id: `${site}/${requireId(p.id, `${at}.id`)}`,
    scope: site,
    url: requireString(p.hostedUrl, `${at}.hostedUrl`),
    inline: { body: JSON.stringify(p), contentType: 'application/json' },
    postedAt: toMillis(p.createdAt),
    title: typeof p.text === 'string' ? p.text : undefined,
  }));
  const skip = Number(request.cursor?.skip ?? 0) + postings.length;
  const next: PageRequest | null =
    postings.length >= s.pageSize
      ? { url: pageUrl(s, site, skip), scope: site, page: request.page + 1, cursor: { skip } }
      : null;
  return { ...entries, next };
}

export function parseLeverPosting(body: string): ParsedPosting {
  const p = requireRecord(parseJson(body, 'lever posting'), 'lever posting');
  requireId(p.id, 'id');
  const title = requireString(p.text, 'text');
  if (typeof p.description !== 'string' && typeof p.descriptionPlain !== 'string') {
    requireString(p.descriptionPlain, 'descriptionPlain');
  }
  return { content: p, title, postedAt: toMillis(p.createdAt) };
}

export const leverAdapter: BoardAdapter<LeverSettings> = {
  name: 'lever',
  spec: { name: 'lever', summary: 'Lever postings API: /v0/postings/{site}?mode=json, one scope per site.', settings },
  defaults: { baseUrl: 'https://api.lever.co', humanBaseUrl: 'https://jobs.lever.co' },
  listCarriesPostings: true,
  startRequests: (s) =>
    s.sites.map((site) => ({ url: pageUrl(s, site, 0), scope: site, page: 1, cursor: { skip: 0 } })),
  parseListPage: parseLeverList,
  parsePosting: (body) => parseLeverPosting(body),
};
