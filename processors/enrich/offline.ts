// The offline path of the rules core: a posting as free text (title + whole description, HTML or plain) is split into
// the silver sections by refine's heading splitter, its experience is read by refine's rules, and enrichByRules runs
// on the result. `techmap extract` and `techmap eval` both use this, so they measure what the pipeline does.
import { findExperience } from '../refine/experience';
import { splitSections } from '../refine/sections';
import { createRulesEnricher, type RulesEnricher, type RulesOutput } from './rules';

export interface TextPosting {
  title: string;
  /** The whole description: plain text, Markdown or HTML. */
  text: string;
  boardTags?: readonly string[];
  boardCategories?: readonly string[];
}

export function enrichText(posting: TextPosting, enricher: RulesEnricher = sharedEnricher()): RulesOutput {
  const sections = splitSections(posting.text);
  const experience = findExperience(posting.title, sections);
  return enricher.enrich({
    title: posting.title,
    sections,
    boardTags: posting.boardTags,
    boardCategories: posting.boardCategories,
    experience,
  });
}

let shared: RulesEnricher | undefined;

function sharedEnricher(): RulesEnricher {
  shared ??= createRulesEnricher();
  return shared;
}
