/**
 * A 2D convolution over NHWC images, the way tfjs lays it out: a batch is `batch × (H · W · C)`
 * row-major, the filter is [kh, kw, inC, outC] and the output is NHWC again.
 *
 * Forward is one matrix product: im2col unrolls every patch into a row of the columns matrix
 * Col ((batch · outH · outW) × (kh · kw · inC)), so Y = Col · W + b, rows in (batch, y, x) order,
 * which is the NHWC output itself. Backward reuses Col: dW += Colᵀ · dY, db += Σ_rows dY,
 * and dX = col2im(dY · Wᵀ) (col2im adds each entry back into the pixel it was read from).
 */
import { col2im, im2col, im2colShape, type ConvGeometry } from './conv-geometry.ts';
import { initWeights } from './dense.ts';
import { gemmNN, gemmNT, gemmTN } from './gemm.ts';
import { biasGrad, ensureFloat32, ensureFloat32Capacity } from './kernels.ts';
import { checkImageShape, imageSize, pair, resolveAxis, shapeMismatch } from './image-shape.ts';
import type { ImageShape, InitKind, Layer, Padding, Param, Size2D } from './types.ts';

const EMPTY = new Float32Array(0);

export interface Conv2DOptions {
  filters: number;
  kernelSize: Size2D;
  /** Default 1. */
  strides?: Size2D;
  /** Default 'valid'. */
  padding?: Padding;
  /** Default 1. tfjs refuses strides and dilation both above 1; this engine computes it anyway. */
  dilation?: Size2D;
  /** Default 'glorot' (fan-in kh·kw·inC, fan-out kh·kw·outC, as Keras); biases start at 0. */
  init?: InitKind;
  /** Seed of the initialisation (default 1). */
  seed?: number;
  /** Name prefix of the params (default "conv2d"): "conv2d.kernel", "conv2d.bias". */
  name?: string;
}

export class Conv2D implements Layer {
  readonly kind = 'Conv2D';
  readonly inputShape: ImageShape;
  readonly outputShape: ImageShape;
  /** Values per input image (H · W · C): the network reads it as this layer's input width. */
  readonly inputSize: number;
  readonly filters: number;
  readonly kernel: Param;
  readonly bias: Param;
  /** The patch of one image; each forward call copies it with its batch. */
  readonly geometry: Readonly<ConvGeometry>;
  private readonly paramList: readonly Param[];

  private columns: Float32Array = new Float32Array(0);
  private gradColumns: Float32Array = new Float32Array(0);
  private output: Float32Array = new Float32Array(0);
  private gradInput: Float32Array = new Float32Array(0);
  private lastBatch = -1;

  constructor(inputShape: ImageShape, options: Conv2DOptions) {
    checkImageShape('Conv2D', inputShape);
    const { filters } = options;
    if (!Number.isInteger(filters) || filters < 1) throw new Error(`Conv2D: filters must be a whole number of at least 1, got ${filters}.`);
    const [kh, kw] = pair(options.kernelSize);
    const [sh, sw] = pair(options.strides ?? 1);
    const [dh, dw] = pair(options.dilation ?? 1);
    const padding = options.padding ?? 'valid';
    const [height, width, channels] = inputShape;
    const rows = resolveAxis('Conv2D', 'height', height, kh, sh, dh, padding);
    const cols = resolveAxis('Conv2D', 'width', width, kw, sw, dw, padding);
    this.inputShape = [height, width, channels];
    this.outputShape = [rows.out, cols.out, filters];
    this.inputSize = imageSize(inputShape);
    this.filters = filters;
    this.geometry = {
      batch: 1,
      inHeight: height,
      inWidth: width,
      inChannels: channels,
      kernelHeight: kh,
      kernelWidth: kw,
      strideHeight: sh,
      strideWidth: sw,
      dilationHeight: dh,
      dilationWidth: dw,
      padTop: rows.padBefore,
      padLeft: cols.padBefore,
      outHeight: rows.out,
      outWidth: cols.out,
    };
    const name = options.name ?? 'conv2d';
    const taps = kh * kw * channels;
    const kernel = new Float32Array(taps * filters);
    initWeights(kernel, taps, kh * kw * filters, options.init ?? 'glorot', options.seed ?? 1);
    this.kernel = { name: `${name}.kernel`, shape: [kh, kw, channels, filters], value: kernel, grad: new Float32Array(kernel.length) };
    this.bias = { name: `${name}.bias`, shape: [filters], value: new Float32Array(filters), grad: new Float32Array(filters) };
    this.paramList = [this.kernel, this.bias];
  }

  outputSize(inputSize: number): number {
    if (inputSize !== this.inputSize) throw shapeMismatch(this.kind, this.inputShape, inputSize);
    return imageSize(this.outputShape);
  }

  forward(input: Float32Array, batch: number): Float32Array {
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`Conv2D.forward: batch must be a positive integer, got ${batch}.`);
    if (input.length < batch * this.inputSize) throw shapeMismatch(this.kind, this.inputShape, input.length / batch);
    const g = { ...this.geometry, batch };
    const { rows, cols } = im2colShape(g);
    this.columns = ensureFloat32Capacity(this.columns, rows * cols);
    im2col(input, g, this.columns);
    const out = (this.output = ensureFloat32(this.output, rows * this.filters));
    gemmNN(this.columns, this.kernel.value, out, rows, cols, this.filters);
    const b = this.bias.value;
    for (let r = 0, o = 0; r < rows; r++) for (let f = 0; f < this.filters; f++, o++) out[o] = out[o]! + b[f]!;
    this.lastBatch = batch;
    return out;
  }

  backward(gradOutput: Float32Array, batch: number, needInputGrad = true): Float32Array {
    if (batch !== this.lastBatch) {
      throw new Error(`Conv2D.backward got batch ${batch} but the last forward batch was ${this.lastBatch}: call forward first.`);
    }
    const g = { ...this.geometry, batch };
    const { rows, cols } = im2colShape(g);
    if (gradOutput.length < rows * this.filters) {
      throw new Error(`Conv2D.backward expects a gradient of ${batch} × ${imageSize(this.outputShape)} values, got ${gradOutput.length}.`);
    }
    gemmTN(this.columns, gradOutput, this.kernel.grad, cols, rows, this.filters, true);
    biasGrad(rows, this.filters, gradOutput, this.bias.grad);
    if (!needInputGrad) return EMPTY;
    this.gradColumns = ensureFloat32Capacity(this.gradColumns, rows * cols);
    gemmNT(gradOutput, this.kernel.value, this.gradColumns, rows, this.filters, cols);
    this.gradInput = ensureFloat32(this.gradInput, batch * this.inputSize);
    return col2im(this.gradColumns, g, this.gradInput);
  }

  params(): readonly Param[] {
    return this.paramList;
  }
}
