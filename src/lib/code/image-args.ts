/**
 * `show.images(images, options)`: grey or colour images from tensors or arrays, turned into
 * RGBA bytes the page can paint.
 *
 * Accepted shapes (tensor, nested arrays, or an array of per-image arrays/tensors):
 *   [n, h, w]  [n, h, w, 1|3|4]       n images
 *   [n, p]                            n flat images of p = side² pixels (e.g. [n, 784] → 28 × 28)
 *   [h, w] (h = w, or w not a square)  [h, w, 1|3|4]  [p]   one image
 * Values: 0–1 or 0–255, told apart automatically (anything in 0–1 is taken as 0–1); data
 * with negative values or values above 255 (e.g. weights) is stretched from its min to its max.
 * Options: { labels, title, columns } (labels may be an array, a typed array or a tensor;
 * the second argument may also be the labels directly).
 */
import type { OutputItem } from './output-item.ts';
import { OutputArgumentError, isPlainObject, kindOf, toDense, type DataHooks, type DenseData } from './values.ts';

export type ImagesItem = Extract<OutputItem, { kind: 'images' }>;

export const MAX_IMAGES = 400;
/** Largest image accepted (pixels). */
export const MAX_IMAGE_PIXELS = 1024 * 1024;

export interface ImagesOptions {
  labels?: unknown;
  title?: string;
  columns?: number;
}

const OPTION_KEYS = ['labels', 'title', 'columns'];

interface Layout {
  count: number;
  height: number;
  width: number;
  channels: 1 | 3 | 4;
}

function isSquare(n: number): boolean {
  const s = Math.round(Math.sqrt(n));
  return s * s === n;
}

const isChannels = (c: number | undefined): c is 1 | 3 | 4 => c === 1 || c === 3 || c === 4;

/** How a shape is read as images (see the module comment); throws for shapes that are not images. */
export function imageLayout(shape: readonly number[]): Layout {
  const [a = 0, b = 0, c = 0, d = 0] = shape;
  const side = (p: number): number => {
    if (!isSquare(p)) {
      throw new OutputArgumentError(
        `show.images could not tell the image size: ${p} pixels is not a square number. Pass images shaped [n, height, width] (e.g. xs.reshape([n, 28, 28])).`,
      );
    }
    return Math.round(Math.sqrt(p));
  };
  switch (shape.length) {
    case 1:
      return { count: 1, height: side(a), width: side(a), channels: 1 };
    case 2:
      // One image when square (28 × 28) or when rows are not flat square images; else rows are flat images.
      if (a === b || !isSquare(b) || b < 4) return { count: 1, height: a, width: b, channels: 1 };
      return { count: a, height: side(b), width: side(b), channels: 1 };
    case 3:
      if (isChannels(c) && a > 4 && b > 4) return { count: 1, height: a, width: b, channels: c };
      return { count: a, height: b, width: c, channels: 1 };
    case 4:
      if (!isChannels(d)) {
        throw new OutputArgumentError(
          `show.images: the last dimension of a [n, height, width, channels] tensor must be 1, 3 or 4; got shape [${shape.join(', ')}].`,
        );
      }
      return { count: a, height: b, width: c, channels: d };
    default:
      throw new OutputArgumentError(
        `show.images expects images shaped [n, height, width] or [n, height, width, channels]; got shape [${shape.join(', ')}].`,
      );
  }
}

/** Builds an images item from the arguments of one `show.images` call. */
export function normalizeImages(args: readonly unknown[], hooks: DataHooks): ImagesItem {
  const [images, second] = args;
  const options = readOptions(Array.isArray(second) || ArrayBuffer.isView(second) || hooks.toData?.(second) ? { labels: second } : second);
  const parts = imageParts(images, hooks);
  const layouts = parts.map((p) => imageLayout(p.shape));
  const total = layouts.reduce((s, l) => s + l.count, 0);
  if (total === 0) throw new OutputArgumentError('show.images got no images (the data is empty).');
  if (total > MAX_IMAGES) {
    throw new OutputArgumentError(
      `show.images shows at most ${MAX_IMAGES} images at a time; got ${total.toLocaleString('en-US')}. Show a slice, e.g. the first 25.`,
    );
  }
  for (const l of layouts) {
    if (l.height * l.width > MAX_IMAGE_PIXELS || l.height < 1 || l.width < 1) {
      throw new OutputArgumentError(
        `show.images: an image of ${l.width} × ${l.height} pixels is too big to show (at most ${MAX_IMAGE_PIXELS.toLocaleString('en-US')} pixels).`,
      );
    }
  }
  const values = parts.map((p) => p.read());
  const scale = valueScale(values);
  const labels = readLabels(options.labels, hooks, total);
  const out: ImagesItem['images'] = [];
  parts.forEach((_, pi) => {
    const l = layouts[pi]!;
    const v = values[pi]!;
    const size = l.height * l.width * l.channels;
    if (v.length !== l.count * size) {
      throw new OutputArgumentError(
        `show.images: expected ${l.count * size} values for ${l.count} image(s) of ${l.width} × ${l.height} × ${l.channels}; got ${v.length}.`,
      );
    }
    for (let i = 0; i < l.count; i++) {
      const rgba = new Uint8ClampedArray(l.height * l.width * 4);
      for (let p = 0; p < l.height * l.width; p++) {
        const base = i * size + p * l.channels;
        const r = scale(v[base]!);
        if (l.channels === 1) {
          rgba[p * 4] = rgba[p * 4 + 1] = rgba[p * 4 + 2] = r;
          rgba[p * 4 + 3] = 255;
        } else {
          rgba[p * 4] = r;
          rgba[p * 4 + 1] = scale(v[base + 1]!);
          rgba[p * 4 + 2] = scale(v[base + 2]!);
          rgba[p * 4 + 3] = l.channels === 4 ? scale(v[base + 3]!) : 255;
        }
      }
      const label = labels[out.length];
      out.push({ width: l.width, height: l.height, rgba, ...(label !== undefined ? { label } : {}) });
    }
  });
  return {
    kind: 'images',
    ...(options.title !== undefined ? { title: options.title } : {}),
    images: out,
    ...(options.columns !== undefined ? { columns: options.columns } : {}),
  };
}

