/**
 * A stand-in for tensors in the unit tests of the output API: `FakeTensor` plays the role the
 * tfjs hooks give real tensors (src/tf/code-output.ts), so src/lib tests need no tfjs.
 */
import type { OutputHooks } from './output-api.ts';

export class FakeTensor {
  readonly shape: number[];
  readonly values: Float32Array;
  reads = 0;
  constructor(values: ArrayLike<number>, shape: number[]) {
    this.values = Float32Array.from(values);
    this.shape = shape;
  }
}

export const fakeTensorHooks: OutputHooks = {
  toData(value) {
    if (!(value instanceof FakeTensor)) return undefined;
    return {
      shape: value.shape,
      read: () => {
        value.reads++;
        return value.values;
      },
    };
  },
  format(value) {
    return value instanceof FakeTensor ? `Tensor [${value.shape.join(', ')}]` : undefined;
  },
};
