/**
 * The adversarial client with a fake Worker and a fake main-thread session: the request goes to a
 * module worker, messages come back in order until `done`, stop and dispose work, and a worker
 * that cannot start hands the run to the main thread (the logic is ../shared/tf-run.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdversarialFromWorker, AdversarialRequest, AdversarialToWorker } from './protocol.ts';

const caps = { webgpu: false, webgl: true, wasm: true, worker: true, offscreenWebgl: true };
vi.mock('../../tf/capabilities.ts', () => ({ detectCapabilities: () => caps }));

const DONE: AdversarialFromWorker = { type: 'done', stopped: false, seconds: 1, tensorsLeft: 0 };
const mainThreadRuns: AdversarialRequest[] = [];
vi.mock('./session.ts', () => ({
  runAdversarialSession: async (request: AdversarialRequest, emit: (m: AdversarialFromWorker) => void) => {
    mainThreadRuns.push(request);
    emit({ type: 'backend', backend: 'webgl' });
    emit(DONE);
  },
}));

class FakeWorker {
  static instances: FakeWorker[] = [];
  posted: AdversarialToWorker[] = [];
  terminated = false;
  private listeners: Record<string, Array<(e: unknown) => void>> = {};
  readonly options: WorkerOptions;
  constructor(_url: URL, options: WorkerOptions) {
    this.options = options;
    FakeWorker.instances.push(this);
  }
  postMessage(m: AdversarialToWorker) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (e: unknown) => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  send(m: AdversarialFromWorker) {
    for (const l of this.listeners['message'] ?? []) l({ data: m });
  }
  fail(message: string) {
    for (const l of this.listeners['error'] ?? []) l({ message, preventDefault() {} });
  }
}

const request: AdversarialRequest = {
  task: 'curve',
  model: 'standard',
  attack: 'fgsm',
  epsilons: [0, 0.1],
  images: 1000,
  backend: 'auto',
  dataUrl: 'http://localhost/data/',
  modelUrl: 'http://localhost/models/fashion-cnn/model.json',
};

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  FakeWorker.instances = [];
  mainThreadRuns.length = 0;
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('startAdversarialRun', () => {
  it('posts the request to a module worker and delivers its messages until done; frees the worker', async () => {
    const { startAdversarialRun } = await import('./client.ts');
    const got: AdversarialFromWorker[] = [];
    const handle = startAdversarialRun(request, (m) => got.push(m));
    expect(handle.mode).toBe('worker');
    const w = FakeWorker.instances[0]!;
    expect(w.options).toMatchObject({ type: 'module', name: 'tinker-adversarial' });
    expect(w.posted).toEqual([{ type: 'start', request }]);
    w.send({ type: 'backend', backend: 'webgl' });
    w.send(DONE);
    w.send({ type: 'phase', phase: 'attacking', message: 'late' });
    expect(got.map((m) => m.type)).toEqual(['phase', 'backend', 'done']);
    expect(w.terminated).toBe(true);
  });

  it('stop() asks; dispose() terminates and silences', async () => {
    const { startAdversarialRun } = await import('./client.ts');
    const got: AdversarialFromWorker[] = [];
    const handle = startAdversarialRun(request, (m) => got.push(m));
    const w = FakeWorker.instances[0]!;
    handle.stop();
    expect(w.posted.at(-1)).toEqual({ type: 'stop' });
    handle.dispose();
    expect(w.terminated).toBe(true);
    w.send(DONE);
    expect(got.map((m) => m.type)).toEqual(['phase']);
  });

  it('in auto mode, runs on the main thread when the worker cannot start', async () => {
    const { startAdversarialRun } = await import('./client.ts');
    const got: AdversarialFromWorker[] = [];
    const handle = startAdversarialRun(request, (m) => got.push(m));
    FakeWorker.instances[0]!.fail('');
    await flush();
    await flush();
    expect(handle.mode).toBe('main-thread');
    expect(mainThreadRuns).toEqual([request]);
    expect(got.at(-1)).toEqual(DONE);
  });
});
