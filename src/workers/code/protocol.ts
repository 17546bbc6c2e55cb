/**
 * The typed message protocol between a code cell (page) and the code worker that runs the
 * reader's JavaScript. One worker runs one run: Stop and the time limit terminate it, so the
 * page never waits for the reader's code to cooperate, and all its memory (tensors, GPU
 * textures) goes with it.
 *
 * Page → worker: a single `run` message.
 * Worker → page: `ready`, then `backend`, any number of `output` batches, then exactly one of
 * `syntax-error` | `error` | `done` (a `measured` comes before `done` when the cell has a grader).
 *
 * The worker never sends a verdict: `measured` holds raw measurements, and the page's code
 * runner judges them (src/lib/grading/measure.ts) and hands its own `grade` message to the cell
 * (RunMessage). A message from the worker that is not one of these is refused.
 */
import type { BackendName, BackendRequest } from '../../lib/runtime/backends.ts';
import type { GradeResult, GraderSpec } from '../../lib/exercises/types.ts';
import type { MeasurePlan, Measurement } from '../../lib/grading/measure.ts';
import type { OutputItem } from '../../lib/code/output-item.ts';

export type { BackendName, BackendRequest, GradeResult, GraderSpec, MeasurePlan, Measurement };

export interface RunRequest {
  type: 'run';
  /** The reader's code: a script body; top-level `await` and `return` are allowed. */
  code: string;
  backend: BackendRequest;
  /** Absolute URL of the folder holding `<dataset>/<file>.gz` (the site's data/ folder). */
  dataUrl: string;
  /** What to measure after the reader's code for the grader (inputs only), or null for a free cell. */
  plan: MeasurePlan | null;
  /** Top-level names of the reader's code handed to the grader (see exposedNames). */
  expose: string[];
}

/** One thing the reader's code showed, in order (defined in lib, where the output API builds it). */
export type { OutputItem };

export type FromCodeWorker =
  /** The worker has started and parsed the code; nothing of the reader's code has run yet. */
  | { type: 'ready' }
  | { type: 'syntax-error'; message: string; line: number; column: number }
  | { type: 'backend'; backend: BackendName; fallbackReason?: string }
  | { type: 'output'; items: OutputItem[] }
  /** The reader's code (or the grader) threw. `line` is in the reader's code (1-based) when known. */
  | { type: 'error'; name: string; message: string; line?: number; column?: number; phase: 'run' | 'grade' | 'setup' }
  /** Raw measurements for the grader; the page decides (never trusted unchecked). */
  | { type: 'measured'; measurement: Measurement }
  | {
      type: 'done';
      /** Wall time of the reader's code (grading excluded), in milliseconds. */
      ms: number;
      /** A short description of what the code returned, e.g. "a model with 101,770 parameters"; absent for undefined. */
      returned?: string;
      /** Tensors still allocated after the run was cleaned up (0 when nothing leaked). */
      tensorsLeft: number;
    };

/** What the code runner hands the cell: the worker's messages, with `measured` replaced by the page's own verdict. */
export type RunMessage = Exclude<FromCodeWorker, { type: 'measured' }> | { type: 'grade'; result: GradeResult };
