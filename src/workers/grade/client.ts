/**
 * Evaluating a saved model in the grader worker (grade/worker.ts), from the page. A fresh worker
 * per evaluation, terminated when it answers, fails, or is cancelled.
 */
import { checkGradeResult } from '../../lib/grading/custom-grader.ts';
import type { GradeResult, ModelAccuracyGraderSpec } from '../../lib/exercises/types.ts';
import type { ModelArtifactsData } from '../../lib/grading/measure.ts';
import type { BackendRequest } from '../../lib/runtime/backends.ts';
import { requestFromWorker } from '../shared/worker-request.ts';
import type { EvaluateRequest, FromGradeWorker } from './protocol.ts';

export interface Evaluation {
  result: Promise<GradeResult>;
  /** Ends the evaluation now; `result` then never settles. */
  cancel(): void;
}

export function evaluateModel(spec: ModelAccuracyGraderSpec, artifacts: ModelArtifactsData, backend: BackendRequest, dataUrl: string): Evaluation {
  const request: EvaluateRequest = { type: 'evaluate', spec, artifacts, backend, dataUrl };
  const { answer, cancel } = requestFromWorker<FromGradeWorker>({
    createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-grade' }),
    request,
    transfer: [artifacts.weightData],
    workerName: 'grader worker',
    error: (text, failure) => ({
      type: 'error',
      message:
        failure.kind === 'start' ? failure.detail : failure.kind === 'error' ? failure.detail || 'the grader worker could not be loaded' : text,
    }),
  });
  const result = answer.then((m) => {
    if (m?.type === 'graded') {
      const checked = checkGradeResult(m.result);
      if ('result' in checked) return checked.result;
      throw new Error(`the grader worker answered with a malformed result: ${checked.problem}`);
    }
    throw new Error(m?.type === 'error' ? m.message : 'the grader worker sent an unknown message');
  });
  return { result, cancel };
}
