/**
 * The one-answer form of ./worker-run.ts: a fresh worker gets one request, its first message is
 * the answer, and the worker is terminated. Used by the grader client (src/workers/grade/client.ts).
 */
import { startWorkerRun, type WorkerFailure } from './worker-run.ts';

export interface WorkerRequest<M> {
  /** The worker's answer (or the protocol's error message for a worker failure). */
  answer: Promise<M>;
  /** Ends the request now (terminates the worker); `answer` then never settles. */
  cancel(): void;
}

export function requestFromWorker<M extends { type: string }>(options: {
  createWorker: () => Worker;
  request: unknown;
  transfer?: Transferable[];
  workerName: string;
  /** The protocol's message for a worker failure (`text`: it in plain words). */
  error: (text: string, failure: WorkerFailure) => M;
}): WorkerRequest<M> {
  let resolveAnswer: (m: M) => void = () => {};
  const answer = new Promise<M>((resolve) => {
    resolveAnswer = resolve;
  });
  const run = startWorkerRun<M>({
    createWorker: options.createWorker,
    start: options.request,
    ...(options.transfer ? { startTransfer: options.transfer } : {}),
    isEnd: () => true,
    onMessage: resolveAnswer,
    error: options.error,
    workerName: options.workerName,
  });
  return { answer, cancel: () => run.terminate() };
}
