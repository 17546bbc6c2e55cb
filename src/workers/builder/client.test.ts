/**
 * The builder's page-side client with a fake Worker and a fake main-thread session: the request
 * goes to a module worker, messages come back in order until `done`, stop and dispose work, and a
 * worker that cannot start hands the run to the main thread (the logic is ../shared/tf-run.ts,
 * tested in depth through the train client).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SPEC } from '../../lib/supervised/model-spec.ts';
import type { BuilderFromWorker, BuilderRequest, BuilderToWorker } from './protocol.ts';

const caps = { webgpu: false, webgl: true, wasm: true, worker: true, offscreenWebgl: true };
vi.mock('../../tf/capabilities.ts', () => ({ detectCapabilities: () => caps }));

const DONE: BuilderFromWorker = {
  type: 'done',
  stopped: false,
  testAccuracy: 0.97,
  testLoss: 0.1,
  epochsCompleted: 3,
  examplesPerSecond: 1,
  seconds: 1,
  tensorsLeft: 0,
};
const mainThreadRuns: BuilderRequest[] = [];
vi.mock('./session.ts', () => ({
  runBuilderSession: async (request: BuilderRequest, emit: (m: BuilderFromWorker) => void) => {
    mainThreadRuns.push(request);
    emit({ type: 'backend', backend: 'webgl' });
    emit(DONE);
  },
}));

class FakeWorker {
  static instances: FakeWorker[] = [];
  posted: BuilderToWorker[] = [];
  terminated = false;
  private listeners: Record<string, Array<(e: unknown) => void>> = {};
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.instances.push(this);
  }
  postMessage(m: BuilderToWorker) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (e: unknown) => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  send(m: BuilderFromWorker) {
    for (const l of this.listeners['message'] ?? []) l({ data: m });
  }
  fail(message: string) {
    for (const l of this.listeners['error'] ?? []) l({ message, preventDefault() {} });
  }
}

const request: BuilderRequest = {
  spec: DEFAULT_SPEC,
  data: { trainLimit: 2000, validationCount: 1000, testLimit: 1000 },
  seed: 1,
  backend: 'auto',
  dataUrl: 'http://localhost/data/',
  save: false,
};

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  FakeWorker.instances = [];
  mainThreadRuns.length = 0;
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('startBuilderRun', () => {
  it('posts the request to a module worker and delivers its messages until done; frees the worker', async () => {
    const { startBuilderRun } = await import('./client.ts');
    const got: BuilderFromWorker[] = [];
    const handle = startBuilderRun(request, (m) => got.push(m));
    expect(handle.mode).toBe('worker');
    const w = FakeWorker.instances[0]!;
    expect(w.options).toMatchObject({ type: 'module', name: 'tinker-model-builder' });
    expect(w.posted).toEqual([{ type: 'start', request }]);
    w.send({ type: 'backend', backend: 'webgl' });
    w.send(DONE);
    w.send({ type: 'phase', phase: 'training', message: 'late' });
    expect(got.map((m) => m.type)).toEqual(['phase', 'backend', 'done']);
    expect(w.terminated).toBe(true);
  });

  it('stop() asks; dispose() terminates and silences', async () => {
    const { startBuilderRun } = await import('./client.ts');
    const got: BuilderFromWorker[] = [];
    const handle = startBuilderRun(request, (m) => got.push(m));
    const w = FakeWorker.instances[0]!;
    handle.stop();
    expect(w.posted.at(-1)).toEqual({ type: 'stop' });
    handle.dispose();
    expect(w.terminated).toBe(true);
    w.send(DONE);
    expect(got.map((m) => m.type)).toEqual(['phase']);
  });

  it('in auto mode, runs on the main thread when the worker cannot start', async () => {
    const { startBuilderRun } = await import('./client.ts');
    const got: BuilderFromWorker[] = [];
    const handle = startBuilderRun(request, (m) => got.push(m));
    FakeWorker.instances[0]!.fail('');
    await flush();
    await flush();
    expect(handle.mode).toBe('main-thread');
    expect(mainThreadRuns).toEqual([request]);
    expect(got.at(-1)).toEqual(DONE);
  });
});
