/**
 * Code exercises: what an exercise is, how it is graded, and what a grade says.
 * An exercise lives in `content/exercises/<id>/` (exercise.yaml, starter.js, solution.js,
 * optionally grader.js for the `custom` kind); the build turns it into an `ExerciseData`
 * embedded in the page, and the code worker grades the reader's run with its `grader`.
 */
import type { DatasetId, SplitName } from '../data/manifest.ts';

/** Calls a function the reader defines on test cases and compares the results. */
export interface FunctionGraderSpec {
  kind: 'function';
  /** Name of the function the reader's code must define at top level, e.g. "sigmoid". */
  name: string;
  cases: FunctionCase[];
  /** Largest accepted absolute difference for numbers (default 1e-6). */
  tolerance?: number;
  /** Largest accepted relative difference for numbers (default 1e-6); a number passes if either holds. */
  relativeTolerance?: number;
}

export interface FunctionCase {
  /** Arguments passed to the reader's function (plain JSON values; arrays stay arrays). */
  args: unknown[];
  /** The expected return value (numbers compared with tolerance, arrays element by element). */
  expected: unknown;
  /** Shown to the reader when this case fails, e.g. "a large negative input must not give NaN". */
  note?: string;
}

/** Evaluates the tfjs model the reader's code returns on a dataset split. */
export interface ModelAccuracyGraderSpec {
  kind: 'model-accuracy';
  dataset: DatasetId;
  split: SplitName;
  /** Fraction of correctly classified examples needed to pass, e.g. 0.9. */
  threshold: number;
  /** Evaluate on the first N examples only (default: the whole split). */
  limit?: number;
  /** Suggestions shown when the model falls short. */
  advice?: string;
  /**
   * Most tensors the reader's code may leave allocated when it returns (variables and tf.keep
   * excepted; see src/lib/grading/tensors-left.ts). Unset: memory is not graded.
   */
  maxTensorsLeft?: number;
}

/** Trains the reader's agent within a time budget, then plays evaluation games. */
export interface AgentWinRateGraderSpec {
  kind: 'agent-win-rate';
  /** Environment id from the registry in src/lib/rl/environments.ts, e.g. "corridor" or "snake-3x3". */
  env: string;
  /** Name of the training function the reader defines: `train(env, budget)` returning a policy. */
  entry?: string;
  /** Evaluation games (default 1,000). */
  games?: number;
  /** Training wall-clock budget in seconds (default 30). */
  trainSeconds?: number;
  /** Fraction of games that must be won, e.g. 0.6. */
  threshold: number;
  /** Seed of the evaluation games, so every reader is graded on the same games. */
  seed?: number;
}

/**
 * Lesson-specific checks, in two halves. The script in the exercise folder (e.g. `measure.js`)
 * is the body of an async function receiving `returned, exports, tf, datasets, print, input, models`;
 * it runs in the code worker beside the reader's code and returns plain data: what the reader's
 * code produced on `input`. The judge, a module of src/lib/grading/judges/ named by `judge`,
 * makes `input` and decides from the data, in the page, where no reader code runs.
 */
export interface CustomGraderSpec {
  kind: 'custom';
  /** Names the script reads from the reader's code (top-level functions/variables). */
  expose?: string[];
  /** Source of the measuring script, filled in by the build. */
  source: string;
  /** The built-in judge that decides (see src/lib/grading/judges/index.ts). */
  judge: string;
}

export type GraderSpec = FunctionGraderSpec | ModelAccuracyGraderSpec | AgentWinRateGraderSpec | CustomGraderSpec;

/** The outcome of grading one run. */
export interface GradeResult {
  pass: boolean;
  /** The measured figure, e.g. 0.873 for accuracy or win rate; absent for function graders. */
  figure?: number;
  /** The figure in words, e.g. "87.3% on the 10,000 test images". */
  figureText?: string;
  /** One or two sentences for the reader: what was found and, on failure, what to try. */
  message: string;
  /** Per-case lines, e.g. "sigmoid(0) returned 0.6; expected 0.5". */
  details?: string[];
  /** What the details list, as its heading where the cell shows it apart, e.g. "The 12 clusters"; default "The N checks". */
  detailsTitle?: string;
  /** Whether each test case passed, for graders with cases: a result with a failing case never counts as a pass. */
  cases?: boolean[];
}

/** Everything the page needs about one exercise (embedded in the HTML at build time). */
export interface ExerciseData {
  id: string;
  title: string;
  starter: string;
  solution: string;
  /** Hints as HTML (rendered from Markdown with maths at build time), revealed one at a time. */
  hints: string[];
  grader: GraderSpec | null;
  /** Run time limit in seconds (default 300). */
  timeLimitSeconds: number;
  /** The names the code worker must read from the reader's scope for the grader. */
  expose: string[];
}

export const DEFAULT_TIME_LIMIT_SECONDS = 300;

/** The top-level names a grader needs from the reader's code. */
export function exposedNames(grader: GraderSpec | null): string[] {
  if (!grader) return [];
  switch (grader.kind) {
    case 'function':
      return [grader.name];
    case 'agent-win-rate':
      return [grader.entry ?? 'train'];
    case 'custom':
      return grader.expose ?? [];
    case 'model-accuracy':
      return [];
  }
}
