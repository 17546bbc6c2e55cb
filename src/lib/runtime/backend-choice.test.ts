import { describe, expect, it } from 'vitest';
import {
  SELF_TEST_EXPECTED,
  SOFTWARE_WEBGL_REASON,
  backendCandidates,
  chooseBackend,
  judgeSelfTest,
  planBackends,
  selfTestPasses,
} from './backend-choice.ts';

const all = { webgpu: true, webgl: true, wasm: true };
const noGpu = { webgpu: false, webgl: true, wasm: true };
const nothing = { webgpu: false, webgl: false, wasm: false };

describe('backendCandidates', () => {
  it('tries everything fastest first on auto', () => {
    expect(backendCandidates('auto', all)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });
  it('skips what the browser does not offer, but always keeps cpu', () => {
    expect(backendCandidates('auto', noGpu)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(backendCandidates('auto', nothing)).toEqual(['cpu']);
  });
  it('starts from an explicit request and falls back only to slower ones', () => {
    expect(backendCandidates('webgl', all)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(backendCandidates('wasm', all)).toEqual(['wasm', 'cpu']);
    expect(backendCandidates('cpu', all)).toEqual(['cpu']);
  });
  it('records unavailable backends with a reason', () => {
    const plan = planBackends('webgpu', noGpu);
    expect(plan.candidates).toEqual(['webgl', 'wasm', 'cpu']);
    expect(plan.unavailable).toEqual([{ backend: 'webgpu', ok: false, unavailable: true, reason: 'WebGPU is not available in this browser' }]);
  });
  it('tries WebAssembly before software WebGL on auto, but honours an explicit webgl request', () => {
    const software = { ...noGpu, webglSoftware: true };
    const plan = planBackends('auto', software);
    expect(plan.candidates).toEqual(['wasm', 'webgl', 'cpu']);
    expect(plan.demoted).toEqual([{ backend: 'webgl', ok: false, reason: SOFTWARE_WEBGL_REASON }]);
    expect(planBackends('webgl', software)).toMatchObject({ candidates: ['webgl', 'wasm', 'cpu'], demoted: [] });
    // No wasm: nothing better to move ahead of WebGL.
    expect(backendCandidates('auto', { ...software, wasm: false })).toEqual(['webgl', 'cpu']);
  });
  it('rejects an unknown name clearly', () => {
    expect(() => backendCandidates('tpu' as never, all)).toThrow(/Unknown backend "tpu"/);
  });
});

describe('chooseBackend', () => {
  it('picks the first that passed and has nothing to explain when it is the best', () => {
    expect(chooseBackend('auto', [{ backend: 'webgl', ok: true }])).toEqual({ backend: 'webgl' });
  });
  it('does not mention a backend the browser simply lacks on auto', () => {
    const skipped = planBackends('auto', noGpu).unavailable;
    expect(skipped.map((a) => a.backend)).toEqual(['webgpu']);
    expect(chooseBackend('auto', [...skipped, { backend: 'webgl', ok: true }])).toEqual({ backend: 'webgl' });
  });
  it('explains a failed self-test', () => {
    const choice = chooseBackend('auto', [
      { backend: 'webgl', ok: false, reason: 'it computed NaN instead of 19 in a self-test' },
      { backend: 'wasm', ok: true },
    ]);
    expect(choice.backend).toBe('wasm');
    expect(choice.fallbackReason).toBe('WebGL was not used: it computed NaN instead of 19 in a self-test.');
  });
  it('explains why an explicitly requested backend is not used, even when it is just unavailable', () => {
    const plan = planBackends('webgpu', noGpu);
    const choice = chooseBackend('webgpu', [...plan.unavailable, { backend: 'webgl', ok: true }]);
    expect(choice).toEqual({
      backend: 'webgl',
      fallbackReason: 'WebGPU was not used: WebGPU is not available in this browser.',
    });
  });
  it('explains a demoted backend when a slower one wins, and only then', () => {
    const plan = planBackends('auto', { ...noGpu, webglSoftware: true });
    expect(chooseBackend('auto', [{ backend: 'wasm', ok: true }], plan.demoted)).toEqual({
      backend: 'wasm',
      fallbackReason: 'WebGL was not used: it runs in software on this machine, slower than WebAssembly.',
    });
    const wasmBroken = chooseBackend(
      'auto',
      [
        { backend: 'wasm', ok: false, reason: 'it failed to start (no wasm file)' },
        { backend: 'webgl', ok: true },
      ],
      plan.demoted,
    );
    expect(wasmBroken).toEqual({ backend: 'webgl', fallbackReason: 'WebAssembly was not used: it failed to start (no wasm file).' });
  });
  it('lists every failure in order', () => {
    const choice = chooseBackend('auto', [
      { backend: 'webgpu', ok: false, reason: 'setBackend returned false' },
      { backend: 'webgl', ok: false, reason: 'it computed Infinity instead of 162754.79 in a self-test' },
      { backend: 'wasm', ok: true },
    ]);
    expect(choice.fallbackReason).toBe(
      'WebGPU was not used: setBackend returned false. WebGL was not used: it computed Infinity instead of 162754.79 in a self-test.',
    );
  });
  it('says so when nothing worked', () => {
    const choice = chooseBackend('cpu', [{ backend: 'cpu', ok: false, reason: 'boom' }]);
    expect(choice.backend).toBeNull();
    expect(choice.fallbackReason).toBe('No backend could run. CPU was not used: boom.');
  });
});

describe('selfTestPasses', () => {
  it('accepts the exact answers and float32-sized errors', () => {
    expect(selfTestPasses([...SELF_TEST_EXPECTED])).toBe(true);
    expect(selfTestPasses(Float32Array.from(SELF_TEST_EXPECTED))).toBe(true);
    const nudged = SELF_TEST_EXPECTED.map((v) => v * (1 + 1e-5));
    expect(selfTestPasses(nudged)).toBe(true);
  });
  it('rejects NaN and Infinity (broken GPUs, half-float overflow)', () => {
    const withNaN = [...SELF_TEST_EXPECTED];
    withNaN[0] = Number.NaN;
    expect(selfTestPasses(withNaN)).toBe(false);
    const withInf = [...SELF_TEST_EXPECTED];
    withInf[7] = Number.POSITIVE_INFINITY;
    expect(judgeSelfTest(withInf)).toEqual({ ok: false, reason: 'it computed Infinity instead of 162754.79 in a self-test' });
  });
  it('rejects wrong values and wrong lengths', () => {
    const wrong = [...SELF_TEST_EXPECTED];
    wrong[4] = 0.51;
    expect(selfTestPasses(wrong)).toBe(false);
    expect(selfTestPasses(new Array(SELF_TEST_EXPECTED.length).fill(0))).toBe(false);
    expect(judgeSelfTest([1, 2]).reason).toMatch(/returned 2 numbers instead of 12/);
  });
  it('works with a custom expectation', () => {
    expect(selfTestPasses([1, 2], [1, 2])).toBe(true);
    expect(selfTestPasses([1, 2.1], [1, 2])).toBe(false);
  });
});
