/**
 * The shapes a ModelSpec's layers pass on, and the structural rules of a convolutional network,
 * in words. A spec takes a 28 × 28 × 1 image when its first layer is conv2d or maxPool (784 values
 * otherwise); conv2d and maxPool keep it an image (height × width × channels); a flatten turns it
 * into one vector, which dense layers (and the implied 10-way softmax) need. Pure.
 */
import { outputSize } from '../nn/conv-geometry.ts';
import { CLASSES, inputShape, type LayerSpec, type ModelSpec } from './model-spec.ts';

/** [height, width, channels] for an image, [values] for a vector (batch left out). */
export type Shape = number[];

/** Output size along one axis: 'same' keeps ⌈n / s⌉, 'valid' fits the patch inside (0 or less: it does not fit). */
export function windowOutput(n: number, k: number, s: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(n / s) : outputSize({ n, k, s, p: 0, d: 1 });
}

/** The shape a layer passes on, given the shape it receives (a conv or pool given a vector, a spec error, sees it as 1 × 1). */
export function layerOutputShape(layer: LayerSpec, input: Shape): Shape {
  const [h = 1, w = 1] = input.length === 3 ? input : [1, 1];
  switch (layer.kind) {
    case 'dense':
      return [layer.units];
    case 'dropout':
      return [...input];
    case 'flatten':
      return [input.reduce((a, b) => a * b, 1)];
    case 'conv2d':
      return [
        windowOutput(h, layer.kernelSize, layer.strides, layer.padding),
        windowOutput(w, layer.kernelSize, layer.strides, layer.padding),
        layer.filters,
      ];
    case 'maxPool':
      return [windowOutput(h, layer.poolSize, layer.strides, 'valid'), windowOutput(w, layer.poolSize, layer.strides, 'valid'), input[2] ?? 1];
  }
}

/** Input and output shape of every hidden layer, then of the implied output layer. */
export function layerShapes(spec: Pick<ModelSpec, 'layers'>): { input: Shape; output: Shape }[] {
  const out: { input: Shape; output: Shape }[] = [];
  let shape = inputShape(spec);
  for (const layer of spec.layers) {
    const next = layerOutputShape(layer, shape);
    out.push({ input: shape, output: next });
    shape = next;
  }
  out.push({ input: shape, output: [CLASSES] });
  return out;
}

/** "28 × 28 × 8", "784". */
export const shapeText = (shape: Shape): string => shape.map((v) => v.toLocaleString('en-US')).join(' × ');

/** A structural problem of the layer list: the 0-based layer it is about (null: the output layer), in words. */
export interface StructureIssue {
  index: number | null;
  message: string;
}

const KIND_WORDS: Record<LayerSpec['kind'], string> = {
  dense: 'dense',
  dropout: 'dropout',
  conv2d: 'conv2d',
  maxPool: 'max pool',
  flatten: 'flatten',
};

/**
 * What is wrong with the ORDER and SIZES of the layers (assumes each layer's own numbers are in
 * range): convolutions and pools only while the data is still an image (so first, before any flatten
 * or dense layer), exactly one flatten after the last of them and before the first dense layer, and
 * every patch no larger than the image it slides over.
 */
export function structureIssues(spec: Pick<ModelSpec, 'layers'>): StructureIssue[] {
  const issues: StructureIssue[] = [];
  const spatial = spec.layers.some((l) => l.kind === 'conv2d' || l.kind === 'maxPool');
  let shape = inputShape(spec);
  let image = shape.length === 3;
  for (const [i, layer] of spec.layers.entries()) {
    const name = `Layer ${i + 1} (${KIND_WORDS[layer.kind]})`;
    if (layer.kind === 'conv2d' || layer.kind === 'maxPool') {
      if (!image) {
        const why =
          i > 0 && spec.layers.slice(0, i).some((l) => l.kind === 'dense' || l.kind === 'flatten')
            ? 'comes after a flatten or dense layer, where the image is already one list of numbers'
            : 'needs an image, but the model takes images only when its FIRST layer is a conv2d or max pool layer';
        issues.push({ index: i, message: `${name} ${why}. Move the convolution and pooling layers to the top of the model.` });
        continue;
      }
      const [h = 0, w = 0] = shape;
      const k = layer.kind === 'conv2d' ? layer.kernelSize : layer.poolSize;
      const valid = layer.kind === 'maxPool' || layer.padding === 'valid';
      if (valid && (k > h || k > w)) {
        const what = layer.kind === 'conv2d' ? `a ${k} × ${k} kernel with 'valid' padding` : `a ${k} × ${k} pool`;
        issues.push({
          index: i,
          message: `${name} has ${what} but its input is only ${h} × ${w} pixels. Use a smaller ${layer.kind === 'conv2d' ? "kernel or 'same' padding" : 'pool'}, or fewer pooling layers before it.`,
        });
        return issues; // the shapes after it mean nothing
      }
    } else if (layer.kind === 'flatten') {
      if (!image) {
        issues.push({
          index: i,
          message: spatial
            ? `${name} comes after the data is already one list of numbers: keep one flatten, right after the last convolution or pooling layer.`
            : `${name} has nothing to flatten: without convolution or pooling layers the data is already one list of ${shapeText(shape)} values. Remove it.`,
        });
      }
      image = false;
    } else if (layer.kind === 'dense' && image) {
      issues.push({ index: i, message: `${name} needs one list of numbers, but gets a ${shapeText(shape)} image: add a flatten layer before it.` });
      image = false;
    }
    shape = layerOutputShape(layer, shape);
  }
  if (image && spatial) {
    issues.push({
      index: null,
      message: `The output layer needs one list of numbers, but gets a ${shapeText(shape)} image: add a flatten layer after the last pooling or convolution layer.`,
    });
  }
  return issues;
}
