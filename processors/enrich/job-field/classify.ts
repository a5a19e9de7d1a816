// classifyJobField: which job field a posting belongs to, from its title (strongest), the board's own categories, and
// the skills it asks for (weights in taxonomy/job-fields.json), with a confidence in 0..1 and how it was decided.
//
//   title keywords   → method RULES, confidence 0.9 (0.75 when the title names several fields)
//   board categories → method BOARD_FIELD, confidence 0.85 (0.7 when only a keyword inside the category matched)
//   skills only      → method RULES, confidence = share of the winning field × evidence strength, at most 0.7
//   nothing          → 'other', confidence 0, method NONE (the LLM fill-in may decide it)
// A title naming both backend and frontend (and no other field), or only a backend and a frontend technology
// ('Node.js/React 개발자'), is full-stack.
import { boardCategoryKey, loadTaxonomy, titleKeywordKey, type JobFieldDef, type Taxonomy } from '../../../taxonomy';
import type { Requirement, SkillMention } from '../skills/types';

export type JobFieldMethod = 'RULES' | 'BOARD_FIELD' | 'NONE';

export interface JobFieldResult {
  id: string;
  name: string;
  nameKo: string;
  confidence: number;
  method: JobFieldMethod;
}

export interface JobFieldInput {
  title: string;
  boardCategories?: readonly string[];
  /** Skills found in the posting (implied ones are ignored). */
  skills?: readonly Pick<SkillMention, 'id' | 'requirement' | 'implied' | 'evidence'>[];
}

interface Keyword {
  field: string;
  key: string;
  /** Korean keywords are found anywhere in the title with spaces removed; others as whole words. */
  korean: boolean;
  /** pairHash of the key's first two characters (-1 for a one-character key: always looked for). */
  pair: number;
}

/** Bits of the table of character pairs present in a text (a pre-check before indexOf; most keywords fail it). */
const PAIR_BITS = 14;

function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ b) & ((1 << PAIR_BITS) - 1);
}

/** Marks the character pairs of a text in `table` with `stamp`. */
function markPairs(text: string, table: Uint32Array, stamp: number): void {
  for (let i = 0; i + 1 < text.length; i++) table[pairHash(text.charCodeAt(i), text.charCodeAt(i + 1))] = stamp;
}

interface Hit {
  field: string;
  from: number;
  to: number;
  korean: boolean;
}

const HANGUL = /[\uac00-\ud7a3]/;
/** 'Server팀 _ ', '보안운영팀 - ', 'Platform Team | ': a team name before the job title. */
const TEAM_PREFIX = /^\s*([^_|\-–:]{1,30}?(?:팀|본부|센터|team|lab|랩))\s*[_|\-–:]\s+/i;
const REQUIREMENT_FACTOR: Record<Requirement, number> = { REQUIRED: 1, PREFERRED: 0.5, MENTIONED: 0.6 };
const TITLE_SKILL_FACTOR = 2;

export interface JobFieldClassifier {
  classify(input: JobFieldInput): JobFieldResult;
  /** Every field with any signal, best first, with a relative score (3 × title + 2 × board + skill share). */
  rank(input: JobFieldInput): Array<{ id: string; score: number }>;
}

