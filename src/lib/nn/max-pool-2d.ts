/**
 * Max pooling over NHWC images, channel by channel: each output is the largest input in its
 * patch (pool height × pool width, moved by the strides; no padding, tfjs' 'valid').
 * Backward sends each output's gradient to the one input that won its patch (where windows
 * overlap, an input can win several and gets the sum). The running max starts from the patch's
 * first value, not from 0, so an all-negative patch is right; on a tie the first maximum in
 * reading order (top row first, left to right) wins.
 */
import { ensureFloat32, ensureInt32Capacity } from './kernels.ts';
import { checkImageShape, imageSize, pair, resolveAxis, shapeMismatch } from './image-shape.ts';
import type { ImageShape, Layer, Param, Size2D } from './types.ts';

const NO_PARAMS: readonly Param[] = [];
const EMPTY = new Float32Array(0);

export interface MaxPool2DOptions {
  poolSize: Size2D;
  /** Default: the pool size (windows side by side, no overlap). */
  strides?: Size2D;
}

export class MaxPool2D implements Layer {
  readonly kind = 'MaxPool2D';
  readonly inputShape: ImageShape;
  readonly outputShape: ImageShape;
  readonly inputSize: number;
  readonly poolSize: readonly [number, number];
  readonly strides: readonly [number, number];

  private output: Float32Array = new Float32Array(0);
  private gradInput: Float32Array = new Float32Array(0);
  /** For each output of the last forward batch, the index in the input of its patch's max. */
  private winner: Int32Array = new Int32Array(0);
  private lastBatch = -1;

  constructor(inputShape: ImageShape, options: MaxPool2DOptions) {
    checkImageShape('MaxPool2D', inputShape);
    const [ph, pw] = pair(options.poolSize);
    const [sh, sw] = pair(options.strides ?? options.poolSize);
    const [height, width, channels] = inputShape;
    const rows = resolveAxis('MaxPool2D', 'height', height, ph, sh, 1, 'valid');
    const cols = resolveAxis('MaxPool2D', 'width', width, pw, sw, 1, 'valid');
    this.inputShape = [height, width, channels];
    this.outputShape = [rows.out, cols.out, channels];
    this.inputSize = imageSize(inputShape);
    this.poolSize = [ph, pw];
    this.strides = [sh, sw];
  }

  outputSize(inputSize: number): number {
    if (inputSize !== this.inputSize) throw shapeMismatch(this.kind, this.inputShape, inputSize);
    return imageSize(this.outputShape);
  }

  forward(input: Float32Array, batch: number): Float32Array {
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`MaxPool2D.forward: batch must be a positive integer, got ${batch}.`);
    if (input.length < batch * this.inputSize) throw shapeMismatch(this.kind, this.inputShape, input.length / batch);
    const [H, W, C] = this.inputShape;
    const [outH, outW] = this.outputShape;
    const [ph, pw] = this.poolSize;
    const [sh, sw] = this.strides;
    const size = batch * outH * outW * C;
    const out = (this.output = ensureFloat32(this.output, size));
    const winner = (this.winner = ensureInt32Capacity(this.winner, size));
    let o = 0;
    for (let b = 0; b < batch; b++) {
      const image = b * H * W * C;
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const corner = image + (oy * sh * W + ox * sw) * C;
          for (let c = 0; c < C; c++, o++) {
            let best = corner + c;
            let max = input[best]!;
            for (let ky = 0; ky < ph; ky++) {
              for (let kx = 0; kx < pw; kx++) {
                const i = corner + (ky * W + kx) * C + c;
                const v = input[i]!;
                if (v > max) {
                  max = v;
                  best = i;
                }
              }
            }
            out[o] = max;
            winner[o] = best;
          }
        }
      }
    }
    this.lastBatch = batch;
    return out;
  }

  backward(gradOutput: Float32Array, batch: number, needInputGrad = true): Float32Array {
    if (batch !== this.lastBatch) {
      throw new Error(`MaxPool2D.backward got batch ${batch} but the last forward batch was ${this.lastBatch}: call forward first.`);
    }
    const size = batch * imageSize(this.outputShape);
    if (gradOutput.length < size) throw new Error(`MaxPool2D.backward expects a gradient of ${size} values, got ${gradOutput.length}.`);
    // Nothing to learn here: a first layer (whose input gradient nobody needs) has no work at all.
    if (!needInputGrad) return EMPTY;
    const dx = (this.gradInput = ensureFloat32(this.gradInput, batch * this.inputSize));
    dx.fill(0);
    const winner = this.winner;
    for (let o = 0; o < size; o++) {
      const i = winner[o]!;
      dx[i] = dx[i]! + gradOutput[o]!;
    }
    return dx;
  }

  params(): readonly Param[] {
    return NO_PARAMS;
  }
}
