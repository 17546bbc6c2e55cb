/**
 * Creating, converting and reading `Img`s (pure TypeScript, no DOM).
 *
 * An `Img` is row-major with interleaved channels: channel c of pixel (x, y) is
 * `data[(y * width + x) * channels + c]`, on the 0–255 scale (see types.ts).
 */
import type { Channels, DisplayMode, Img } from './types.ts';

function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`An image needs a whole-number width and height of at least 1; got ${width}×${height}.`);
  }
}

function checkChannels(channels: number): asserts channels is Channels {
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new RangeError(`An image has 1 (grey), 3 (RGB) or 4 (RGBA) channels; got ${channels}.`);
  }
}

/** A new `width`×`height` image with every channel of every pixel set to `fill`. */
export function createImg(width: number, height: number, channels: Channels, fill = 0): Img {
  checkSize(width, height);
  checkChannels(channels);
  const data = new Float32Array(width * height * channels);
  if (fill !== 0) data.fill(fill);
  return { width, height, channels, data };
}

/** A deep copy (new data buffer). */
export function cloneImg(img: Img): Img {
  return { width: img.width, height: img.height, channels: img.channels, data: img.data.slice() };
}

/**
 * An image from RGBA bytes (as in the browser's `ImageData.data`: 4 values per pixel).
 * With `channels` 3 the alpha value of every pixel is dropped; with 4 it is kept.
 */
export function fromRgba(rgba: ArrayLike<number>, width: number, height: number, channels: 3 | 4 = 4): Img {
  checkSize(width, height);
  const n = width * height;
  if (rgba.length !== n * 4) {
    throw new RangeError(`fromRgba: expected ${n * 4} values (${width}×${height} pixels × 4 RGBA), got ${rgba.length}.`);
  }
  if (channels !== 3 && channels !== 4) throw new RangeError(`fromRgba: channels must be 3 or 4, got ${channels}.`);
  const out = createImg(width, height, channels);
  const d = out.data;
  if (channels === 4) {
    for (let i = 0; i < n * 4; i++) d[i] = rgba[i]!;
  } else {
    for (let p = 0, s = 0, t = 0; p < n; p++, s += 4, t += 3) {
      d[t] = rgba[s]!;
      d[t + 1] = rgba[s + 1]!;
      d[t + 2] = rgba[s + 2]!;
    }
  }
  return out;
}

/** Smallest and largest value over the channels that are displayed (all but alpha). */
function colourRange(img: Img): { min: number; max: number } {
  const { data, channels } = img;
  const colour = channels === 4 ? 3 : channels;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i += channels) {
    for (let c = 0; c < colour; c++) {
      const v = data[i + c]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max };
}

/**
 * RGBA bytes to draw `img` on a canvas (always 4 values per pixel: grey → r = g = b; RGB → a = 255;
 * RGBA → alpha shown as stored, cut to 0–255). `mode` maps each colour value v to a byte:
 *  - clamp:     min(255, max(0, v))
 *  - abs:       min(255, |v|)
 *  - normalize: 255 · (v − min) / (max − min)   (min, max over the image's colour channels; a flat image → 0)
 *  - signed:    128 + 127 · v / max|v|           (0 → mid grey; a zero image → 128)
 * Writes into `out` when given (it must hold width·height·4 values) and returns it.
 */
export function toRgba(img: Img, mode: DisplayMode = 'clamp', out?: Uint8ClampedArray): Uint8ClampedArray {
  const { width, height, channels, data } = img;
  const n = width * height;
  if (out && out.length !== n * 4) {
    throw new RangeError(`toRgba: the output array holds ${out.length} values; a ${width}×${height} image needs ${n * 4}.`);
  }
  const o = out ?? new Uint8ClampedArray(n * 4);
  // Every mode is v → scale · v + offset, then (for abs) the absolute value first.
  let scale = 1;
  let offset = 0;
  if (mode === 'normalize') {
    const { min, max } = colourRange(img);
    scale = max > min ? 255 / (max - min) : 0;
    offset = -min * scale;
  } else if (mode === 'signed') {
    const { min, max } = colourRange(img);
    const m = Math.max(Math.abs(min), Math.abs(max));
    scale = m > 0 ? 127 / m : 0;
    offset = 128;
  }
  const abs = mode === 'abs';
  const map = (v: number): number => (abs ? Math.abs(v) : v) * scale + offset; // Uint8ClampedArray rounds and clamps
  if (channels === 1) {
    for (let p = 0, t = 0; p < n; p++, t += 4) {
      const g = map(data[p]!);
      o[t] = g;
      o[t + 1] = g;
      o[t + 2] = g;
      o[t + 3] = 255;
    }
  } else {
    for (let p = 0, s = 0, t = 0; p < n; p++, s += channels, t += 4) {
      o[t] = map(data[s]!);
      o[t + 1] = map(data[s + 1]!);
      o[t + 2] = map(data[s + 2]!);
      o[t + 3] = channels === 4 ? data[s + 3]! : 255;
    }
  }
  return o;
}

/** The values of every channel at column x, row y (e.g. [r, g, b, a]). Throws outside the image. */
export function getPixel(img: Img, x: number, y: number): number[] {
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= img.width || y >= img.height) {
    throw new RangeError(`getPixel: (${x}, ${y}) is outside the ${img.width}×${img.height} image.`);
  }
  const i = (y * img.width + x) * img.channels;
  return Array.from(img.data.subarray(i, i + img.channels));
}

