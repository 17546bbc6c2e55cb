import { describe, expect, it } from 'vitest';
import { initialRunMode, shouldRetryOnMainThread, type Capabilities } from './run-mode.ts';

const full: Capabilities = { webgpu: false, webgl: true, wasm: true, worker: true, offscreenWebgl: true };
const noOffscreen: Capabilities = { ...full, offscreenWebgl: false };

describe('initialRunMode', () => {
  it('honours an explicit mode', () => {
    expect(initialRunMode('main-thread', 'auto', full)).toBe('main-thread');
    expect(initialRunMode('worker', 'auto', noOffscreen)).toBe('worker');
  });
  it('uses a worker when it can reach the GPU', () => {
    expect(initialRunMode('auto', 'auto', full)).toBe('worker');
    expect(initialRunMode('auto', 'webgl', full)).toBe('worker');
    expect(initialRunMode('auto', 'auto', { ...noOffscreen, webgpu: true })).toBe('worker');
  });
  it('stays on the main thread for WebGL when workers have no OffscreenCanvas WebGL', () => {
    expect(initialRunMode('auto', 'auto', noOffscreen)).toBe('main-thread');
    expect(initialRunMode('auto', 'webgl', noOffscreen)).toBe('main-thread');
  });
  it('uses a worker for cpu backends whenever workers exist', () => {
    expect(initialRunMode('auto', 'wasm', noOffscreen)).toBe('worker');
    expect(initialRunMode('auto', 'cpu', noOffscreen)).toBe('worker');
    expect(initialRunMode('auto', 'cpu', { ...noOffscreen, worker: false })).toBe('main-thread');
  });
});

describe('shouldRetryOnMainThread', () => {
  it('retries when the worker fell back to a cpu backend but the page has WebGL', () => {
    expect(shouldRetryOnMainThread('auto', 'cpu', full)).toBe(true);
    expect(shouldRetryOnMainThread('webgl', 'wasm', full)).toBe(true);
  });
  it('keeps WebAssembly in the worker when WebGL is software-rendered (auto prefers wasm there anyway)', () => {
    const software = { ...full, webglSoftware: true };
    expect(shouldRetryOnMainThread('auto', 'wasm', software)).toBe(false);
    // …but not plain cpu, and not when the reader asked for WebGL by name.
    expect(shouldRetryOnMainThread('auto', 'cpu', software)).toBe(true);
    expect(shouldRetryOnMainThread('webgl', 'wasm', software)).toBe(true);
  });
  it('does not retry when the worker got a GPU, the reader asked for cpu, or the page has no WebGL', () => {
    expect(shouldRetryOnMainThread('auto', 'webgl', full)).toBe(false);
    expect(shouldRetryOnMainThread('auto', 'webgpu', full)).toBe(false);
    expect(shouldRetryOnMainThread('wasm', 'wasm', full)).toBe(false);
    expect(shouldRetryOnMainThread('auto', 'cpu', { ...full, webgl: false })).toBe(false);
  });
});
