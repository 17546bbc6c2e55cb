import type { GradeResult } from '../exercises/types.ts';

/**
 * The result for a measurement from the code worker that is not shaped as it should be: the
 * run fails, and the reader learns why. Reader code that replaces built-ins the worker relies
 * on (Array methods, JSON, postMessage…) ends here; a measurement is never trusted unchecked.
 */
export function malformedMeasurement(problem: string): GradeResult {
  return {
    pass: false,
    message:
      `The grader could not read the measurements of this run (${problem}), so it is not graded as passed. ` +
      'This happens when code replaces or changes built-in functions (such as `Array.prototype.push`, `JSON` or `postMessage`); ' +
      'remove that and run it again.',
  };
}
