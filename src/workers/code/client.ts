/**
 * Running a code cell from the page: a fresh Web Worker per run (src/workers/code/worker.ts),
 * ended by Stop or the time limit with `terminate()`, which works even inside `while (true) {}`
 * because the page never waits for the reader's code. The page stays responsive throughout:
 * the reader's code never runs on it.
 *
 * Tiny on purpose and free of tfjs: it is loaded with the code cell; tfjs arrives with the worker.
 * Messages come over a private MessageChannel, so the reader's code (which can call the
 * worker's own `postMessage`) cannot forge them.
 *
 * Grading happens here, in the page, not in the worker: the worker sends raw measurements
 * (`measured`) and the runner judges them (src/lib/grading/measure.ts; a saved model is evaluated
 * in a fresh grader worker) and hands the cell a `grade` of its own. A `grade` or any other
 * message the protocol does not know, coming from the worker, is refused; a graded run whose
 * measurements never arrive fails.
 */
import { errorText } from '../../lib/format/error-text.ts';
import { formatDuration } from '../../lib/format/numbers.ts';
import type { GradeResult, GraderSpec } from '../../lib/exercises/types.ts';
import { malformedMeasurement } from '../../lib/grading/malformed.ts';
// The graders load only for graded cells (a free cell's Run stays light).
const grading = () => import('../../lib/grading/measure.ts');
import type { ModelArtifactsData } from '../../lib/grading/measure.ts';
import { startWorkerRun, type WorkerRunHandle } from '../shared/worker-run.ts';
import type { FromCodeWorker, RunMessage, RunRequest } from './protocol.ts';

export type RunEndReason = 'done' | 'error' | 'syntax-error' | 'stopped' | 'time-limit' | 'crashed';

export interface RunOutcome {
  reason: RunEndReason;
  /** In words, for 'error', 'syntax-error', 'stopped', 'time-limit' and 'crashed'. */
  message?: string;
}

export interface RunHandlers {
  /** Every message of the worker, in order (the terminal one included), with `measured` replaced by the page's `grade`. */
  onMessage(message: RunMessage): void;
  /** Called exactly once, after the last onMessage, when the run is over. */
  onEnd(outcome: RunOutcome): void;
}

export interface RunOptions {
  /** Longest time the reader's code may run, from the moment it starts (after TensorFlow.js has loaded). */
  timeLimitMs: number;
  /** Longest time for the worker to load TensorFlow.js and start a backend (default 2 minutes). */
  setupLimitMs?: number;
}

export interface RunHandle {
  /** Ends the run now (terminates the worker). Does nothing once the run is over. */
  stop(): void;
}

const DEFAULT_SETUP_LIMIT_MS = 120_000;

/** The message for a run that hit its time limit. */
export function timeLimitMessage(limitMs: number): string {
  return (
    `Your code was still running after ${formatDuration(limitMs)}, the time limit of this cell, so it was stopped. ` +
    'If it has a loop, check that the loop can end; if it trains a model, try fewer epochs or fewer examples ' +
    "(e.g. datasets.load('mnist', 'train', { limit: 10000 }))."
  );
}

/** What the cell asks to run: the code, and the full grader spec (which stays in the page). */
export interface CodeRun extends Omit<RunRequest, 'type' | 'plan'> {
  grader: GraderSpec | null;
}

const WORKER_MESSAGES = new Set(['ready', 'syntax-error', 'backend', 'output', 'error', 'measured', 'done']);

