// Job-field classification: the public surface of this folder.
export {
  classifyJobField,
  createJobFieldClassifier,
  type JobFieldClassifier,
  type JobFieldInput,
  type JobFieldMethod,
  type JobFieldResult,
} from './classify';