/** The images argument as dense parts: one tensor/nested array, or an array of per-image arrays/tensors of different shapes. */
function imageParts(images: unknown, hooks: DataHooks): DenseData[] {
  if (images === undefined || images === null || typeof images !== 'object') {
    throw new OutputArgumentError(`show.images expects a tensor or an array of images; got ${kindOf(images)}.`);
  }
  const whole = toDenseOrUndefined(images, hooks);
  if (whole) return [whole];
  if (Array.isArray(images)) {
    return images.map((img, i) => {
      const d = toDenseOrUndefined(img, hooks);
      if (!d) throw new OutputArgumentError(`show.images: image ${i} is ${kindOf(img)}, not an array of pixel values or a tensor.`);
      const l = imageLayout(d.shape);
      if (l.count !== 1)
        throw new OutputArgumentError(
          `show.images: image ${i} has shape [${d.shape.join(', ')}], which is several images; pass one array of images instead.`,
        );
      return d;
    });
  }
  throw new OutputArgumentError(`show.images expects a tensor or an array of images; got ${kindOf(images)}.`);
}

/** Dense data, or undefined when items have different shapes (then each item is an image of its own). */
function toDenseOrUndefined(value: unknown, hooks: DataHooks): DenseData | undefined {
  try {
    return toDense(value, hooks, 'show.images');
  } catch (err) {
    if (err instanceof OutputArgumentError && Array.isArray(value)) return undefined;
    throw err;
  }
}

/** Maps a raw value to 0–255 for all images of one call (see the module comment). */
function valueScale(parts: ArrayLike<number>[]): (v: number) => number {
  let min = Infinity;
  let max = -Infinity;
  for (const values of parts) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(min <= max)) return () => 0; // only NaN
  if (min >= 0 && max <= 1) return (v) => Math.round(v * 255);
  if (min >= 0 && max <= 255) return (v) => Math.round(v);
  const range = max - min || 1;
  return (v) => Math.round(((v - min) / range) * 255);
}

function readOptions(value: unknown): ImagesOptions {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { title: value };
  if (!isPlainObject(value)) {
    throw new OutputArgumentError(`show.images: the options must be an object like { labels, title, columns }; got ${kindOf(value)}.`);
  }
  for (const k of Object.keys(value)) {
    if (!OPTION_KEYS.includes(k)) throw new OutputArgumentError(`show.images: unknown option "${k}"; the options are ${OPTION_KEYS.join(', ')}.`);
  }
  const out: ImagesOptions = {};
  if (value.labels !== undefined) out.labels = value.labels;
  if (value.title !== undefined) out.title = String(value.title);
  if (value.columns !== undefined) {
    const c = value.columns;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 1) {
      throw new OutputArgumentError(
        `show.images: columns must be a whole number of at least 1; got ${kindOf(c) === 'a number' ? String(c) : kindOf(c)}.`,
      );
    }
    out.columns = c;
  }
  return out;
}

function readLabels(labels: unknown, hooks: DataHooks, count: number): string[] {
  if (labels === undefined || labels === null) return [];
  const dense = hooks.toData?.(labels);
  if (dense) return Array.from(dense.read(), (v) => String(v)).slice(0, count);
  if (Array.isArray(labels) || (ArrayBuffer.isView(labels) && !(labels instanceof DataView))) {
    return Array.from(labels as ArrayLike<unknown>, (v) => String(v)).slice(0, count);
  }
  throw new OutputArgumentError(`show.images: labels must be an array (one label per image); got ${kindOf(labels)}.`);
}
