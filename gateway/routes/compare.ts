// GET /api/v1/compare?fields=a,b: job fields side by side — each field's top skills, and one skill matrix
// (the union of those top skills, with every field's count and share) so columns line up.
import type Router from '@koa/router';
import { z } from 'zod';
import type { GatewayState, RouteDeps } from '../context';
import { cacheable } from '../middleware/cache';
import { inputOf, validate } from '../middleware/validate';
import { fieldId, idList, intParam, periodParam, statusParam, type Period } from '../params';
import { num, placeholders, rows } from '../queries/db';
import { fieldCounts } from '../queries/fields';
import {
  coverage,
  coverageView,
  filterOf,
  resolvePeriod,
  round,
  skillNames,
  topSkills,
  type CoverageView,
  type SkillShare,
  type WeekRange,
} from '../queries/skills';
import type { FieldName } from '../catalog';
import { fieldFromQuery } from '../resolve';

export function register(router: Router<GatewayState>, deps: RouteDeps): void {
  router.get(
    '/api/v1/compare',
    validate({
      query: z.strictObject({
        fields: idList(fieldId, 2, 6, 'job fields'),
        limit: intParam(1, 50).optional(),
        period: periodParam.optional(),
        status: statusParam.optional(),
      }),
    }),
    cacheable(deps.settings.cacheMaxAgeSeconds),
    async (ctx) => {
      const { query } = inputOf<
        unknown,
        { fields: string[]; limit?: number; period?: Period; status?: 'open' | 'all' }
      >(ctx);
      const fields = await Promise.all(query.fields.map((f) => fieldFromQuery(deps, f, 'fields')));
      const status = query.status ?? 'all';
      const limit = query.limit ?? 10;
      const columns: Array<{
        field: FieldName & { postings: number; openPostings: number };
        period: WeekRange | null;
        total: CoverageView;
        skills: SkillShare[];
      }> = [];
      // One period for every column (counted back from the newest week of any field), so columns compare.
      const weeks = await resolvePeriod(deps.db, query.period ?? { kind: 'all' }, undefined, deps.newestWeek);
      for (const field of fields) {
        const q = { field: field.id, weeks, status, limit };
        const top = await topSkills(deps.db, deps.catalog, q, deps.fieldWeeks);
        const counts = top.fieldCounts ?? (await fieldCounts(deps.db, field.id));
        const filter = filterOf(q);
        const cov = await deps.coverageMemo.get(
          JSON.stringify(filter),
          () => coverage(deps.db, filter),
          deps.settings.coverageWaitMs,
        );
        columns.push({
          field: { ...field, ...counts },
          period: weeks ? { from: weeks.from, to: weeks.to } : null,
          total: coverageView(top.postings, cov),
          skills: top.skills,
        });
      }
      // The matrix: every skill in any column's top list, with each field's count (all-time or open, as asked).
      const ids = [...new Set(columns.flatMap((c) => c.skills.map((s) => s.id)))];
      const col = status === 'open' ? 'open_postings' : 'all_postings';
      const inFields = `job_field_id IN (${placeholders(fields.length)})`;
      const inSkills = ids.length > 0 ? `skill_id IN (${placeholders(ids.length)})` : '';
      const cells =
        ids.length === 0
          ? []
          : weeks
            ? await rows<{ job_field_id: string; skill_id: string; n: unknown }>(
                deps.db,
                `SELECT job_field_id, skill_id, SUM(${col}) AS n FROM agg_skill_week
                  WHERE ${inFields} AND ${inSkills} AND week_start BETWEEN ? AND ?
                  GROUP BY job_field_id, skill_id`,
                [...fields.map((f) => f.id), ...ids, weeks.from, weeks.to],
              )
            : await rows<{ job_field_id: string; skill_id: string; n: unknown }>(
                deps.db,
                `SELECT job_field_id, skill_id, ${col} AS n FROM agg_field_skill WHERE ${inFields} AND ${inSkills}`,
                [...fields.map((f) => f.id), ...ids],
              );
      const countOf = new Map(cells.map((c) => [`${c.job_field_id}\u0000${c.skill_id}`, num(c.n)]));
      for (const c of columns) for (const s of c.skills) countOf.set(`${c.field.id}\u0000${s.id}`, s.count);
      const names = await skillNames(deps.db, deps.catalog, ids);
      const matrix = ids.map((id) => {
        const n = names.get(id)!;
        return {
          id,
          name: n.name,
          nameKo: n.nameKo,
          category: n.category,
          byField: Object.fromEntries(
            columns.map((c) => {
              const count = countOf.get(`${c.field.id}\u0000${id}`) ?? 0;
              return [c.field.id, { count, share: c.total.postings > 0 ? round(count / c.total.postings) : 0 }];
            }),
          ),
        };
      });
      ctx.body = { status, fields: columns, skills: matrix };
    },
  );
}
