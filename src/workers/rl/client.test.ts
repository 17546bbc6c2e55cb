import { afterEach, describe, expect, it, vi } from 'vitest';
import { RlRunTracker, startRlTraining } from './client.ts';
import type { RlFromWorker, RlProgress, RlToWorker, RlTrainConfig } from './protocol.ts';

/** A stand-in for a Worker: records what the page posts and lets the test answer. */
class FakeWorker extends EventTarget {
  posted: RlToWorker[] = [];
  terminated = false;
  postMessage(m: RlToWorker): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(m: RlFromWorker): void {
    this.dispatchEvent(new MessageEvent('message', { data: m }));
  }
}

const config = { maxTrainingMs: 1000 } as RlTrainConfig;
const progress = (trainingMs: number, episodes: number): RlProgress => ({
  type: 'progress',
  trainingMs,
  episodes,
  steps: episodes * 10,
  statesSeen: 5,
  epsilon: 0.1,
  evaluation: { games: 10, wins: 5, winRate: 0.5, averageLength: 12, averageSnakeLength: 6 },
  inspect: [],
});

function start(options: { stopGraceMs?: number } = {}) {
  const worker = new FakeWorker();
  const got: RlFromWorker[] = [];
  const handle = startRlTraining(config, (m) => got.push(m), { ...options, createWorker: () => worker as unknown as Worker });
  return { worker, got, handle };
}

afterEach(() => vi.useRealTimers());

describe('RlRunTracker', () => {
  it('remembers the latest progress and delivers nothing after done', () => {
    const t = new RlRunTracker();
    expect(t.accept(progress(50, 200))).toBe(true);
    expect(t.accept(progress(100, 450))).toBe(true);
    expect(t.syntheticStop()).toEqual({ type: 'done', stopped: true, reachedTarget: false, trainingMs: 100, episodes: 450 });
    expect(t.accept({ type: 'done', stopped: false, reachedTarget: false, trainingMs: 100, episodes: 450 })).toBe(true);
    expect(t.finished).toBe(true);
    expect(t.accept(progress(150, 600))).toBe(false);
  });

  it('ends the run at an error', () => {
    const t = new RlRunTracker();
    expect(t.accept({ type: 'error', code: 'config', message: 'bad' })).toBe(true);
    expect(t.accept(progress(1, 1))).toBe(false);
  });
});

describe('startRlTraining', () => {
  it('sends start, delivers messages, and frees the worker when the run is done', () => {
    const { worker, got, handle } = start();
    expect(worker.posted).toEqual([{ type: 'start', config }]);
    worker.send(progress(25, 100));
    worker.send({ type: 'done', stopped: false, reachedTarget: false, trainingMs: 25, episodes: 100 });
    worker.send(progress(50, 200));
    expect(got.map((m) => m.type)).toEqual(['progress', 'done']);
    expect(worker.terminated).toBe(true);
    expect(handle.finished).toBe(true);
  });

  it('asks the worker to stop, and synthesises a stopped done when it does not answer in time', () => {
    vi.useFakeTimers();
    const { worker, got, handle } = start({ stopGraceMs: 1000 });
    worker.send(progress(75, 300));
    handle.stop();
    expect(worker.posted.at(-1)).toEqual({ type: 'stop' });
    vi.advanceTimersByTime(999);
    expect(got.at(-1)?.type).toBe('progress');
    vi.advanceTimersByTime(1);
    expect(got.at(-1)).toEqual({ type: 'done', stopped: true, reachedTarget: false, trainingMs: 75, episodes: 300 });
    expect(worker.terminated).toBe(true);
  });

  it('turns a worker failure into an error message in words', () => {
    const { worker, got } = start();
    // Node has no ErrorEvent: an Event with a message is what the client reads.
    worker.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message: 'boom' }));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: 'error', code: 'unknown' });
    expect((got[0] as { message: string }).message).toMatch(/boom.*Reload the page/);
    expect(worker.terminated).toBe(true);
  });

  it('terminate() kills the worker and silences it', () => {
    const { worker, got, handle } = start();
    handle.terminate();
    worker.send(progress(25, 100));
    expect(got).toEqual([]);
    expect(worker.terminated).toBe(true);
    expect(handle.finished).toBe(true);
  });
});
