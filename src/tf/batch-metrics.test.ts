import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchMetrics } from './batch-metrics.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const fields = (batch: number) => ({ epoch: 0, batch, batchesPerEpoch: 10, examplesSeen: (batch + 1) * 4 });

describe('BatchMetrics', () => {
  it('reports the mean loss and accuracy since the last report, in order, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const sent: unknown[] = [];
    const m = new BatchMetrics(
      tf,
      (p) => p,
      (msg) => sent.push(msg),
      () => 0,
    );
    m.add(tf.scalar(2), tf.scalar(3), 4);
    m.add(tf.scalar(6), tf.scalar(1), 4);
    await m.report(fields(1));
    m.add(tf.scalar(1), tf.scalar(4), 4);
    await m.flush(fields(2));
    expect(sent).toEqual([
      { type: 'metrics', ...fields(1), loss: 1, accuracy: 0.5 },
      { type: 'metrics', ...fields(2), loss: 0.25, accuracy: 1 },
    ]);
    expect(m.reads).toBe(2);
    await m.report(fields(3)); // nothing new: no message
    expect(sent).toHaveLength(2);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps at most one read-back in flight: the next report waits for the previous one', async () => {
    const releases: Array<() => void> = [];
    const gate = <T>(p: Promise<T>): Promise<T> => new Promise<T>((resolve) => releases.push(() => void p.then(resolve)));
    const sent: unknown[] = [];
    const m = new BatchMetrics(
      tf,
      gate,
      (msg) => sent.push(msg),
      () => 0,
    );
    m.add(tf.scalar(1), tf.scalar(1), 1);
    await m.report(fields(0)); // started, not awaited
    expect(sent).toEqual([]);
    m.add(tf.scalar(1), tf.scalar(1), 1);
    let second = false;
    const next = m.report(fields(1)).then(() => (second = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(second).toBe(false); // waiting for the first read-back
    releases[0]!();
    await next;
    expect(sent).toHaveLength(1);
    releases[1]!();
    await m.settle();
    expect(sent).toHaveLength(2);
    m.dispose();
  });

  it('throws a failed read-back at the next settle; mute() silences late messages', async () => {
    let fail = true;
    const m = new BatchMetrics(
      tf,
      (p) => (fail ? Promise.reject(new Error('context lost')) : p),
      () => sent.push('m'),
      () => 0,
    );
    const sent: string[] = [];
    m.add(tf.scalar(1), tf.scalar(1), 1);
    await m.report(fields(0));
    await expect(m.settle()).rejects.toThrow('context lost');
    fail = false;
    m.add(tf.scalar(1), tf.scalar(1), 1);
    await m.report(fields(1));
    m.mute();
    await m.settle();
    expect(sent).toEqual([]);
    m.dispose();
  });
});
