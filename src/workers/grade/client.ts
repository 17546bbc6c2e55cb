/**
 * Evaluating a saved model in the grader worker (grade/worker.ts), from the page. A fresh worker
 * per evaluation, terminated when it answers, fails, or is cancelled.
 */
import { checkGradeResult } from '../../lib/grading/custom-grader.ts';
import type { GradeResult, ModelAccuracyGraderSpec } from '../../lib/exercises/types.ts';
import type { ModelArtifactsData } from '../../lib/grading/measure.ts';
import type { BackendRequest } from '../../lib/runtime/backends.ts';
import type { EvaluateRequest, FromGradeWorker } from './protocol.ts';

export interface Evaluation {
  result: Promise<GradeResult>;
  /** Ends the evaluation now; `result` then never settles. */
  cancel(): void;
}

export function evaluateModel(spec: ModelAccuracyGraderSpec, artifacts: ModelArtifactsData, backend: BackendRequest, dataUrl: string): Evaluation {
  let worker: Worker | null = null;
  const result = new Promise<GradeResult>((resolve, reject) => {
    try {
      worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-grade' });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const done = () => {
      worker?.terminate();
      worker = null;
    };
    worker.addEventListener('message', (event: MessageEvent<FromGradeWorker>) => {
      const m = event.data;
      done();
      if (m?.type === 'graded') {
        const checked = checkGradeResult(m.result);
        if ('result' in checked) resolve(checked.result);
        else reject(new Error(`the grader worker answered with a malformed result: ${checked.problem}`));
      } else reject(new Error(m?.type === 'error' ? m.message : 'the grader worker sent an unknown message'));
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      done();
      reject(new Error(event.message || 'the grader worker could not be loaded'));
    });
    const request: EvaluateRequest = { type: 'evaluate', spec, artifacts, backend, dataUrl };
    worker.postMessage(request, [artifacts.weightData]);
  });
  return {
    result,
    cancel: () => {
      worker?.terminate();
      worker = null;
    },
  };
}
