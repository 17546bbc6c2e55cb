/**
 * Turning what went wrong during training into a plain-words message for the reader.
 * Pure: takes what is known about the failure, returns the protocol's error fields.
 */
import { errorText } from '../format/error-text.ts';

export type TrainingErrorCode = 'webgl-context-lost' | 'backend' | 'data' | 'out-of-memory' | 'unknown';

export interface TrainingErrorReport {
  code: TrainingErrorCode;
  message: string;
  hint: string;
}

export interface FailureFacts {
  /** The thrown value. */
  error: unknown;
  /** The phase it was thrown in: loading data makes it a data error. */
  phase: 'config' | 'backend' | 'data' | 'training';
  /** True when the WebGL context is known to be lost (event seen or gl.isContextLost()). */
  contextLost?: boolean;
}

export const CONTEXT_LOST_MESSAGE =
  'The GPU context was lost (the browser reclaimed the graphics memory). Training stopped after the last batch that finished.';
export const CONTEXT_LOST_HINT = 'Continue on another backend (WebAssembly or CPU), or reload the page to try the GPU again.';

const OOM_PATTERNS = [
  /out of memory/i,
  /\bOOM\b/,
  /failed to allocate/i,
  /allocation failed/i,
  /Array buffer allocation/i,
  /Requested texture size .* greater than maximum/i,
  /Invalid typed array length/i,
  /Unable to create WebGLTexture/i,
];

const CONTEXT_LOST_PATTERNS = [/context (was )?lost/i, /CONTEXT_LOST_WEBGL/];

export function describeFailure(facts: FailureFacts): TrainingErrorReport {
  const text = errorText(facts.error);
  if (facts.contextLost || CONTEXT_LOST_PATTERNS.some((p) => p.test(text))) {
    return { code: 'webgl-context-lost', message: CONTEXT_LOST_MESSAGE, hint: CONTEXT_LOST_HINT };
  }
  if (OOM_PATTERNS.some((p) => p.test(text))) {
    return {
      code: 'out-of-memory',
      message: `The browser ran out of memory while training (${text}).`,
      hint: 'Use fewer training images or a smaller network, close other tabs, and try again.',
    };
  }
  if (facts.phase === 'config') {
    return {
      code: 'unknown',
      message: `The training settings are not valid: ${text}`,
      hint: 'This is a bug in the page, not something you did: reload the page, and report it if it happens again.',
    };
  }
  if (facts.phase === 'data') {
    return {
      code: 'data',
      message: `The dataset could not be loaded: ${text}`,
      hint: 'Check your connection and reload the page. If you run the site yourself, run `npm run datasets` first.',
    };
  }
  if (facts.phase === 'backend') {
    return {
      code: 'backend',
      message: `No TensorFlow.js backend could start: ${text}`,
      hint: 'Choose another backend (cpu always works), or try another browser.',
    };
  }
  return {
    code: 'unknown',
    message: `Training failed: ${text}`,
    hint: 'Try again; if it keeps failing, choose another backend or reload the page.',
  };
}
