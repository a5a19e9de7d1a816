// Known-id checks shared by routes: an unknown id in the PATH is a 404 (no such resource); an unknown id in a
// QUERY parameter is a 400 naming the parameter (the request itself is wrong).
import type { FieldName, SkillName } from './catalog';
import type { RouteDeps } from './context';
import { BadRequestError, NotFoundError } from './http-errors';
import { findField } from './queries/fields';
import { findSkill } from './queries/skills';
import { rows, placeholders } from './queries/db';

export async function fieldFromPath(deps: RouteDeps, id: string): Promise<FieldName> {
  const f = await findField(deps.db, deps.catalog, id);
  if (!f) throw new NotFoundError(`no job field '${id}'`);
  return f;
}

export async function fieldFromQuery(deps: RouteDeps, id: string, parameter = 'field'): Promise<FieldName> {
  const f = await findField(deps.db, deps.catalog, id);
  if (!f) throw new BadRequestError({ parameter, message: `unknown job field '${id}' (see GET /api/v1/fields)` });
  return f;
}

export async function skillFromPath(deps: RouteDeps, id: string): Promise<SkillName> {
  const s = await findSkill(deps.db, deps.catalog, id);
  if (!s) throw new NotFoundError(`no skill '${id}'`);
  return s;
}

/** Every id must be a known skill (MySQL or the taxonomy); the 400 lists the unknown ones. */
export async function skillsFromQuery(deps: RouteDeps, ids: string[], parameter: string): Promise<void> {
  if (ids.length === 0) return;
  const notInCatalog = ids.filter((id) => !deps.catalog.skill(id));
  if (notInCatalog.length === 0) return;
  const found = new Set(
    (
      await rows<{ id: string }>(
        deps.db,
        `SELECT id FROM skills WHERE id IN (${placeholders(notInCatalog.length)})`,
        notInCatalog,
      )
    ).map((r) => r.id),
  );
  const unknown = notInCatalog.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    throw new BadRequestError({ parameter, message: `unknown skill ${unknown.map((u) => `'${u}'`).join(', ')}` });
  }
}
