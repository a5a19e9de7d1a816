// Jumpit (jumpit.saramin.co.kr): unofficial JSON. Listing /api/positions (page by page), detail /api/position/{id}
// (singular). The listing's techStacks (plain strings) and jobCategory are kept as listEntry beside the detail.
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
  withQuery,
  type BoardAdapter,
  type ListPage,
  type PageRequest,
  type ParsedPosting,
  type PostingRef,
} from './adapter';

const settings = commonBoardSettings.extend({
  sort: z.enum(['reg_dt', 'rsp_rate', 'popular']).default('reg_dt'),
  jobCategories: commaList('jobCategory ids to list, comma separated (empty = all).'),
});
export type JumpitSettings = z.output<typeof settings>;

/** Counters and per-user flags that change with every visit. */
const volatile = new Set(['viewCount', 'scrapCount', 'scraped', 'scrap', 'applied', 'follow', 'celebration']);

export function parseJumpitList(body: string, request: PageRequest, s: JumpitSettings): ListPage {
  const json = requireRecord(parseJson(body, 'jumpit list'), 'jumpit list');
  const result = requireRecord(json.result, 'result');
  const positions = requireArray(result.positions, 'result.positions');
  const total = typeof result.totalCount === 'number' ? result.totalCount : 0;
  const entries = readEntries(positions, 'positions', (p, at) => {
    const id = requireId(p.id, `${at}.id`);
    return {
      id,
      scope: request.scope,
      url: joinUrl(s.humanBaseUrl, `/position/${id}`),
      detail: { url: joinUrl(s.baseUrl, `/api/position/${id}`) },
      listEntry: JSON.stringify(p),
      title: typeof p.title === 'string' ? p.title : undefined,
    };
  });
  const seen = Number(request.cursor?.seen ?? 0) + positions.length;
  const next: PageRequest | null =
    positions.length > 0 && seen < total
      ? {
          url: pageUrl(s, request.page + 1),
          scope: request.scope,
          page: request.page + 1,
          cursor: { seen },
        }
      : null;
  return { ...entries, next };
}

export function parseJumpitPosting(body: string, ref?: Pick<PostingRef, 'listEntry'>): ParsedPosting {
  const json = requireRecord(parseJson(body, 'jumpit position'), 'jumpit position');
  const r = requireRecord(json.result, 'result');
  requireId(r.id, 'result.id');
  const title = requireString(r.title, 'result.title');
  requireArray(r.techStacks, 'result.techStacks');
  const listEntry = ref?.listEntry ? withoutKeys(JSON.parse(ref.listEntry), volatile) : null;
  return { content: { detail: withoutKeys(r, volatile), listEntry }, title, postedAt: toMillis(r.publishedAt) };
}

function pageUrl(s: JumpitSettings, page: number): string {
  return withQuery(joinUrl(s.baseUrl, '/api/positions'), {
    page,
    sort: s.sort,
    jobCategory: s.jobCategories.length > 0 ? s.jobCategories : undefined,
  });
}

export const jumpitAdapter: BoardAdapter<JumpitSettings> = {
  name: 'jumpit',
  spec: {
    name: 'jumpit',
    summary: 'Jumpit (KR): /api/positions list + /api/position/{id} detail with techStacks.',
    settings,
  },
  defaults: { baseUrl: 'https://jumpit-api.saramin.co.kr', humanBaseUrl: 'https://jumpit.saramin.co.kr' },
  listCarriesPostings: false,
  startRequests: (s) => [{ url: pageUrl(s, 1), scope: 'jumpit', page: 1, cursor: { seen: 0 } }],
  parseListPage: parseJumpitList,
  parsePosting: parseJumpitPosting,
};
