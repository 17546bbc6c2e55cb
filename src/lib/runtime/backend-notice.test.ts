import { describe, expect, it } from 'vitest';
import { backendNotice } from './backend-notice.ts';
import { SOFTWARE_WEBGL_REASON } from './backend-choice.ts';

const softwareReason = `WebGL was not used: ${SOFTWARE_WEBGL_REASON}.`;

describe('backendNotice', () => {
  it('says nothing in the cell for plain JavaScript, whatever the backend did', () => {
    const run = { requested: 'auto', used: 'wasm', fallbackReason: softwareReason, webglSoftware: true } as const;
    expect(backendNotice(run, false)).toEqual({ detail: `Ran on WebAssembly. ${softwareReason}`, notice: null });
    expect(backendNotice({ requested: 'webgl', used: 'cpu' }, false).notice).toBeNull();
  });

  it('says nothing when Auto picked WebAssembly over software WebGL: the reader got the fast path', () => {
    const result = backendNotice({ requested: 'auto', used: 'wasm', fallbackReason: softwareReason, webglSoftware: true }, true);
    expect(result.notice).toBeNull();
    expect(result.detail).toContain('WebGL was not used');
  });

  it('warns when a TensorFlow.js run actually used software WebGL', () => {
    const { notice } = backendNotice({ requested: 'webgl', used: 'webgl', webglSoftware: true }, true);
    expect(notice).toMatch(/draws in software: it is slow here/);
    expect(backendNotice({ requested: 'webgl', used: 'webgl', webglSoftware: false }, true).notice).toBeNull();
  });

  it('says when the backend the reader chose could not be used, with the reason', () => {
    const { notice } = backendNotice({ requested: 'webgpu', used: 'wasm', fallbackReason: 'WebGPU was not used: no adapter.' }, true);
    expect(notice).toBe('WebGPU could not be used, so this ran on WebAssembly. WebGPU was not used: no adapter.');
  });

  it('warns about the slow CPU backend unless the reader chose it', () => {
    expect(backendNotice({ requested: 'auto', used: 'cpu' }, true).notice).toMatch(/CPU backend, the slowest/);
    expect(backendNotice({ requested: 'cpu', used: 'cpu' }, true)).toEqual({ detail: 'Ran on CPU.', notice: null });
  });
});
