import { describe, expect, it } from 'vitest';
import {
  countCorrect,
  epochOrder,
  evaluate,
  fillBatch,
  imageSet,
  inOrder,
  makeBatchBuffers,
  subset,
  trainValidationSplit,
  type Forwarder,
} from './batches.ts';
import type { Loss } from './types.ts';

/** Four 2×2 "images": image i has every pixel equal to 50·i, and label i (0..3). */
function tinySet() {
  const images = new Uint8Array(16);
  for (let i = 0; i < 4; i++) images.fill(50 * i, i * 4, i * 4 + 4);
  return imageSet(images, new Uint8Array([0, 1, 2, 3]), 4, 4);
}

describe('fillBatch', () => {
  it('scales pixels by 1/255 and writes one-hot targets in the given order', () => {
    const set = tinySet();
    const b = makeBatchBuffers(3, 4, 'digits');
    expect(b.width).toBe(10);
    b.y.fill(7); // stale values must be cleared
    const rows = fillBatch(set, [3, 1], 0, 2, b, 'digits');
    expect(rows).toBe(2);
    expect(b.x[0]).toBeCloseTo(150 / 255, 6);
    expect(b.x[4]).toBeCloseTo(50 / 255, 6);
    expect([...b.y.subarray(0, 10)]).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect([...b.y.subarray(10, 20)]).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('writes 1 for zeros and 0 for other digits in zero-vs-rest', () => {
    const b = makeBatchBuffers(4, 4, 'zero-vs-rest');
    expect(b.width).toBe(1);
    fillBatch(tinySet(), [2, 0, 1, 3], 0, 4, b, 'zero-vs-rest');
    expect([...b.y]).toEqual([0, 1, 0, 0]);
  });

  it('takes a window of the order and refuses batches that do not fit', () => {
    const b = makeBatchBuffers(2, 4, 'zero-vs-rest');
    expect(fillBatch(tinySet(), [3, 2, 1, 0], 2, 4, b, 'zero-vs-rest')).toBe(2);
    expect([...b.y]).toEqual([0, 1]);
    expect(() => fillBatch(tinySet(), [0, 1, 2], 0, 3, b, 'zero-vs-rest')).toThrow(/do not fit/);
    expect(() => fillBatch(tinySet(), [9], 0, 1, b, 'zero-vs-rest')).toThrow(/outside/);
  });
});

describe('epochOrder', () => {
  it('is a permutation, fixed by seed and epoch, different across epochs', () => {
    const a = epochOrder(50, 1, 0);
    expect([...a].sort((x, y) => x - y)).toEqual([...inOrder(50)]);
    expect([...epochOrder(50, 1, 0)]).toEqual([...a]);
    expect([...epochOrder(50, 1, 1)]).not.toEqual([...a]);
  });
});

describe('subset and trainValidationSplit', () => {
  it('takes validation from the end and training from the start, without copying', () => {
    const set = tinySet();
    const { train, validation } = trainValidationSplit(set, 2, 1);
    expect([...train.labels]).toEqual([0, 1]);
    expect([...validation!.labels]).toEqual([3]);
    expect(validation!.images[0]).toBe(150);
    expect(train.images.buffer).toBe(set.images.buffer);
    expect(trainValidationSplit(set, 4, 0).validation).toBeNull();
  });
  it('explains a split that does not fit', () => {
    expect(() => trainValidationSplit(tinySet(), 4, 1)).toThrow(/do not fit in 4/);
    expect(() => subset(tinySet(), 3, 2)).toThrow(/outside/);
  });
});

describe('countCorrect', () => {
  it('uses 0 as the cut for logits and 0.5 for probabilities with one output', () => {
    const targets = new Float32Array([1, 0, 1]);
    expect(countCorrect(new Float32Array([0.2, -0.1, -3]), targets, 3, 1, true)).toBe(2);
    expect(countCorrect(new Float32Array([0.2, 0.1, 0.9]), targets, 3, 1, false)).toBe(2);
  });
  it('compares the argmax with the one-hot column for several outputs', () => {
    const out = new Float32Array([0.1, 0.8, 0.1, 0.6, 0.3, 0.1]);
    const targets = new Float32Array([0, 1, 0, 0, 0, 1]);
    expect(countCorrect(out, targets, 2, 3, true)).toBe(1);
  });
});

describe('evaluate', () => {
  /** A fake one-output "network": logit = 10·(0.1 − mean pixel), so only the dark image 0 says "zero". */
  const net: Forwarder = {
    forward(x, batch) {
      const out = new Float32Array(batch);
      for (let r = 0; r < batch; r++) {
        let s = 0;
        for (let p = 0; p < 4; p++) s += x[r * 4 + p]!;
        out[r] = 10 * (0.1 - s / 4);
      }
      return out;
    },
  };
  /** A fake loss: mean absolute difference between sigmoid(output) and the target. */
  const loss: Loss = {
    kind: 'fake',
    forward(output, targets, batch) {
      let s = 0;
      for (let r = 0; r < batch; r++) s += Math.abs(1 / (1 + Math.exp(-output[r]!)) - targets[r]!);
      return s / batch;
    },
    backward: () => new Float32Array(0),
  };

  it('goes through the set in chunks and returns mean loss, accuracy and P(zero) scores', () => {
    const whole = evaluate(net, loss, tinySet(), 'zero-vs-rest', { logits: true, chunk: 4 });
    const chunked = evaluate(net, loss, tinySet(), 'zero-vs-rest', { logits: true, chunk: 3 });
    expect(whole.accuracy).toBe(1);
    expect(whole.count).toBe(4);
    expect(whole.scores[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 5);
    expect(whole.scores[3]!).toBeLessThan(0.5);
    expect(chunked.loss).toBeCloseTo(whole.loss, 6);
    expect([...chunked.scores]).toEqual([...whole.scores]);
  });

  it('reports predicted classes as digit scores', () => {
    const tenWay: Forwarder = {
      forward(_x, batch) {
        const out = new Float32Array(batch * 10);
        for (let r = 0; r < batch; r++) out[r * 10 + 2] = 1; // always answers 2
        return out;
      },
    };
    const zeroLoss: Loss = { kind: 'fake', forward: () => 0, backward: () => new Float32Array(0) };
    const e = evaluate(tenWay, zeroLoss, tinySet(), 'digits', { logits: true });
    expect([...e.scores]).toEqual([2, 2, 2, 2]);
    expect(e.accuracy).toBe(0.25);
  });
});
