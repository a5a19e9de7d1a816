// Scores the rules core on the evaluation sets (see datasets.ts) and renders the figures.
//
// Span sets (SkillSpan, English): per posting, predicted = the technologies extracted from title + text (implied ones
//   excluded: they are not mentions); gold = the technologies NAMED INSIDE the human-labelled knowledge spans, found by
//   the same dictionary with the ambiguity rules off (the annotator's label is the context): 'AWS environment' → aws,
//   'C#/.NET' → csharp + dotnet, 'communicate with stakeholders' → nothing. Spans naming no technology of the taxonomy
//   (degrees, domains, human languages, or techs we lack) are counted and listed as unmapped. Micro P/R/F1 over
//   postings.
// Tag sets (employer tags): gold = the tags that map to a taxonomy id (whole tag, as board tags do) AND are mentioned
//   in the title or text by a plain check independent of the extractor (any name/alias of the id, case-insensitive,
//   not glued to letters/digits or joined to a word by "." or "-"; a Korean alias not preceded by Hangul). Recall = found gold / gold. Precision is
//   only a lower bound: predicted ids that are in the mapped tags / predicted ids (employers under-list their stack).
// Job field: accuracy of the predicted field against the board page the posting was listed under, for rows whose
//   label is one of our field ids; the text side uses the title + extracted skills, the tag side (when present) the
//   tag posting's title + its tags. 'strict' = our field is the label. The pages are multi-label in practice (a DevOps
//   job is also listed under 'server'), so 'among labels' asks whether the label is our best-ranked field among the
//   fields the set uses (backend vs frontend here), a full-stack answer counting for either.
import { loadTaxonomy, type Taxonomy, type Technology } from '../../../taxonomy';
import { enrichText } from '../offline';
import { createRulesEnricher } from '../rules';
import { createJobFieldClassifier } from '../job-field';
import { createSkillExtractor, mapBoardTag, type SkillMention } from '../skills';
import { loadEvalSets, type EvalSets } from './datasets';

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SpanSetReport {
  name: string;
  docs: number;
  prf: Prf;
  spansTotal: number;
  spansMapped: number;
  falsePositives: Array<[string, number]>;
  falseNegatives: Array<[string, number]>;
  unmappedSpans: Array<[string, number]>;
}

export interface TagScore {
  docs: number;
  gold: number;
  found: number;
  predicted: number;
  predictedInTags: number;
  recall: number;
  precisionLowerBound: number;
  f1LowerBound: number;
}

export interface TagSetReport {
  name: string;
  language: string;
  all: TagScore;
  /** Pairs whose two postings have the same title (the cleanest pairs), when similarity is known. */
  sameTitle: TagScore | null;
  tagsTotal: number;
  tagsMapped: number;
  missed: Array<[string, number]>;
  unmappedTags: Array<[string, number]>;
}

export interface FieldReport {
  name: string;
  total: number;
  /** Predicted field == the board page label. */
  correct: number;
  accuracy: number;
  /** The label is our best-ranked field among the labels used in the set; full-stack is both backend and frontend. */
  correctAmongLabels: number;
  accuracyAmongLabels: number;
  errors: Array<[string, number]>;
}

