/**
 * The grader worker (grade/worker.ts): evaluates a model the reader's code saved, in a realm that
 * never ran reader code. Page → worker: one `evaluate`; worker → page: `graded` or `error`.
 */
import type { GradeResult, ModelAccuracyGraderSpec } from '../../lib/exercises/types.ts';
import type { ModelArtifactsData } from '../../lib/grading/measure.ts';
import type { BackendRequest } from '../../lib/runtime/backends.ts';

export interface EvaluateRequest {
  type: 'evaluate';
  spec: ModelAccuracyGraderSpec;
  artifacts: ModelArtifactsData;
  backend: BackendRequest;
  /** Absolute URL of the site's data/ folder. */
  dataUrl: string;
}

export type FromGradeWorker = { type: 'graded'; result: GradeResult } | { type: 'error'; message: string };
