// extractSkills: every technology a posting mentions, with evidence (section + offsets), required vs preferred,
// merged with the board's own tags, plus the skills they imply and the unknown tech-looking terms.
//
// Requirement (decided per mention, the strongest wins):
//   responsibilities, requirements → REQUIRED; preferred → PREFERRED; title, intro, benefits, other → MENTIONED.
//   A skill known only from the board's tags is MENTIONED (tags say "this job uses it", not "you must have it").
// An implied skill (Spring Boot ⇒ Spring) that is not mentioned itself gets implied: true, no evidence, method RULES
// and the strongest requirement of the skills implying it.
import { loadTaxonomy, phraseKeys, tokenizeInto, Tokens, type Taxonomy, type Technology } from '../../../taxonomy';
import { resolveAmbiguity } from './ambiguity';
import { compileDictionary, type SkillDictionary } from './dictionary';
import {
  sectionNames,
  type Evidence,
  type EvidenceSection,
  type ExtractInput,
  type ExtractResult,
  type Requirement,
  type SectionName,
  type SkillMention,
  type SkillMethod,
} from './types';
import { collectUnknownTerms } from './unknown-terms';

/** Evidence kept per skill (the first ones in reading order); a posting repeating 'React' 40 times stays small. */
export const MAX_EVIDENCE_PER_SKILL = 8;
export const MAX_UNKNOWN_TERMS = 30;

const RANK: Record<Requirement, number> = { REQUIRED: 3, PREFERRED: 2, MENTIONED: 1 };
const REQUIREMENT_OF: Record<EvidenceSection, Requirement> = {
  title: 'MENTIONED',
  intro: 'MENTIONED',
  responsibilities: 'REQUIRED',
  requirements: 'REQUIRED',
  preferred: 'PREFERRED',
  benefits: 'MENTIONED',
  other: 'MENTIONED',
  boardTags: 'MENTIONED',
};

export function requirementOf(section: EvidenceSection): Requirement {
  return REQUIREMENT_OF[section];
}

/** One technology found in the posting so far (kept per technology index, reused across calls). */
interface Acc {
  tech: Technology;
  /** RANK of the strongest requirement so far. */
  rank: number;
  rules: boolean;
  tags: boolean;
  evidence: Evidence[];
}

const REQUIREMENT_BY_RANK: readonly Requirement[] = ['MENTIONED', 'MENTIONED', 'PREFERRED', 'REQUIRED'];

export interface ExtractOptions {
  /** Apply the ambiguity rules (default true). Off: every dictionary hit counts (used to map human-labelled spans). */
  ambiguity?: boolean;
}

export interface SkillExtractor {
  dictionary: SkillDictionary;
  extract(input: ExtractInput, options?: ExtractOptions): ExtractResult;
}

