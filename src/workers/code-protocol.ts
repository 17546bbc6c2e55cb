/**
 * The typed message protocol between a code cell (page) and the code worker that runs the
 * reader's JavaScript. One worker runs one run: Stop and the time limit terminate it, so the
 * page never waits for the reader's code to cooperate, and all its memory (tensors, GPU
 * textures) goes with it.
 *
 * Page → worker: a single `run` message.
 * Worker → page: `ready`, then `backend`, any number of `output` batches, then exactly one of
 * `syntax-error` | `error` | `done` (a `grade` comes before `done` when the cell has a grader).
 */
import type { BackendName, BackendRequest } from '../lib/runtime/backends.ts';
import type { GradeResult, GraderSpec } from '../lib/exercises/types.ts';
import type { OutputItem } from '../lib/code/output-item.ts';

export type { BackendName, BackendRequest, GradeResult, GraderSpec };

export interface RunRequest {
  type: 'run';
  /** The reader's code: a script body; top-level `await` and `return` are allowed. */
  code: string;
  backend: BackendRequest;
  /** Absolute URL of the folder holding `<dataset>/<file>.gz` (the site's data/ folder). */
  dataUrl: string;
  /** The grader to run after the reader's code, or null for a free cell. */
  grader: GraderSpec | null;
  /** Top-level names of the reader's code handed to the grader (see exposedNames). */
  expose: string[];
}

export type ToCodeWorker = RunRequest;

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
  | { type: 'grade'; result: GradeResult }
  | {
      type: 'done';
      /** Wall time of the reader's code (grading excluded), in milliseconds. */
      ms: number;
      /** A short description of what the code returned, e.g. "a model with 101,770 parameters"; absent for undefined. */
      returned?: string;
      /** Tensors still allocated after the run was cleaned up (0 when nothing leaked). */
      tensorsLeft: number;
    };
