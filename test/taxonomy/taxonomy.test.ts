// The taxonomy as reviewed data: the shipped files are consistent, and the validator rejects each kind of mistake.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildTaxonomy,
  loadTaxonomy,
  missingLockedIds,
  readTaxonomyFiles,
  taxonomyDir,
  taxonomyFiles,
  unlockedIds,
  validateTaxonomy,
} from '../../taxonomy';
import type { TaxonomyFiles } from '../../taxonomy/validate';

const lockText = () => fs.readFileSync(path.join(taxonomyDir, taxonomyFiles.idsLock), 'utf8');

/** The shipped files with a few technologies replaced, for negative cases. */
function withTechnologies(mutate: (files: TaxonomyFiles) => void): string[] {
  const files = readTaxonomyFiles();
  const copy: TaxonomyFiles = structuredClone(files);
  mutate(copy);
  return validateTaxonomy(copy);
}

describe('taxonomy data files', () => {
  it('are consistent: no problem found', () => {
    assert.deepEqual(validateTaxonomy(readTaxonomyFiles()), []);
  });

  it('track at least 1,000 technologies across every category', () => {
    const t = loadTaxonomy();
    assert.ok(t.technologies.length >= 1000, `only ${t.technologies.length} technologies`);
    const used = new Set(t.technologies.map((x) => x.category));
    for (const c of t.categories) assert.ok(used.has(c.id), `category '${c.id}' has no technology`);
  });

  it('keep entries sorted by id with unique kebab-case ids', () => {
    const ids = loadTaxonomy().technologies.map((t) => t.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('never lose a published id (taxonomy/ids.lock) and list every current id in it', () => {
    const t = loadTaxonomy();
    assert.deepEqual(missingLockedIds(lockText(), t.technologies), [], 'ids were removed or renamed; ids are stable');
    assert.deepEqual(unlockedIds(lockText(), t.technologies), [], 'add new ids to taxonomy/ids.lock');
  });

  it('use the common canonical names', () => {
    const t = loadTaxonomy();
    const names = Object.fromEntries(
      ['react', 'node-js', 'kubernetes', 'postgresql', 'aws', 'go', 'spring-boot', 'vue', 'csharp', 'cpp'].map((id) => [
        id,
        t.byId.get(id)?.name,
      ]),
    );
    assert.deepEqual(names, {
      react: 'React',
      'node-js': 'Node.js',
      kubernetes: 'Kubernetes',
      postgresql: 'PostgreSQL',
      aws: 'AWS',
      go: 'Go',
      'spring-boot': 'Spring Boot',
      vue: 'Vue.js',
      csharp: 'C#',
      cpp: 'C++',
    });
  });

  it('know the Korean transliterations job boards use', () => {
    const t = loadTaxonomy();
    const ko = (id: string) => t.byId.get(id)!.aliasesKo;
    for (const [id, word] of [
      ['python', '파이썬'],
      ['javascript', '자바스크립트'],
      ['react', '리액트'],
      ['spring-boot', '스프링부트'],
      ['kubernetes', '쿠버네티스'],
      ['elasticsearch', '엘라스틱서치'],
      ['docker', '도커'],
      ['django', '장고'],
      ['vue', '뷰'],
    ] as const) {
      assert.ok(ko(id).includes(word), `${id} lacks ${word}`);
    }
  });

  it('imply only what holds (Spring Boot => Spring, Next.js => React)', () => {
    const t = loadTaxonomy();
    assert.ok(t.byId.get('spring-boot')!.implies.includes('spring'));
    assert.ok(t.byId.get('next-js')!.implies.includes('react'));
    assert.deepEqual(t.byId.get('java')!.implies, []);
  });

  it('guard the ambiguous names with rules', () => {
    const t = loadTaxonomy();
    const guarded = (id: string, alias: string) => t.byId.get(id)!.ambiguity.some((r) => r.aliases.includes(alias));
    for (const [id, alias] of [
      ['go', 'go'],
      ['r', 'r'],
      ['c', 'c'],
      ['swift', 'swift'],
      ['rust', 'rust'],
      ['spring', 'spring'],
      ['express', 'express'],
      ['dart', 'dart'],
      ['vue', '뷰'],
      ['excel', 'excel'],
    ] as const) {
      assert.ok(guarded(id, alias), `${id}: '${alias}' is not guarded`);
    }
  });

  it('has a version that names the content', () => {
    assert.match(loadTaxonomy().version, /^tx-[0-9a-f]{12}$/);
  });
});

describe('taxonomy validator', () => {
  it('rejects a duplicate id', () => {
    const problems = withTechnologies((f) => {
      const i = f.technologies.findIndex((t) => t.id === 'react');
      f.technologies.splice(i + 1, 0, { ...f.technologies[i]!, aliases: [], aliasesKo: [], name: 'React again' });
    });
    assert.ok(problems.includes("technologies: duplicate id 'react'"), problems.join('\n'));
  });

  it('rejects an alias that maps to two ids after normalisation', () => {
    const problems = withTechnologies((f) => {
      f.technologies.find((t) => t.id === 'vue')!.aliases.push('React-JS');
    });
    assert.ok(
      problems.includes("alias 'React-JS' (normalised 'react js') maps to both 'react' and 'vue'"),
      problems.join('\n'),
    );
  });

  it('rejects unsorted entries', () => {
    const problems = withTechnologies((f) => {
      const [a, b] = [f.technologies[0]!, f.technologies[1]!];
      f.technologies[0] = b;
      f.technologies[1] = a;
    });
    assert.ok(
      problems.some((p) => p.includes('is out of order')),
      problems.join('\n'),
    );
  });

  it('rejects an unknown category and an implication of an unknown id', () => {
    const problems = withTechnologies((f) => {
      const react = f.technologies.find((t) => t.id === 'react')!;
      react.category = 'frontend-stuff';
      react.implies = ['javascript', 'jsx-magic'];
    });
    assert.ok(problems.includes("react: unknown category 'frontend-stuff'"));
    assert.ok(problems.includes("react: implies unknown id 'jsx-magic'"));
  });

  it('rejects an implication cycle', () => {
    const problems = withTechnologies((f) => {
      f.technologies.find((t) => t.id === 'spring')!.implies.push('spring-boot');
    });
    assert.ok(
      problems.some((p) => p.startsWith('implies cycle:')),
      problems.join('\n'),
    );
  });

  it('rejects Korean aliases in the English list and the reverse', () => {
    const problems = withTechnologies((f) => {
      const py = f.technologies.find((t) => t.id === 'python')!;
      py.aliases.push('파이쏜');
      py.aliasesKo.push('pyth0n');
    });
    assert.ok(problems.includes("python: alias '파이쏜' contains Hangul; put it in aliasesKo"));
    assert.ok(problems.includes("python: aliasesKo 'pyth0n' has no Hangul; put it in aliases"));
  });

  it('rejects an ambiguity rule about an alias the entry does not have', () => {
    const problems = withTechnologies((f) => {
      f.technologies.find((t) => t.id === 'go')!.ambiguity.push({ aliases: ['gogo'], needsContext: true });
    });
    assert.ok(problems.includes("go: ambiguity rule names 'gogo', which is not one of its aliases"));
  });

  it('rejects job-field weights for unknown technologies and keywords claimed by two fields', () => {
    const files = structuredClone(readTaxonomyFiles());
    files.jobFields[0]!.skillWeights['no-such-tech'] = 1;
    files.jobFields[1]!.titleKeywords.en.push(files.jobFields[0]!.titleKeywords.en[0]!);
    const problems = validateTaxonomy(files);
    assert.ok(problems.includes(`job field ${files.jobFields[0]!.id}: skill weight for unknown id 'no-such-tech'`));
    assert.ok(
      problems.some((p) =>
        p.startsWith(`job fields: title keyword '${files.jobFields[0]!.titleKeywords.en[0]}' is in both`),
      ),
    );
  });

  it('detects a renamed or removed id against the lock', () => {
    const techs = readTaxonomyFiles().technologies.filter((t) => t.id !== 'kubernetes');
    assert.deepEqual(missingLockedIds(lockText(), techs), ['kubernetes']);
    assert.deepEqual(unlockedIds('# header\nreact\n', [{ id: 'react' }, { id: 'vue' }] as never), ['vue']);
  });

  it('fails to load a broken folder with the file and the problem named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-taxonomy-'));
    try {
      for (const f of fs.readdirSync(taxonomyDir).filter((f) => f.endsWith('.json')))
        fs.copyFileSync(path.join(taxonomyDir, f), path.join(dir, f));
      const techPath = path.join(dir, taxonomyFiles.technologies);
      const data = JSON.parse(fs.readFileSync(techPath, 'utf8')) as { technologies: Array<{ id: string }> };
      data.technologies.push({ ...data.technologies[0]! });
      fs.writeFileSync(techPath, JSON.stringify(data));
      assert.throws(() => buildTaxonomy(dir), /taxonomy in .* is inconsistent: technologies: duplicate id '3ds-max'/);
      fs.writeFileSync(techPath, '{"technologies": [{"id": "Bad Id", "name": "x", "category": "tool"}]}');
      assert.throws(() => buildTaxonomy(dir), /technologies\.json: technologies\.0\.id: ids are kebab-case/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
