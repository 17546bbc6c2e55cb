/**
 * Pure backend selection logic: which tfjs backends to try, in what order, and how to
 * explain a fallback to the reader. No tfjs and no DOM here; `src/tf/backend.ts` does the
 * trying and feeds the results back in.
 */

import { BACKEND_LABELS, BACKEND_ORDER, type BackendName, type BackendRequest } from './backends.ts';

/** What the environment seems to offer (cheap feature detection, before trying anything). */
export interface BackendAvailability {
  webgpu: boolean;
  webgl: boolean;
  wasm: boolean;
  /**
   * WebGL is rendered in software (SwiftShader, llvmpipe…): on such machines WebAssembly
   * trains several times faster, so 'auto' tries wasm before webgl. That holds for every model
   * we train, so the order needs no hint about the model: MLPs, and convolutional networks since
   * the wasm backend has its training kernels (src/tf/wasm-kernels.ts; bench `cnn`: the default
   * CNN trains 6 times faster on wasm than on SwiftShader WebGL). A real GPU keeps WebGPU and
   * WebGL first.
   */
  webglSoftware?: boolean;
}

/** One backend that was considered: tried (ok or not) or skipped because it is unavailable. */
export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** Why it failed or was skipped, in words (no trailing full stop). */
  reason?: string;
  /** True when the environment simply does not offer it (not a failure). */
  unavailable?: boolean;
}

/** The attempt record for a backend the environment does not offer. */
export function unavailableAttempt(backend: BackendName): BackendAttempt {
  return { backend, ok: false, unavailable: true, reason: `${BACKEND_LABELS[backend]} is not available in this browser` };
}

export interface BackendPlan {
  /** Backends to try, in order; the first that passes wins. */
  candidates: BackendName[];
  /** Backends left out because the environment does not offer them. */
  unavailable: BackendAttempt[];
  /** Backends moved behind slower-sounding ones, and why (mentioned if a backend after them in BACKEND_ORDER wins). */
  demoted: BackendAttempt[];
}

export const SOFTWARE_WEBGL_REASON = 'it runs in software on this machine, slower than WebAssembly';

/**
 * The backends to try for a request. 'auto' tries everything available, fastest first.
 * A named backend is tried first (if available), then the slower ones after it, so a
 * reader who asks for WebGL on a machine where it is broken still gets a working run.
 */
export function planBackends(request: BackendRequest, available: BackendAvailability): BackendPlan {
  const start = request === 'auto' ? 0 : BACKEND_ORDER.indexOf(request);
  if (start < 0) throw new Error(`Unknown backend "${String(request)}": use auto, ${BACKEND_ORDER.join(', ')}.`);
  const candidates: BackendName[] = [];
  const unavailable: BackendAttempt[] = [];
  const demoted: BackendAttempt[] = [];
  for (const name of BACKEND_ORDER.slice(start)) {
    if (name === 'cpu' || available[name]) candidates.push(name);
    else unavailable.push(unavailableAttempt(name));
  }
  // Software WebGL: on 'auto', try WebAssembly first (an explicit 'webgl' request is honoured).
  if (request === 'auto' && available.webglSoftware && candidates.includes('webgl') && candidates.includes('wasm')) {
    candidates.splice(candidates.indexOf('webgl'), 1);
    candidates.splice(candidates.indexOf('wasm') + 1, 0, 'webgl');
    demoted.push({ backend: 'webgl', ok: false, reason: SOFTWARE_WEBGL_REASON });
  }
  return { candidates, unavailable, demoted };
}

/** Convenience: just the names to try. */
export function backendCandidates(request: BackendRequest, available: BackendAvailability): BackendName[] {
  return planBackends(request, available).candidates;
}

export interface BackendChoice {
  /** null when nothing worked (cannot happen in practice: cpu always works, but we say so if it does). */
  backend: BackendName | null;
  /** Why a faster (or the requested) backend is not used, in words; undefined when nothing needs explaining. */
  fallbackReason?: string;
}

