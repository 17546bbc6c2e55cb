/**
 * Cheap feature detection for the backend picker and the worker/main-thread decision.
 * No tfjs import: this runs at page load (well, when a widget asks), so it must stay tiny.
 * Works in a page and in a worker (there, "webgl" means OffscreenCanvas WebGL).
 */
import type { Capabilities } from '../lib/runtime/run-mode.ts';

export type { Capabilities };

let cached: Capabilities | null = null;

/** Renderer names of software rasterisers: WebGL works there, but slower than WebAssembly. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver|lavapipe/i;

/** The renderer string, unmasked where the browser allows it. */
function rendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const unmasked = debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : null;
  return String(unmasked ?? gl.getParameter(gl.RENDERER) ?? '');
}

/** Can this kind of canvas give a WebGL context, and is it software-rendered? The probe context is released at once. */
function probeWebgl(makeCanvas: () => HTMLCanvasElement | OffscreenCanvas): { ok: boolean; software: boolean } {
  try {
    const canvas = makeCanvas();
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | WebGL2RenderingContext | null;
    if (!gl) return { ok: false, software: false };
    const software = SOFTWARE_RENDERERS.test(rendererName(gl));
    // Free the context now: browsers allow only a handful at a time.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { ok: true, software };
  } catch {
    return { ok: false, software: false };
  }
}

export function detectCapabilities(): Capabilities {
  if (cached) return cached;
  const g = globalThis as {
    Worker?: unknown;
    WebAssembly?: { instantiate?: unknown };
    navigator?: { gpu?: unknown };
    OffscreenCanvas?: typeof OffscreenCanvas;
    document?: Document;
  };
  const worker = typeof g.Worker === 'function';
  const wasm = typeof g.WebAssembly === 'object' && typeof g.WebAssembly.instantiate === 'function';
  const webgpu = g.navigator?.gpu !== undefined && g.navigator.gpu !== null;
  const Offscreen = g.OffscreenCanvas;
  const offscreen = typeof Offscreen === 'function' ? probeWebgl(() => new Offscreen(1, 1)) : { ok: false, software: false };
  const doc = g.document;
  const onPage = doc ? probeWebgl(() => doc.createElement('canvas')) : offscreen;
  cached = {
    webgpu,
    webgl: onPage.ok,
    wasm,
    worker,
    offscreenWebgl: offscreen.ok,
    webglSoftware: onPage.ok ? onPage.software : offscreen.software,
  };
  return cached;
}
