// Reads the evaluation data folder (../shared/eval/data by default; see each SOURCE.md there). Two kinds of sets:
//   - span sets: SkillSpan postings with human-labelled knowledge spans (skillspan/skillspan_<split>_docs.jsonl, or
//     regrouped from skillspan/data/json/<split>.json when the convenience file is absent); TECH postings only;
//   - tag sets: any other *.jsonl whose rows carry a posting text and the employer's tags (the Korean Wanted texts
//     paired with Jumpit/Rallit tags, or English postings with employer-written skills), optionally a job-field label.
// Nothing here is copied into the repository; the files are read where they are.
import fs from 'node:fs';
import path from 'node:path';

export interface SpanDoc {
  id: string;
  title: string;
  /** The posting without its title line, one sentence per line. */
  text: string;
  /** Human-labelled knowledge spans (technologies, but also degrees, domains, human languages). */
  goldSpans: string[];
}

export interface TagDoc {
  id: string;
  title: string;
  text: string;
  /** The employer's own technology tags for the same job. */
  tags: string[];
  /** The board page (job field) the posting was listed under, when known. */
  field: string | null;
  /** How similar the titles of the text posting and the tag posting are (1 = same job title), when known. */
  similarity: number | null;
  /** The tag posting's own title and field label (a second, independent job-field sample), when present. */
  tagTitle: string | null;
  tagField: string | null;
}

export interface SpanSet {
  name: string;
  docs: SpanDoc[];
}

export interface TagSet {
  name: string;
  language: string;
  docs: TagDoc[];
}

export interface EvalSets {
  spanSets: SpanSet[];
  tagSets: TagSet[];
}

const MAX_TITLE_LENGTH = 150;
const TEXT_FIELDS = ['text', 'wanted_text', 'description', 'content', 'body', 'jd'];
const TITLE_FIELDS = ['title', 'wanted_position', 'position', 'job_title'];
const TAG_FIELDS = ['tags', 'skills', 'techStacks', 'tech_stack', 'skill_tags', 'technologies'];
const FIELD_FIELDS = ['wanted_field_page', 'field', 'jobField', 'job_field'];

type Row = Record<string, unknown>;

function readJsonLines(file: string): Row[] {
  const rows: Row[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    rows.push(JSON.parse(trimmed) as Row);
  }
  return rows;
}

function pick(row: Row, names: readonly string[]): unknown {
  for (const n of names) if (row[n] !== undefined && row[n] !== null) return row[n];
  return undefined;
}

function asString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function asTags(v: unknown): string[] | null {
  if (Array.isArray(v))
    return v.map((t) =>
      typeof t === 'string'
        ? t
        : typeof t === 'object' && t !== null && 'stack' in t
          ? String((t as { stack: unknown }).stack)
          : String(t),
    );
  if (typeof v === 'string')
    return v
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
  return null;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** SkillSpan JSON (one sentence a line with BIO tags) regrouped into postings: the same as the *_docs.jsonl files. */
function regroupSkillSpan(file: string): Row[] {
  const docs = new Map<string, { source: string; idx: unknown; sentences: string[]; knowledge_spans: string[] }>();
  for (const row of readJsonLines(file)) {
    const key = `${String(row.source)}:${String(row.idx)}`;
    let doc = docs.get(key);
    if (!doc) {
      doc = { source: String(row.source), idx: row.idx, sentences: [], knowledge_spans: [] };
      docs.set(key, doc);
    }
    const tokens = (row.tokens as string[]) ?? [];
    const tags = (row.tags_knowledge as string[]) ?? [];
    doc.sentences.push(tokens.join(' '));
    let span: string[] = [];
    tags.forEach((tag, i) => {
      if (tag.startsWith('B')) {
        if (span.length) doc!.knowledge_spans.push(span.join(' '));
        span = [tokens[i]!];
      } else if (tag.startsWith('I') && span.length) {
        span.push(tokens[i]!);
      } else if (span.length) {
        doc!.knowledge_spans.push(span.join(' '));
        span = [];
      }
    });
    if (span.length) doc.knowledge_spans.push(span.join(' '));
  }
  return [...docs.values()];
}

function spanDocs(rows: Row[]): SpanDoc[] {
  const docs: SpanDoc[] = [];
  for (const row of rows) {
    if (row.source !== 'tech') continue;
    const sentences = (row.sentences as string[]) ?? [];
    // The first line is the posting's title, unless sentence splitting failed and it is the whole posting.
    const hasTitle = sentences.length > 1 && (sentences[0] ?? '').length <= MAX_TITLE_LENGTH;
    docs.push({
      id: `${String(row.source)}:${String(row.idx)}`,
      title: hasTitle ? sentences[0]! : '',
      text: (hasTitle ? sentences.slice(1) : sentences).join('\n'),
      goldSpans: ((row.knowledge_spans as string[]) ?? []).map(String),
    });
  }
  return docs;
}

export function loadEvalSets(dir: string): EvalSets {
  const spanSets: SpanSet[] = [];
  const tagSets: TagSet[] = [];
  const files = listFiles(dir);
  const skillspanDir = path.join(dir, 'skillspan');
  const docsFiles = new Map<string, string>();
  for (const f of files) {
    const m = /skillspan_([a-z]+)_docs\.jsonl$/.exec(path.basename(f));
    if (m && f.startsWith(skillspanDir)) docsFiles.set(m[1]!, f);
  }
  const jsonDir = path.join(skillspanDir, 'data', 'json');
  if (fs.existsSync(jsonDir)) {
    for (const f of fs.readdirSync(jsonDir).sort()) {
      const m = /^([a-z]+)\.json$/.exec(f);
      if (m && !docsFiles.has(m[1]!)) docsFiles.set(m[1]!, path.join(jsonDir, f));
    }
  }
  for (const [split, file] of [...docsFiles].sort(([a], [b]) => splitOrder(a) - splitOrder(b))) {
    const rows = file.endsWith('_docs.jsonl') ? readJsonLines(file) : regroupSkillSpan(file);
    const docs = spanDocs(rows);
    if (docs.length > 0) spanSets.push({ name: `skillspan-${split}`, docs });
  }

  for (const f of files) {
    if (!f.endsWith('.jsonl') || f.startsWith(skillspanDir)) continue;
    let rows: Row[];
    try {
      rows = readJsonLines(f);
    } catch {
      continue;
    }
    const docs: TagDoc[] = [];
    rows.forEach((row, i) => {
      const text = asString(pick(row, TEXT_FIELDS));
      const tags = asTags(pick(row, TAG_FIELDS));
      if (text === null || tags === null) return;
      docs.push({
        id: String(row.id ?? `${path.basename(f)}:${i + 1}`),
        title: asString(pick(row, TITLE_FIELDS)) ?? '',
        text,
        tags,
        field: asString(pick(row, FIELD_FIELDS)),
        similarity: typeof row.title_similarity === 'number' ? row.title_similarity : null,
        tagTitle: asString(row.tag_position),
        tagField: asString(row.tag_field_page),
      });
    });
    if (docs.length === 0) continue;
    const hangul = docs.reduce((n, d) => n + (d.text.match(/[\uac00-\ud7a3]/g)?.length ?? 0), 0);
    const total = docs.reduce((n, d) => n + d.text.length, 0);
    tagSets.push({
      name: path.relative(dir, f).replace(/\.jsonl$/, ''),
      language: hangul / Math.max(1, total) > 0.2 ? 'ko' : 'en',
      docs,
    });
  }
  return { spanSets, tagSets };
}

function splitOrder(split: string): number {
  return ({ train: 0, dev: 1, test: 2 } as Record<string, number>)[split] ?? 3;
}
