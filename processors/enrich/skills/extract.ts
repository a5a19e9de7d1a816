// extractSkills: every technology a posting mentions, with evidence (section + offsets), required vs preferred,
// merged with the board's own tags, plus the skills they imply and the unknown tech-looking terms.
//
// Requirement (decided per mention, the strongest wins):
//   responsibilities, requirements → REQUIRED; preferred → PREFERRED; title, intro, benefits, other → MENTIONED.
//   A skill known only from the board's tags is MENTIONED (tags say "this job uses it", not "you must have it").
// An implied skill (Spring Boot ⇒ Spring) that is not mentioned itself gets implied: true, no evidence, method RULES
// and the strongest requirement of the skills implying it.
import { loadTaxonomy, phraseKeys, tokenize, type Taxonomy, type Technology } from '../../../taxonomy';
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

interface Acc {
  tech: Technology;
  requirement: Requirement;
  rules: boolean;
  tags: boolean;
  evidence: Evidence[];
}

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
  const closures = new Map<string, ReadonlySet<string>>();
  const impliesClosure = (id: string): ReadonlySet<string> => {
    let set = closures.get(id);
    if (!set) {
      const acc = new Set<string>();
      const stack = [...(taxonomy.byId.get(id)?.implies ?? [])];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (acc.has(next)) continue;
        acc.add(next);
        stack.push(...(taxonomy.byId.get(next)?.implies ?? []));
      }
      set = acc;
      closures.set(id, set);
    }
    return set;
  };
  /**
   * 'spring-boot springboot' → Spring (4 characters): a two-word name written as one word whose first word names a
   * technology this one implies ('springboot', '스프링부트', 'reactnative').
   */
  const gluedSplits = new Map<string, { prefix: Technology; length: number }>();
  for (const t of taxonomy.technologies) {
    for (const phrase of [t.name, ...t.aliases, ...t.aliasesKo]) {
      const keys = phraseKeys(phrase);
      if (keys.length !== 2) continue;
      const prefix = dictionary.lookupExact([keys[0]!]);
      if (prefix && impliesClosure(t.id).has(prefix.id))
        gluedSplits.set(`${t.id} ${keys[0]}${keys[1]}`, { prefix, length: keys[0]!.length });
    }
  }

  const extract = (input: ExtractInput, options: ExtractOptions = {}): ExtractResult => {
    const useRules = options.ambiguity ?? true;
    const found = new Map<string, Acc>();
    const unknown = new Set<string>();
    const note = (tech: Technology, section: EvidenceSection, ev: Evidence, method: 'rules' | 'tags') => {
      let acc = found.get(tech.id);
      if (!acc) {
        acc = { tech, requirement: 'MENTIONED', rules: false, tags: false, evidence: [] };
        found.set(tech.id, acc);
      }
      const req = REQUIREMENT_OF[section];
      if (RANK[req] > RANK[acc.requirement]) acc.requirement = req;
      if (method === 'rules') acc.rules = true;
      else acc.tags = true;
      if (acc.evidence.length < MAX_EVIDENCE_PER_SKILL) acc.evidence.push(ev);
    };

    const scanText = (section: EvidenceSection, text: string | undefined) => {
      if (!text) return;
      const tok = tokenize(text);
      const all = dictionary.scan(tok);
      const accepted = useRules ? resolveAmbiguity(tok, all, dictionary.suffixes) : all;
      for (const c of accepted) {
        note(
          c.terminal.tech,
          section,
          { section, start: c.start, end: c.end, text: text.slice(c.start, c.end) },
          'rules',
        );
        // 'AWS Lambda', 'Spring Boot', 'GitHub Actions': the leading words name a technology this one implies, and
        // the text does say it, so that technology is mentioned too (not only implied).
        let named = false;
        const implied = c.last > c.first ? impliesClosure(c.terminal.tech.id) : null;
        for (let p = c.last - 1; implied && p >= c.first && !named; p--) {
          const prefix = dictionary.lookupExact(tok.keysOf(c.first, p));
          if (prefix && implied.has(prefix.id)) {
            const e = tok.end[p]!;
            note(prefix, section, { section, start: c.start, end: e, text: text.slice(c.start, e) }, 'rules');
            named = true;
          }
        }
        if (!named && c.first === c.last) {
          // One glued word that is a two-word name written together: 'springboot', '스프링부트', 'reactnative'.
          const split = gluedSplits.get(`${c.terminal.tech.id} ${tok.keyAt(c.first).slice(0, c.end - c.start)}`);
          if (split) {
            const e = c.start + split.length;
            note(split.prefix, section, { section, start: c.start, end: e, text: text.slice(c.start, e) }, 'rules');
          }
        }
      }
      collectUnknownTerms(tok, all, accepted, stopwords, unknown);
    };

    scanText('title', input.title);
    for (const name of sectionNames) scanText(name, input.sections[name]);
    for (const tag of input.boardTags ?? []) {
      const trimmed = tag.trim();
      if (trimmed === '') continue;
      const techs = mapBoardTag(dictionary, trimmed);
      if (techs.length === 0) unknown.add(trimmed);
      for (const tech of techs)
        note(tech, 'boardTags', { section: 'boardTags', start: 0, end: tag.length, text: tag }, 'tags');
    }

    const skills: SkillMention[] = [];
    for (const acc of found.values()) {
      const methods: SkillMethod[] = [];
      if (acc.rules) methods.push('RULES');
      if (acc.tags) methods.push('BOARD_TAG');
      skills.push({
        id: acc.tech.id,
        name: acc.tech.name,
        category: acc.tech.category,
        requirement: acc.requirement,
        methods,
        implied: false,
        evidence: acc.evidence,
      });
    }
    skills.push(...impliedSkills(taxonomy, skills, impliesClosure));
    skills.sort(bySkillOrder);
    const unknownTerms = [...unknown].slice(0, MAX_UNKNOWN_TERMS);
    return { skills, unknownTerms };
  };

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

function impliedSkills(
  taxonomy: Taxonomy,
  explicit: readonly SkillMention[],
  closure: (id: string) => ReadonlySet<string>,
): SkillMention[] {
  const present = new Set(explicit.map((s) => s.id));
  const implied = new Map<string, Requirement>();
  for (const s of explicit) {
    for (const target of closure(s.id)) {
      if (present.has(target)) continue;
      const prev = implied.get(target);
      if (prev === undefined || RANK[s.requirement] > RANK[prev]) implied.set(target, s.requirement);
    }
  }
  const out: SkillMention[] = [];
  for (const [id, requirement] of implied) {
    const tech = taxonomy.byId.get(id)!;
    out.push({
      id,
      name: tech.name,
      category: tech.category,
      requirement,
      methods: ['RULES'],
      implied: true,
      evidence: [],
    });
  }
  return out;
}

/** REQUIRED first, then PREFERRED, MENTIONED; mentioned before implied; then by id (deterministic). */
function bySkillOrder(a: SkillMention, b: SkillMention): number {
  return (
    RANK[b.requirement] - RANK[a.requirement] ||
    Number(a.implied) - Number(b.implied) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

let shared: SkillExtractor | undefined;

/** Skills of one posting with the shipped taxonomy (the dictionary is compiled once per process). */
export function extractSkills(input: ExtractInput): ExtractResult {
  shared ??= createSkillExtractor();
  return shared.extract(input);
}

export type { SectionName };
