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
import { fgsmInput, judgeFgsm, type FgsmInput } from './fgsm.ts';
import { judgeUnsupervisedClassifier, unsupervisedClassifierInput, type ClassifierInput } from './unsupervised-classifier.ts';

/** What the page gives a judge besides the measurement. */
export interface JudgeContext {
  /** The labels of a dataset split, loaded by the page (verified against the manifest); never sent to the code worker. */
  labels(dataset: DatasetId, split: SplitName): Promise<Uint8Array>;
  /** The images (0–255, count × rows × cols, row-major) and labels of a split, verified; absent where the page has no data. */
  split?(dataset: DatasetId, split: SplitName): Promise<JudgeSplit>;
  /** A tfjs Layers model the site ships: its model.json (parsed) and the weights file it names; `path` is relative to the site base. */
  siteModel?(path: string): Promise<SiteModelFiles>;
}

export interface JudgeSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface SiteModelFiles {
  modelJson: unknown;
  weights: ArrayBuffer;
}

export interface Judge<I = unknown> {
  /** The data the measuring script receives as `input` (plain, structured-cloneable). */
  input(): I;
  /** The decision, from the same input and the measured (already snapshot-checked) value. */
  judge(input: I, measured: unknown, context: JudgeContext): GradeResult | Promise<GradeResult>;
}

export const JUDGE_NAMES = ['dense-backward', 'unsupervised-classifier', 'fgsm'] as const;
export type JudgeName = (typeof JUDGE_NAMES)[number];

const judge = <I>(j: Judge<I>): Judge<unknown> => j as Judge<unknown>;

export const JUDGES: Record<JudgeName, Judge<unknown>> = {
  'dense-backward': judge<DenseInput>({ input: () => denseBackwardInput(), judge: judgeDenseBackward }),
  'unsupervised-classifier': judge<ClassifierInput>({ input: unsupervisedClassifierInput, judge: judgeUnsupervisedClassifier }),
  fgsm: judge<FgsmInput>({ input: fgsmInput, judge: judgeFgsm }),
};

/** The judge called `name`, or null when there is none (a bug in the exercise). */
export function judgeNamed(name: string): Judge<unknown> | null {
  return Object.hasOwn(JUDGES, name) ? JUDGES[name as JudgeName] : null;
}
