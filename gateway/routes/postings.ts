// GET /api/v1/postings (search, cursor pages), /api/v1/postings/export (CSV/JSON), /api/v1/postings/{id}.
import type Router from '@koa/router';
import { z } from 'zod';
import type { GatewayState, RouteDeps } from '../context';
import { sendCsv, sendJsonDownload, toCsv } from '../csv';
import { decodeCursor, encodeCursor, SORTS, type Cursor, type Sort } from '../cursor';
import { BadRequestError, NotFoundError } from '../http-errors';
import { noStore } from '../middleware/cache';
import { inputOf, validate } from '../middleware/validate';
import { boardId, COMPANY_ID, fieldId, formatParam, idList, intParam, regionParam, skillId } from '../params';
import { getGoldDocument } from '../queries/documents';
import type { PostingFilter } from '../queries/filters';
import { findPosting, searchPostings, type PostingSummary } from '../queries/postings';
import { fieldFromQuery, skillsFromQuery } from '../resolve';

const experienceParam = z.string().transform((s, ctx): number | 'newcomer' => {
  const v = s.trim().toLowerCase();
  if (v === 'newcomer' || v === 'entry' || v === '신입') return 'newcomer';
  if (/^\d{1,2}$/.test(v) && Number(v) <= 40) return Number(v);
  ctx.addIssue({ code: 'custom', message: "must be years of experience 0..40 or 'newcomer'" });
  return z.NEVER;
});

const filterParams = {
  field: fieldId.optional(),
  skill: idList(skillId, 1, 10, 'skills').optional(),
  company: z.string().regex(COMPANY_ID, 'must be a company id').optional(),
  q: z.string().trim().min(1).max(100).optional(),
  experience: experienceParam.optional(),
  region: regionParam.optional(),
  board: boardId.optional(),
  status: z.enum(['open', 'closed', 'all'], { message: 'must be open, closed or all' }).optional(),
  closing_within: intParam(1, 365).optional(),
  sort: z.enum(SORTS, { message: `must be ${SORTS.join(' or ')}` }).optional(),
};

interface FilterInput {
  field?: string;
  skill?: string[];
  company?: string;
  q?: string;
  experience?: number | 'newcomer';
  region?: string;
  board?: string;
  status?: 'open' | 'closed' | 'all';
  closing_within?: number;
  sort?: Sort;
}

async function toFilter(deps: RouteDeps, q: FilterInput): Promise<PostingFilter> {
  if (q.field) await fieldFromQuery(deps, q.field);
  if (q.skill) await skillsFromQuery(deps, q.skill, 'skill');
  return {
    field: q.field,
    skills: q.skill,
    company: q.company,
    q: q.q,
    experience: q.experience,
    region: q.region,
    board: q.board,
    status: q.status ?? 'open',
    closingWithinDays: q.closing_within,
  };
}