export function createJobFieldClassifier(taxonomy: Taxonomy = loadTaxonomy()): JobFieldClassifier {
  const fields = taxonomy.jobFields;
  const keywords: Keyword[] = [];
  const boardIndex = new Map<string, string>();
  for (const f of fields) {
    for (const kw of [...f.titleKeywords.en, ...f.titleKeywords.ko]) {
      const korean = HANGUL.test(kw);
      const key = korean ? titleKeywordKey(kw).replace(/ /g, '') : titleKeywordKey(kw);
      const pair = key.length >= 2 ? pairHash(key.charCodeAt(0), key.charCodeAt(1)) : -1;
      keywords.push({ field: f.id, key, korean, pair });
    }
    for (const names of Object.values(f.boardCategories))
      for (const n of names) boardIndex.set(boardCategoryKey(n), f.id);
  }
  /**
   * Per technology id: the fields that weigh it and the weights, in field order. Keyed by the taxonomy's own id
   * strings (the ones skills carry), so a look-up compares them by identity.
   */
  const weightsBySkill = new Map<string, { fields: string[]; weights: number[] }>();
  const ids = [...taxonomy.technologies.map((t) => t.id), ...fields.flatMap((f) => Object.keys(f.skillWeights))];
  for (const id of ids) {
    if (weightsBySkill.has(id)) continue;
    const entry = { fields: [] as string[], weights: [] as number[] };
    for (const f of fields) {
      const weight = f.skillWeights[id];
      if (weight === undefined) continue;
      entry.fields.push(f.id);
      entry.weights.push(weight);
    }
    if (entry.fields.length > 0) weightsBySkill.set(id, entry);
  }
  // Character pairs present in the spaced and the compact text of the current plainKeywordScores call.
  const spacedPairs = new Uint32Array(1 << PAIR_BITS);
  const compactPairs = new Uint32Array(1 << PAIR_BITS);
  let pairStamp = 0;

  /**
   * Field scores from keywords in a short text (title or category name): the first hit weighs 1.5, later ones 1.
   * Square-bracketed parts ('[인공지능솔루션] Frontend 개발자', 'Backend Engineer [TADA]') and a leading team name
   * ('보안운영팀 _ 그룹웨어 개발') usually name a team or a service, so keywords there weigh 0.4 unless nothing else in the
   * title names a field.
   */
  const keywordScores = (text: string): Map<string, number> => {
    const bracketed = /[[【［<＜〔]([^\]】］>＞〕]*)[\]】］>＞〕]/g;
    const team = TEAM_PREFIX.exec(text);
    const inside = [...text.matchAll(bracketed)].map((m) => m[1]).join(' ') + (team ? ` ${team[1]}` : '');
    const outside = (team ? text.slice(team[0].length) : text).replace(bracketed, ' ');
    const main = plainKeywordScores(outside);
    if (inside.trim() === '') return main;
    const factor = main.size > 0 ? 0.4 : 1;
    for (const [f, v] of plainKeywordScores(inside)) main.set(f, Math.max(main.get(f) ?? 0, v * factor));
    return main;
  };

  const plainKeywordScores = (text: string): Map<string, number> => {
    const key = titleKeywordKey(text);
    const spaced = ` ${key} `;
    const compact = key.replace(/ /g, '');
    if (++pairStamp > 0xfffffffe) {
      // The stamps are 32-bit: start over before they wrap.
      spacedPairs.fill(0);
      compactPairs.fill(0);
      pairStamp = 1;
    }
    const stamp = pairStamp;
    markPairs(spaced, spacedPairs, stamp);
    markPairs(compact, compactPairs, stamp);
    const hits: Hit[] = [];
    for (const kw of keywords) {
      if (kw.pair >= 0 && (kw.korean ? compactPairs : spacedPairs)[kw.pair] !== stamp) continue;
      const hay = kw.korean ? compact : spaced;
      let at = hay.indexOf(kw.key);
      while (at >= 0) {
        const before = hay.charCodeAt(at - 1);
        const after = hay.charCodeAt(at + kw.key.length);
        if (kw.korean || (!isAlnum(before) && !isAlnum(after))) {
          // Positions in the compact string are mapped to the spaced one approximately (order is what matters).
          hits.push({ field: kw.field, from: at, to: at + kw.key.length, korean: kw.korean });
        }
        at = hay.indexOf(kw.key, at + 1);
      }
    }
    // A hit inside a longer hit of the same kind does not count ('서버' inside '게임 서버').
    const kept = hits.filter(
      (h) =>
        !hits.some(
          (o) => o !== h && o.korean === h.korean && o.from <= h.from && o.to >= h.to && o.to - o.from > h.to - h.from,
        ),
    );
    kept.sort((a, b) => a.from - b.from);
    const scores = new Map<string, number>();
    kept.forEach((h, i) => scores.set(h.field, Math.max(scores.get(h.field) ?? 0, i === 0 ? 1.5 : 1)));
    if (scores.has('backend') && scores.has('frontend') && !scores.has('fullstack')) {
      const others = [...scores.keys()].filter((f) => f !== 'backend' && f !== 'frontend');
      if (others.length === 0) {
        scores.set('fullstack', scores.get('backend')! + scores.get('frontend')!);
        scores.delete('backend');
        scores.delete('frontend');
      }
    }
    return scores;
  };

  const skillScores = (skills: JobFieldInput['skills']): { scores: Map<string, number>; total: number } => {
    const scores = new Map<string, number>();
    let total = 0;
    for (const s of skills ?? []) {
      if (s.implied) continue;
      const inTitle = s.evidence.some((e) => e.section === 'title');
      const factor = REQUIREMENT_FACTOR[s.requirement] * (inTitle ? TITLE_SKILL_FACTOR : 1);
      const weighted = weightsBySkill.get(s.id);
      if (!weighted) continue;
      for (let k = 0; k < weighted.fields.length; k++) {
        const field = weighted.fields[k]!;
        const add = weighted.weights[k]! * factor;
        scores.set(field, (scores.get(field) ?? 0) + add);
        total += add;
      }
    }
    return { scores, total };
  };

  const result = (id: string, confidence: number, method: JobFieldMethod): JobFieldResult => {
    const f = taxonomy.jobFieldById.get(id)!;
    return { id: f.id, name: f.name, nameKo: f.nameKo, confidence: Math.round(confidence * 1000) / 1000, method };
  };

  /** Every signal of a posting, per field. */
  const signals = (input: JobFieldInput) => {
    const title = keywordScores(input.title);
    const skills = skillScores(input.skills);
    const share = (id: string) => (skills.total > 0 ? (skills.scores.get(id) ?? 0) / skills.total : 0);

    const board = new Map<string, number>();
    let boardExact = false;
    for (const category of input.boardCategories ?? []) {
      const exact = boardIndex.get(boardCategoryKey(category));
      if (exact) {
        board.set(exact, (board.get(exact) ?? 0) + 1);
        boardExact = true;
        continue;
      }
      for (const [f, s] of keywordScores(category)) board.set(f, (board.get(f) ?? 0) + 0.6 * s);
    }

    // No field word, but the title names a backend and a frontend technology ('Node.js/React 개발자'): full-stack.
    let fullstackTitle = false;
    if (title.size === 0) {
      const titleFields = new Set<string>();
      for (const s of input.skills ?? []) {
        if (s.implied || !s.evidence.some((e) => e.section === 'title')) continue;
        const top = argmax(fields, (f) => f.skillWeights[s.id] ?? 0);
        if (top !== 'other') titleFields.add(top);
      }
      fullstackTitle = titleFields.size === 2 && titleFields.has('backend') && titleFields.has('frontend');
    }
    return { title, skills, share, board, boardExact, fullstackTitle };
  };

  const rank = (input: JobFieldInput): Array<{ id: string; score: number }> => {
    const { title, board, share, fullstackTitle } = signals(input);
    const titleScore = (id: string) => (fullstackTitle && id === 'fullstack' ? 1 : (title.get(id) ?? 0));
    return fields
      .map((f) => ({ id: f.id, score: 3 * titleScore(f.id) + 2 * (board.get(f.id) ?? 0) + share(f.id) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score);
  };

  const classify = (input: JobFieldInput): JobFieldResult => {
    const { title, skills, share, board, boardExact, fullstackTitle } = signals(input);
    if (fullstackTitle) return result('fullstack', 0.75, 'RULES');
    if (title.size > 0) {
      const best = argmax(fields, (f) => (title.get(f.id) ?? 0) + 0.3 * (board.get(f.id) ?? 0) + 0.2 * share(f.id));
      return result(best, title.size === 1 ? 0.9 : 0.75, 'RULES');
    }
    if (board.size > 0) {
      const best = argmax(fields, (f) => (board.get(f.id) ?? 0) + 0.2 * share(f.id));
      return result(best, boardExact ? 0.85 : 0.7, 'BOARD_FIELD');
    }
    if (skills.total > 0) {
      const best = argmax(fields, (f) => skills.scores.get(f.id) ?? 0);
      const strength = Math.min(1, skills.total / 4);
      return result(best, Math.min(0.7, share(best) * strength + 0.1 * strength), 'RULES');
    }
    return result('other', 0, 'NONE');
  };

  return { classify, rank };
}

function argmax(fields: readonly JobFieldDef[], score: (f: JobFieldDef) => number): string {
  let best = fields[fields.length - 1]!.id;
  let bestScore = 0;
  for (const f of fields) {
    const s = score(f);
    if (s > bestScore) {
      best = f.id;
      bestScore = s;
    }
  }
  return best;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
}

let shared: JobFieldClassifier | undefined;

/** Job field of one posting with the shipped taxonomy. */
export function classifyJobField(input: JobFieldInput): JobFieldResult {
  shared ??= createJobFieldClassifier();
  return shared.classify(input);
}
