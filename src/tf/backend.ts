/**
 * Choosing and checking the tfjs backend: WebGPU, then WebGL, then WebAssembly, then cpu.
 * Every `setBackend` result is checked, and every backend must pass a small numeric
 * self-test before we trust it (some GPUs, e.g. on some iOS devices, compute NaN).
 * The decisions themselves are pure and tested in src/lib/runtime/backend-choice.ts.
 */
import type * as TF from '@tensorflow/tfjs';
import {
  chooseBackend,
  judgeSelfTest,
  planBackends,
  unavailableAttempt,
  type BackendAttempt,
  type BackendAvailability,
} from '../lib/runtime/backend-choice.ts';
import type { BackendName, BackendRequest } from '../lib/runtime/backends.ts';
import { errorText } from '../lib/format/error-text.ts';
import { detectCapabilities } from './capabilities.ts';
import { registerWasmTrainingKernels } from './wasm-kernels.ts';

export type Tf = typeof TF;

export interface BackendResult {
  backend: BackendName;
  /** Why a faster (or the requested) backend is not used, in words. */
  fallbackReason?: string;
  /** Everything that was considered, in order (for logs and the bench). */
  attempts: BackendAttempt[];
}

/** Thrown when no backend at all could run (cpu failing too: should never happen). */
export class BackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendError';
  }
}

let wasmPathsSet = false;

/**
 * Registers the wasm backend (lazily: it is only downloaded when it is tried), tells it where its
 * .wasm files are, and adds the training kernels it lacks (./wasm-kernels.ts: convolution and
 * pooling gradients), so that every widget, worker and code cell on wasm can train a CNN.
 */
async function loadWasmBackend(tf: Tf): Promise<void> {
  const [wasm, plain, simd, threaded] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
    // Never fetched (multithreading is off below), but setWasmPaths insists on a path for every binary.
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
  ]);
  // After the import (which registers wasm's own kernels), so ours replace the broken ones. Idempotent.
  registerWasmTrainingKernels(tf);
  if (wasmPathsSet) return;
  // The threaded build needs cross-origin isolation, which a static host usually lacks.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': plain.default,
    'tfjs-backend-wasm-simd.wasm': simd.default,
    'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
  });
  wasmPathsSet = true;
}

/**
 * Registers the WebGPU backend (lazily) if the browser has a real WebGPU adapter.
 * Returns why not otherwise:
 *  - navigator.gpu without an adapter (e.g. Chrome on Linux without the flag) is simply
 *    "not available", not a failure worth telling the reader about;
 *  - a fallback (software) adapter, e.g. SwiftShader, trains several times slower than
 *    WebGL on the same machine, so 'auto' passes it over (an explicit request still uses it).
 */
async function loadWebgpuBackend(acceptSoftware: boolean): Promise<BackendAttempt | null> {
  type Adapter = { isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } };
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<Adapter | null> } } }).navigator?.gpu;
  if (!gpu) return unavailableAttempt('webgpu');
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return unavailableAttempt('webgpu');
  const software = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  if (software && !acceptSoftware) {
    return { backend: 'webgpu', ok: false, unavailable: true, reason: 'WebGPU only runs in software here, slower than WebGL' };
  }
  await import('@tensorflow/tfjs-backend-webgpu');
  return null;
}

/** The WebGL context of the current tfjs webgl backend, if that is the active backend. */
export function currentWebglContext(tf: Tf): WebGLRenderingContext | WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } };
  return backend.gpgpu?.gl ?? null;
}

/**
 * A lost WebGL context leaves tfjs with a dead webgl backend that `setBackend('webgl')` would
 * happily return again. Drop the dead instance (keeping its factory) so a fresh context is made.
 */
function dropDeadWebglBackend(tf: Tf): void {
  const engine = tf.engine() as unknown as { registry: Record<string, { gpgpu?: { gl?: WebGLRenderingContext } } & TF.KernelBackend> };
  const instance = engine.registry['webgl'];
  const gl = instance?.gpgpu?.gl;
  if (instance && gl && gl.isContextLost()) {
    try {
      instance.dispose();
    } catch {
      /* a dead context may refuse: nothing to free anyway */
    }
    delete engine.registry['webgl'];
  }
}

