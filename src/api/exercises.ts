/** `rms.exercises`: the checks an exercise cell runs on a learner's rule or number, with hints. */
export {
  checkRule, checkValue, ExerciseError, nesterovReference, type Difference, type RuleCheckOptions, type ValueCheckOptions,
} from "../notebook/exercises";
