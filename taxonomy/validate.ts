// Checks that go beyond the JSON shape: unique and sorted ids, known categories and implications, no alias that
// means two technologies after normalisation, sane ambiguity rules and job fields, and the ids lock.
import type { Category, JobFieldDef, KoreanSuffixes, Technology } from './schema';
import { aliasKey, isHangulKey, phraseKeys } from './tokenize';

export interface TaxonomyFiles {
  technologies: Technology[];
  categories: Category[];
  jobFields: JobFieldDef[];
  koreanSuffixes: KoreanSuffixes;
  stopwords: string[];
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/** Every problem found, one line each; empty when the files are consistent. */
export function validateTaxonomy(files: TaxonomyFiles): string[] {
  const problems: string[] = [];
  const { technologies, categories, jobFields } = files;
  const categoryIds = new Set<string>();
  for (const c of categories) {
    if (categoryIds.has(c.id)) problems.push(`categories: duplicate id '${c.id}'`);
    categoryIds.add(c.id);
  }

  const ids = new Set<string>();
  let previous = '';
  for (const t of technologies) {
    if (ids.has(t.id)) problems.push(`technologies: duplicate id '${t.id}'`);
    ids.add(t.id);
    if (previous !== '' && t.id < previous)
      problems.push(`technologies: '${t.id}' is out of order (after '${previous}'); keep entries sorted by id`);
    previous = t.id;
    if (!categoryIds.has(t.category)) problems.push(`${t.id}: unknown category '${t.category}'`);
  }

  const owner = new Map<string, string>();
  for (const t of technologies) {
    for (const target of t.implies) {
      if (target === t.id) problems.push(`${t.id}: implies itself`);
      else if (!ids.has(target)) problems.push(`${t.id}: implies unknown id '${target}'`);
    }
    const own = new Set<string>();
    const add = (phrase: string, field: string) => {
      const key = aliasKey(phrase);
      if (key === '') {
        problems.push(`${t.id}: ${field} '${phrase}' has no letters to match`);
        return;
      }
      if (own.has(key) && field !== 'name')
        problems.push(`${t.id}: ${field} '${phrase}' is listed twice (same as another alias after normalisation)`);
      own.add(key);
      const other = owner.get(key);
      if (other !== undefined && other !== t.id)
        problems.push(`alias '${phrase}' (normalised '${key}') maps to both '${other}' and '${t.id}'`);
      owner.set(key, t.id);
    };
    add(t.name, 'name');
    for (const a of t.aliases) {
      if (HANGUL.test(a)) problems.push(`${t.id}: alias '${a}' contains Hangul; put it in aliasesKo`);
      add(a, 'alias');
    }
    for (const a of t.aliasesKo) {
      if (!HANGUL.test(a)) problems.push(`${t.id}: aliasesKo '${a}' has no Hangul; put it in aliases`);
      add(a, 'aliasesKo');
    }
    for (const rule of t.ambiguity) {
      for (const a of rule.aliases) {
        if (!own.has(aliasKey(a)))
          problems.push(`${t.id}: ambiguity rule names '${a}', which is not one of its aliases`);
      }
      for (const phrase of [...(rule.context ?? []), ...(rule.stop ?? []), ...(rule.forms ?? [])]) {
        if (aliasKey(phrase) === '') problems.push(`${t.id}: ambiguity phrase '${phrase}' has no letters`);
      }
      if (!rule.needsContext && !rule.forms && !rule.stop)
        problems.push(`${t.id}: ambiguity rule for '${rule.aliases.join(', ')}' restricts nothing`);
    }
  }
  problems.push(...cyclesIn(technologies));

  const fieldIds = new Set<string>();
  const keywordOwner = new Map<string, string>();
  const boardOwner = new Map<string, string>();
  jobFields.forEach((f, index) => {
    if (fieldIds.has(f.id)) problems.push(`job fields: duplicate id '${f.id}'`);
    fieldIds.add(f.id);
    if (f.id === 'other' && index !== jobFields.length - 1) problems.push(`job fields: 'other' must be the last field`);
    for (const kw of [...f.titleKeywords.en, ...f.titleKeywords.ko]) {
      const key = titleKeywordKey(kw);
      const other = keywordOwner.get(key);
      if (other !== undefined && other !== f.id)
        problems.push(`job fields: title keyword '${kw}' is in both '${other}' and '${f.id}'`);
      keywordOwner.set(key, f.id);
    }
    for (const [board, names] of Object.entries(f.boardCategories)) {
      for (const name of names) {
        const key = `${board}:${boardCategoryKey(name)}`;
        const other = boardOwner.get(key);
        if (other !== undefined && other !== f.id)
          problems.push(`job fields: ${board} category '${name}' is in both '${other}' and '${f.id}'`);
        boardOwner.set(key, f.id);
      }
    }
    for (const skill of Object.keys(f.skillWeights)) {
      if (!ids.has(skill)) problems.push(`job field ${f.id}: skill weight for unknown id '${skill}'`);
    }
  });
  if (!fieldIds.has('other')) problems.push(`job fields: the 'other' field is missing`);

  for (const p of [...files.koreanSuffixes.particles, ...files.koreanSuffixes.nouns]) {
    const keys = phraseKeys(p);
    if (keys.length !== 1 || !isHangulKey(keys[0]!))
      problems.push(`korean suffixes: '${p}' must be a single run of Hangul`);
  }
  return problems;
}

/** Ids that were published (taxonomy/ids.lock) but are gone now: ids are never renamed or removed. */
export function missingLockedIds(lockText: string, technologies: readonly Technology[]): string[] {
  const present = new Set(technologies.map((t) => t.id));
  return parseIdsLock(lockText).filter((id) => !present.has(id));
}

/** Ids in the taxonomy that are not yet in taxonomy/ids.lock (new ids must be added to it). */
export function unlockedIds(lockText: string, technologies: readonly Technology[]): string[] {
  const locked = new Set(parseIdsLock(lockText));
  return technologies.map((t) => t.id).filter((id) => !locked.has(id));
}

export function parseIdsLock(lockText: string): string[] {
  return lockText
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Title keywords are compared lower-case with runs of spaces, '-', '_' and '.' folded to one space. */
export function titleKeywordKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\s\-_.]+/g, ' ')
    .trim();
}

/** Board category names are compared lower-case without spaces. */
export function boardCategoryKey(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}

function cyclesIn(technologies: readonly Technology[]): string[] {
  const byId = new Map(technologies.map((t) => [t.id, t]));
  const state = new Map<string, 1 | 2>();
  const problems: string[] = [];
  const visit = (id: string, path: string[]) => {
    const s = state.get(id);
    if (s === 2) return;
    if (s === 1) {
      problems.push(`implies cycle: ${[...path, id].join(' => ')}`);
      return;
    }
    state.set(id, 1);
    for (const next of byId.get(id)?.implies ?? []) if (byId.has(next)) visit(next, [...path, id]);
    state.set(id, 2);
  };
  for (const t of technologies) visit(t.id, []);
  return problems;
}
