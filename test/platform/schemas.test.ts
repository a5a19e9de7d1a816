import assert from 'node:assert/strict';
import { loadSchemas, schemaFor } from '../../platform/schemas';
import { topicSpecs } from '../../platform/topics';

describe('schemas/*.avsc', () => {
  it('all parse, and every topic names a schema that exists', () => {
    const all = loadSchemas();
    for (const spec of Object.values(topicSpecs))
      assert.ok(all.has(spec.schema), `missing schemas/${spec.schema}.avsc`);
  });

  it('gold inlines the silver posting so the registry gets a self-contained schema', () => {
    const full = JSON.parse(schemaFor('gold-posting').fullSchema) as { fields: Array<{ name: string; type: unknown }> };
    const posting = full.fields.find((f) => f.name === 'posting');
    assert.equal((posting?.type as { name?: string }).name, 'techmap.silver.SilverPosting');
  });

  it('every record field of the posting schemas is documented or self-explanatory', () => {
    const raw = JSON.parse(schemaFor('raw-posting').fullSchema) as { doc?: string };
    assert.ok(raw.doc && raw.doc.length > 20);
  });
});
