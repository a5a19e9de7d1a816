// Hacker News "Who is hiring?" through the official Firebase API: user/whoishiring → the newest story whose title
// says "Who is hiring?" → its top-level kids, one comment per posting. The 'Company | Role | Location' header is
// parsed downstream (refine); here a comment is one raw record, its item JSON exactly as received.
import { z } from 'zod';
import {
  commonBoardSettings,
  joinUrl,
  ParseError,
  parseJson,
  requireArray,
  requireId,
  requireRecord,
  toMillis,
  withoutKeys,
  type BoardAdapter,
  type ListPage,
  type PageRequest,
  type ParsedPosting,
  type PostingRef,
} from './adapter';

const settings = commonBoardSettings.extend({
  storyId: z.string().default('').describe('Crawl this story instead of the newest "Who is hiring?" (empty = newest).'),
  storiesToScan: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(6)
    .describe("How many of whoishiring's newest submissions to scan."),
});
export type HackerNewsSettings = z.output<typeof settings>;

const scope = 'whoishiring';
/** Replies and scores change while the thread lives; the posting is the comment text. */
const volatile = new Set(['kids', 'descendants', 'score']);

function itemRequest(
  s: HackerNewsSettings,
  id: string | number,
  page: number,
  candidates: Array<string | number>,
): PageRequest {
  return {
    url: joinUrl(s.baseUrl, `/v0/item/${id}.json`),
    scope,
    page,
    cursor: { stage: 'story', candidates },
  };
}

export function parseHackerNewsList(body: string, request: PageRequest, s: HackerNewsSettings): ListPage {
  const json = requireRecord(parseJson(body, 'hacker news'), 'hacker news item');
  if (request.cursor?.stage === 'user') {
    const submitted = requireArray(json.submitted, 'submitted').slice(0, s.storiesToScan);
    if (submitted.length === 0) throw new ParseError('whoishiring has no submissions');
    const [first, ...rest] = submitted.map((id, i) => requireId(id, `submitted[${i}]`));
    return { refs: [], next: itemRequest(s, first!, request.page + 1, rest), badEntries: [] };
  }
  const candidates = Array.isArray(request.cursor?.candidates) ? request.cursor.candidates : [];
  const isHiring = json.type === 'story' && typeof json.title === 'string' && /who is hiring\?/i.test(json.title);
  if (!isHiring) {
    const [nextId, ...rest] = candidates;
    if (nextId === undefined) throw new ParseError('no "Who is hiring?" story among the newest submissions');
    return { refs: [], next: itemRequest(s, nextId, request.page + 1, rest), badEntries: [] };
  }
  const kids = Array.isArray(json.kids) ? json.kids : [];
  // Kids are bare ids, not objects: each is checked on its own, an unreadable one is a bad entry.
  const badEntries: string[] = [];
  const refs: PostingRef[] = [];
  kids.forEach((kid, i) => {
    if (typeof kid !== 'number' && typeof kid !== 'string') return void badEntries.push(`kids[${i}] is not an id`);
    const id = String(kid);
    refs.push({
      id,
      scope,
      url: joinUrl(s.humanBaseUrl, `/item?id=${id}`),
      detail: { url: joinUrl(s.baseUrl, `/v0/item/${id}.json`) },
    });
  });
  return { refs, next: null, badEntries };
}

/** The first line of a comment's HTML text, as plain text (the 'Company | Role | Location' header). */
export function hackerNewsHeader(html: string): string {
  const firstBlock = html.split(/<p>/i)[0] ?? '';
  return firstBlock
    .replace(/<[^>]+>/g, '')
    .replace(/&#x2F;/g, '/')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}

export function parseHackerNewsPosting(body: string): ParsedPosting {
  const item = parseJson(body, 'hacker news comment');
  // A deleted item answers JSON null or {deleted:true}; a flagged one {dead:true}: gone from the thread.
  if (item === null) return { content: null, title: '', postedAt: null, gone: true };
  const c = requireRecord(item, 'hacker news comment');
  requireId(c.id, 'id');
  if (c.deleted === true || c.dead === true) return { content: null, title: '', postedAt: null, gone: true };
  if (c.type !== 'comment' || typeof c.text !== 'string') throw new ParseError('item is not a comment with text');
  return { content: withoutKeys(c, volatile), title: hackerNewsHeader(c.text), postedAt: toMillis(c.time) };
}

export const hackerNewsAdapter: BoardAdapter<HackerNewsSettings> = {
  name: 'hackernews',
  spec: {
    name: 'hackernews',
    summary: 'Hacker News "Who is hiring?": Firebase API, whoishiring → newest story → top-level comments.',
    settings,
  },
  defaults: { baseUrl: 'https://hacker-news.firebaseio.com', humanBaseUrl: 'https://news.ycombinator.com' },
  listCarriesPostings: false,
  startRequests: (s) =>
    s.storyId
      ? [itemRequest(s, s.storyId, 1, [])]
      : [{ url: joinUrl(s.baseUrl, '/v0/user/whoishiring.json'), scope, page: 1, cursor: { stage: 'user' } }],
  parseListPage: parseHackerNewsList,
  parsePosting: (body) => parseHackerNewsPosting(body),
};
