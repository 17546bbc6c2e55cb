/**
 * Test helper: the checks every tfjs client built on tf-run.ts shares (adversarial, autoencoder,
 * builder), with a fake module Worker and the test file's fake main-thread session. The request goes
 * to a module worker, messages come back in order until `done`, stop and dispose work, and a worker
 * that cannot start hands the run to the main thread (the logic itself is tested in depth through
 * the train client). The test file keeps its own `vi.mock` calls (vitest hoists them):
 *
 *   vi.mock('../../tf/capabilities.ts', () => ({ detectCapabilities: () => ({ …offscreenWebgl: true }) }));
 *   vi.mock('./session.ts', () => ({ runXSession: async (request, emit) => { mainThreadRuns.push(request); emit(backend); emit(DONE); } }));
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker } from './fake-worker.ts';
import type { TfRun } from './tf-run.ts';

/** A FakeWorker made with `new Worker(url, options)`, as a client makes it. */
class ModuleWorker extends FakeWorker {
  static instances: ModuleWorker[] = [];
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    ModuleWorker.instances.push(this);
  }
  get messages(): unknown[] {
    return this.posted.map((p) => p.message);
  }
}

export interface TfClientCase<R, M extends { type: string }> {
  /** The client's start function, imported after the mocks (`async () => (await import('./client.ts')).startXRun`). */
  load: () => Promise<(request: R, onMessage: (m: M) => void) => TfRun>;
  request: R;
  /** The worker's name in `new Worker(url, { name })`. */
  workerName: string;
  /** The protocol's `done`, which the fake main-thread session also ends with. */
  done: M;
  /** A message the worker sends after `done` (it must not be delivered). */
  late: M;
  /** The requests the fake main-thread session was given (emptied before each test). */
  mainThreadRuns: R[];
}

const flush = () => new Promise((r) => setTimeout(r, 0));

export function describeTfClient<R, M extends { type: string }>(name: string, c: TfClientCase<R, M>): void {
  describe(name, () => {
    beforeEach(() => {
      ModuleWorker.instances = [];
      c.mainThreadRuns.length = 0;
      vi.stubGlobal('Worker', ModuleWorker);
    });
    afterEach(() => vi.unstubAllGlobals());

    it('posts the request to a module worker and delivers its messages until done; frees the worker', async () => {
      const got: M[] = [];
      const handle = (await c.load())(c.request, (m) => got.push(m));
      expect(handle.mode).toBe('worker');
      const w = ModuleWorker.instances[0]!;
      expect(w.options).toMatchObject({ type: 'module', name: c.workerName });
      expect(w.messages).toEqual([{ type: 'start', request: c.request }]);
      w.send({ type: 'backend', backend: 'webgl' });
      w.send(c.done);
      w.send(c.late);
      expect(got.map((m) => m.type)).toEqual(['phase', 'backend', 'done']);
      expect(w.terminated).toBe(true);
    });

    it('stop() asks; dispose() terminates and silences', async () => {
      const got: M[] = [];
      const handle = (await c.load())(c.request, (m) => got.push(m));
      const w = ModuleWorker.instances[0]!;
      handle.stop();
      expect(w.messages.at(-1)).toEqual({ type: 'stop' });
      handle.dispose();
      expect(w.terminated).toBe(true);
      w.send(c.done);
      expect(got.map((m) => m.type)).toEqual(['phase']);
    });

    it('in auto mode, runs on the main thread when the worker cannot start', async () => {
      const got: M[] = [];
      const handle = (await c.load())(c.request, (m) => got.push(m));
      ModuleWorker.instances[0]!.fail('');
      await flush();
      await flush();
      expect(handle.mode).toBe('main-thread');
      expect(c.mainThreadRuns).toEqual([c.request]);
      expect(got.at(-1)).toEqual(c.done);
    });
  });
}
