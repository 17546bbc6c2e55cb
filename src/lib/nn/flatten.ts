/**
 * Flatten: from images to rows of features, for the Dense layers after a convolutional stack.
 * A batch is already stored as `batch × (H · W · C)` rows in NHWC order, which is exactly the
 * order tfjs' flatten produces, so forward passes its input through and backward its gradient:
 * the layer only records the shape, for the network's bookkeeping and its error messages.
 */
import { checkImageShape, imageSize, shapeMismatch } from './image-shape.ts';
import type { ImageShape, Layer, Param } from './types.ts';

const NO_PARAMS: readonly Param[] = [];

export class Flatten implements Layer {
  readonly kind = 'Flatten';
  readonly inputShape: ImageShape;
  readonly inputSize: number;

  constructor(inputShape: ImageShape) {
    checkImageShape('Flatten', inputShape);
    this.inputShape = [inputShape[0], inputShape[1], inputShape[2]];
    this.inputSize = imageSize(inputShape);
  }

  outputSize(inputSize: number): number {
    if (inputSize !== this.inputSize) throw shapeMismatch(this.kind, this.inputShape, inputSize);
    return inputSize;
  }

  /** The input itself (the same values in the same order). */
  forward(input: Float32Array, batch: number): Float32Array {
    if (input.length < batch * this.inputSize) throw shapeMismatch(this.kind, this.inputShape, input.length / batch);
    return input.length === batch * this.inputSize ? input : input.subarray(0, batch * this.inputSize);
  }

  backward(gradOutput: Float32Array, batch: number): Float32Array {
    return gradOutput.length === batch * this.inputSize ? gradOutput : gradOutput.subarray(0, batch * this.inputSize);
  }

  params(): readonly Param[] {
    return NO_PARAMS;
  }
}
