/**
 * What a code cell shows as its run goes: each message from the runner (backend, output,
 * errors at their line, the grade, done) and the way the run ended, said in the output view
 * and the status line. The cell's own state changes go through `RunView`.
 */
import { errorStatus, finishedStatus, stoppedStatus, syntaxErrorStatus } from '../../lib/exercises/cell.ts';
import type { GradeResult } from '../../lib/exercises/types.ts';
import { backendNotice, type BackendRun } from '../../lib/runtime/backend-notice.ts';
import { detectCapabilities } from '../../tf/capabilities.ts';
import type { BackendName, RunMessage } from '../../workers/code/protocol.ts';
import { part } from '../shared/html.ts';
import type { CodeEditor } from './editor.ts';
import type { OutputView } from './output.ts';

export type CellState = 'idle' | 'loading' | 'running' | 'done' | 'error';

/** The parts of the cell a run may change. */
export interface RunView {
  output: OutputView;
  editor: CodeEditor;
  /** The backend the run uses, and why a faster or chosen one is not used. */
  showBackend(used: BackendName, fallbackReason: string | undefined): void;
  finish(state: CellState, text: string): void;
  graded(result: GradeResult): void;
  /** True once a grade said pass or fail (then "done" adds nothing). */
  hasResult(): boolean;
  stillRunning(): boolean;
  setDone(): void;
}

export function showRunMessage(message: RunMessage, view: RunView): void {
  const { output, editor } = view;
  switch (message.type) {
    case 'ready':
      return;
    case 'backend':
      view.showBackend(message.backend, message.fallbackReason);
      return;
    case 'output':
      output.append(message.items);
      return;
    case 'syntax-error':
      editor.markError(message.line, message.message);
      output.showError(`SyntaxError: ${message.message}`, message.line, (line) => editor.revealLine(line));
      view.finish('error', syntaxErrorStatus(message.message, message.line));
      return;
    case 'error': {
      if (message.line !== undefined && message.phase === 'run') editor.markError(message.line, message.message);
      const text =
        message.phase === 'grade'
          ? `The grader could not check your code: ${message.name}: ${message.message}`
          : errorStatus(message.name, message.message, message.phase === 'run' ? message.line : undefined);
      const line = message.phase === 'run' ? message.line : undefined;
      output.showError(message.phase === 'grade' ? text : `${message.name}: ${message.message}`, line, (l) => editor.revealLine(l));
      view.finish('error', text);
      return;
    }
    case 'grade':
      view.graded(message.result);
      return;
    case 'done': {
      if (view.hasResult()) return; // the grade already said what matters
      view.finish('done', finishedStatus(message.ms, message.returned));
      return;
    }
  }
}

/**
 * The backend a run used: said in the cell's settings, and in the cell itself only when it
 * matters to the reader (lib/runtime/backend-notice.ts), in cells whose code uses TensorFlow.js.
 */
export function showBackend(cell: HTMLElement, run: Omit<BackendRun, 'webglSoftware'>): void {
  const { detail, notice } = backendNotice({ ...run, webglSoftware: detectCapabilities().webglSoftware }, cell.dataset.tfjs === 'true');
  const detailLine = cell.querySelector<HTMLElement>('[data-part="backend-detail"]');
  if (detailLine) {
    detailLine.textContent = detail;
    detailLine.hidden = false;
  }
  const noticeLine = part<HTMLElement>(cell, 'backend-notice');
  noticeLine.textContent = notice ?? '';
  noticeLine.hidden = notice === null;
}

/** The end of a run: stopped, out of time or crashed are said here; the rest by their messages. */
export function showRunEnd(outcome: { reason: string; message?: string }, elapsed: number, view: RunView): void {
  const { output } = view;
  switch (outcome.reason) {
    case 'stopped':
      view.finish('idle', stoppedStatus(elapsed));
      output.append([{ kind: 'text', stream: 'info', text: 'Stopped.' }]);
      return;
    case 'time-limit': {
      // The runner says which limit it was (the cell's, or TensorFlow.js taking too long to load).
      const text = outcome.message ?? 'Stopped: the time limit of this cell was reached.';
      output.showError(text);
      view.finish('error', text);
      return;
    }
    case 'crashed': {
      const text = outcome.message ?? 'The code runner stopped unexpectedly. Your code is kept: press Run to try again.';
      output.showError(text);
      view.finish('error', text);
      return;
    }
    default:
      // done, error and syntax-error were reported by their messages.
      if (view.stillRunning()) view.setDone();
  }
}
