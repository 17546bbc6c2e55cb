/**
 * Watching the WebGL context of a training run (src/workers/train, src/workers/builder). A browser
 * may reclaim the GPU at any time; tfjs then waits forever on reads from the dead context. The
 * watch knows when it happened (the `webglcontextlost` event, or `gl.isContextLost()`, since the
 * event does not reliably reach an OffscreenCanvas in a worker) and races every GPU read-back
 * against it, so a lost context ends a run with a clear error instead of a hang.
 */
import type * as TF from '@tensorflow/tfjs';
import type { BackendName } from '../lib/runtime/backends.ts';
import { currentWebglContext } from './backend.ts';

type Tf = typeof TF;

/** How often a pending GPU read-back checks whether the WebGL context was lost. */
const CONTEXT_POLL_MS = 50;

export class ContextLost extends Error {
  constructor() {
    super('The WebGL context was lost.');
    this.name = 'ContextLost';
  }
}

export class WebglWatch {
  private onWebgl = false;
  private flagged = false;
  private detach = (): void => {};

  private readonly tf: Tf;

  // A plain field, not a parameter property: Node runs this file as it is (scripts/train-autoencoders.ts).
  constructor(tf: Tf) {
    this.tf = tf;
  }

  /** Starts watching once the backend is chosen (does nothing off WebGL). */
  start(backend: BackendName): void {
    this.onWebgl = backend === 'webgl';
    if (!this.onWebgl) return;
    const canvas = currentWebglContext(this.tf)?.canvas as (EventTarget & { addEventListener?: unknown }) | undefined;
    if (canvas && typeof canvas.addEventListener === 'function') {
      const onLost = (): void => {
        this.flagged = true;
      };
      canvas.addEventListener('webglcontextlost', onLost);
      this.detach = () => canvas.removeEventListener('webglcontextlost', onLost);
    }
  }

  /** True once the context is known to be lost. */
  get lost(): boolean {
    if (this.flagged) return true;
    if (!this.onWebgl) return false;
    try {
      return currentWebglContext(this.tf)?.isContextLost() ?? false;
    } catch {
      return false;
    }
  }

  /** Throws ContextLost when the context is gone (call before each batch). */
  check(): void {
    if (this.lost) throw new ContextLost();
  }

  /**
   * Reads from the GPU settle through a fence that never signals once the context is lost, so
   * every read-back races a watch on the context: a lost context ends the wait at once.
   */
  readBack<T>(read: Promise<T>): Promise<T> {
    if (!this.onWebgl) return read;
    let timer: ReturnType<typeof setInterval> | undefined;
    const lost = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (this.lost) reject(new ContextLost());
      }, CONTEXT_POLL_MS);
    });
    return Promise.race([read, lost]).finally(() => clearInterval(timer));
  }

  /** Stops listening (the run is over). */
  stop(): void {
    this.detach();
    this.detach = () => {};
  }
}
