/**
 * Where to train: in a Web Worker or on the main thread. Pure decisions, used by
 * src/workers/train/client.ts (which does the detecting and the starting).
 */
import type { BackendName, BackendRequest } from './backends.ts';

export type RunMode = 'auto' | 'worker' | 'main-thread';

/** What the page can do; same shape as `Capabilities` in src/tf/capabilities.ts. */
export interface Capabilities {
  webgpu: boolean;
  webgl: boolean;
  wasm: boolean;
  worker: boolean;
  /** WebGL through an OffscreenCanvas (what a worker needs to use the GPU). */
  offscreenWebgl: boolean;
  /** WebGL is rendered in software (SwiftShader, llvmpipe…): WebAssembly is faster then. */
  webglSoftware?: boolean;
}

/**
 * Pick where to start. A worker only helps when it can use the backend we want: a GPU
 * backend needs OffscreenCanvas WebGL (or WebGPU) in workers; wasm and cpu work anywhere.
 */
export function initialRunMode(mode: RunMode, request: BackendRequest, caps: Capabilities): 'worker' | 'main-thread' {
  if (mode !== 'auto') return mode;
  if (!caps.worker) return 'main-thread';
  if (request === 'wasm' || request === 'cpu') return 'worker';
  if (caps.offscreenWebgl) return 'worker';
  if ((request === 'webgpu' || request === 'auto') && caps.webgpu) return 'worker';
  return 'main-thread';
}

/**
 * In 'auto' mode, after the worker reported its backend: should we give up on the worker and
 * train on the main thread instead? Yes when the worker fell back to a CPU backend (wasm/cpu)
 * although the reader wanted a GPU backend and the page itself has (hardware) WebGL. With
 * software WebGL, WebAssembly in the worker is the better choice anyway (auto prefers it).
 */
export function shouldRetryOnMainThread(request: BackendRequest, workerBackend: BackendName, caps: Capabilities): boolean {
  const wantedGpu = request === 'auto' || request === 'webgl' || request === 'webgpu';
  const gotCpu = workerBackend === 'wasm' || workerBackend === 'cpu';
  const softwareIsFine = request === 'auto' && workerBackend === 'wasm' && caps.webglSoftware === true;
  return wantedGpu && gotCpu && caps.webgl && !softwareIsFine;
}