export interface EvalReport {
  dir: string;
  taxonomyVersion: string;
  spanSets: SpanSetReport[];
  tagSets: TagSetReport[];
  jobFields: FieldReport[];
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

const mentionedIds = (skills: readonly SkillMention[]) => new Set(skills.filter((s) => !s.implied).map((s) => s.id));

function countInto(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function top(map: Map<string, number>, n: number): Array<[string, number]> {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}

/** Plain, extractor-independent check that a technology is written in a text (see the header). */
export function createMentionCheck(): (tech: Technology, text: string) => boolean {
  const surfaces = new Map<string, string[]>();
  const forms = (t: Technology): string[] => {
    let list = surfaces.get(t.id);
    if (!list) {
      const set = new Set<string>();
      for (const s of [t.name, ...t.aliases, ...t.aliasesKo]) {
        const low = s.toLowerCase();
        set.add(low);
        if (/[ .\-_]/.test(low)) set.add(low.replace(/[ .\-_]+/g, ''));
      }
      list = [...set].filter((s) => s.length > 0);
      surfaces.set(t.id, list);
    }
    return list;
  };
  const isLatin = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
  const isHangul = (c: number) => c >= 0xac00 && c <= 0xd7a3;
  return (tech, text) => {
    const hay = text.toLowerCase();
    for (const s of forms(tech)) {
      let at = hay.indexOf(s);
      while (at >= 0) {
        const before = hay.charCodeAt(at - 1);
        const after = hay.charCodeAt(at + s.length);
        const first = s.charCodeAt(0);
        const last = s.charCodeAt(s.length - 1);
        // '.', '-' between letters join one name: 'js' is not mentioned by 'node.js'.
        const joinedBefore = (before === 0x2e || before === 0x2d) && isLatin(hay.charCodeAt(at - 2));
        const joinedAfter = (after === 0x2e || after === 0x2d) && isLatin(hay.charCodeAt(at + s.length + 1));
        const okBefore = isHangul(first) ? !isHangul(before) : !(isLatin(first) && (isLatin(before) || joinedBefore));
        const okAfter = isHangul(last) || !(isLatin(last) && (isLatin(after) || joinedAfter));
        if (okBefore && okAfter) return true;
        at = hay.indexOf(s, at + 1);
      }
    }
    return false;
  };
}

export function scoreSets(sets: EvalSets, dir: string, taxonomy: Taxonomy = loadTaxonomy()): EvalReport {
  const enricher = createRulesEnricher(taxonomy);
  const extractor = createSkillExtractor(taxonomy);
  const classifier = createJobFieldClassifier(taxonomy);
  const mentioned = createMentionCheck();
  const fieldIds = new Set(taxonomy.jobFields.map((f) => f.id));

  const spanSets: SpanSetReport[] = sets.spanSets.map((set) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let spansMapped = 0;
    let spansTotal = 0;
    const fps = new Map<string, number>();
    const fns = new Map<string, number>();
    const unmapped = new Map<string, number>();
    for (const doc of set.docs) {
      // SkillSpan never labels the title line: a technology seen only in the title is not scored.
      const skills = enrichText({ title: doc.title, text: doc.text }, enricher).skills;
      const predicted = mentionedIds(skills.filter((s) => s.evidence.some((e) => e.section !== 'title')));
      const gold = new Set<string>();
      for (const span of doc.goldSpans) {
        spansTotal++;
        const ids = mentionedIds(
          extractor.extract({ title: '', sections: { other: span } }, { ambiguity: false }).skills,
        );
        if (ids.size === 0) countInto(unmapped, span.toLowerCase().trim());
        else spansMapped++;
        for (const id of ids) gold.add(id);
      }
      for (const id of predicted) {
        if (gold.has(id)) tp++;
        else {
          fp++;
          countInto(fps, id);
        }
      }
      for (const id of gold) {
        if (!predicted.has(id)) {
          fn++;
          countInto(fns, id);
        }
      }
    }
    return {
      name: set.name,
      docs: set.docs.length,
      prf: prf(tp, fp, fn),
      spansTotal,
      spansMapped,
      falsePositives: top(fps, 15),
      falseNegatives: top(fns, 15),
      unmappedSpans: top(unmapped, 25),
    };
  });

  const jobFields: FieldReport[] = [];
  const tagSets: TagSetReport[] = sets.tagSets.map((set) => {
    const missed = new Map<string, number>();
    const unmappedTags = new Map<string, number>();
    let tagsTotal = 0;
    let tagsMapped = 0;
    const labels = new Set<string>();
    for (const d of set.docs) for (const l of [d.field, d.tagField]) if (l && fieldIds.has(l)) labels.add(l);
    const newField = (name: string) => ({
      name,
      total: 0,
      correct: 0,
      correctAmongLabels: 0,
      errors: new Map<string, number>(),
    });
    const textField = newField(`${set.name} (text: title + extracted skills)`);
    const tagField = newField(`${set.name} (tag side: title + board tags)`);
    const score = (
      f: ReturnType<typeof newField>,
      label: string,
      title: string,
      input: Parameters<typeof classifier.rank>[0],
    ) => {
      f.total++;
      const predicted = classifier.classify(input).id;
      if (predicted === label) f.correct++;
      else countInto(f.errors, `${label} → ${predicted}: ${title}`);
      const ranked = classifier.rank(input);
      const fullstackFirst = ranked[0]?.id === 'fullstack' && (label === 'backend' || label === 'frontend');
      if (fullstackFirst || bestAmong(ranked, labels) === label) f.correctAmongLabels++;
    };
    const scores = { all: emptyAcc(), sameTitle: emptyAcc() };
    for (const doc of set.docs) {
      const out = enrichText({ title: doc.title, text: doc.text }, enricher);
      const predicted = mentionedIds(out.skills);
      const tagTechs = new Map<string, Technology>();
      for (const tag of doc.tags) {
        tagsTotal++;
        const techs = mapBoardTag(extractor.dictionary, tag);
        if (techs.length === 0) countInto(unmappedTags, tag);
        else tagsMapped++;
        for (const t of techs) tagTechs.set(t.id, t);
      }
      const fullText = `${doc.title}\n${doc.text}`;
      const gold = [...tagTechs.values()].filter((t) => mentioned(t, fullText)).map((t) => t.id);
      const found = gold.filter((id) => predicted.has(id)).length;
      for (const id of gold) if (!predicted.has(id)) countInto(missed, id);
      const inTags = [...predicted].filter((id) => tagTechs.has(id)).length;
      for (const acc of doc.similarity === null || doc.similarity >= 1
        ? [scores.all, scores.sameTitle]
        : [scores.all]) {
        acc.docs++;
        acc.gold += gold.length;
        acc.found += found;
        acc.predicted += predicted.size;
        acc.predictedInTags += inTags;
      }
      if (doc.field && fieldIds.has(doc.field))
        score(textField, doc.field, doc.title, { title: doc.title, skills: out.skills });
      if (doc.tagTitle !== null && doc.tagField && fieldIds.has(doc.tagField)) {
        const skills = extractor.extract({ title: doc.tagTitle, sections: {}, boardTags: doc.tags }).skills;
        score(tagField, doc.tagField, doc.tagTitle, { title: doc.tagTitle, skills });
      }
    }
    for (const f of [textField, tagField]) {
      if (f.total === 0) continue;
      jobFields.push({
        name: f.name,
        total: f.total,
        correct: f.correct,
        accuracy: f.correct / f.total,
        correctAmongLabels: f.correctAmongLabels,
        accuracyAmongLabels: f.correctAmongLabels / f.total,
        errors: top(f.errors, 40),
      });
    }
    const hasSimilarity = set.docs.some((d) => d.similarity !== null);
    return {
      name: set.name,
      language: set.language,
      all: finishAcc(scores.all),
      sameTitle: hasSimilarity ? finishAcc(scores.sameTitle) : null,
      tagsTotal,
      tagsMapped,
      missed: top(missed, 20),
      unmappedTags: top(unmappedTags, 25),
    };
  });
  if (jobFields.length > 1) {
    const total = jobFields.reduce((n, f) => n + f.total, 0);
    const correct = jobFields.reduce((n, f) => n + f.correct, 0);
    const correctAmongLabels = jobFields.reduce((n, f) => n + f.correctAmongLabels, 0);
    jobFields.push({
      name: 'all job-field samples',
      total,
      correct,
      accuracy: correct / total,
      correctAmongLabels,
      accuracyAmongLabels: correctAmongLabels / total,
      errors: [],
    });
  }
  return { dir, taxonomyVersion: taxonomy.version, spanSets, tagSets, jobFields };
}

/** The label our ranking prefers among the set's labels; full-stack supports both backend and frontend. */
export function bestAmong(
  ranked: ReadonlyArray<{ id: string; score: number }>,
  labels: ReadonlySet<string>,
): string | null {
  const scoreOf = (id: string) => ranked.find((r) => r.id === id)?.score ?? 0;
  const fullstack = scoreOf('fullstack');
  let best: string | null = null;
  let bestScore = 0;
  for (const label of [...labels].sort()) {
    const s = scoreOf(label) + (label === 'backend' || label === 'frontend' ? fullstack : 0);
    if (s > bestScore) {
      best = label;
      bestScore = s;
    }
  }
  return best;
}

interface Acc {
  docs: number;
  gold: number;
  found: number;
  predicted: number;
  predictedInTags: number;
}

function emptyAcc(): Acc {
  return { docs: 0, gold: 0, found: 0, predicted: 0, predictedInTags: 0 };
}

function finishAcc(a: Acc): TagScore {
  const recall = a.gold === 0 ? 0 : a.found / a.gold;
  const precisionLowerBound = a.predicted === 0 ? 0 : a.predictedInTags / a.predicted;
  const f1LowerBound =
    recall + precisionLowerBound === 0 ? 0 : (2 * recall * precisionLowerBound) / (recall + precisionLowerBound);
  return { ...a, recall, precisionLowerBound, f1LowerBound };
}

export function runEval(dir: string): EvalReport {
  return scoreSets(loadEvalSets(dir), dir);
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** The report as text: one line per set with the figures, then (verbose) the most frequent errors. */
export function formatReport(r: EvalReport, verbose = false): string {
  const lines: string[] = [`techmap eval — ${r.dir} (taxonomy ${r.taxonomyVersion})`, ''];
  if (r.spanSets.length > 0) {
    lines.push('English skill extraction vs SkillSpan human spans (micro over postings; target F1 >= 85%)');
    for (const s of r.spanSets) {
      lines.push(
        `  ${s.name.padEnd(18)} postings=${String(s.docs).padStart(4)}  P=${pct(s.prf.precision)}%  R=${pct(s.prf.recall)}%  F1=${pct(s.prf.f1)}%  (tp=${s.prf.tp} fp=${s.prf.fp} fn=${s.prf.fn}; spans naming a technology ${s.spansMapped}/${s.spansTotal})`,
      );
      if (verbose) {
        lines.push(`    false positives: ${fmtTop(s.falsePositives)}`);
        lines.push(`    false negatives: ${fmtTop(s.falseNegatives)}`);
        lines.push(`    unmapped spans:  ${fmtTop(s.unmappedSpans)}`);
      }
    }
    lines.push('');
  }
  if (r.tagSets.length > 0) {
    lines.push(
      'Extraction vs employer tags mentioned in the text (recall; precision is a lower bound; target recall >= 90%)',
    );
    for (const s of r.tagSets) {
      const row = (label: string, t: TagScore) =>
        `  ${label.padEnd(40)} postings=${String(t.docs).padStart(4)}  recall=${pct(t.recall)}% (${t.found}/${t.gold})  precision>=${pct(t.precisionLowerBound)}%  F1>=${pct(t.f1LowerBound)}%`;
      lines.push(row(`${s.name} [${s.language}]`, s.all));
      if (s.sameTitle) lines.push(row(`  same-title pairs`, s.sameTitle));
      lines.push(`    tags mapped to the taxonomy: ${s.tagsMapped}/${s.tagsTotal}`);
      if (verbose) {
        lines.push(`    missed: ${fmtTop(s.missed)}`);
        lines.push(`    unmapped tags: ${fmtTop(s.unmappedTags)}`);
      }
    }
    lines.push('');
  }
  if (r.jobFields.length > 0) {
    lines.push('Job-field accuracy vs the board page label (target >= 90%)');
    lines.push(
      '  strict = our field is the label; among labels = the label is our best-ranked of the fields the set uses',
    );
    lines.push('  (a posting we call full-stack counts for a backend or frontend label)');
    for (const f of r.jobFields) {
      lines.push(
        `  ${f.name.padEnd(58)} n=${String(f.total).padEnd(4)} strict=${pct(f.accuracy)}%  among labels=${pct(f.accuracyAmongLabels)}%`,
      );
      if (verbose) for (const [e] of f.errors) lines.push(`    ${e}`);
    }
    lines.push('');
  }
  if (r.spanSets.length + r.tagSets.length === 0) lines.push('No evaluation sets found in this folder.');
  return lines.join('\n');
}

function fmtTop(list: Array<[string, number]>): string {
  return list.length === 0 ? '-' : list.map(([k, n]) => `${k}×${n}`).join(', ');
}
