// Skill extraction: the public surface of this folder.
export { compileDictionary, type Candidate, type SkillDictionary } from './dictionary';
export {
  createSkillExtractor,
  extractSkills,
  mapBoardTag,
  requirementOf,
  type ExtractOptions,
  type SkillExtractor,
} from './extract';
export * from './types';