export function runCode(request: CodeRun, handlers: RunHandlers, options: RunOptions): RunHandle {
  const { grader, ...rest } = request;
  let worker: WorkerRunHandle | null = null;
  /** The verdict, once the measurements arrived (a promise: a model is evaluated in its own worker). */
  let verdict: Promise<GradeResult> | null = null;
  let cancelEvaluation: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let over = false;

  const end = (outcome: RunOutcome): void => {
    if (over) return;
    over = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    // The run is over: free the worker and everything it holds (tensors, GPU memory) at once.
    worker?.terminate(); // and closes the private channel
    worker = null;
    cancelEvaluation?.();
    cancelEvaluation = null;
    handlers.onEnd(outcome);
  };

  const limit = (ms: number, message: string): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => end({ reason: 'time-limit', message }), ms);
  };

  const crashed = (detail: string): void =>
    end({
      reason: 'crashed',
      message: `The code runner stopped unexpectedly (${detail}). Your code is kept: run it again, and reload the page if this keeps happening.`,
    });

  const judge = (measurement: unknown): Promise<GradeResult> => {
    if (!grader) return Promise.resolve(malformedMeasurement('this cell has no grader'));
    return grading().then(({ judgeMeasurement, checkModelMeasurement, judgeTensorsLeft, pageJudgeContext }) => {
      if (grader.kind !== 'model-accuracy') return judgeMeasurement(grader, measurement, pageJudgeContext(request.dataUrl));
      const checked = checkModelMeasurement(measurement);
      if ('result' in checked) return checked.result;
      // Accuracy from the grader worker, then the memory check (when the exercise asks for one).
      return evaluate(grader, checked.artifacts).then((result) => judgeTensorsLeft(grader.maxTensorsLeft, result, checked.tensorsLeft));
    });
  };

  const evaluate = (spec: Extract<GraderSpec, { kind: 'model-accuracy' }>, artifacts: ModelArtifactsData): Promise<GradeResult> =>
    import('../grade/client.ts').then(({ evaluateModel }) => {
      if (over) return new Promise<GradeResult>(() => {});
      const evaluation = evaluateModel(spec, artifacts, request.backend, request.dataUrl);
      cancelEvaluation = evaluation.cancel;
      return evaluation.result;
    });

  const finishGraded = (done: Extract<FromCodeWorker, { type: 'done' }>): void => {
    // The code worker's part is over: free its memory (and the reader's code) before judging ends.
    worker?.terminate();
    worker = null;
    const pending = verdict ?? Promise.resolve(malformedMeasurement('the run ended without sending them'));
    limit(options.setupLimitMs ?? DEFAULT_SETUP_LIMIT_MS, 'Grading did not finish in time, so it was stopped. Run your code again.');
    pending.then(
      (result) => {
        if (over) return;
        handlers.onMessage({ type: 'grade', result });
        handlers.onMessage(done);
        end({ reason: 'done' });
      },
      (error: unknown) => {
        if (over) return;
        const message = `The grader could not finish (${errorText(error)}), so this run is not graded. Run your code again; reload the page if this keeps happening.`;
        handlers.onMessage({ type: 'error', name: 'Error', message, phase: 'grade' });
        end({ reason: 'error', message });
      },
    );
  };

  const onMessage = (m: FromCodeWorker): void => {
    if (over) return;
    if (typeof m !== 'object' || m === null || !WORKER_MESSAGES.has((m as { type?: unknown }).type as string)) {
      crashed('it sent a message the page does not know, so the run was ended');
      return;
    }
    if (m.type === 'measured') {
      // Only the first measurement of a graded run counts.
      if (grader && !verdict) verdict = judge(m.measurement);
      return;
    }
    if (m.type === 'done' && grader) {
      finishGraded(m);
      return;
    }
    handlers.onMessage(m);
    switch (m.type) {
      case 'backend':
        // The reader's code starts now: from here on, the cell's time limit applies.
        limit(options.timeLimitMs, timeLimitMessage(options.timeLimitMs));
        return;
      case 'syntax-error':
        end({ reason: 'syntax-error', message: `Line ${m.line}: ${m.message}` });
        return;
      case 'error':
        end({ reason: 'error', message: `${m.name}: ${m.message}` });
        return;
      case 'done':
        end({ reason: 'done' });
        return;
      default:
        return;
    }
  };

  worker = startWorkerRun<FromCodeWorker>({
    createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-code' }),
    privateChannel: true,
    isEnd: () => false, // the runner decides when the run is over (grading may follow `done`)
    onMessage,
    error: (_text, failure) => {
      // A failure to start is delivered after runCode returns, so the caller always gets its handle first.
      if (failure.kind === 'start') crashed(`the worker could not start: ${failure.detail}`);
      else if (failure.kind === 'error') crashed(failure.detail || 'the worker could not be loaded');
      else crashed('a message from the worker could not be read');
      return null;
    },
    workerName: 'code worker',
  });
  if (worker.finished || !worker.port) {
    return { stop: () => end({ reason: 'stopped', message: 'Stopped.' }) };
  }

  const setupMs = options.setupLimitMs ?? DEFAULT_SETUP_LIMIT_MS;
  limit(
    setupMs,
    `TensorFlow.js did not finish loading within ${formatDuration(setupMs)}, so the run was stopped. Check your connection and run the code again.`,
  );
  const post = (plan: RunRequest['plan']) => {
    const port = worker?.port;
    if (over || !worker || !port) return;
    const message: RunRequest = { type: 'run', ...rest, plan };
    worker.post(message, [port]);
  };
  if (grader)
    grading().then(
      ({ measurePlan }) => post(measurePlan(grader)),
      (error: unknown) => crashed(`the grader could not load: ${errorText(error)}`),
    );
  else post(null);

  return { stop: () => end({ reason: 'stopped', message: 'Stopped: your code was ended where it was.' }) };
}
