/** Graders of code exercises that need no tfjs (the model-accuracy grader is src/tf/graders.ts). */
export { gradeFunction, judgeFunction, measureFunction, functionPlan, callText, findReaderFunction, mismatchText, thrownText, type ReaderExports } from './function-grader.ts';
export { gradeAgent, judgeAgent, measureAgent, agentPlan, agentAdvice, asPolicy, BUDGET_GRACE, DEFAULT_EVAL_SEED, DEFAULT_GAMES, DEFAULT_TRAIN_SECONDS, type AgentGraderOptions, type TrainingBudget } from './agent-grader.ts';
export { gradeCustom, judgeCustom, measureCustom, customPlan, checkGradeResult, type CustomGraderContext } from './custom-grader.ts';
export { measurePlan, judgeMeasurement, checkModelMeasurement, type MeasurePlan, type Measurement } from './measure.ts';
export { compareValues, numbersClose, DEFAULT_TOLERANCE, type Mismatch, type Tolerance } from './compare.ts';
export { describeReturned, expectedKind, formatNumber, formatBrief } from './describe.ts';
export { percentAgainst, thresholdPercent } from './figures.ts';
