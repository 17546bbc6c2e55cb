import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDqnTraining } from './client.ts';
import type { DqnEvalPoint, DqnFromWorker, DqnRunConfig, DqnToWorker } from './protocol.ts';

/** A stand-in for a Worker: records what the page posts and lets the test answer. */
class FakeWorker extends EventTarget {
  posted: DqnToWorker[] = [];
  terminated = false;
  postMessage(m: DqnToWorker): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(m: DqnFromWorker): void {
    this.dispatchEvent(new MessageEvent('message', { data: m }));
  }
}

const config: DqnRunConfig = { backend: 'wasm', size: 5, seed: 1, evalEveryMs: 2000, maxTrainMs: 0 };
const point = { seconds: 3.5, averageFood: 9 } as DqnEvalPoint;

function start(stopGraceMs?: number) {
  const worker = new FakeWorker();
  const got: DqnFromWorker[] = [];
  const handle = startDqnTraining(config, (m) => got.push(m), {
    ...(stopGraceMs !== undefined ? { stopGraceMs } : {}),
    createWorker: () => worker as unknown as Worker,
  });
  return { worker, got, handle };
}

afterEach(() => vi.useRealTimers());

describe('startDqnTraining', () => {
  it('sends start, delivers messages and frees the worker when done', () => {
    const { worker, got, handle } = start();
    expect(worker.posted).toEqual([{ type: 'start', config }]);
    worker.send({ type: 'eval', point });
    worker.send({ type: 'done', stopped: false, seconds: 4 });
    worker.send({ type: 'eval', point });
    expect(got.map((m) => m.type)).toEqual(['eval', 'done']);
    expect(worker.terminated).toBe(true);
    expect(handle.finished).toBe(true);
  });

  it('asks the worker to stop, and ends the run itself if the worker does not answer', () => {
    vi.useFakeTimers();
    const { worker, got, handle } = start(1000);
    worker.send({ type: 'eval', point });
    handle.stop();
    expect(worker.posted.at(-1)).toEqual({ type: 'stop' });
    vi.advanceTimersByTime(1000);
    expect(got.at(-1)).toEqual({ type: 'done', stopped: true, seconds: 3.5 });
    expect(worker.terminated).toBe(true);
  });

  it('turns a worker failure into an error message in words', () => {
    const { worker, got } = start();
    worker.dispatchEvent(Object.assign(new Event('error'), { message: 'boom' }));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: 'error' });
    expect((got[0] as { message: string }).message).toMatch(/boom\. Reload the page/);
  });
});
