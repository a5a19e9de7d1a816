// Programmers career (career.programmers.co.kr): unofficial JSON. Listing /api/job_positions?page=N (totalPages),
// detail /api/job_positions/{id}. technicalTags are the board's own tech tags.
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
} from './adapter';

const settings = commonBoardSettings.extend({
  jobCategoryIds: commaList('job_category_ids[] filter, comma separated (empty = all).'),
});
export type ProgrammersSettings = z.output<typeof settings>;

const volatile = new Set(['personalized', 'isAppliable', 'taggings_count', 'averageResponseTime', 'tagManager']);

function pageUrl(s: ProgrammersSettings, page: number): string {
  return withQuery(joinUrl(s.baseUrl, '/api/job_positions'), {
    page,
    order: 'recent',
    'job_category_ids[]': s.jobCategoryIds.length > 0 ? s.jobCategoryIds : undefined,
  });
}

export function parseProgrammersList(body: string, request: PageRequest, s: ProgrammersSettings): ListPage {
  const json = requireRecord(parseJson(body, 'programmers list'), 'programmers list');
  const positions = requireArray(json.jobPositions, 'jobPositions');
  const totalPages = typeof json.totalPages === 'number' ? json.totalPages : 0;
  const entries = readEntries(positions, 'jobPositions', (p, at) => {
    const id = requireId(p.id, `${at}.id`);
    return {
      id,
      scope: request.scope,
      url: joinUrl(s.humanBaseUrl, `/job_positions/${id}`),
      detail: { url: joinUrl(s.baseUrl, `/api/job_positions/${id}`) },
      postedAt: toMillis(p.updatedAt ?? p.createdAt),
      title: typeof p.title === 'string' ? p.title : undefined,
    };
  });
  const next: PageRequest | null =
    positions.length > 0 && request.page < totalPages
      ? { url: pageUrl(s, request.page + 1), scope: request.scope, page: request.page + 1 }
      : null;
  return { ...entries, next };
}

export function parseProgrammersPosting(body: string): ParsedPosting {
  const json = requireRecord(parseJson(body, 'programmers job position'), 'programmers job position');
  const p = requireRecord(json.jobPosition, 'jobPosition');
  requireId(p.id, 'jobPosition.id');
  const title = requireString(p.title, 'jobPosition.title');
  requireArray(p.technicalTags, 'jobPosition.technicalTags');
  return { content: withoutKeys(p, volatile), title, postedAt: toMillis(p.updatedAt ?? p.createdAt) };
}

export const programmersAdapter: BoardAdapter<ProgrammersSettings> = {
  name: 'programmers',
  spec: {
    name: 'programmers',
    summary: 'Programmers career (KR): job_positions list + detail with technicalTags.',
    settings,
  },
  defaults: { baseUrl: 'https://career.programmers.co.kr', humanBaseUrl: 'https://career.programmers.co.kr' },
  listCarriesPostings: false,
  startRequests: (s) => [{ url: pageUrl(s, 1), scope: 'programmers', page: 1 }],
  parseListPage: parseProgrammersList,
  parsePosting: (body) => parseProgrammersPosting(body),
};
