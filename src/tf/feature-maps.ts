/**
 * What a trained CNN sees: every layer's output for one image (the feature maps) and the first
 * convolution's kernels (the filters), read out of a tf.LayersModel as plain arrays for drawing.
 *
 * The feature maps come from one multi-output tf.model over the model's own layers (inputs: the
 * model's input; outputs: every layer's output), built once per model by `featureMapReader`. That
 * model shares the layers and their weights with the trained one, so it must never be disposed
 * (LayersModel.dispose would free the shared weights): the reader only forgets it. Every tensor of a
 * call is disposed before the call returns.
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;

/** One layer's output for one image, channels last: values[(y * width + x) * channels + c]. */
export interface LayerOutput {
  /** The layer's name in the model (e.g. "conv2d_Conv2D1"). */
  name: string;
  /** The layer's class: "Conv2D", "MaxPooling2D", "Flatten", "Dense"… */
  className: string;
  /** [height, width, channels] for image-shaped outputs; [units] for flat ones. */
  shape: number[];
  values: Float32Array;
}

/** A conv layer's kernels, tfjs' layout [kh, kw, inChannels, outChannels]. */
export interface Filters {
  shape: [number, number, number, number];
  values: Float32Array;
}

/** Image-shaped outputs (conv and pooling layers): the ones drawn as feature maps. */
export const isImageShaped = (o: LayerOutput): boolean => o.shape.length === 3;

export interface FeatureMapReader {
  /** Every layer's output for `image` (height × width grey levels in 0..1, row by row), input side first. */
  read(image: Float32Array): Promise<LayerOutput[]>;
}

/** The model's input as [height, width, channels] (a CNN's 28 × 28 × 1). */
function inputShape(model: TF.LayersModel): number[] {
  const shape = model.inputs[0]?.shape;
  if (!shape || shape.length < 2) throw new Error('This model has no input shape to feed an image to.');
  return shape.slice(1).map((d) => d ?? 1);
}

export function featureMapReader(tf: Tf, model: TF.LayersModel): FeatureMapReader {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const outputs = layers.map((l) => l.output as TF.SymbolicTensor);
  const all = tf.model({ inputs: model.inputs, outputs });
  const shape = inputShape(model);
  const pixels = shape.reduce((a, b) => a * b, 1);
  return {
    async read(image) {
      if (image.length !== pixels) throw new Error(`The image has ${image.length} values; this model takes ${pixels} (${shape.join(' × ')}).`);
      const results = tf.tidy(() => {
        const x = tf.tensor(image, [1, ...shape]);
        const out = all.predict(x) as TF.Tensor | TF.Tensor[];
        return Array.isArray(out) ? out : [out];
      });
      try {
        const values = await Promise.all(results.map((t) => t.data() as Promise<Float32Array>));
        return results.map((t, i) => ({
          name: layers[i]!.name,
          className: layers[i]!.getClassName(),
          shape: t.shape.slice(1),
          values: values[i]!,
        }));
      } finally {
        tf.dispose(results);
      }
    },
  };
}

/** The first Conv2D layer's kernels, or null when the model has none. */
export async function firstConvFilters(model: TF.LayersModel): Promise<Filters | null> {
  const conv = model.layers.find((l) => l.getClassName() === 'Conv2D');
  const kernel = conv?.getWeights()[0];
  if (!kernel || kernel.rank !== 4) return null;
  // getWeights returns the variables' values themselves: read, never dispose.
  return { shape: kernel.shape as Filters['shape'], values: (await kernel.data()) as Float32Array };
}
