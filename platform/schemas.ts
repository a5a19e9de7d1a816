// Loads the Avro schemas in schemas/*.avsc. A schema may name a record defined in another file
// (gold embeds techmap.silver.SilverPosting); loading resolves that, and `fullSchema` inlines it for the registry.
import fs from 'node:fs';
import path from 'node:path';
import avro from 'avsc';
import { repoRoot } from './config';

export const schemasDir = path.join(repoRoot, 'schemas');

export interface LoadedSchema {
  /** File name without .avsc, e.g. 'gold-posting'. */
  name: string;
  type: avro.Type;
  /** Self-contained schema JSON (referenced named types inlined), as registered. */
  fullSchema: string;
}

let cache: Map<string, LoadedSchema> | undefined;

/** Parses every schema file once; files referencing other files' types are parsed after them. */
export function loadSchemas(dir: string = schemasDir): Map<string, LoadedSchema> {
  if (cache && dir === schemasDir) return cache;
  const pending = new Map<string, unknown>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.avsc'))) {
    pending.set(file.replace(/\.avsc$/, ''), JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  const registry: Record<string, avro.Type> = {};
  const loaded = new Map<string, LoadedSchema>();
  let progress = true;
  let lastError: unknown;
  while (pending.size > 0 && progress) {
    progress = false;
    for (const [name, json] of pending) {
      try {
        // Parse into a scratch registry first so a failed attempt leaves no half-registered names behind.
        const scratch = { ...registry };
        const type = avro.Type.forSchema(json as avro.Schema, { registry: scratch });
        Object.assign(registry, scratch);
        loaded.set(name, { name, type, fullSchema: JSON.stringify(type.schema({ exportAttrs: true })) });
        pending.delete(name);
        progress = true;
      } catch (err) {
        lastError = err;
      }
    }
  }
  if (pending.size > 0) {
    throw new Error(`cannot load schemas ${[...pending.keys()].join(', ')}: ${String(lastError)}`);
  }
  if (dir === schemasDir) cache = loaded;
  return loaded;
}

export function schemaFor(name: string): LoadedSchema {
  const s = loadSchemas().get(name);
  if (!s) throw new Error(`no schema named ${name} in ${schemasDir}`);
  return s;
}