/**
 * Decide from the attempts (in the order they were made, skipped ones included) which backend
 * won, and explain why faster ones were not used (including backends the plan demoted).
 *
 * With 'auto', a backend that the browser simply does not offer is not worth mentioning
 * (most browsers have no WebGPU yet); a backend that was tried and failed is. With an explicit
 * request, any reason the requested backend is not used is mentioned.
 */
export function chooseBackend(request: BackendRequest, attempts: readonly BackendAttempt[], demoted: readonly BackendAttempt[] = []): BackendChoice {
  const winner = attempts.find((a) => a.ok);
  const rank = (b: BackendName): number => BACKEND_ORDER.indexOf(b);
  // A demoted backend is explained when something slower in the usual order won instead.
  const passedOver = winner ? demoted.filter((d) => rank(d.backend) < rank(winner.backend)) : [];
  const before = [...(winner ? attempts.slice(0, attempts.indexOf(winner)) : attempts), ...passedOver];
  const worthSaying = before.filter((a) => {
    if (a.ok) return false;
    if (request !== 'auto' && a.backend === request) return true;
    return !a.unavailable;
  });
  const reasons = worthSaying.map((a) => capitalise(`${BACKEND_LABELS[a.backend]} was not used: ${a.reason ?? 'it failed'}.`));
  if (!winner) {
    return {
      backend: null,
      fallbackReason: `No backend could run. ${reasons.join(' ') || 'None was tried.'}`,
    };
  }
  if (reasons.length === 0) return { backend: winner.backend };
  return {
    backend: winner.backend,
    fallbackReason: reasons.join(' '),
  };
}

// ---------------------------------------------------------------------------------------
// Numeric self-test judge

/**
 * The inputs and exact expected outputs of the numeric self-test that `src/tf/backend.ts`
 * runs on every backend before trusting it. Kept here so the numbers are reviewed in one place.
 *  - matMul [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]
 *  - sigmoid([0, 2]) = [0.5, 0.8807971]
 *  - exp([1, 12]) = [2.7182817, 162754.79]  (12 overflows half-float textures: caught)
 *  - sum of the matMul result = 134
 *  - softmax([1, 2, 3]) = [0.0900306, 0.2447285, 0.6652410]
 */
export const SELF_TEST_EXPECTED: readonly number[] = [19, 22, 43, 50, 0.5, 0.8807971, 2.7182817, 162754.79, 134, 0.0900306, 0.2447285, 0.665241];

export interface SelfTestVerdict {
  ok: boolean;
  /** What was wrong, in words (no trailing full stop). */
  reason?: string;
}

/**
 * Judge a self-test result: every value finite and within a relative tolerance
 * (1e-3 by default, loose enough for float32 GPUs, tight enough to catch broken ones).
 */
export function judgeSelfTest(values: ArrayLike<number>, expected: readonly number[] = SELF_TEST_EXPECTED, relTol = 1e-3): SelfTestVerdict {
  if (values.length !== expected.length) {
    return { ok: false, reason: `the self-test returned ${values.length} numbers instead of ${expected.length}` };
  }
  for (let i = 0; i < expected.length; i++) {
    const got = values[i] as number;
    const want = expected[i] as number;
    if (!Number.isFinite(got)) {
      return { ok: false, reason: `it computed ${got} instead of ${want} in a self-test` };
    }
    if (Math.abs(got - want) > relTol * Math.max(1, Math.abs(want))) {
      return { ok: false, reason: `it computed ${got} instead of ${want} in a self-test` };
    }
  }
  return { ok: true };
}

/** True when the self-test values are all finite and correct. */
export function selfTestPasses(values: ArrayLike<number>, expected: readonly number[] = SELF_TEST_EXPECTED): boolean {
  return judgeSelfTest(values, expected).ok;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
