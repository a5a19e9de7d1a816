// Names the API needs on every request (job fields and skills, and which ids exist), held in memory: MySQL's
// reference tables (what the pipeline has seen) over the taxonomy (Korean names, fields with no postings yet).
// The snapshot is reloaded in the background when older than `ttlMs`; an id missing from it is looked up in
// MySQL directly (so a field or skill the sink just wrote is found at once), and unknown ids stay unknown.
import type { Catalog, FieldName, SkillName } from './catalog';
import { rows, type Db } from './queries/db';

export class LiveCatalog implements Catalog {
  private fieldsById = new Map<string, FieldName>();
  private skillsById = new Map<string, SkillName>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly base: Catalog,
    private readonly ttlMs = 30000,
  ) {}

  /** Waits for the first load; later, starts a background reload when stale and returns at once. */
  async fresh(now: number = Date.now()): Promise<this> {
    if (this.loadedAt === 0) {
      await this.reload();
    } else if (now - this.loadedAt > this.ttlMs && !this.loading) {
      void this.reload().catch(() => undefined); // keep serving the previous snapshot; retried next request
    }
    return this;
  }

  reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const [fields, skills] = await Promise.all([
          rows<{ id: string; name: string; name_ko: string }>(this.db, 'SELECT id, name, name_ko FROM job_fields'),
          rows<{ id: string; name: string; category_id: string }>(this.db, 'SELECT id, name, category_id FROM skills'),
        ]);
        this.fieldsById = new Map(
          fields.map((f) => [
            f.id,
            { id: f.id, name: f.name, nameKo: f.name_ko || this.base.field(f.id)?.nameKo || f.name },
          ]),
        );
        this.skillsById = new Map(
          skills.map((s) => [
            s.id,
            { id: s.id, name: s.name, nameKo: this.base.skill(s.id)?.nameKo ?? null, category: s.category_id },
          ]),
        );
        this.loadedAt = Date.now();
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** Remembers a field or skill found in MySQL after the snapshot was taken. */
  learnField(f: FieldName): void {
    this.fieldsById.set(f.id, f);
  }

  learnSkill(s: SkillName): void {
    this.skillsById.set(s.id, s);
  }

  /** True when `id` is a field MySQL holds (as of the snapshot). */
  hasFieldRow(id: string): boolean {
    return this.fieldsById.has(id);
  }

  hasSkillRow(id: string): boolean {
    return this.skillsById.has(id);
  }

  field(id: string): FieldName | undefined {
    return this.fieldsById.get(id) ?? this.base.field(id);
  }

  skill(id: string): SkillName | undefined {
    return this.skillsById.get(id) ?? this.base.skill(id);
  }

  fields(): FieldName[] {
    const out = new Map(this.base.fields().map((f) => [f.id, f]));
    for (const f of this.fieldsById.values()) out.set(f.id, f);
    return [...out.values()];
  }

  implied(id: string): string[] {
    return this.base.implied(id);
  }
}
