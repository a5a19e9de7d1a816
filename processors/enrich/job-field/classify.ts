// classifyJobField: which job field a posting belongs to, from its title (strongest), the board's own categories, and
// the skills it asks for (weights in taxonomy/job-fields.json), with a confidence in 0..1 and how it was decided.
//
//   title keywords   → method RULES, confidence 0.9 (0.75 when the title names several fields)
//   board categories → method BOARD_FIELD, confidence 0.85 (0.7 when only a keyword inside the category matched)
//   skills only      → method RULES, confidence = share of the winning field × evidence strength, at most 0.7
//   nothing, or too little skill evidence (one Jira mention) → 'other', confidence 0, method NONE (the LLM fill-in
//                      may decide it)
// In a title the field word attached to the role noun wins ('인증보안 백엔드 개발자', 'Security Software Engineer,
// Backend' → backend). Field words that only name a team ('보안운영팀 _ …', '[…]') or a product's domain ('데이터 분석
// 플랫폼 개발자') are weak: when the posting asks for enough skills, the skills decide.
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
  /** The key ends with a role noun ('data engineer'). */
  roleEnd: boolean;
  /** The key starts with a product noun ('시스템 엔지니어'). */
  productFirst: boolean;
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
  /** The keyword names the role: a role noun follows it or ends it ('백엔드 개발자', 'Data Engineer'). */
  head: boolean;
  /** The keyword only qualifies a product noun after it ('데이터 분석 플랫폼', '방화벽 정책관리 솔루션'). */
  modifier: boolean;
  /** The keyword starts with a product noun ('시스템 엔지니어'): a keyword right before it forms a compound with it. */
  productFirst: boolean;
}

// Title grammar (Korean and English noun phrases put the head last: '인증보안 백엔드 개발자' is a backend developer).
/** A role noun, possibly after a generic word, right after a keyword: that keyword is the head of the title. */
const ROLE_AFTER =
  /\s*(?:(?:software|소프트웨어|sw|웹|web)\s*)?(?:개발자|개발|엔지니어|담당자|담당|프로그래머|연구원|아키텍트|리드|리더|engineer|developer|programmer|dev|architect|lead|scientist|researcher|analyst|administrator)(?:s?(?![a-z]))/y;
/** A keyword that itself ends with a role noun ('data engineer', '플랫폼 엔지니어'). */
const ROLE_END =
  /(?:개발자|엔지니어|담당자|프로그래머|연구원|아키텍트|engineer|developer|programmer|architect|scientist|researcher|analyst|administrator)$/;
/** 'Software Engineer, Backend': a field word after the role and a comma specialises the role. */
const ROLE_COMMA_BEFORE = /(?:engineer|developer|programmer|개발자|엔지니어),\s*$/;
/** A product noun after a keyword: the keyword names the product's domain, not the role. */
const PRODUCT_AFTER = /\s*(?:플랫폼|솔루션|시스템|서비스|엔진|platform|solution|system|service|product)/y;

/** Whether a sticky regex matches in `text` at `at`. */
function matchesAt(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}
/** Weight of keywords that only name a team, a service or a product's domain (brackets, team prefix, modifiers). */
const CONTEXT_WEIGHT = 0.4;
/**
 * Weighted skill evidence (sum of weights × requirement factors) below which skills alone decide nothing: one Jira
 * mention (0.2) is not a field, one framework mention (≥ 0.6) is.
 */
