// The rules core of enrich: skills, job field and seniority of one posting, as plain functions over silver data (no
// Kafka, no network, deterministic). The enrich stage and `techmap extract` both call enrichByRules; the LLM fill-in
// (elsewhere) only completes what this could not decide.
import { loadTaxonomy, type Taxonomy } from '../../taxonomy';
import { createJobFieldClassifier, type JobFieldResult } from './job-field';
import { classifySeniority, type ExperienceInput, type SeniorityResult } from './seniority';
import { createSkillExtractor, type ExtractInput, type SkillMention } from './skills';

export interface RulesInput extends ExtractInput {
  boardCategories?: readonly string[];
  experience?: ExperienceInput | null;
}

/** Maps 1:1 onto the gold fields skills, jobField, seniority, unknownTerms and taxonomyVersion. */
export interface RulesOutput {
  skills: SkillMention[];
  unknownTerms: string[];
  jobField: JobFieldResult;
  seniority: SeniorityResult;
  taxonomyVersion: string;
}

export interface RulesEnricher {
  taxonomy: Taxonomy;
  enrich(input: RulesInput): RulesOutput;
}

export function createRulesEnricher(taxonomy: Taxonomy = loadTaxonomy()): RulesEnricher {
  const skills = createSkillExtractor(taxonomy);
  const jobFields = createJobFieldClassifier(taxonomy);
  return {
    taxonomy,
    enrich(input) {
      const extracted = skills.extract(input);
      const jobField = jobFields.classify({
        title: input.title,
        boardCategories: input.boardCategories,
        skills: extracted.skills,
      });
      const seniority = classifySeniority(input.experience, input.title);
      return {
        skills: extracted.skills,
        unknownTerms: extracted.unknownTerms,
        jobField,
        seniority,
        taxonomyVersion: taxonomy.version,
      };
    },
  };
}

let shared: RulesEnricher | undefined;

export function enrichByRules(input: RulesInput): RulesOutput {
  shared ??= createRulesEnricher();
  return shared.enrich(input);
}
