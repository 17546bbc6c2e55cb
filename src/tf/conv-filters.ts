/**
 * The first convolution's filters of a model built from a ModelSpec (./build-model.ts builds one
 * tf layer per spec layer, so spec index = model layer index): what the builder worker's `filters`
 * message carries, for drawing what the network learned to look for.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ModelSpec } from '../lib/supervised/model-spec.ts';

/** Index in `spec.layers` of the first conv2d layer; -1 when there is none. */
export const firstConvIndex = (spec: Pick<ModelSpec, 'layers'>): number => spec.layers.findIndex((l) => l.kind === 'conv2d');

export interface FilterValues {
  /** [kernelHeight, kernelWidth, inChannels, filters], tfjs' layout. */
  shape: [number, number, number, number];
  /** A copy of the kernel's values in that layout. */
  values: Float32Array;
}

/** Reads the kernel (not the biases) of model layer `index` back from the device; a copy, so training may go on. */
export async function readFilters(
  model: TF.LayersModel,
  index: number,
  readBack: <T>(read: Promise<T>) => Promise<T> = (r) => r,
): Promise<FilterValues> {
  const kernel = model.layers[index]?.getWeights()[0];
  if (!kernel || kernel.rank !== 4) throw new Error(`Layer ${index + 1} of the model has no convolution kernel.`);
  // getWeights() hands out the variables themselves: read, never dispose.
  const values = await readBack(kernel.data<'float32'>());
  return { shape: kernel.shape as [number, number, number, number], values: Float32Array.from(values) };
}
