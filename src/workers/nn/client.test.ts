import { afterEach, describe, expect, it, vi } from 'vitest';
import { NnRunTracker, startNnTraining } from './client.ts';
import type { NnFromWorker, NnToWorker, NnTrainConfig } from './protocol.ts';

/** A stand-in for a Worker: records what the page posts and lets the test answer. */
class FakeWorker extends EventTarget {
  posted: NnToWorker[] = [];
  terminated = false;
  postMessage(m: NnToWorker): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(m: NnFromWorker): void {
    this.dispatchEvent(new MessageEvent('message', { data: m }));
  }
}

const config = { task: 'zero-vs-rest' } as NnTrainConfig;
const done: NnFromWorker = { type: 'done', stopped: false, epochsCompleted: 1, test: null, weights: [] };

function start(options: { stopGraceMs?: number } = {}) {
  const worker = new FakeWorker();
  const got: NnFromWorker[] = [];
  const handle = startNnTraining(config, (m) => got.push(m), { ...options, createWorker: () => worker as unknown as Worker });
  return { worker, got, handle };
}

afterEach(() => vi.useRealTimers());

describe('startNnTraining', () => {
  it('sends start, delivers messages, and frees the worker when the run is done', () => {
    const { worker, got, handle } = start();
    expect(worker.posted).toEqual([{ type: 'start', config }]);
    worker.send({ type: 'phase', phase: 'training', message: 'Training…' });
    worker.send(done);
    worker.send({ type: 'phase', phase: 'training', message: 'late' });
    expect(got.map((m) => m.type)).toEqual(['phase', 'done']);
    expect(worker.terminated).toBe(true);
    expect(handle.finished).toBe(true);
  });

  it('asks the worker to stop, and synthesises a stopped done when it does not answer in time', () => {
    vi.useFakeTimers();
    const { worker, got, handle } = start({ stopGraceMs: 1000 });
    worker.send({
      type: 'epoch',
      summary: { epoch: 0, trainLoss: 1, trainAccuracy: 0.5, validationLoss: null, validationAccuracy: null, millis: 1 },
      best: false,
    });
    handle.stop();
    expect(worker.posted.at(-1)).toEqual({ type: 'stop' });
    vi.advanceTimersByTime(999);
    expect(got.at(-1)?.type).toBe('epoch');
    vi.advanceTimersByTime(1);
    expect(got.at(-1)).toEqual({ type: 'done', stopped: true, epochsCompleted: 1, test: null, weights: [] });
    expect(worker.terminated).toBe(true);
  });

  it('delivers the worker’s own done after a stop, without a second one from the timer', () => {
    vi.useFakeTimers();
    const { worker, got, handle } = start({ stopGraceMs: 1000 });
    handle.stop();
    worker.send({ ...done, stopped: true } as NnFromWorker);
    vi.advanceTimersByTime(5000);
    expect(got.filter((m) => m.type === 'done')).toHaveLength(1);
  });

  it('terminate ends everything at once', () => {
    const { worker, got, handle } = start();
    handle.terminate();
    worker.send(done);
    expect(worker.terminated).toBe(true);
    expect(got).toEqual([]);
  });

  it('turns a worker that cannot be created into an error message', async () => {
    const got: NnFromWorker[] = [];
    startNnTraining(config, (m) => got.push(m), {
      createWorker: () => {
        throw new Error('Workers are disabled');
      },
    });
    await Promise.resolve();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: 'error', code: 'unknown' });
    expect((got[0] as { message: string }).message).toMatch(/could not start \(Workers are disabled\)/);
  });
});

describe('NnRunTracker', () => {
  it('ends at error too', () => {
    const t = new NnRunTracker();
    expect(t.accept({ type: 'error', code: 'data', message: 'x' })).toBe(true);
    expect(t.accept(done)).toBe(false);
  });
});
