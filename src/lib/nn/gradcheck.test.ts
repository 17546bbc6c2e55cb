import { describe, expect, it } from 'vitest';
import { checkLayerGradients, checkLossGradients, relativeError } from './gradcheck.ts';
import { Dense } from './dense.ts';
import { MeanSquaredError } from './losses.ts';

describe('gradcheck', () => {
  it('relativeError is scale-free above the floor and absolute below it', () => {
    expect(relativeError(1, 1)).toBe(0);
    expect(relativeError(100, 101)).toBeCloseTo(1 / 101, 12);
    expect(relativeError(1e-6, 2e-6, 1e-2)).toBeCloseTo(1e-4, 12);
    expect(relativeError(-1, 1)).toBe(2);
  });

  it('reports the worst entry, and catches a Dense whose backward forgets the input in dW', () => {
    class WrongDense extends Dense {
      override backward(gradOutput: Float32Array, batch: number, needInputGrad = true): Float32Array {
        const dx = super.backward(gradOutput, batch, needInputGrad);
        // A classic mistake: dW = Σ dY (as if every input were 1) instead of Xᵀ·dY.
        this.kernel.grad.fill(0);
        for (let k = 0; k < this.inputSize; k++)
          for (let j = 0; j < this.units; j++)
            for (let r = 0; r < batch; r++) this.kernel.grad[k * this.units + j]! += gradOutput[r * this.units + j]!;
        return dx;
      }
    }
    const x = new Float32Array([0.5, -1, 2, 0.25, 1.5, -0.75]);
    const right = checkLayerGradients(new Dense(3, 2, { seed: 1 }), x, 2);
    expect(right.maxRelativeError).toBeLessThan(1e-3);
    expect(right.checked).toBe(3 * 2 + 2 + 6);
    const wrong = checkLayerGradients(new WrongDense(3, 2, { seed: 1 }), x, 2);
    expect(wrong.maxRelativeError).toBeGreaterThan(0.1);
    expect(wrong.worst.param).toBe('dense.kernel');
    expect(Math.abs(wrong.worst.analytic - wrong.worst.numeric)).toBeGreaterThan(0.01);
  });

  it("does not change the caller's input and can sample entries", () => {
    const x = new Float32Array([0.5, -1, 2]);
    const dense = new Dense(3, 4, { seed: 2 });
    const result = checkLayerGradients(dense, x, 1, { maxChecksPerParam: 2 });
    expect(Array.from(x)).toEqual([0.5, -1, 2]);
    expect(result.checked).toBe(2 + 2 + 2);
    const loss = checkLossGradients(new MeanSquaredError(), new Float32Array([1, 2]), new Float32Array([0, 0]), 1, 2);
    expect(loss.maxRelativeError).toBeLessThan(1e-6); // MSE is quadratic: centred differences are exact
  });
});
