// GET /api/v1/skills/{skill}/trend and GET /api/v1/skills/{skill}/related.
import type Router from '@koa/router';
import { z } from 'zod';
import type { GatewayState, RouteDeps } from '../context';
import { cacheable } from '../middleware/cache';
import { inputOf, validate } from '../middleware/validate';
import { fieldId, intParam, skillId, statusParam } from '../params';
import { related, trend } from '../queries/skills';
import { fieldFromQuery, skillFromPath } from '../resolve';

const skillPath = z.object({ skill: skillId });

export function register(router: Router<GatewayState>, deps: RouteDeps): void {
  const cache = cacheable(deps.settings.cacheMaxAgeSeconds);

  router.get(
    '/api/v1/skills/:skill/trend',
    validate({
      params: skillPath,
      query: z.strictObject({
        field: fieldId.optional(),
        weeks: intParam(1, 260).optional(),
        status: statusParam.optional(),
      }),
    }),
    cache,
    async (ctx) => {
      const { params, query } = inputOf<{ skill: string }, { field?: string; weeks?: number; status?: 'open' | 'all' }>(
        ctx,
      );
      const [skill, field] = await Promise.all([
        skillFromPath(deps, params.skill),
        query.field ? fieldFromQuery(deps, query.field) : Promise.resolve(undefined),
      ]);
      const status = query.status ?? 'all';
      const t = await trend(
        deps.db,
        { skill: skill.id, field: field?.id, weeks: query.weeks ?? 26, status },
        deps.newestWeek,
      );
      ctx.body = { skill, field: field ?? null, status, from: t.from, to: t.to, weeks: t.weeks };
    },
  );

  router.get(
    '/api/v1/skills/:skill/related',
    validate({
      params: skillPath,
      query: z.strictObject({
        field: fieldId.optional(),
        limit: intParam(1, 100).optional(),
        status: statusParam.optional(),
      }),
    }),
    cache,
    async (ctx) => {
      const { params, query } = inputOf<{ skill: string }, { field?: string; limit?: number; status?: 'open' | 'all' }>(
        ctx,
      );
      const [skill, field] = await Promise.all([
        skillFromPath(deps, params.skill),
        query.field ? fieldFromQuery(deps, query.field) : Promise.resolve(undefined),
      ]);
      const status = query.status ?? 'all';
      const r = await related(deps.db, deps.catalog, {
        skill: skill.id,
        field: field?.id,
        status,
        limit: query.limit ?? 20,
      });
      ctx.body = {
        skill: { ...skill, count: r.count },
        field: field ?? null,
        status,
        postings: r.postings,
        related: r.related,
      };
    },
  );
}
