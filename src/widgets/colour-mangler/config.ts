/**
 * The colour mangler's controls, presets and status text (pure: no DOM, used at build time and in
 * the browser). Every slider sets one field of `MangleSettings` (src/lib/image/colour.ts); its
 * formula is the one that function computes, written in TeX for KaTeX.
 */
import { DEFAULT_MANGLE, type MangleSettings } from '../../lib/image/colour.ts';
import type { Img } from '../../lib/image/types.ts';

export type SliderKey = 'brightness' | 'contrast' | 'saturation' | 'gainR' | 'gainG' | 'gainB' | 'levels' | 'noise';

export interface SliderSpec {
  key: SliderKey;
  /** Visible label. */
  label: string;
  /** The parameter's symbol in the formula, as HTML (e.g. "g<sub>R</sub>"). */
  symbol: string;
  /** The formula of the operation, TeX; `where` defines a symbol used in it (a second line). */
  tex: string;
  where?: string;
  /** Slider positions: min, max, step (for `levels`, positions index LEVEL_STEPS). */
  min: number;
  max: number;
  step: number;
  /** What the operation does, one short sentence. */
  hint: string;
}

/** Posterize levels offered by the slider (256 = every 8-bit value, i.e. off). */
export const LEVEL_STEPS = [2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32, 48, 64, 128, 256] as const;

/** The sliders in the order `mangle` applies the operations. */
export const SLIDERS: readonly SliderSpec[] = [
  {
    key: 'brightness',
    label: 'Brightness',
    symbol: 'b',
    tex: "I' = I + b",
    min: -128,
    max: 128,
    step: 1,
    hint: 'Adds the same number to every value.',
  },
  {
    key: 'contrast',
    label: 'Contrast',
    symbol: 'c',
    tex: "I' = 128 + c\\,(I - 128)",
    min: 0,
    max: 3,
    step: 0.05,
    hint: 'Stretches values away from mid grey (c > 1) or squeezes them towards it (c < 1).',
  },
  {
    key: 'saturation',
    label: 'Saturation',
    symbol: 's',
    tex: "I' = Y + s\\,(I - Y)",
    where: 'Y = 0.299R + 0.587G + 0.114B',
    min: 0,
    max: 3,
    step: 0.05,
    hint: 'Moves each colour away from (s > 1) or towards (s < 1) the pixel’s own grey Y; s = 0 is black and white.',
  },
  {
    key: 'gainR',
    label: 'Red gain',
    symbol: 'g<sub>R</sub>',
    tex: "R' = g_R\\,R",
    min: 0,
    max: 2,
    step: 0.05,
    hint: 'Multiplies the red channel only.',
  },
  {
    key: 'gainG',
    label: 'Green gain',
    symbol: 'g<sub>G</sub>',
    tex: "G' = g_G\\,G",
    min: 0,
    max: 2,
    step: 0.05,
    hint: 'Multiplies the green channel only.',
  },
  {
    key: 'gainB',
    label: 'Blue gain',
    symbol: 'g<sub>B</sub>',
    tex: "B' = g_B\\,B",
    min: 0,
    max: 2,
    step: 0.05,
    hint: 'Multiplies the blue channel only.',
  },
  {
    key: 'noise',
    label: 'Noise',
    symbol: 'a',
    tex: "I' = I + a\\,(2u - 1)",
    where: 'u \\sim \\text{uniform}[0, 1)',
    min: 0,
    max: 128,
    step: 1,
    hint: 'Adds a random number between −a and a to every value (the same seed each time).',
  },
  {
    key: 'levels',
    label: 'Posterize levels',
    symbol: 'L',
    tex: "I' = \\tfrac{255}{L - 1}\\,\\operatorname{round}\\big(\\tfrac{L - 1}{255}\\, I\\big)",
    min: 0,
    max: LEVEL_STEPS.length - 1,
    step: 1,
    hint: 'Keeps only L evenly spaced values per channel; 256 keeps them all.',
  },
];

/** After every step, values are cut back to the 0–255 an 8-bit image can hold (TeX). */
export const CLAMP_TEX = "I' \\leftarrow \\min(255, \\max(0, I'))";

/** A strongly mangled look: bright, harsh, oversaturated, orange, noisy and banded. */
export const DEEP_FRY: Readonly<MangleSettings> = Object.freeze({
  brightness: 16,
  contrast: 1.8,
  saturation: 3,
  gains: [1.3, 1.05, 0.7] as [number, number, number],
  levels: 12,
  noise: 28,
  seed: 1,
});

