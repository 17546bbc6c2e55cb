/**
 * Colour operations ("deep fryer"): each is a formula applied to every colour value v of every
 * pixel (0–255 scale). The single operations do not clamp (a value may leave 0–255); `mangle`
 * clamps to 0–255 after every step, as an editor working on 8-bit images does.
 * Alpha (channel 4 of RGBA), if any, is never changed. Each returns a new image.
 */
import { mulberry32 } from '../runtime/shuffle.ts';
import { cloneImg, LUMA } from './image.ts';
import type { Img } from './types.ts';

/** Number of colour channels (alpha excluded). */
function colourChannels(img: Img): number {
  return img.channels === 4 ? 3 : img.channels;
}

/** out = f(v) for every colour value (alpha copied). */
function mapColour(img: Img, f: (v: number) => number): Img {
  const out = cloneImg(img);
  const d = out.data;
  const ch = img.channels;
  const cc = colourChannels(img);
  for (let i = 0; i < d.length; i += ch) {
    for (let c = 0; c < cc; c++) d[i + c] = f(d[i + c]!);
  }
  return out;
}

/** Brightness: v' = v + delta. */
export function brightness(img: Img, delta: number): Img {
  return mapColour(img, (v) => v + delta);
}

/** Contrast around mid grey: v' = 128 + factor · (v − 128). factor 1 changes nothing, 0 gives flat grey. */
export function contrast(img: Img, factor: number): Img {
  return mapColour(img, (v) => 128 + factor * (v - 128));
}

/**
 * Saturation towards the pixel's own grey: v' = Y + factor · (v − Y), with luma
 * Y = 0.299 R + 0.587 G + 0.114 B. factor 0 gives grey, 1 changes nothing, > 1 exaggerates colour.
 * A grey image is unchanged.
 */
export function saturation(img: Img, factor: number): Img {
  const out = cloneImg(img);
  if (img.channels === 1) return out;
  const d = out.data;
  const ch = img.channels;
  for (let i = 0; i < d.length; i += ch) {
    const r = d[i]!;
    const g = d[i + 1]!;
    const b = d[i + 2]!;
    const y = LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
    d[i] = y + factor * (r - y);
    d[i + 1] = y + factor * (g - y);
    d[i + 2] = y + factor * (b - y);
  }
  return out;
}

/**
 * Per-channel gain: R' = gR · R, G' = gG · G, B' = gB · B.
 * A grey image has no channels to tell apart: v' = (0.299 gR + 0.587 gG + 0.114 gB) · v (the grey of the gained colours).
 */
export function channelGain(img: Img, gains: readonly [number, number, number]): Img {
  const [gr, gg, gb] = gains;
  const out = cloneImg(img);
  const d = out.data;
  if (img.channels === 1) {
    const g = LUMA[0] * gr + LUMA[1] * gg + LUMA[2] * gb;
    for (let i = 0; i < d.length; i++) d[i] = g * d[i]!;
    return out;
  }
  const ch = img.channels;
  for (let i = 0; i < d.length; i += ch) {
    d[i] = gr * d[i]!;
    d[i + 1] = gg * d[i + 1]!;
    d[i + 2] = gb * d[i + 2]!;
  }
  return out;
}

/**
 * Posterize (quantise) to `levels` evenly spaced values between 0 and 255:
 * v' = round(clamp(v, 0, 255) / 255 · (L − 1)) · 255 / (L − 1), with L = levels (2–256).
 * With L = 2 every value becomes 0 or 255; with L = 256 whole numbers are unchanged.
 */
export function posterize(img: Img, levels: number): Img {
  if (!Number.isInteger(levels) || levels < 2 || levels > 256) {
    throw new RangeError(`posterize: levels must be a whole number from 2 to 256, got ${levels}.`);
  }
  const steps = levels - 1;
  const up = steps / 255;
  const down = 255 / steps;
  return mapColour(img, (v) => Math.round(Math.min(255, Math.max(0, v)) * up) * down);
}

