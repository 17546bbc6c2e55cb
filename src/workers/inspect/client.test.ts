import { describe, expect, it } from 'vitest';
import { FakeWorker } from '../shared/fake-worker.ts';
import { createInspectorClient, InspectorError } from './client.ts';
import type { ToInspector } from './protocol.ts';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const sent = (w: FakeWorker) => w.posted.map((p) => p.message as ToInspector);

describe('the inspector client', () => {
  it('answers each request by its id, with its progress on the way', async () => {
    const worker = new FakeWorker();
    const client = createInspectorClient(() => worker.asWorker());
    const progress: string[] = [];
    const answer = client.request({ type: 'export', weightsFile: 'model.weights.bin' }, 'artifacts', (p) => progress.push(p.text));
    const other = client.request({ type: 'save' }, 'saved');
    const [first, second] = sent(worker);
    expect(first).toEqual({ type: 'export', id: 1, weightsFile: 'model.weights.bin' });
    worker.send({ type: 'error', id: second!.id, message: 'Storage is full.', hint: 'Download it.' });
    worker.send({ type: 'progress', id: first!.id, text: 'Exporting' });
    worker.send({ type: 'artifacts', id: first!.id, modelJson: '{}', weightData: new ArrayBuffer(4) });
    await expect(answer).resolves.toMatchObject({ type: 'artifacts', modelJson: '{}' });
    await expect(other).rejects.toEqual(new InspectorError('Storage is full.', 'Download it.'));
    expect(progress).toEqual(['Exporting']);
  });

  it('classifies only the newest drawing while one is being classified', async () => {
    const worker = new FakeWorker();
    const client = createInspectorClient(() => worker.asWorker());
    const a = client.predict(new Float32Array(784).fill(0.1));
    const b = client.predict(new Float32Array(784).fill(0.2));
    const c = client.predict(new Float32Array(784).fill(0.3));
    await flush();
    // The first went out at once; b was replaced by c before it could go.
    expect(sent(worker)).toHaveLength(1);
    await expect(b).resolves.toBeNull();
    worker.send({ type: 'prediction', id: 1, probs: new Float32Array(10).fill(0.1) });
    await expect(a).resolves.toHaveLength(10);
    await flush();
    const second = sent(worker)[1] as Extract<ToInspector, { type: 'predict' }>;
    expect(second.pixels[0]).toBeCloseTo(0.3);
    worker.send({ type: 'prediction', id: second.id, probs: new Float32Array(10) });
    await expect(c).resolves.toHaveLength(10);
  });

  it('fails every waiting request, and later ones, when the worker fails', async () => {
    const worker = new FakeWorker();
    const client = createInspectorClient(() => worker.asWorker());
    const waiting = client.request({ type: 'save' }, 'saved');
    worker.fail('out of memory');
    await expect(waiting).rejects.toThrow(/inspector worker failed: out of memory/);
    await expect(client.request({ type: 'save' }, 'saved')).rejects.toThrow(/inspector worker failed/);
    expect(worker.terminated).toBe(true);
  });
});
