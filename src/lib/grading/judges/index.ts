/**
 * The judges of custom graders, by name (an exercise.yaml says `judge: <name>`). A judge makes
 * the input its measuring script receives and decides pass or fail from what the script
 * measured. It runs in the page and must check everything it reads: the data comes from the
 * reader's realm. What the reader's code must never see (a dataset's labels) it asks the page
 * for through its context.
 */
import type { DatasetId, SplitName } from '../../data/manifest.ts';
import type { GradeResult } from '../../exercises/types.ts';
import { denseBackwardInput, judgeDenseBackward, type DenseInput } from './dense-backward.ts';
import { judgeUnsupervisedClassifier, unsupervisedClassifierInput, type ClassifierInput } from './unsupervised-classifier.ts';

/** What the page gives a judge besides the measurement. */
export interface JudgeContext {
  /** The labels of a dataset split, loaded by the page (verified against the manifest); never sent to the code worker. */
  labels(dataset: DatasetId, split: SplitName): Promise<Uint8Array>;
}

export interface Judge<I = unknown> {
  /** The data the measuring script receives as `input` (plain, structured-cloneable). */
  input(): I;
  /** The decision, from the same input and the measured (already snapshot-checked) value. */
  judge(input: I, measured: unknown, context: JudgeContext): GradeResult | Promise<GradeResult>;
}

export const JUDGE_NAMES = ['dense-backward', 'unsupervised-classifier'] as const;
export type JudgeName = (typeof JUDGE_NAMES)[number];

const judge = <I>(j: Judge<I>): Judge<unknown> => j as Judge<unknown>;

export const JUDGES: Record<JudgeName, Judge<unknown>> = {
  'dense-backward': judge<DenseInput>({ input: () => denseBackwardInput(), judge: judgeDenseBackward }),
  'unsupervised-classifier': judge<ClassifierInput>({ input: unsupervisedClassifierInput, judge: judgeUnsupervisedClassifier }),
};

/** The judge called `name`, or null when there is none (a bug in the exercise). */
export function judgeNamed(name: string): Judge<unknown> | null {
  return Object.hasOwn(JUDGES, name) ? JUDGES[name as JudgeName] : null;
}