const MIN_SKILL_EVIDENCE = 0.6;

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
      keywords.push({
        field: f.id,
        key,
        korean,
        pair,
        roleEnd: ROLE_END.test(key),
        productFirst: matchesAt(PRODUCT_AFTER, key, 0),
      });
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
   * Field scores from keywords in a short text (title or category name), see plainKeywordScores. Square-bracketed
   * parts ('[인공지능솔루션] Frontend 개발자', 'Backend Engineer [TADA]') and a leading team name ('보안운영팀 _ 그룹웨어
   * 개발') usually name a team or a service, not the role, so keywords there weigh CONTEXT_WEIGHT.
   */
  const keywordScores = (text: string): Map<string, number> => {
    const bracketed = /[[【［<＜〔]([^\]】］>＞〕]*)[\]】］>＞〕]/g;
    const team = TEAM_PREFIX.exec(text);
    const inside = [...text.matchAll(bracketed)].map((m) => m[1]).join(' ') + (team ? ` ${team[1]}` : '');
    const outside = (team ? text.slice(team[0].length) : text).replace(bracketed, ' ');
    const main = plainKeywordScores(outside);
    if (inside.trim() === '') return main;
    for (const [f, v] of plainKeywordScores(inside)) main.set(f, Math.max(main.get(f) ?? 0, v * CONTEXT_WEIGHT));
    return main;
  };

  /**
   * The head keyword (the last one naming the role, '인증보안 백엔드 개발자' → 백엔드) weighs 1.5, or the first keyword
   * when none names the role; others weigh 1, and keywords that only qualify a product noun ('데이터 분석 플랫폼')
   * CONTEXT_WEIGHT. Overlapping keywords form one compound whose first keyword counts ('빅데이터 플랫폼 엔지니어').
   */
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
          const to = at + kw.key.length;
          hits.push({
            field: kw.field,
            from: at,
            to,
            korean: kw.korean,
            head:
              kw.roleEnd ||
              matchesAt(ROLE_AFTER, hay, to) ||
              (hay.lastIndexOf(',', at) >= at - 2 && ROLE_COMMA_BEFORE.test(hay.slice(0, at))),
            modifier: matchesAt(PRODUCT_AFTER, hay, to),
            productFirst: kw.productFirst,
          });
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
    // The product noun after a modifier may belong to another keyword ('빅데이터' + '데이터 플랫폼', '백엔드' + '시스템
    // 엔지니어'): then the two form a compound whose first keyword names the field.
    const overlapsAt = (h: Hit, at: number) =>
      kept.find((o) => o !== h && o.korean === h.korean && o.from < at && o.to > at);
    const startsAt = (h: Hit, at: number) => kept.find((o) => o !== h && o.korean === h.korean && o.from === at);
    for (const h of kept) if (h.modifier && (overlapsAt(h, h.to) || startsAt(h, h.to))) h.modifier = false;
    const compoundBefore = (h: Hit) =>
      overlapsAt(h, h.from) ??
      (h.productFirst ? kept.find((o) => o.korean === h.korean && o.to === h.from) : undefined);
    let lead = kept.findLast((h) => h.head && !h.modifier) ?? kept.find((h) => !h.modifier);
    for (let o = lead && compoundBefore(lead); lead && o; o = compoundBefore(lead)) lead = o;
    const scores = new Map<string, number>();
    for (const h of kept) {
      const weight = h === lead ? 1.5 : h.modifier ? CONTEXT_WEIGHT : 1;
      scores.set(h.field, Math.max(scores.get(h.field) ?? 0, weight));
    }
    if (scores.has('backend') && scores.has('frontend') && !scores.has('fullstack')) {
      const others = [...scores.keys()].filter((f) => f !== 'backend' && f !== 'frontend' && scores.get(f)! >= 1);
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
    // A title naming a field only through a team, service or product ('보안운영팀 _ 그룹웨어 개발', '데이터 분석 플랫폼
    // 개발자') is weaker than the skills the posting asks for, when it asks for enough.
    const enoughSkills = skills.total >= MIN_SKILL_EVIDENCE;
    const weakTitle = title.size > 0 && ![...title.values()].some((v) => v >= 1) && enoughSkills;
    return { title, skills, share, board, boardExact, fullstackTitle, enoughSkills, weakTitle };
  };

  const rank = (input: JobFieldInput): Array<{ id: string; score: number }> => {
    const { title, board, share, fullstackTitle, weakTitle } = signals(input);
    const titleScore = (id: string) => (fullstackTitle && id === 'fullstack' ? 1 : (title.get(id) ?? 0));
    const titleWeight = weakTitle ? 0.2 : 3;
    return fields
      .map((f) => ({ id: f.id, score: titleWeight * titleScore(f.id) + 2 * (board.get(f.id) ?? 0) + share(f.id) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score);
  };

  const classify = (input: JobFieldInput): JobFieldResult => {
    const { title, skills, share, board, boardExact, fullstackTitle, enoughSkills, weakTitle } = signals(input);
    if (fullstackTitle) return result('fullstack', 0.75, 'RULES');
    const strength = Math.min(1, skills.total / 4);
    const skillConfidence = (id: string) => Math.min(0.7, share(id) * strength + 0.1 * strength);
    if (weakTitle) {
      const best = argmax(fields, (f) => share(f.id) + 0.2 * (title.get(f.id) ?? 0) + 0.3 * (board.get(f.id) ?? 0));
      return result(best, skillConfidence(best), 'RULES');
    }
    if (title.size > 0) {
      const best = argmax(fields, (f) => (title.get(f.id) ?? 0) + 0.3 * (board.get(f.id) ?? 0) + 0.2 * share(f.id));
      const namesRole = [...title.values()].some((v) => v >= 1);
      return result(best, !namesRole ? 0.5 : title.size === 1 ? 0.9 : 0.75, 'RULES');
    }
    if (board.size > 0) {
      const best = argmax(fields, (f) => (board.get(f.id) ?? 0) + 0.2 * share(f.id));
      return result(best, boardExact ? 0.85 : 0.7, 'BOARD_FIELD');
    }
    // Skills alone decide only with enough evidence: one Jira mention says nothing about the field; 'other' with
    // confidence 0 lets the LLM fill-in decide when it is on.
    if (enoughSkills) {
      const best = argmax(fields, (f) => skills.scores.get(f.id) ?? 0);
      return result(best, skillConfidence(best), 'RULES');
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
