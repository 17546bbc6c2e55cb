/** Graders of code exercises that need no tfjs (the model-accuracy grader is src/tf/graders.ts). */
export { gradeFunction, callText, findReaderFunction, mismatchText, thrownText, type ReaderExports } from './function-grader.ts';
export { gradeAgent, asPolicy, BUDGET_GRACE, DEFAULT_EVAL_SEED, DEFAULT_GAMES, DEFAULT_TRAIN_SECONDS, type AgentGraderOptions, type TrainingBudget } from './agent-grader.ts';
export { runCustomGrader, compileCustomGrader, checkGradeResult, type CustomGraderContext } from './custom-grader.ts';
export { compareValues, numbersClose, DEFAULT_TOLERANCE, type Mismatch, type Tolerance } from './compare.ts';
export { describeValue, expectedKind, formatNumber, formatValue } from './describe.ts';
export { percentAgainst, thresholdPercent } from './figures.ts';
