/**
 * The trial worker's session on tfjs's cpu backend in Node with synthetic 28×28 data, and a whole
 * multi-trial search through the page's client (./client.ts) with in-process "workers" running the
 * real session: the data plan, decisions at rungs, trial order, and tf.memory() flat throughout.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SplitData, SplitLoader } from '../../lib/data/load.ts';
import { DEFAULT_SPACE, sampleTrials, specFor } from '../../lib/search-hp/space.ts';
import { startSearch, type SearchEvent } from './client.ts';
import { Inbox } from './inbox.ts';
import type { FromWorker, SearchWorkerConfig, ToWorker } from './protocol.ts';
import { runSearchSession, splitPlan, type SearchSessionDeps } from './session.ts';

const PX = 28 * 28;

/** A learnable toy set: class c lights a band of pixels (plus noise). Labels cycle 0..9. */
function synthetic(count: number): SplitData {
  let s = 3;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const images = new Uint8Array(count * PX);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < PX; p++) images[i * PX + p] = Math.floor(rand() * 40);
    for (let p = label * 70; p < label * 70 + 70; p++) images[i * PX + p] = 255;
  }
  return { images, labels, count, rows: 28, cols: 28 };
}

const ALL = synthetic(300);
const loader: SplitLoader = async () => ALL;
const deps: SearchSessionDeps = { loadSplit: loader, initBackend: async () => ({ backend: 'cpu', attempts: [] }) };
const config: SearchWorkerConfig = {
  dataset: 'mnist',
  dataUrl: 'http://localhost/data/',
  trainLimit: 200,
  validationCount: 100,
  backend: 'cpu',
  rungs: [1],
};
const params = { learningRate: 0.01, hiddenUnits: 16, dropout: 0.1, batchSize: 50 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('splitPlan', () => {
  it('takes training images from the start and validation images from the end', () => {
    const { train, validation } = splitPlan(ALL, 200, 50);
    expect(train.count).toBe(200);
    expect(validation.count).toBe(50);
    expect(validation.labels[0]).toBe(ALL.labels[250]);
    expect(validation.images.length).toBe(50 * PX);
  });

  it('refuses a plan larger than the set', () => {
    expect(() => splitPlan(ALL, 250, 100)).toThrow(/needs 350 images/);
  });
});

describe('runSearchSession', () => {
  it('trains trials one after the other, waits at a rung, obeys stop decisions, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const inbox = new Inbox();
    const messages: FromWorker[] = [];
    let stopped = false;
    const emit = (m: FromWorker): void => {
      messages.push(m);
      if (m.type === 'epoch' && m.epoch === 1) inbox.push({ type: 'decision', trial: m.trial, decision: m.trial === 1 ? 'continue' : 'stop' });
      if (m.type === 'trial-end' && m.trial === 2) {
        stopped = true;
        inbox.close();
      }
    };
    inbox.push({ type: 'trial', trial: 1, spec: specFor(params, 2), seed: 1 });
    inbox.push({ type: 'trial', trial: 2, spec: specFor({ ...params, hiddenUnits: 8 }, 2), seed: 2 });
    await runSearchSession(config, emit, { stopped: () => stopped }, inbox, deps);
    expect(tf.memory().numTensors).toBe(before);

    const compact = messages
      .filter((m) => m.type !== 'download')
      .map((m) =>
        m.type === 'epoch'
          ? `epoch:${m.trial}.${m.epoch}`
          : m.type === 'trial-end'
            ? `end:${m.trial}:${m.epochs}${m.stopped ? ':stopped' : ''}`
            : m.type,
      );
    expect(compact).toEqual(['backend', 'phase', 'ready', 'epoch:1.1', 'epoch:1.2', 'end:1:2', 'epoch:2.1', 'end:2:1:stopped', 'done']);
    expect(messages.find((m) => m.type === 'ready')).toEqual({ type: 'ready', trainCount: 200, validationCount: 100 });
    for (const m of messages) if (m.type === 'epoch') expect(m.accuracy).toBeGreaterThanOrEqual(0);
  });

  it('gives the same validation accuracy for the same trial and seed', async () => {
    const once = async () => {
      const inbox = new Inbox();
      const accs: number[] = [];
      inbox.push({ type: 'trial', trial: 1, spec: specFor({ ...params, dropout: 0 }, 1), seed: 5 });
      await runSearchSession(
        { ...config, rungs: [] },
        (m) => {
          if (m.type === 'epoch') accs.push(m.accuracy);
          if (m.type === 'trial-end') inbox.close();
        },
        { stopped: () => false },
        inbox,
        deps,
      );
      return accs;
    };
    expect(await once()).toEqual(await once());
  });

  it('reports a data plan that does not fit as a data error', async () => {
    const before = tf.memory().numTensors;
    const messages: FromWorker[] = [];
    await runSearchSession({ ...config, trainLimit: 1000 }, (m) => messages.push(m), { stopped: () => false }, new Inbox(), deps);
    expect(messages.at(-1)).toMatchObject({ type: 'error', code: 'data' });
    expect(messages.at(-1)).toMatchObject({ message: expect.stringMatching(/needs 1100 images/) });
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** A Worker stand-in that runs the real session in this process, messages delivered asynchronously. */
class InProcessWorker {
  private listeners: Array<(e: { data: unknown }) => void> = [];
  private readonly inbox = new Inbox();
  private stopped = false;
  private readonly abort = new AbortController();
  postMessage(message: ToWorker): void {
    setTimeout(() => {
      if (message.type === 'start') {
        void runSearchSession(
          message.config,
          (m) => setTimeout(() => !this.stopped && this.listeners.forEach((l) => l({ data: m }))),
          { stopped: () => this.stopped, signal: this.abort.signal },
          this.inbox,
          deps,
        );
      } else if (message.type === 'stop') this.terminate();
      else this.inbox.push(message);
    });
  }
  terminate(): void {
    this.stopped = true;
    this.abort.abort();
  }
  addEventListener(type: string, l: (e: { data: unknown }) => void): void {
    if (type === 'message') this.listeners.push(l);
  }
}

describe('a whole search through the client', () => {
  it('runs every trial on two workers at once, stops some at the rung, and leaves tf.memory() flat', async () => {
    const before = tf.memory().numTensors;
    const trials = sampleTrials({ ...DEFAULT_SPACE, hiddenUnits: [8, 16], batchSize: [50, 100] }, 6, 4);
    const events: SearchEvent[] = [];
    let maxConcurrent = 0;
    const workers: InProcessWorker[] = [];
    await new Promise<void>((resolve) => {
      startSearch(
        {
          worker: { dataset: 'mnist', dataUrl: 'x', trainLimit: 200, validationCount: 100, backend: 'cpu' },
          trials,
          maxEpochs: 3,
          eta: 3,
          workers: 2,
          seed: 1,
        },
        (e) => {
          events.push(e);
          if (e.type === 'update') maxConcurrent = Math.max(maxConcurrent, e.state.concurrent);
          if (e.type === 'done' || e.type === 'error') resolve();
        },
        {
          createWorker: () => {
            const w = new InProcessWorker();
            workers.push(w);
            return w as unknown as Worker;
          },
        },
      );
    });
    // Let the terminated sessions run their `finally` (they were stopped between trials).
    await new Promise((r) => setTimeout(r, 50));
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(maxConcurrent).toBe(2);
    expect(done.state.trials.every((t) => t.status === 'finished' || (t.status === 'stopped' && t.stoppedAt === 1))).toBe(true);
    expect(done.state.trials.filter((t) => t.status === 'finished').length).toBeGreaterThan(0);
    const { epochsRun, epochsFull } = done.state.compute();
    expect(epochsFull).toBe(18);
    expect(epochsRun).toBeLessThanOrEqual(18);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
