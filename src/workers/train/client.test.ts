/**
 * The page-side client with a fake Worker and a fake main-thread session: where the run
 * goes, the fallback to the main thread, stop/dispose, and that the worker is freed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker, TrainConfig } from './protocol.ts';

const caps = { webgpu: false, webgl: true, wasm: true, worker: true, offscreenWebgl: true };
vi.mock('../../tf/capabilities.ts', () => ({ detectCapabilities: () => caps }));

const mainThreadRuns: Array<{ config: TrainConfig; stopped: () => boolean }> = [];
vi.mock('./session.ts', () => ({
  runTrainingSession: async (config: TrainConfig, emit: (m: FromWorker) => void, control: { stopped(): boolean }) => {
    mainThreadRuns.push({ config, stopped: () => control.stopped() });
    emit({ type: 'backend', backend: 'webgl' });
    emit({ type: 'done', stopped: false, epochsCompleted: 1, testAccuracy: 0.9, examplesPerSecond: 1, predictions: null });
  },
  simulateContextLoss: () => true,
}));

class FakeWorker {
  static instances: FakeWorker[] = [];
  posted: ToWorker[] = [];
  terminated = false;
  private listeners: Record<string, Array<(e: unknown) => void>> = {};
  url: URL;
  options: WorkerOptions;
  constructor(url: URL, options: WorkerOptions) {
    this.url = url;
    this.options = options;
    FakeWorker.instances.push(this);
  }
  postMessage(m: ToWorker) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (e: unknown) => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  /** Test side: the worker sends a message to the page. */
  send(m: FromWorker) {
    for (const l of this.listeners['message'] ?? []) l({ data: m });
  }
  fail(message: string) {
    for (const l of this.listeners['error'] ?? []) l({ message, preventDefault() {} });
  }
}

const config: TrainConfig = {
  dataset: 'mnist',
  dataUrl: 'http://localhost/data/',
  trainLimit: 100,
  testLimit: 100,
  epochs: 1,
  batchSize: 10,
  learningRate: 0.01,
  hidden: [8],
  backend: 'auto',
  previewCount: 0,
  seed: 1,
};

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  FakeWorker.instances = [];
  mainThreadRuns.length = 0;
  Object.assign(caps, { webgl: true, offscreenWebgl: true, worker: true });
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function client() {
  return import('./client.ts');
}

describe('startTraining', () => {
  it('starts a module worker with the config and forwards its messages; frees it when done', async () => {
    const { startTraining } = await client();
    const got: FromWorker[] = [];
    const handle = startTraining(config, (m) => got.push(m));
    expect(handle.mode).toBe('worker');
    const w = FakeWorker.instances[0]!;
    expect(w.options.type).toBe('module');
    expect(w.posted).toEqual([{ type: 'start', config }]);
    w.send({ type: 'backend', backend: 'webgl' });
    w.send({ type: 'done', stopped: false, epochsCompleted: 1, testAccuracy: 0.9, examplesPerSecond: 5, predictions: null });
    w.send({ type: 'phase', phase: 'training', message: 'late' });
    expect(got.map((m) => m.type)).toEqual(['phase', 'backend', 'done']);
    expect(got[0]).toMatchObject({ type: 'phase', phase: 'loading-tfjs' });
    expect(w.terminated).toBe(true);
  });

  it('stop() asks the worker to stop; dispose() terminates it and silences it', async () => {
    const { startTraining } = await client();
    const got: FromWorker[] = [];
    const handle = startTraining(config, (m) => got.push(m));
    const w = FakeWorker.instances[0]!;
    handle.stop();
    expect(w.posted.at(-1)).toEqual({ type: 'stop' });
    handle.loseContext();
    expect(w.posted.at(-1)).toEqual({ type: 'debug-lose-context' });
    handle.dispose();
    expect(w.terminated).toBe(true);
    w.send({ type: 'backend', backend: 'webgl' });
    expect(got.map((m) => m.type)).toEqual(['phase']);
  });

  it('in auto mode, moves to the main thread when the worker only got a cpu backend but the page has WebGL', async () => {
    const { startTraining } = await client();
    const got: FromWorker[] = [];
    const handle = startTraining(config, (m) => got.push(m));
    const w = FakeWorker.instances[0]!;
    w.send({ type: 'backend', backend: 'cpu', fallbackReason: 'Using plain JavaScript because WebGL: …' });
    expect(w.terminated).toBe(true);
    await flush();
    await flush();
    expect(handle.mode).toBe('main-thread');
    expect(mainThreadRuns).toHaveLength(1);
    // The worker's cpu backend message is not passed on; the main thread's webgl one is.
    expect(got.filter((m) => m.type === 'backend')).toEqual([{ type: 'backend', backend: 'webgl' }]);
    expect(got.at(-1)!.type).toBe('done');
  });

  it('in auto mode, falls back to the main thread when the worker fails to load', async () => {
    const { startTraining } = await client();
    const got: FromWorker[] = [];
    const handle = startTraining(config, (m) => got.push(m));
    FakeWorker.instances[0]!.fail('module workers unsupported');
    await flush();
    await flush();
    expect(handle.mode).toBe('main-thread');
    expect(got.at(-1)!.type).toBe('done');
  });

  it('with an explicit worker mode, reports a worker failure instead of falling back', async () => {
    const { startTraining } = await client();
    const got: FromWorker[] = [];
    startTraining(config, (m) => got.push(m), { mode: 'worker' });
    FakeWorker.instances[0]!.fail('boom');
    expect(got.at(-1)).toMatchObject({ type: 'error', code: 'unknown', message: 'The training worker failed: boom.' });
    expect(mainThreadRuns).toHaveLength(0);
  });

  it('keeps a cpu backend in the worker when the reader asked for cpu', async () => {
    const { startTraining } = await client();
    const got: FromWorker[] = [];
    const handle = startTraining({ ...config, backend: 'cpu' }, (m) => got.push(m));
    FakeWorker.instances[0]!.send({ type: 'backend', backend: 'cpu' });
    expect(handle.mode).toBe('worker');
    expect(got.at(-1)).toEqual({ type: 'backend', backend: 'cpu' });
  });

  it('trains on the main thread when workers cannot use WebGL', async () => {
    caps.offscreenWebgl = false;
    const { startTraining } = await client();
    const got: FromWorker[] = [];
    const handle = startTraining(config, (m) => got.push(m));
    expect(handle.mode).toBe('main-thread');
    expect(FakeWorker.instances).toHaveLength(0);
    await flush();
    await flush();
    expect(got.map((m) => m.type)).toEqual(['phase', 'backend', 'done']);
  });
});
