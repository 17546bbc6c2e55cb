/** Code cells in the bench page: a run as a code cell makes it (a fresh worker per run), timed by phase. */
import { runCode } from '../../src/workers/code/client.ts';
import type { GradeResult, GraderSpec, RunMessage } from '../../src/workers/code/protocol.ts';
import type { BackendName, BackendRequest } from '../../src/workers/train/protocol.ts';
import { datasetsUrl } from '../../src/lib/data/datasets-url.ts';

export interface CodeRunTiming {
  backend?: BackendName;
  /** From pressing Run to the reader's code starting: a fresh worker, TensorFlow.js and its backend. */
  startMs?: number;
  /** From pressing Run to the end of the run (grading included). */
  totalMs: number;
  /** The reader's code alone, as the worker measured it. */
  codeMs?: number;
  grade?: GradeResult;
  outcome: string;
  tensorsLeft?: number;
}

/** Runs code as a code cell does (a fresh worker per run) and times its phases. */
export function codeRun(options: {
  code: string;
  backend: BackendRequest;
  grader?: GraderSpec | null;
  expose?: string[];
  timeLimitMs?: number;
}): Promise<CodeRunTiming> {
  const dataUrl = datasetsUrl(import.meta.env.BASE_URL, location.href);
  return new Promise((resolve) => {
    const t0 = performance.now();
    const timing: Partial<CodeRunTiming> = {};
    runCode(
      { code: options.code, backend: options.backend, dataUrl, grader: options.grader ?? null, expose: options.expose ?? [] },
      {
        onMessage(m: RunMessage) {
          if (m.type === 'backend') {
            timing.backend = m.backend;
            timing.startMs = performance.now() - t0;
          } else if (m.type === 'grade') timing.grade = m.result;
          else if (m.type === 'done') {
            timing.codeMs = m.ms;
            timing.tensorsLeft = m.tensorsLeft;
          }
        },
        onEnd(outcome) {
          resolve({
            ...timing,
            totalMs: performance.now() - t0,
            outcome: outcome.message ? `${outcome.reason}: ${outcome.message}` : outcome.reason,
          });
        },
      },
      { timeLimitMs: options.timeLimitMs ?? 300_000 },
    );
  });
}
