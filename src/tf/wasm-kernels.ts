/**
 * The training kernels tfjs-backend-wasm (4.22) lacks or gets wrong, written in TypeScript over
 * the wasm heap, so that a convolutional network trains on the WebAssembly backend:
 *
 *  - Conv2DBackpropFilter (missing: without it no conv layer can train on wasm):
 *    dW = im2col(x)ᵀ · dy;
 *  - Conv2DBackpropInput (replaced: wasm's own is a direct loop, slower than this):
 *    dx = col2im(dy · Wᵀ);
 *    the matrix products run on XNNPACK through wasm's own BatchMatMul kernel, im2col, col2im
 *    and the small transposes in TypeScript;
 *  - MaxPoolGrad (replaced: wasm's own sends the gradient to the wrong cell when a window holds
 *    only negative values, e.g. to −4 of −4, −3, −2, −1).
 *
 * The forward kernels (Conv2D, FusedConv2D, MaxPool, AvgPool) are XNNPACK's and stay, and so does
 * wasm's AvgPoolGrad (it agrees with the cpu backend; src/tf/wasm-kernels.test.ts checks it).
 * The loops are pure and tested in src/lib/nn (conv-geometry.ts, pooling.ts); here they
 * only read their inputs from the heap and write into outputs made by the backend. Everything is
 * NHWC, the only layout tf.layers uses; NCHW is refused with a clear message.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ConvGeometry } from '../lib/nn/conv-geometry.ts';
import { col2im, im2col, im2colShape } from '../lib/nn/conv-geometry.ts';
import { maxPoolBackward } from '../lib/nn/pooling.ts';

type Tf = typeof TF;
type TensorInfo = TF.TensorInfo;
type Conv2DInfo = TF.backend_util.Conv2DInfo;
type Pad = 'valid' | 'same' | number | TF.backend_util.ExplicitPadding;
type Shape4 = [number, number, number, number];

/** The part of tfjs-backend-wasm's BackendWasm these kernels use. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  disposeData(dataId: object): boolean;
}

interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: unknown;
  attrs?: Record<string, unknown>;
}

/** The geometry of ./conv-geometry.ts from tfjs' own description of a convolution or pool. */
export function geometryFromConvInfo(info: Conv2DInfo): ConvGeometry {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    kernelHeight: info.filterHeight,
    kernelWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
  };
}

function requireNhwc(kernel: string, dataFormat: unknown): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`${kernel} on the WebAssembly backend supports NHWC images only (got ${String(dataFormat)}): use dataFormat 'channelsLast'.`);
  }
}

function requireFloat(kernel: string, ...infos: TensorInfo[]): void {
  for (const info of infos) {
    if (info.dtype !== 'float32') throw new Error(`${kernel} on the WebAssembly backend needs float32 tensors (got ${info.dtype}).`);
  }
}

/** A scratch buffer for the im2col matrix, grown when needed and reused by every call (kernels run one at a time). */
let scratch = new Float32Array(0);
function scratchOf(size: number): Float32Array {
  if (scratch.length < size) scratch = new Float32Array(size);
  return scratch;
}

/** Copies a rows × cols row-major matrix into `out` as cols × rows. */
function transposeInto(src: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[row + c]!;
  }
}

/**
 * A · B on XNNPACK, through the wasm backend's own BatchMatMul kernel (a [1, m, k], b [1, k, n],
 * both untransposed: its transposed variants are several times slower). With ../lib/nn/gemm.ts
 * instead, a whole layer's forward and backward ran 2.6 times slower (bench `cnn`).
 */
function matMul(tf: Tf, backend: unknown, a: TensorInfo, b: TensorInfo): TensorInfo {
  const kernel = tf.getKernel('BatchMatMul', 'wasm');
  if (!kernel) throw new Error('The WebAssembly backend has no BatchMatMul kernel: load @tensorflow/tfjs-backend-wasm first.');
  return kernel.kernelFunc({ inputs: { a, b }, backend: backend as TF.KernelBackend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
}

/** Runs `body` with `temp`, which allocates a heap tensor (a shape) or adopts one (a TensorInfo); frees them all whatever happens. */
function withTemps<T>(wasm: WasmHeapBackend, body: (temp: (what: number[] | TensorInfo) => TensorInfo) => T): T {
  const temps: TensorInfo[] = [];
  try {
    return body((what) => {
      const info = Array.isArray(what) ? wasm.makeOutput(what, 'float32') : what;
      temps.push(info);
      return info;
    });
  } finally {
    for (const info of temps) wasm.disposeData(info.dataId);
  }
}

/**
 * dW = im2col(x)ᵀ · dy, with im2col(x)ᵀ written out so that XNNPACK multiplies untransposed
 * matrices, and dy (the smaller operand) as the one it packs.
 */
function conv2dBackpropFilter(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const wasm = backend as WasmHeapBackend;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
    strides: number | [number, number];
    pad: Pad;
    dataFormat?: string;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: Shape4;
  };
  requireNhwc('Conv2DBackpropFilter', dataFormat);
  requireFloat('Conv2DBackpropFilter', x, dy);
  const g = geometryFromConvInfo(tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode));
  const { rows, cols } = im2colShape(g);
  const outChannels = filterShape[3];
  const out = wasm.makeOutput(filterShape, 'float32');
  withTemps(wasm, (temp) => {
    const columnsT = temp([1, cols, rows]);
    // Views only after every allocation: a heap that grows detaches the views made before.
    const columns = im2col(wasm.typedArrayFromHeap(x), g, scratchOf(rows * cols));
    transposeInto(columns, rows, cols, wasm.typedArrayFromHeap(columnsT));
    const dyMatrix: TensorInfo = { dataId: dy.dataId, shape: [1, rows, outChannels], dtype: 'float32' };
    const product = temp(matMul(tf, backend, columnsT, dyMatrix));
    wasm.typedArrayFromHeap(out).set(wasm.typedArrayFromHeap(product));
  });
  return out;
}

