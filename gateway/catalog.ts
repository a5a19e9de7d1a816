// Names of job fields and skills (English and Korean). The MySQL reference tables hold what the pipeline has
// seen; the taxonomy data files add Korean names and fields/skills with no postings yet. Loaded once.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/config';

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

type Json = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Reads a list of entries from a data file shaped as an array or as { <key>: [...] }. */
function entries(file: string, keys: string[]): Json[] {
  if (!fs.existsSync(file)) return [];
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (Array.isArray(data)) return data as Json[];
  if (data && typeof data === 'object') {
    for (const k of keys) {
      const v = (data as Json)[k];
      if (Array.isArray(v)) return v as Json[];
    }
  }
  return [];
}

function koreanOf(e: Json): string | undefined {
  const names = e.names as Json | undefined;
  const aliasesKo = Array.isArray(e.aliasesKo) ? str(e.aliasesKo[0]) : undefined;
  return (
    str(e.nameKo) ??
    str(e.name_ko) ??
    str(e.ko) ??
    (names && typeof names === 'object' ? str(names.ko) : undefined) ??
    aliasesKo
  );
}

function englishOf(e: Json): string | undefined {
  const names = e.names as Json | undefined;
  return str(e.name) ?? str(e.nameEn) ?? (names && typeof names === 'object' ? str(names.en) : undefined);
}

export function loadCatalog(taxonomyDir: string = path.join(repoRoot, 'taxonomy')): Catalog {
  const fields = new Map<string, FieldName>();
  const skills = new Map<string, SkillName>();
  const implies = new Map<string, string[]>();
  try {
    for (const e of entries(path.join(taxonomyDir, 'job-fields.json'), ['fields', 'jobFields', 'job_fields'])) {
      const id = str(e.id);
      if (!id) continue;
      const name = englishOf(e) ?? id;
      fields.set(id, { id, name, nameKo: koreanOf(e) ?? name });
    }
    for (const e of entries(path.join(taxonomyDir, 'technologies.json'), ['technologies', 'skills'])) {
      const id = str(e.id);
      if (!id) continue;
      skills.set(id, { id, name: englishOf(e) ?? id, nameKo: koreanOf(e) ?? null, category: str(e.category) ?? null });
      if (Array.isArray(e.implies)) implies.set(id, e.implies.filter((x): x is string => typeof x === 'string'));
    }
  } catch {
    // A malformed taxonomy file is the taxonomy's tests' business; the gateway then names things from MySQL only.
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