/**
 * Runs the self-test on the active backend: a matMul, sigmoid, exp (one value that overflows
 * half floats), a sum and a softmax with known answers (SELF_TEST_EXPECTED). WebGL would hand
 * tiny ops to the CPU; that is switched off for the test so the GPU really computes.
 */
export async function runSelfTest(tf: Tf): Promise<Float32Array> {
  const flags = tf.env();
  const forward = tf.getBackend() === 'webgl' ? flags.getBool('WEBGL_CPU_FORWARD') : null;
  if (forward !== null) flags.set('WEBGL_CPU_FORWARD', false);
  try {
    const result = tf.tidy(() => {
      const mm = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2]));
      const sig = tf.sigmoid(tf.tensor1d([0, 2]));
      const ex = tf.exp(tf.tensor1d([1, 12]));
      const sum = tf.sum(mm).reshape([1]);
      const sm = tf.softmax(tf.tensor1d([1, 2, 3]));
      return tf.concat([mm.reshape([4]), sig, ex, sum, sm]);
    });
    try {
      return Float32Array.from(await result.data());
    } finally {
      result.dispose();
    }
  } finally {
    if (forward !== null) flags.set('WEBGL_CPU_FORWARD', forward);
  }
}

/**
 * Try one backend: load it if needed, set it (checking the result), self-test it.
 * `explicit`: the reader asked for this backend by name (accept a software WebGPU then).
 */
export async function tryBackend(tf: Tf, name: BackendName, explicit = false): Promise<BackendAttempt> {
  try {
    if (name === 'wasm') await loadWasmBackend(tf);
    if (name === 'webgpu') {
      const skip = await loadWebgpuBackend(explicit);
      if (skip) return skip;
    }
    if (name === 'webgl') dropDeadWebglBackend(tf);
    const ok = await tf.setBackend(name);
    if (!ok) return { backend: name, ok: false, reason: 'it could not start (tf.setBackend returned false)' };
    await tf.ready();
    if (tf.getBackend() !== name) {
      return { backend: name, ok: false, reason: `tfjs ended up on ${tf.getBackend()} instead` };
    }
    const verdict = judgeSelfTest(await runSelfTest(tf));
    if (!verdict.ok) return { backend: name, ok: false, reason: verdict.reason ?? 'it failed its self-test' };
    return { backend: name, ok: true };
  } catch (err) {
    return { backend: name, ok: false, reason: `it failed to start (${errorText(err)})` };
  }
}

/** What this context (page or worker) seems to offer. */
export function availableBackends(): BackendAvailability {
  const caps = detectCapabilities();
  return { webgpu: caps.webgpu, webgl: caps.webgl, wasm: caps.wasm, webglSoftware: caps.webglSoftware ?? false };
}

/**
 * Pick, set and check a backend for a request ('auto' or a name), falling back to slower
 * ones. Throws BackendError only when nothing works.
 */
export async function initBackend(tf: Tf, request: BackendRequest, available: BackendAvailability = availableBackends()): Promise<BackendResult> {
  const plan = planBackends(request, available);
  const attempts: BackendAttempt[] = [...plan.unavailable];
  for (const name of plan.candidates) {
    const attempt = await tryBackend(tf, name, name === request);
    attempts.push(attempt);
    if (attempt.ok) break;
  }
  const choice = chooseBackend(request, attempts, plan.demoted);
  if (!choice.backend) throw new BackendError(choice.fallbackReason ?? 'No TensorFlow.js backend could run.');
  return {
    backend: choice.backend,
    ...(choice.fallbackReason !== undefined ? { fallbackReason: choice.fallbackReason } : {}),
    attempts,
  };
}

/**
 * Test hook: lose the WebGL context of the active webgl backend (WEBGL_lose_context), as a
 * browser reclaiming GPU memory would. Returns false when not on webgl or not supported.
 */
export function loseWebglContext(tf: Tf): boolean {
  const gl = currentWebglContext(tf);
  const ext = gl?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}
