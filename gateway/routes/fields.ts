// GET /api/v1/fields and GET /api/v1/fields/{field}/skills (JSON or CSV).
import type Router from '@koa/router';
import { z } from 'zod';
import type { GatewayState, RouteDeps } from '../context';
import { sendCsv, toCsv } from '../csv';
import { cacheable } from '../middleware/cache';
import { inputOf, validate } from '../middleware/validate';
import {
  boardId,
  fieldId,
  formatParam,
  intParam,
  periodParam,
  regionParam,
  seniorityList,
  statusParam,
  type Period,
  type Seniority,
} from '../params';
import { fieldCounts, listFields } from '../queries/fields';
import { coverage, coverageView, filterOf, resolvePeriod, topSkills, type SkillShare } from '../queries/skills';
import { fieldFromPath } from '../resolve';

export const topSkillsQuery = z.strictObject({
  limit: intParam(1, 200).optional(),
  period: periodParam.optional(),
  seniority: seniorityList.optional(),
  region: regionParam.optional(),
  board: boardId.optional(),
  status: statusParam.optional(),
  format: formatParam.optional(),
});

interface TopSkillsInput {
  limit?: number;
  period?: Period;
  seniority?: Seniority[];
  region?: string;
  board?: string;
  status?: 'open' | 'all';
  format?: 'json' | 'csv';
}

export function register(router: Router<GatewayState>, deps: RouteDeps): void {
  const cache = cacheable(deps.settings.cacheMaxAgeSeconds);

  router.get('/api/v1/fields', validate({}), cache, async (ctx) => {
    ctx.body = { fields: await listFields(deps.db, deps.catalog) };
  });

  router.get(
    '/api/v1/fields/:field/skills',
    validate({ params: z.object({ field: fieldId }), query: topSkillsQuery }),
    cache,
    async (ctx) => {
      const { params, query } = inputOf<{ field: string }, TopSkillsInput>(ctx);
      const field = await fieldFromPath(deps, params.field);
      const status = query.status ?? 'all';
      const weeks = await resolvePeriod(deps.db, query.period ?? { kind: 'all' }, field.id, deps.newestWeek);
      const q = {
        field: field.id,
        weeks,
        status,
        seniority: query.seniority,
        region: query.region,
        board: query.board,
        limit: query.limit ?? 10,
      };
      // The field's all-time counts come with the unfiltered all-time query; otherwise they are read alongside.
      const cheap = !query.seniority && !query.region && !query.board;
      const [top, extraCounts] = await Promise.all([
        topSkills(deps.db, deps.catalog, q, deps.fieldWeeks),
        cheap ? undefined : fieldCounts(deps.db, field.id),
      ]);
      const counts = top.fieldCounts ?? extraCounts ?? (await fieldCounts(deps.db, field.id));
      // Companies, boards and dates behind the figure change slowly: computed at most once per cache period.
      const filter = filterOf(q);
      const cov = await deps.coverageMemo.get(
        JSON.stringify(filter),
        () => coverage(deps.db, filter),
        deps.settings.coverageWaitMs,
      );
      if (query.format === 'csv') {
        sendCsv(ctx, `techmap-${field.id}-skills.csv`, toSkillsCsv(top.skills.map((s) => ({ ...s, field: field.id }))));
        return;
      }
      ctx.body = {
        field: { ...field, ...counts },
        status,
        period: weeks ? { from: weeks.from, to: weeks.to } : null,
        filters: {
          seniority: query.seniority ?? null,
          region: query.region ?? null,
          board: query.board ?? null,
        },
        total: coverageView(top.postings, cov),
        fromAggregates: top.fromAggregates,
        skills: top.skills,
      };
    },
  );
}

function toSkillsCsv(skills: Array<SkillShare & { field: string }>): string {
  return toCsv(
    ['rank', 'field', 'skill_id', 'skill_name', 'skill_name_ko', 'category', 'postings', 'share', 'required'],
    skills.map((s) => [s.rank, s.field, s.id, s.name, s.nameKo, s.category, s.count, s.share, s.required]),
  );
}
