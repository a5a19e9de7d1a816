// GET /api/v1/companies/{id}: a company, its fields and its stack (skills its postings ask for), with recent postings.
import type Router from '@koa/router';
import { z } from 'zod';
import type { GatewayState, RouteDeps } from '../context';
import { NotFoundError } from '../http-errors';
import { cacheable } from '../middleware/cache';
import { inputOf, validate } from '../middleware/validate';
import { COMPANY_ID, intParam } from '../params';
import { findCompany } from '../queries/companies';
import { searchPostings } from '../queries/postings';

export function register(router: Router<GatewayState>, deps: RouteDeps): void {
  router.get(
    '/api/v1/companies/:id',
    validate({
      params: z.object({ id: z.string().regex(COMPANY_ID, 'must be a company id') }),
      query: z.strictObject({ limit: intParam(1, 100).optional() }),
    }),
    cacheable(deps.settings.cacheMaxAgeSeconds),
    async (ctx) => {
      const { params, query } = inputOf<{ id: string }, { limit?: number }>(ctx);
      const stack = await findCompany(deps.db, deps.catalog, params.id, query.limit ?? 30);
      if (!stack) throw new NotFoundError(`no company '${params.id}'`);
      const recent = await searchPostings(deps.db, deps.catalog, {
        filter: { company: params.id, status: 'all' },
        sort: 'recent',
        limit: 10,
        withTotal: false,
      });
      ctx.body = { ...stack, recentPostings: recent.items };
    },
  );
}
