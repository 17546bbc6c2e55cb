/**
 * The autoencoder client with a fake Worker and a fake main-thread session: the request goes to a
 * module worker, messages come back in order until `done`, stop and dispose work, and a worker
 * that cannot start hands the run to the main thread (the logic is ../shared/tf-run.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AutoencoderFromWorker, AutoencoderRequest, AutoencoderToWorker } from './protocol.ts';

const caps = { webgpu: false, webgl: true, wasm: true, worker: true, offscreenWebgl: true };
vi.mock('../../tf/capabilities.ts', () => ({ detectCapabilities: () => caps }));

const DONE: AutoencoderFromWorker = {
  type: 'done',
  stopped: false,
  testLoss: 250,
  testReconstruction: 250,
  epochsCompleted: 1,
  examplesPerSecond: 1,
  seconds: 1,
  tensorsLeft: 0,
};
const mainThreadRuns: AutoencoderRequest[] = [];
vi.mock('./session.ts', () => ({
  runAutoencoderSession: async (request: AutoencoderRequest, emit: (m: AutoencoderFromWorker) => void) => {
    mainThreadRuns.push(request);
    emit({ type: 'backend', backend: 'webgl' });
    emit(DONE);
  },
}));

class FakeWorker {
  static instances: FakeWorker[] = [];
  posted: AutoencoderToWorker[] = [];
  terminated = false;
  private listeners: Record<string, Array<(e: unknown) => void>> = {};
  readonly options: WorkerOptions;
  constructor(_url: URL, options: WorkerOptions) {
    this.options = options;
    FakeWorker.instances.push(this);
  }
  postMessage(m: AutoencoderToWorker) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (e: unknown) => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  send(m: AutoencoderFromWorker) {
    for (const l of this.listeners['message'] ?? []) l({ data: m });
  }
  fail(message: string) {
    for (const l of this.listeners['error'] ?? []) l({ message, preventDefault() {} });
  }
}

const request: AutoencoderRequest = {
  kind: 'vae',
  latent: 3,
  images: 2000,
  epochs: 1,
  learningRate: 0.001,
  batchSize: 64,
  seed: 1,
  sampleCount: 8,
  backend: 'auto',
  dataUrl: 'http://localhost/data/',
};

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  FakeWorker.instances = [];
  mainThreadRuns.length = 0;
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('startAutoencoderRun', () => {
  it('posts the request to a module worker and delivers its messages until done; frees the worker', async () => {
    const { startAutoencoderRun } = await import('./client.ts');
    const got: AutoencoderFromWorker[] = [];
    const handle = startAutoencoderRun(request, (m) => got.push(m));
    expect(handle.mode).toBe('worker');
    const w = FakeWorker.instances[0]!;
    expect(w.options).toMatchObject({ type: 'module', name: 'tinker-autoencoder' });
    expect(w.posted).toEqual([{ type: 'start', request }]);
    w.send({ type: 'backend', backend: 'webgl' });
    w.send(DONE);
    w.send({ type: 'phase', phase: 'training', message: 'late' });
    expect(got.map((m) => m.type)).toEqual(['phase', 'backend', 'done']);
    expect(w.terminated).toBe(true);
  });

  it('stop() asks; dispose() terminates and silences', async () => {
    const { startAutoencoderRun } = await import('./client.ts');
    const got: AutoencoderFromWorker[] = [];
    const handle = startAutoencoderRun(request, (m) => got.push(m));
    const w = FakeWorker.instances[0]!;
    handle.stop();
    expect(w.posted.at(-1)).toEqual({ type: 'stop' });
    handle.dispose();
    expect(w.terminated).toBe(true);
    w.send(DONE);
    expect(got.map((m) => m.type)).toEqual(['phase']);
  });

  it('in auto mode, runs on the main thread when the worker cannot start', async () => {
    const { startAutoencoderRun } = await import('./client.ts');
    const got: AutoencoderFromWorker[] = [];
    const handle = startAutoencoderRun(request, (m) => got.push(m));
    FakeWorker.instances[0]!.fail('');
    await flush();
    await flush();
    expect(handle.mode).toBe('main-thread');
    expect(mainThreadRuns).toEqual([request]);
    expect(got.at(-1)).toEqual(DONE);
  });
});
