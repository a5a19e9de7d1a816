// Input and output of skill extraction. The output is exactly the gold SkillMention record
// (schemas/gold-posting.avsc) so the enrich stage copies it as is.

export const sectionNames = ['intro', 'responsibilities', 'requirements', 'preferred', 'benefits', 'other'] as const;
export type SectionName = (typeof sectionNames)[number];

/** Where a piece of evidence was found: a silver section, the title, or the board's own tags. */
export type EvidenceSection = SectionName | 'title' | 'boardTags';

export type Requirement = 'REQUIRED' | 'PREFERRED' | 'MENTIONED';

/** How a skill was found (the gold DecisionMethod values that apply to skills). */
export type SkillMethod = 'RULES' | 'BOARD_TAG' | 'LLM';

export interface Evidence {
  section: EvidenceSection;
  /** UTF-16 offset of the mention in that section's text (for boardTags: in the tag's own text). */
  start: number;
  end: number;
  /** The mention as written, e.g. '리액트'. */
  text: string;
}

export interface SkillMention {
  id: string;
  name: string;
  category: string;
  requirement: Requirement;
  methods: SkillMethod[];
  implied: boolean;
  evidence: Evidence[];
}

/** The silver shape extraction needs: title, sections (missing ones are empty) and the board's tags. */
export interface ExtractInput {
  title: string;
  sections: Partial<Record<SectionName, string>>;
  boardTags?: readonly string[];
}

export interface ExtractResult {
  skills: SkillMention[];
  /** Tech-looking terms that are not in the taxonomy (and board tags that map to nothing), for review. */
  unknownTerms: string[];
}