/** dx = col2im(dy · Wᵀ): the columns' gradient on XNNPACK, folded back into the image in TypeScript. */
function conv2dBackpropInput(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const wasm = backend as WasmHeapBackend;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as {
    strides: number | [number, number];
    pad: Pad;
    dataFormat?: string;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    inputShape: Shape4;
  };
  requireNhwc('Conv2DBackpropInput', dataFormat);
  requireFloat('Conv2DBackpropInput', dy, filter);
  const filterShape = filter.shape as Shape4;
  const g = geometryFromConvInfo(tf.backend_util.computeConv2DInfo(inputShape, filterShape, strides, 1, pad, dimRoundingMode));
  const { rows, cols } = im2colShape(g);
  const outChannels = filterShape[3];
  const out = wasm.makeOutput(inputShape, 'float32');
  withTemps(wasm, (temp) => {
    const filterT = temp([1, outChannels, cols]);
    transposeInto(wasm.typedArrayFromHeap(filter), cols, outChannels, wasm.typedArrayFromHeap(filterT));
    // dy's own memory, seen as one rows × outChannels matrix (BatchMatMul takes its reference and gives it back).
    const dyMatrix: TensorInfo = { dataId: dy.dataId, shape: [1, rows, outChannels], dtype: 'float32' };
    const product = temp(matMul(tf, backend, dyMatrix, filterT));
    col2im(wasm.typedArrayFromHeap(product), g, wasm.typedArrayFromHeap(out));
  });
  return out;
}

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function poolGeometry(tf: Tf, input: TensorInfo, attrs: PoolAttrs): ConvGeometry {
  return geometryFromConvInfo(
    tf.backend_util.computePool2DInfo(input.shape as Shape4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode),
  );
}

function maxPoolGrad(tf: Tf, { inputs, backend, attrs }: KernelArgs): TensorInfo {
  const wasm = backend as WasmHeapBackend;
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  requireFloat('MaxPoolGrad', dy, input);
  const g = poolGeometry(tf, input, attrs as unknown as PoolAttrs);
  const out = wasm.makeOutput(input.shape, 'float32');
  maxPoolBackward(wasm.typedArrayFromHeap(input), wasm.typedArrayFromHeap(dy), g, wasm.typedArrayFromHeap(out));
  return out;
}

/** The kernels this module registers for 'wasm', by tfjs kernel name. */
export const WASM_TRAINING_KERNELS = {
  Conv2DBackpropFilter: conv2dBackpropFilter,
  Conv2DBackpropInput: conv2dBackpropInput,
  MaxPoolGrad: maxPoolGrad,
} as const;

/** The kernel functions handed to tfjs, one set per tfjs module (so a second call finds them in place). */
const registered = new WeakMap<object, Map<string, TF.KernelFunc>>();

/**
 * Registers the kernels above for the 'wasm' backend, replacing tfjs-backend-wasm's own. Call it
 * after `@tensorflow/tfjs-backend-wasm` is imported (its import registers its kernels, which would
 * replace these). Idempotent: a second call changes nothing. Returns the names registered.
 */
export function registerWasmTrainingKernels(tf: Tf): string[] {
  const funcs = registered.get(tf) ?? new Map<string, TF.KernelFunc>();
  registered.set(tf, funcs);
  const names = Object.keys(WASM_TRAINING_KERNELS) as (keyof typeof WASM_TRAINING_KERNELS)[];
  for (const name of names) {
    const ours = funcs.get(name);
    const current = tf.getKernel(name, 'wasm');
    if (ours && current?.kernelFunc === ours) continue;
    const kernelFunc = ((args: KernelArgs) => WASM_TRAINING_KERNELS[name](tf, args)) as unknown as TF.KernelFunc;
    if (current) tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
    funcs.set(name, kernelFunc);
  }
  return names;
}