/** The slider position (input value) for a setting. */
export function sliderValue(key: SliderKey, s: MangleSettings): number {
  switch (key) {
    case 'brightness':
      return s.brightness;
    case 'contrast':
      return s.contrast;
    case 'saturation':
      return s.saturation;
    case 'gainR':
      return s.gains[0];
    case 'gainG':
      return s.gains[1];
    case 'gainB':
      return s.gains[2];
    case 'noise':
      return s.noise;
    case 'levels':
      return levelIndex(s.levels);
  }
}

/** Index in LEVEL_STEPS of the offered level nearest to `levels`. */
export function levelIndex(levels: number): number {
  let best = 0;
  LEVEL_STEPS.forEach((l, i) => {
    if (Math.abs(l - levels) < Math.abs(LEVEL_STEPS[best]! - levels)) best = i;
  });
  return best;
}

/** Settings from slider positions (missing or unreadable positions keep the defaults). */
export function settingsFromSliders(read: (key: SliderKey) => number, seed = DEFAULT_MANGLE.seed): MangleSettings {
  const num = (key: SliderKey, fallback: number) => {
    const v = read(key);
    return Number.isFinite(v) ? v : fallback;
  };
  const index = Math.round(num('levels', LEVEL_STEPS.length - 1));
  return {
    brightness: num('brightness', 0),
    contrast: num('contrast', 1),
    saturation: num('saturation', 1),
    gains: [num('gainR', 1), num('gainG', 1), num('gainB', 1)],
    levels: LEVEL_STEPS[Math.min(LEVEL_STEPS.length - 1, Math.max(0, index))]!,
    noise: num('noise', 0),
    seed,
  };
}

const MINUS = '−';

/** The value shown next to a slider (and its aria-valuetext). */
export function formatSetting(key: SliderKey, s: MangleSettings): string {
  switch (key) {
    case 'brightness':
      return s.brightness > 0 ? `+${s.brightness}` : s.brightness < 0 ? `${MINUS}${-s.brightness}` : '0';
    case 'contrast':
      return `×${s.contrast.toFixed(2)}`;
    case 'saturation':
      return `×${s.saturation.toFixed(2)}`;
    case 'gainR':
      return `×${s.gains[0].toFixed(2)}`;
    case 'gainG':
      return `×${s.gains[1].toFixed(2)}`;
    case 'gainB':
      return `×${s.gains[2].toFixed(2)}`;
    case 'noise':
      return s.noise === 0 ? '0 (off)' : `±${s.noise}`;
    case 'levels':
      return s.levels === 256 ? '256 (off)' : String(s.levels);
  }
}

/** The operations that change something, in words ("contrast ×1.80", …), in the order applied. */
export function activeOperations(s: MangleSettings): string[] {
  const ops: string[] = [];
  if (s.brightness !== 0) ops.push(`brightness ${formatSetting('brightness', s)}`);
  if (s.contrast !== 1) ops.push(`contrast ${formatSetting('contrast', s)}`);
  if (s.saturation !== 1) ops.push(`saturation ${formatSetting('saturation', s)}`);
  if (s.gains.some((g) => g !== 1)) ops.push(`gains R ×${s.gains[0].toFixed(2)} G ×${s.gains[1].toFixed(2)} B ×${s.gains[2].toFixed(2)}`);
  if (s.noise !== 0) ops.push(`noise ±${s.noise}`);
  if (s.levels !== 256) ops.push(`${s.levels} levels`);
  return ops;
}

/**
 * The status line: the image, what is applied and the mean value before and after, e.g.
 * "Coffee, 600 × 400: contrast ×1.80, 12 levels. Mean value 118 → 131."
 */
export function mangleStatus(label: string, width: number, height: number, s: MangleSettings, meanBefore: number, meanAfter: number): string {
  const ops = activeOperations(s);
  const head = `${label}, ${width} × ${height}`;
  if (ops.length === 0) return `${head}: no changes, the after image equals the original (mean value ${Math.round(meanBefore)}).`;
  return `${head}: ${ops.join(', ')}. Mean value ${Math.round(meanBefore)} → ${Math.round(meanAfter)}.`;
}

/** Mean of the colour values (alpha left out) on the 0–255 scale. */
export function meanValue(img: Img): number {
  const { data, channels } = img;
  const colours = channels === 4 ? 3 : channels;
  let sum = 0;
  for (let i = 0; i < data.length; i += channels) {
    for (let c = 0; c < colours; c++) sum += data[i + c]!;
  }
  return sum / (img.width * img.height * colours);
}