/** The RGB part of an RGBA image (a new image); grey and RGB images are returned as copies. */
export function dropAlpha(img: Img): Img {
  if (img.channels !== 4) return cloneImg(img);
  const out = createImg(img.width, img.height, 3);
  const s = img.data;
  const d = out.data;
  const n = img.width * img.height;
  for (let p = 0, i = 0, j = 0; p < n; p++, i += 4, j += 3) {
    d[j] = s[i]!;
    d[j + 1] = s[i + 1]!;
    d[j + 2] = s[i + 2]!;
  }
  return out;
}

/** Luma weights (ITU-R BT.601), as most image libraries use. */
export const LUMA = [0.299, 0.587, 0.114] as const;

/** Grey image: Y = 0.299 R + 0.587 G + 0.114 B (alpha dropped). A grey image is returned as a copy. */
export function toGray(img: Img): Img {
  if (img.channels === 1) return cloneImg(img);
  const out = createImg(img.width, img.height, 1);
  const s = img.data;
  const d = out.data;
  const ch = img.channels;
  const n = img.width * img.height;
  for (let p = 0, i = 0; p < n; p++, i += ch) {
    d[p] = LUMA[0] * s[i]! + LUMA[1] * s[i + 1]! + LUMA[2] * s[i + 2]!;
  }
  return out;
}

/**
 * Whether the picture holds only greys: every pixel has R = G = B. An RGBA image counts only when
 * its alpha is 255 everywhere (a see-through grey needs its alpha). A 1-channel image is grey.
 */
export function isGrey(img: Img): boolean {
  const { channels, data } = img;
  if (channels === 1) return true;
  for (let i = 0; i < data.length; i += channels) {
    const r = data[i]!;
    if (data[i + 1] !== r || data[i + 2] !== r) return false;
    if (channels === 4 && data[i + 3] !== 255) return false;
  }
  return true;
}

/**
 * Scales `img` down so its longer side is at most `maxSide` pixels, keeping the aspect ratio
 * (each side rounded, at least 1). Area average: each output pixel is the mean of the source
 * area it covers, weighted by how much of each source pixel falls inside it (no aliasing).
 * Returns `img` itself when it already fits.
 */
export function resizeToFit(img: Img, maxSide: number): Img {
  if (!(maxSide >= 1)) throw new RangeError(`resizeToFit: maxSide must be at least 1, got ${maxSide}.`);
  const { width, height, channels, data } = img;
  if (width <= maxSide && height <= maxSide) return img;
  const f = maxSide / Math.max(width, height);
  const ow = Math.max(1, Math.round(width * f));
  const oh = Math.max(1, Math.round(height * f));
  const out = createImg(ow, oh, channels);
  const od = out.data;
  // Separable: first along x into a (ow × height) buffer, then along y.
  const sx = width / ow;
  const sy = height / oh;
  const tmp = new Float32Array(ow * height * channels);
  const acc = new Float64Array(channels);
  for (let ox = 0; ox < ow; ox++) {
    const x0 = ox * sx;
    const x1 = x0 + sx;
    const first = Math.floor(x0);
    const last = Math.min(width - 1, Math.ceil(x1) - 1);
    for (let y = 0; y < height; y++) {
      acc.fill(0);
      for (let x = first; x <= last; x++) {
        const w = Math.min(x + 1, x1) - Math.max(x, x0);
        const i = (y * width + x) * channels;
        for (let c = 0; c < channels; c++) acc[c]! += w * data[i + c]!;
      }
      const j = (y * ow + ox) * channels;
      for (let c = 0; c < channels; c++) tmp[j + c] = acc[c]! / sx;
    }
  }
  for (let oy = 0; oy < oh; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    const first = Math.floor(y0);
    const last = Math.min(height - 1, Math.ceil(y1) - 1);
    for (let ox = 0; ox < ow; ox++) {
      acc.fill(0);
      for (let y = first; y <= last; y++) {
        const w = Math.min(y + 1, y1) - Math.max(y, y0);
        const i = (y * ow + ox) * channels;
        for (let c = 0; c < channels; c++) acc[c]! += w * tmp[i + c]!;
      }
      const j = (oy * ow + ox) * channels;
      for (let c = 0; c < channels; c++) od[j + c] = acc[c]! / sy;
    }
  }
  return out;
}

/**
 * The colour channels as planes, one after another: plane c holds channel c row by row
 * (`out[c · width · height + y · width + x]`), the [C, H, W] layout a tensor wants. Alpha is left out.
 */
export function toPlanar(img: Img): Float32Array {
  const { width, height, channels, data } = img;
  const n = width * height;
  const cc = channels === 4 ? 3 : channels;
  const out = new Float32Array(cc * n);
  for (let c = 0; c < cc; c++) {
    const base = c * n;
    for (let p = 0, i = c; p < n; p++, i += channels) out[base + p] = data[i]!;
  }
  return out;
}

/**
 * The inverse of `toPlanar`: an image of `like`'s shape whose colour channels come from `planes`
 * and whose alpha (if any) is copied from `like`.
 */
export function fromPlanar(planes: ArrayLike<number>, like: Img): Img {
  const { width, height, channels } = like;
  const n = width * height;
  const cc = channels === 4 ? 3 : channels;
  if (planes.length !== cc * n) {
    throw new RangeError(`fromPlanar: expected ${cc * n} values (${cc} planes of ${width}×${height}), got ${planes.length}.`);
  }
  const out = createImg(width, height, channels);
  const d = out.data;
  for (let c = 0; c < cc; c++) {
    const base = c * n;
    for (let p = 0, i = c; p < n; p++, i += channels) d[i] = planes[base + p]!;
  }
  if (channels === 4) for (let i = 3; i < d.length; i += 4) d[i] = like.data[i]!;
  return out;
}
