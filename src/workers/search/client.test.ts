/** The search client with fake workers: what it posts, ASHA decisions at rungs, and worker failures. */
import { describe, expect, it } from 'vitest';
import { FakeWorker } from '../shared/fake-worker.ts';
import type { TrialParams } from '../../lib/search-hp/space.ts';
import { startSearch, type SearchEvent } from './client.ts';
import type { ToWorker } from './protocol.ts';

const params = (n: number): TrialParams[] =>
  Array.from({ length: n }, (_, i) => ({ learningRate: 0.001 * (i + 1), hiddenUnits: 32, dropout: 0, batchSize: 32 }));

function setUp(trials: number, workers: number, maxEpochs = 3) {
  const fakes: FakeWorker[] = [];
  const events: SearchEvent[] = [];
  const handle = startSearch(
    {
      worker: { dataset: 'mnist', dataUrl: 'http://x/data/', trainLimit: 100, validationCount: 50, backend: 'cpu' },
      trials: params(trials),
      maxEpochs,
      eta: 3,
      workers,
      seed: 1,
    },
    (e) => events.push(e),
    {
      createWorker: () => {
        const w = new FakeWorker();
        fakes.push(w);
        return w.asWorker();
      },
    },
  );
  const posted = (w: number) => fakes[w]!.posted.map((p) => p.message as ToWorker);
  return { fakes, events, handle, posted };
}

describe('startSearch', () => {
  it('starts every worker with the rungs, and hands out trials only once a worker has its data', () => {
    const { fakes, posted, handle } = setUp(3, 2);
    expect(fakes).toHaveLength(2);
    expect(posted(0)[0]).toMatchObject({ type: 'start', config: { rungs: [1], trainLimit: 100 } });
    expect(posted(0)).toHaveLength(1);
    fakes[1]!.send({ type: 'ready', trainCount: 100, validationCount: 50 });
    expect(posted(1)[1]).toMatchObject({ type: 'trial', trial: 1, spec: { epochs: 3, learningRate: 0.001 } });
    expect(handle.state.concurrent).toBe(1);
  });

  it('answers a rung with the scheduler’s decision and moves the next trial onto a freed worker', () => {
    const { fakes, posted, handle } = setUp(3, 1);
    fakes[0]!.send({ type: 'ready', trainCount: 100, validationCount: 50 });
    fakes[0]!.send({ type: 'epoch', trial: 1, epoch: 1, accuracy: 0.9, loss: 0.3, ms: 1 });
    expect(posted(0).at(-1)).toEqual({ type: 'decision', trial: 1, decision: 'continue' });
    fakes[0]!.send({ type: 'epoch', trial: 1, epoch: 2, accuracy: 0.92, loss: 0.3, ms: 1 });
    expect(posted(0).at(-1)?.type).toBe('decision'); // no new message off the rungs
    expect(posted(0).filter((m) => m.type === 'decision')).toHaveLength(1);
    fakes[0]!.send({ type: 'epoch', trial: 1, epoch: 3, accuracy: 0.93, loss: 0.3, ms: 1 });
    expect(posted(0).at(-1)).toMatchObject({ type: 'trial', trial: 2 });
    fakes[0]!.send({ type: 'epoch', trial: 2, epoch: 1, accuracy: 0.5, loss: 1, ms: 1 });
    expect(posted(0).at(-2)).toEqual({ type: 'decision', trial: 2, decision: 'stop' });
    expect(posted(0).at(-1)).toMatchObject({ type: 'trial', trial: 3 });
    expect(handle.state.trial(2)).toMatchObject({ status: 'stopped', stoppedAt: 1 });
  });

  it('ends with done once every trial is over, and terminates the workers', () => {
    const { fakes, events } = setUp(1, 1, 1);
    fakes[0]!.send({ type: 'ready', trainCount: 100, validationCount: 50 });
    fakes[0]!.send({ type: 'epoch', trial: 1, epoch: 1, accuracy: 0.9, loss: 0.3, ms: 1 });
    expect(events.at(-1)).toMatchObject({ type: 'done', stopped: false });
    expect(fakes[0]!.terminated).toBe(true);
  });

  it('goes on without a failed worker (its trial failed) and fails when the last one fails', () => {
    const { fakes, events, handle } = setUp(3, 2);
    fakes.forEach((f) => f.send({ type: 'ready', trainCount: 100, validationCount: 50 }));
    fakes[0]!.fail('out of memory');
    expect(handle.state.trial(1).status).toBe('failed');
    expect(fakes[0]!.terminated).toBe(true);
    expect(events.some((e) => e.type === 'error')).toBe(false);
    fakes[1]!.send({ type: 'error', code: 'unknown', message: 'Training failed: boom', hint: 'Reload.' });
    expect(events.at(-1)).toMatchObject({ type: 'error', message: 'Training failed: boom', hint: 'Reload.' });
  });

  it('stops at once: every worker terminated, running trials stopped, then done', () => {
    const { fakes, events, handle } = setUp(2, 2);
    fakes.forEach((f) => f.send({ type: 'ready', trainCount: 100, validationCount: 50 }));
    handle.stop();
    expect(fakes.every((f) => f.terminated)).toBe(true);
    expect(handle.state.trials.map((t) => t.status)).toEqual(['stopped', 'stopped']);
    expect(events.at(-1)).toMatchObject({ type: 'done', stopped: true });
    fakes[0]!.send({ type: 'epoch', trial: 1, epoch: 1, accuracy: 0.9, loss: 0.3, ms: 1 });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
  });
});
