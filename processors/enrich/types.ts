// TypeScript shape of the gold record (schemas/gold-posting.avsc) as avsc encodes and decodes it.
import type { DecisionMethod, SilverPosting } from '../refine/types';
import type { SeniorityLevel } from './seniority';
import type { SkillMention } from './skills';

export interface GoldJobField {
  id: string;
  name: string;
  nameKo: string;
  confidence: number;
  method: DecisionMethod;
}

export interface GoldPosting {
  posting: SilverPosting;
  skills: SkillMention[];
  jobField: GoldJobField;
  seniority: { level: SeniorityLevel; method: DecisionMethod };
  unknownTerms: string[];
  taxonomyVersion: string;
  llm: { used: boolean; fields: string[]; promptVersion: string | null; cached: boolean };
  enrichedAt: number;
}
