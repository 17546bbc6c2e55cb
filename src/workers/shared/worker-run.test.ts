import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker } from './fake-worker.ts';
import { requestFromWorker } from './worker-request.ts';
import { startWorkerRun, type WorkerFailure, type WorkerRunOptions } from './worker-run.ts';

type M = { type: 'tick'; n: number } | { type: 'done'; stopped: boolean } | { type: 'error'; message: string };

function setUp(extra: Partial<WorkerRunOptions<M>> = {}) {
  const worker = new FakeWorker();
  const got: M[] = [];
  const failures: WorkerFailure[] = [];
  const handle = startWorkerRun<M>({
    createWorker: () => worker.asWorker(),
    start: { type: 'start' },
    onMessage: (m) => got.push(m),
    error: (text, failure) => {
      failures.push(failure);
      return { type: 'error', message: text };
    },
    ...extra,
  });
  return { worker, got, failures, handle };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startWorkerRun', () => {
  it('posts the start message (with its transfer list) and delivers messages until done, then terminates the worker', () => {
    const buffer = new ArrayBuffer(8);
    const { worker, got, handle } = setUp({ startTransfer: [buffer] });
    expect(worker.posted).toEqual([{ message: { type: 'start' }, transfer: [buffer] }]);
    worker.send({ type: 'tick', n: 1 });
    worker.send({ type: 'done', stopped: false });
    worker.send({ type: 'tick', n: 2 });
    expect(got).toEqual([
      { type: 'tick', n: 1 },
      { type: 'done', stopped: false },
    ]);
    expect(worker.terminated).toBe(true);
    expect(handle.finished).toBe(true);
  });

  it('isEnd decides which message ends the run', () => {
    const { worker, got } = setUp({ isEnd: (m) => m.type === 'tick' });
    worker.send({ type: 'tick', n: 1 });
    worker.send({ type: 'tick', n: 2 });
    expect(got).toEqual([{ type: 'tick', n: 1 }]);
    expect(worker.terminated).toBe(true);
  });

  it('stop() asks; without an answer within the grace time it delivers the synthetic stop', () => {
    vi.useFakeTimers();
    const { worker, got, handle } = setUp({ syntheticStop: () => ({ type: 'done', stopped: true }), stopGraceMs: 500 });
    handle.stop();
    expect(worker.posted.at(-1)?.message).toEqual({ type: 'stop' });
    vi.advanceTimersByTime(499);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(got).toEqual([{ type: 'done', stopped: true }]);
    expect(worker.terminated).toBe(true);
  });

  it('without syntheticStop, stop() only asks', () => {
    vi.useFakeTimers();
    const { worker, got, handle } = setUp();
    handle.stop();
    vi.advanceTimersByTime(60_000);
    expect(got).toEqual([]);
    expect(worker.terminated).toBe(false);
    worker.send({ type: 'done', stopped: true });
    expect(got).toEqual([{ type: 'done', stopped: true }]);
  });

  it('post() sends other messages until the run is over', () => {
    const { worker, handle } = setUp();
    handle.post({ type: 'debug' });
    worker.send({ type: 'done', stopped: false });
    handle.post({ type: 'late' });
    expect(worker.posted.map((p) => p.message)).toEqual([{ type: 'start' }, { type: 'debug' }]);
  });

  it('terminate() kills the worker and silences it', () => {
    const { worker, got, handle } = setUp();
    handle.terminate();
    worker.send({ type: 'tick', n: 1 });
    expect(worker.terminated).toBe(true);
    expect(got).toEqual([]);
  });

  it('turns worker failures into the protocol error, in plain words, naming the worker', () => {
    const a = setUp({ workerName: 'filter worker' });
    a.worker.fail('boom');
    expect(a.got).toEqual([{ type: 'error', message: 'The filter worker failed: boom. Reload the page and press Start again.' }]);
    expect(a.failures).toEqual([{ kind: 'error', detail: 'boom' }]);
    expect(a.worker.terminated).toBe(true);
    const b = setUp();
    b.worker.unreadable();
    expect(b.got).toEqual([
      { type: 'error', message: 'A message from the training worker could not be read. Reload the page and press Start again.' },
    ]);
  });

  it('a worker that cannot start is reported after the caller has its handle', async () => {
    const got: M[] = [];
    const failures: WorkerFailure[] = [];
    startWorkerRun<M>({
      createWorker: () => {
        throw new Error('no workers here');
      },
      start: {},
      onMessage: (m) => got.push(m),
      error: (text, failure) => (failures.push(failure), { type: 'error', message: text }),
    });
    expect(got).toEqual([]);
    await Promise.resolve();
    expect(failures).toEqual([{ kind: 'start', detail: 'no workers here' }]);
    expect(got[0]).toMatchObject({ type: 'error', message: expect.stringContaining('could not start (no workers here)') });
  });

  it('an error callback returning null ends the run silently (the caller takes over)', () => {
    const { worker, got, handle } = setUp({ error: () => null });
    worker.fail('boom');
    worker.send({ type: 'tick', n: 1 });
    expect(got).toEqual([]);
    expect(handle.finished).toBe(true);
    expect(worker.terminated).toBe(true);
  });
});

describe('startWorkerRun with a private channel', () => {
  it('hears the worker only through handle.port, and closes it at the end', async () => {
    const { worker, got, handle } = setUp({ privateChannel: true, start: undefined });
    expect(worker.posted).toEqual([]);
    const port = handle.port!;
    expect(port).toBeInstanceOf(MessagePort);
    worker.send({ type: 'tick', n: 0 }); // the worker's global postMessage: not listened to
    port.postMessage({ type: 'tick', n: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([{ type: 'tick', n: 1 }]);
    handle.terminate();
    expect(handle.port).toBeNull();
    port.close();
  });
});

describe('requestFromWorker', () => {
  it('resolves with the first message, moves the transfer list, and terminates the worker', async () => {
    const worker = new FakeWorker();
    const buffer = new ArrayBuffer(4);
    const { answer } = requestFromWorker<{ type: 'answer'; v: number } | { type: 'error'; message: string }>({
      createWorker: () => worker.asWorker(),
      request: { type: 'ask' },
      transfer: [buffer],
      workerName: 'grader worker',
      error: (text) => ({ type: 'error', message: text }),
    });
    expect(worker.posted).toEqual([{ message: { type: 'ask' }, transfer: [buffer] }]);
    worker.send({ type: 'answer', v: 42 });
    await expect(answer).resolves.toEqual({ type: 'answer', v: 42 });
    expect(worker.terminated).toBe(true);
  });

  it('answers a worker failure with the protocol error; cancel() terminates and never settles', async () => {
    const a = new FakeWorker();
    const failed = requestFromWorker<{ type: 'error'; message: string }>({
      createWorker: () => a.asWorker(),
      request: {},
      workerName: 'grader worker',
      error: (_text, f) => ({ type: 'error', message: `${f.kind}: ${f.detail}` }),
    });
    a.fail('bad module');
    await expect(failed.answer).resolves.toEqual({ type: 'error', message: 'error: bad module' });
    const b = new FakeWorker();
    const cancelled = requestFromWorker<{ type: 'x' }>({
      createWorker: () => b.asWorker(),
      request: {},
      workerName: 'w',
      error: () => ({ type: 'x' }),
    });
    cancelled.cancel();
    b.send({ type: 'x' });
    expect(b.terminated).toBe(true);
    const settled = await Promise.race([cancelled.answer.then(() => true), new Promise((r) => setTimeout(() => r(false), 10))]);
    expect(settled).toBe(false);
  });
});