export function register(router: Router<GatewayState>, deps: RouteDeps): void {
  router.get(
    '/api/v1/postings',
    validate({
      query: z.strictObject({
        ...filterParams,
        cursor: z.string().min(1).max(1024).optional(),
        limit: intParam(1, 100).optional(),
      }),
    }),
    noStore(),
    async (ctx) => {
      const { query } = inputOf<unknown, FilterInput & { cursor?: string; limit?: number }>(ctx);
      const sort = query.sort ?? 'recent';
      let cursor: Cursor | undefined;
      if (query.cursor) {
        const c = decodeCursor(query.cursor);
        if ('error' in c) throw new BadRequestError({ parameter: 'cursor', message: c.error });
        if (c.sort !== sort) {
          throw new BadRequestError({ parameter: 'cursor', message: `belongs to sort=${c.sort}; keep the same sort` });
        }
        cursor = c;
      }
      const filter = await toFilter(deps, query);
      const page = await searchPostings(deps.db, deps.catalog, {
        filter,
        sort,
        cursor,
        limit: query.limit ?? 20,
        withTotal: !cursor,
      });
      ctx.body = {
        items: page.items,
        nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
        total: page.total,
        sort,
      };
    },
  );

  router.get(
    '/api/v1/postings/export',
    validate({
      query: z.strictObject({
        ...filterParams,
        limit: intParam(1, deps.settings.maxExportRows).optional(),
        format: formatParam.optional(),
      }),
    }),
    noStore(),
    async (ctx) => {
      const { query } = inputOf<unknown, FilterInput & { limit?: number; format?: 'csv' | 'json' }>(ctx);
      const filter = await toFilter(deps, query);
      const page = await searchPostings(deps.db, deps.catalog, {
        filter,
        sort: query.sort ?? 'recent',
        limit: query.limit ?? Math.min(1000, deps.settings.maxExportRows),
        withTotal: false,
      });
      const name = `techmap-postings-${new Date().toISOString().slice(0, 10)}`;
      if (query.format === 'json') sendJsonDownload(ctx, `${name}.json`, { items: page.items });
      else sendCsv(ctx, `${name}.csv`, postingsCsv(page.items));
    },
  );

  router.get(
    '/api/v1/postings/:id',
    validate({
      params: z.object({
        id: z
          .string()
          .min(3)
          .max(191)
          .refine((s) => !/\s/.test(s) && ![...s].some((c) => c.charCodeAt(0) < 0x20), 'must be a posting id'),
      }),
    }),
    noStore(),
    async (ctx) => {
      const { params } = inputOf<{ id: string }>(ctx);
      const posting = await findPosting(deps.db, deps.catalog, params.id);
      if (!posting) throw new NotFoundError(`no posting '${params.id}'`);
      // The document adds evidence spans; when DynamoDB is away the posting is still served from MySQL.
      let doc: Awaited<ReturnType<typeof getGoldDocument>>;
      let docError: string | null = null;
      try {
        doc = await getGoldDocument(deps.dynamo, deps.config.dynamoTable, posting.documentKey);
      } catch (err) {
        ctx.state.log.warn({ err, postingId: posting.id }, 'DynamoDB document not readable');
        docError = 'the document store did not answer; evidence spans are missing';
      }
      const { documentKey: _key, ...rest } = posting;
      const bySkill = new Map(doc?.skills.map((s) => [s.id, s]) ?? []);
      ctx.body = {
        ...rest,
        sections: doc?.sections ?? posting.sections,
        skills: posting.skills.map((s) => ({
          ...s,
          methods: bySkill.get(s.id)?.methods ?? [],
          evidence: bySkill.get(s.id)?.evidence ?? [],
        })),
        document: {
          available: doc !== undefined,
          version: doc?.version ?? null,
          reason: doc ? null : (docError ?? 'no gold document stored for this posting yet'),
        },
      };
    },
  );
}

function postingsCsv(items: PostingSummary[]): string {
  return toCsv(
    [
      'id',
      'title',
      'company_id',
      'company',
      'field',
      'seniority',
      'experience_min',
      'experience_max',
      'city',
      'region',
      'country',
      'remote',
      'status',
      'posted_at',
      'deadline',
      'required_skills',
      'other_skills',
      'boards',
      'urls',
    ],
    items.map((p) => [
      p.id,
      p.title,
      p.company.id,
      p.company.name,
      p.field?.id,
      p.seniority,
      p.experience.minYears,
      p.experience.maxYears,
      p.location.city,
      p.location.region,
      p.location.country,
      p.location.remote,
      p.status,
      p.postedAt,
      p.deadline,
      p.skills
        .filter((s) => s.requirement === 'REQUIRED')
        .map((s) => s.id)
        .join(';'),
      p.skills
        .filter((s) => s.requirement !== 'REQUIRED')
        .map((s) => s.id)
        .join(';'),
      p.sources.map((s) => s.board).join(';'),
      p.sources.map((s) => s.url).join(' '),
    ]),
  );
}
