// Names of job fields and skills (English and Korean). The MySQL reference tables hold what the pipeline has
// seen; the taxonomy data files add Korean names and fields/skills with no postings yet. Loaded once.
import { loadTaxonomy, type Taxonomy } from '../taxonomy';

export interface FieldName {
  id: string;
  name: string;
  nameKo: string;
}

export interface SkillName {
  id: string;
  name: string;
  nameKo: string | null;
  category: string | null;
}

export interface Catalog {
  field(id: string): FieldName | undefined;
  skill(id: string): SkillName | undefined;
  fields(): FieldName[];
  /** Skills that having `id` implies (Spring Boot implies Spring), transitively. */
  implied(id: string): string[];
}

/**
 * Names from the taxonomy (taxonomy/index.ts): job fields with their Korean names, technologies with their
 * category, first Korean alias and implications. A taxonomy that fails its own validation leaves the catalog
 * empty (the gateway then names things from MySQL only) rather than stopping the API.
 */
export function loadCatalog(load: () => Taxonomy = loadTaxonomy): Catalog {
  const fields = new Map<string, FieldName>();
  const skills = new Map<string, SkillName>();
  const implies = new Map<string, string[]>();
  let taxonomy: Taxonomy;
  try {
    taxonomy = load();
  } catch {
    return fromMaps(fields, skills, implies);
  }
  for (const f of taxonomy.jobFields) fields.set(f.id, { id: f.id, name: f.name, nameKo: f.nameKo });
  for (const t of taxonomy.technologies) {
    skills.set(t.id, { id: t.id, name: t.name, nameKo: t.aliasesKo[0] ?? null, category: t.category });
    if (t.implies.length > 0) implies.set(t.id, [...t.implies]);
  }
  return fromMaps(fields, skills, implies);
}

export function fromMaps(
  fields: Map<string, FieldName>,
  skills: Map<string, SkillName>,
  implies: Map<string, string[]> = new Map(),
): Catalog {
  return {
    field: (id) => fields.get(id),
    skill: (id) => skills.get(id),
    fields: () => [...fields.values()],
    implied: (id) => {
      const seen = new Set<string>();
      const stack = [...(implies.get(id) ?? [])];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (next === id || seen.has(next)) continue;
        seen.add(next);
        stack.push(...(implies.get(next) ?? []));
      }
      return [...seen];
    },
  };
}
