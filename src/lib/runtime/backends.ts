/** The TensorFlow.js backends Tinker can run on: their names, order of preference and labels for readers. */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendRequest = BackendName | 'auto';

/** Fastest first. cpu always works, so it is always the last resort. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** How the backends are named to readers. */
export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU',
};