export function createSkillExtractor(taxonomy: Taxonomy = loadTaxonomy()): SkillExtractor {
  const dictionary = compileDictionary(taxonomy);
  const stopwords = taxonomy.unknownTermStopwords;
  const techs = taxonomy.technologies;
  const techCount = techs.length;
  const indexById = new Map<string, number>(techs.map((t, i) => [t.id, i]));

  // Everything a technology implies, transitively (ids for membership, indexes for the implied-skill pass).
  const closureIds: Array<ReadonlySet<string>> = techs.map((t) => {
    const acc = new Set<string>();
    const stack = [...t.implies];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (acc.has(next)) continue;
      acc.add(next);
      stack.push(...(taxonomy.byId.get(next)?.implies ?? []));
    }
    return acc;
  });
  const closureIndexes: Int32Array[] = closureIds.map(
    (ids) => new Int32Array([...ids].flatMap((id) => (indexById.has(id) ? [indexById.get(id)!] : []))),
  );
  /** Position of each technology's id in id order (the last sort key of bySkillOrder, as a number). */
  const idRank = new Int32Array(techCount);
  techs
    .map((t, i) => ({ id: t.id, i }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .forEach((e, r) => (idRank[e.i] = r));

  /**
   * 'spring-boot springboot' → Spring (4 characters): a two-word name written as one word whose first word names a
   * technology this one implies ('springboot', '스프링부트', 'reactnative'). Per technology index: glued word → split.
   */
  const gluedSplits: Array<Map<string, { prefix: Technology; length: number }> | undefined> = new Array(techCount);
  for (const [i, t] of techs.entries()) {
    for (const phrase of [t.name, ...t.aliases, ...t.aliasesKo]) {
      const keys = phraseKeys(phrase);
      if (keys.length !== 2) continue;
      const prefix = dictionary.lookupExact([keys[0]!]);
      if (prefix && closureIds[i]!.has(prefix.id))
        (gluedSplits[i] ??= new Map()).set(`${keys[0]}${keys[1]}`, { prefix, length: keys[0]!.length });
    }
  }

  // State of the extraction under way, reused across calls (extract is synchronous and never re-entered).
  const tokens = new Tokens(0);
  const accs: Array<Acc | undefined> = new Array(techCount);
  /** Technology indexes in the order they were first found. */
  const found: number[] = [];
  /** Per technology: the call that last marked it present / implied, and the rank it is implied with. */
  const presentIn = new Uint32Array(techCount);
  const impliedIn = new Uint32Array(techCount);
  const impliedRank = new Uint8Array(techCount);
  let call = 0;

  const note = (
    techIndex: number,
    tech: Technology,
    section: EvidenceSection,
    source: string,
    start: number,
    end: number,
    byRules: boolean,
  ): void => {
    let acc = accs[techIndex];
    if (!acc) {
      acc = { tech, rank: RANK.MENTIONED, rules: false, tags: false, evidence: [] };
      accs[techIndex] = acc;
      found.push(techIndex);
    }
    const rank = RANK[REQUIREMENT_OF[section]];
    if (rank > acc.rank) acc.rank = rank;
    if (byRules) acc.rules = true;
    else acc.tags = true;
    if (acc.evidence.length < MAX_EVIDENCE_PER_SKILL)
      acc.evidence.push({ section, start, end, text: source.slice(start, end) });
  };

  const scanText = (section: EvidenceSection, text: string | undefined, useRules: boolean, unknown: Set<string>) => {
    if (!text) return;
    const tok = tokenizeInto(text, tokens);
    const all = dictionary.scan(tok);
    const accepted = useRules ? resolveAmbiguity(tok, all, dictionary.suffixes) : all;
    for (const c of accepted) {
      const { tech, techIndex } = c.terminal;
      note(techIndex, tech, section, text, c.start, c.end, true);
      // 'AWS Lambda', 'Spring Boot', 'GitHub Actions': the leading words name a technology this one implies, and
      // the text does say it, so that technology is mentioned too (not only implied).
      let named = false;
      const implied = c.last > c.first ? closureIds[techIndex]! : null;
      for (let p = c.last - 1; implied && p >= c.first && !named; p--) {
        const prefix = dictionary.lookupTokens(tok, c.first, p);
        if (prefix && implied.has(prefix.id)) {
          note(indexById.get(prefix.id)!, prefix, section, text, c.start, tok.end[p]!, true);
          named = true;
        }
      }
      const splits = gluedSplits[techIndex];
      if (!named && c.first === c.last && splits) {
        // One glued word that is a two-word name written together: 'springboot', '스프링부트', 'reactnative'.
        const split = splits.get(tok.keyAt(c.first).slice(0, c.end - c.start));
        if (split) {
          const { prefix, length } = split;
          note(indexById.get(prefix.id)!, prefix, section, text, c.start, c.start + length, true);
        }
      }
    }
    collectUnknownTerms(tok, all, accepted, stopwords, unknown);
  };

  const extract = (input: ExtractInput, options?: ExtractOptions): ExtractResult => {
    const useRules = options?.ambiguity ?? true;
    // Forget the previous call (also when it threw half-way).
    for (const i of found) accs[i] = undefined;
    found.length = 0;
    if (++call > 0xfffffffe) {
      // The stamps are 32-bit: start over before they wrap.
      presentIn.fill(0);
      impliedIn.fill(0);
      call = 1;
    }
    const unknown = new Set<string>();

    scanText('title', input.title, useRules, unknown);
    for (const name of sectionNames) scanText(name, input.sections[name], useRules, unknown);
    for (const tag of input.boardTags ?? []) {
      const trimmed = tag.trim();
      if (trimmed === '') continue;
      const techsOfTag = mapBoardTag(dictionary, trimmed);
      if (techsOfTag.length === 0) unknown.add(trimmed);
      for (const tech of techsOfTag) note(indexById.get(tech.id)!, tech, 'boardTags', tag, 0, tag.length, false);
    }

    // The skills as numbers to sort (bySkillOrder as one key: requirement, implied, id) and their mentions.
    const skills: SkillMention[] = [];
    const keys: number[] = [];
    for (const i of found) {
      const acc = accs[i]!;
      const methods: SkillMethod[] = [];
      if (acc.rules) methods.push('RULES');
      if (acc.tags) methods.push('BOARD_TAG');
      keys.push(sortKey(acc.rank, false, i));
      skills.push({
        id: acc.tech.id,
        name: acc.tech.name,
        category: acc.tech.category,
        requirement: REQUIREMENT_BY_RANK[acc.rank]!,
        methods,
        implied: false,
        evidence: acc.evidence,
      });
      presentIn[i] = call;
    }
    // Implied skills (Spring Boot ⇒ Spring) that are not mentioned, with the strongest requirement implying them.
    const impliedList: number[] = [];
    for (const i of found) {
      const rank = accs[i]!.rank;
      const closure = closureIndexes[i]!;
      for (let t = 0; t < closure.length; t++) {
        const target = closure[t]!;
        if (presentIn[target] === call) continue;
        if (impliedIn[target] !== call) {
          impliedIn[target] = call;
          impliedRank[target] = rank;
          impliedList.push(target);
        } else if (rank > impliedRank[target]!) impliedRank[target] = rank;
      }
    }
    for (const target of impliedList) {
      const tech = techs[target]!;
      keys.push(sortKey(impliedRank[target]!, true, target));
      skills.push({
        id: tech.id,
        name: tech.name,
        category: tech.category,
        requirement: REQUIREMENT_BY_RANK[impliedRank[target]!]!,
        methods: ['RULES'],
        implied: true,
        evidence: [],
      });
    }
    // Each key is unique (one skill per technology), so sorting key * count + position orders the skills.
    const order = new Float64Array(keys.length);
    for (let p = 0; p < keys.length; p++) order[p] = keys[p]! * keys.length + p;
    order.sort();
    const sorted = new Array<SkillMention>(keys.length);
    for (let p = 0; p < keys.length; p++) sorted[p] = skills[order[p]! % keys.length]!;
    const unknownTerms = [...unknown].slice(0, MAX_UNKNOWN_TERMS);
    return { skills: sorted, unknownTerms };
  };

  /** bySkillOrder as one number: REQUIRED first, then PREFERRED, MENTIONED; mentioned before implied; then by id. */
  const sortKey = (rank: number, implied: boolean, techIndex: number): number =>
    ((3 - rank) * 2 + (implied ? 1 : 0)) * techCount + idRank[techIndex]!;

  return { dictionary, extract };
}

/** The technologies a board tag names: the whole tag ('Spring Data JPA', 'aws-ec2', 'CSS 3'), else its parts ('Python(Django)'). */
export function mapBoardTag(dictionary: SkillDictionary, tag: string): Technology[] {
  const whole = dictionary.lookupPhrase(tag);
  if (whole) return [whole];
  const parts = tag
    .split(/[(),/|·]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length < 2) return [];
  const techs: Technology[] = [];
  for (const part of parts) {
    const tech = dictionary.lookupPhrase(part);
    if (tech && !techs.includes(tech)) techs.push(tech);
  }
  return techs;
}

let shared: SkillExtractor | undefined;

/** Skills of one posting with the shipped taxonomy (the dictionary is compiled once per process). */
export function extractSkills(input: ExtractInput): ExtractResult {
  shared ??= createSkillExtractor();
  return shared.extract(input);
}

export type { SectionName };
