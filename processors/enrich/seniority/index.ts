// Seniority classification: the public surface of this folder.
export {
  classifySeniority,
  seniorityFromTitle,
  seniorityFromYears,
  type ExperienceInput,
  type SeniorityLevel,
  type SeniorityResult,
} from './classify';