/**
 * Noise: v' = v + amount · (2u − 1), u uniform in [0, 1) drawn independently for every colour value
 * from a generator seeded with `seed` (mulberry32), so the same seed gives the same noise.
 * Each value moves by at most `amount`.
 */
export function addNoise(img: Img, amount: number, seed: number): Img {
  const rand = mulberry32(seed);
  return mapColour(img, (v) => v + amount * (2 * rand() - 1));
}

/** The "deep fryer" settings, each the parameter of the operation of the same name. */
export interface MangleSettings {
  /** brightness delta (0 = none), 0–255 scale */
  brightness: number;
  /** contrast factor (1 = none) */
  contrast: number;
  /** saturation factor (1 = none) */
  saturation: number;
  /** per-channel gains [r, g, b] (1 = none) */
  gains: [number, number, number];
  /** posterize levels (256 = none) */
  levels: number;
  /** noise amount (0 = none), 0–255 scale */
  noise: number;
  /** noise seed */
  seed: number;
}

/** Settings that change nothing. */
export const DEFAULT_MANGLE: Readonly<MangleSettings> = Object.freeze({
  brightness: 0,
  contrast: 1,
  saturation: 1,
  gains: [1, 1, 1] as [number, number, number],
  levels: 256,
  noise: 0,
  seed: 1,
});

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

/**
 * All colour operations in a fixed order: brightness → contrast → saturation → channel gains →
 * noise → posterize, clamping to 0–255 after each step (the input is clamped first). Steps at their
 * neutral setting (see DEFAULT_MANGLE) are skipped. Equivalent to calling the single operations in
 * that order with a clamp after each, but done in one pass over the pixels (fast enough to redraw
 * while a slider moves). Always returns a new image; alpha is copied.
 */
export function mangle(img: Img, s: MangleSettings): Img {
  const out = cloneImg(img);
  const d = out.data;
  const ch = img.channels;
  const grey = ch === 1;
  const doBright = s.brightness !== 0;
  const doContrast = s.contrast !== 1;
  const doSat = s.saturation !== 1 && !grey;
  const [gr, gg, gb] = grey ? [LUMA[0] * s.gains[0] + LUMA[1] * s.gains[1] + LUMA[2] * s.gains[2], 1, 1] : s.gains;
  const doGain = grey ? gr !== 1 : gr !== 1 || gg !== 1 || gb !== 1;
  const doNoise = s.noise !== 0;
  const rand = mulberry32(s.seed);
  const doPost = s.levels !== 256;
  if (doPost && (!Number.isInteger(s.levels) || s.levels < 2 || s.levels > 256)) {
    throw new RangeError(`posterize: levels must be a whole number from 2 to 256, got ${s.levels}.`);
  }
  const up = (s.levels - 1) / 255;
  const down = 255 / (s.levels - 1);
  const { brightness: delta, contrast: cf, saturation: sf, noise: amount } = s;
  const cc = grey ? 1 : 3;
  const v = [0, 0, 0];
  for (let i = 0; i < d.length; i += ch) {
    for (let c = 0; c < cc; c++) v[c] = clamp(d[i + c]!);
    if (doBright) for (let c = 0; c < cc; c++) v[c] = clamp(v[c]! + delta);
    if (doContrast) for (let c = 0; c < cc; c++) v[c] = clamp(128 + cf * (v[c]! - 128));
    if (doSat) {
      const y = LUMA[0] * v[0]! + LUMA[1] * v[1]! + LUMA[2] * v[2]!;
      for (let c = 0; c < 3; c++) v[c] = clamp(y + sf * (v[c]! - y));
    }
    if (doGain) {
      v[0] = clamp(gr * v[0]!);
      if (!grey) {
        v[1] = clamp(gg * v[1]!);
        v[2] = clamp(gb * v[2]!);
      }
    }
    if (doNoise) for (let c = 0; c < cc; c++) v[c] = clamp(v[c]! + amount * (2 * rand() - 1));
    if (doPost) for (let c = 0; c < cc; c++) v[c] = Math.round(v[c]! * up) * down;
    for (let c = 0; c < cc; c++) d[i + c] = v[c]!;
  }
  return out;
}
