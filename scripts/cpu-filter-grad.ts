/**
 * A faster filter gradient (Conv2DBackpropFilter) for tfjs' cpu backend, for scripts/train-cnn.ts
 * in Node: tfjs 4.22's own loops take seconds per batch of the default CNN (about 12 s for the
 * second convolution's 64-image batch on a busy machine), its im2col + matrix product form
 * (src/lib/nn/conv-geometry.ts, src/lib/nn/gemm.ts: dW = columnsᵀ · dY) a few milliseconds.
 * Only the cpu backend and only the training script use it; the browser's fast path is the
 * wasm kernels of src/tf/wasm-kernels.ts.
 */
import type * as TF from '@tensorflow/tfjs';
import { im2col, im2colShape, type ConvGeometry } from '../src/lib/nn/conv-geometry.ts';
import { gemmTN } from '../src/lib/nn/gemm.ts';

type Tf = typeof TF;
const KERNEL = 'Conv2DBackpropFilter';

interface Attrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Replaces the cpu backend's Conv2DBackpropFilter; returns a function that puts tfjs' own back. */
export function useFastFilterGrad(tf: Tf): () => void {
  const original = tf.getKernel(KERNEL, 'cpu');
  if (!original) throw new Error(`tfjs has no ${KERNEL} kernel for the cpu backend.`);
  const kernelFunc: TF.KernelFunc = ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TF.TensorInfo; dy: TF.TensorInfo };
    const a = attrs as unknown as Attrs;
    if (a.dataFormat !== 'NHWC') return original.kernelFunc({ inputs, backend, attrs }) as TF.TensorInfo;
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      a.filterShape,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    const g: ConvGeometry = {
      batch: info.batchSize,
      inHeight: info.inHeight,
      inWidth: info.inWidth,
      inChannels: info.inChannels,
      kernelHeight: info.filterHeight,
      kernelWidth: info.filterWidth,
      strideHeight: info.strideHeight,
      strideWidth: info.strideWidth,
      dilationHeight: 1,
      dilationWidth: 1,
      padTop: info.padInfo.top,
      padLeft: info.padInfo.left,
      outHeight: info.outHeight,
      outWidth: info.outWidth,
    };
    const cpu = backend as unknown as {
      data: { get(id: unknown): { values: Float32Array } };
      makeTensorInfo(s: number[], d: string, v: Float32Array): TF.TensorInfo;
    };
    const columns = im2col(cpu.data.get(x.dataId).values, g);
    const { rows, cols } = im2colShape(g);
    const dw = new Float32Array(cols * info.outChannels);
    gemmTN(columns, cpu.data.get(dy.dataId).values, dw, cols, rows, info.outChannels);
    return cpu.makeTensorInfo(a.filterShape, 'float32', dw);
  };
  tf.unregisterKernel(KERNEL, 'cpu');
  tf.registerKernel({ kernelName: KERNEL, backendName: 'cpu', kernelFunc });
  return () => {
    tf.unregisterKernel(KERNEL, 'cpu');
    tf.registerKernel(original);
  };
}
