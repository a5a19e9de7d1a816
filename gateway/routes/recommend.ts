// GET /api/v1/recommend?field=&have=a,b,c: the next skills to learn, by greedy coverage (see queries/recommend.ts).
import type Router from '@koa/router';
import { z } from 'zod';
import type { GatewayState, RouteDeps } from '../context';
import { cacheable } from '../middleware/cache';
import { inputOf, validate } from '../middleware/validate';
import { fieldId, idList, intParam, skillId, statusParam } from '../params';
import { greedyCoverage, loadCoreSets } from '../queries/recommend';
import { skillNames } from '../queries/skills';
import { fieldFromQuery, skillsFromQuery } from '../resolve';

export const MATCH_DEFINITION =
  'A posting matches when the person has every one of its REQUIRED skills (skills only implied by another one are not counted; having a skill also counts the skills it implies, e.g. spring-boot gives spring). Postings that require no skill are left out. Coverage = matched / considered postings.';

export function register(router: Router<GatewayState>, deps: RouteDeps): void {
  router.get(
    '/api/v1/recommend',
    validate({
      query: z.strictObject({
        field: fieldId,
        have: idList(skillId, 0, 50, 'skills').optional(),
        limit: intParam(1, 20).optional(),
        status: statusParam.optional(),
      }),
    }),
    cacheable(deps.settings.cacheMaxAgeSeconds),
    async (ctx) => {
      const { query } = inputOf<unknown, { field: string; have?: string[]; limit?: number; status?: 'open' | 'all' }>(
        ctx,
      );
      const field = await fieldFromQuery(deps, query.field);
      const have = query.have ?? [];
      await skillsFromQuery(deps, have, 'have');
      const owned = new Set(have);
      for (const h of have) for (const i of deps.catalog.implied(h)) owned.add(i);
      const status = query.status ?? 'open';
      const core = await loadCoreSets(deps.db, field.id, status);
      const result = greedyCoverage(core.postings, owned, query.limit ?? 5);
      const names = await skillNames(deps.db, deps.catalog, [...have, ...result.steps.map((s) => s.skill)]);
      const ref = (id: string) => {
        const n = names.get(id)!;
        return { id, name: n.name, nameKo: n.nameKo, category: n.category };
      };
      ctx.body = {
        field,
        status,
        have: have.map(ref),
        implied: [...owned].filter((id) => !have.includes(id)).sort(),
        definition: MATCH_DEFINITION,
        postings: result.considered,
        matched: result.matched,
        coverage: result.coverage,
        steps: result.steps.map((s) => ({
          rank: s.rank,
          skill: ref(s.skill),
          gain: s.gain,
          matchedBefore: s.matchedBefore,
          matchedAfter: s.matchedAfter,
          coverageBefore: s.coverageBefore,
          coverageAfter: s.coverageAfter,
          demand: s.demand,
        })),
      };
    },
  );
}
