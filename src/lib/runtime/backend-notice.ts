/**
 * What a code cell says about the TensorFlow.js backend a run used. Two lines:
 *  - `detail`: "Ran on WebAssembly." and the runner's reasons, always, in the cell's settings
 *    (next to the backend choice), for the curious;
 *  - `notice`: shown in the cell itself only when the backend affects the reader: their code
 *    uses TensorFlow.js AND the run was slow or not what they asked for (it ran on the CPU, or on
 *    WebGL drawn in software, or the backend they picked could not be used). When Auto simply
 *    picked the fastest backend (WebAssembly over software WebGL, say), nothing is shown.
 */
import { BACKEND_LABELS, type BackendName, type BackendRequest } from './backends.ts';

export interface BackendRun {
  /** The backend asked for in the cell's settings. */
  requested: BackendRequest;
  /** The backend the run used. */
  used: BackendName;
  /** The runner's explanation of a fallback, if any. */
  fallbackReason?: string | undefined;
  /** Whether this browser draws WebGL in software (slow). */
  webglSoftware?: boolean | undefined;
}

export interface BackendNotice {
  detail: string;
  notice: string | null;
}

export function backendNotice(run: BackendRun, usesTensorFlow: boolean): BackendNotice {
  const { requested, used, fallbackReason } = run;
  const detail = `Ran on ${BACKEND_LABELS[used]}.${fallbackReason ? ` ${fallbackReason}` : ''}`;
  if (!usesTensorFlow) return { detail, notice: null };
  if (requested !== 'auto' && requested !== used) {
    const why = fallbackReason ? ` ${fallbackReason}` : '';
    return { detail, notice: `${BACKEND_LABELS[requested]} could not be used, so this ran on ${BACKEND_LABELS[used]}.${why}` };
  }
  if (used === 'webgl' && run.webglSoftware) {
    return {
      detail,
      notice:
        'This ran on WebGL, which this machine draws in software: it is slow here. Choose Auto in the settings to use WebAssembly, which is faster.',
    };
  }
  if (used === 'cpu' && requested !== 'cpu') {
    return {
      detail,
      notice: `This ran on the CPU backend, the slowest, so this code runs slower than it could.${fallbackReason ? ` ${fallbackReason}` : ''}`,
    };
  }
  return { detail, notice: null };
}
