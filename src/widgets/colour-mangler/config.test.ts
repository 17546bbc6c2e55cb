import { describe, expect, it } from 'vitest';
import { DEFAULT_MANGLE, mangle } from '../../lib/image/colour.ts';
import { createImg } from '../../lib/image/image.ts';
import {
  DEEP_FRY,
  LEVEL_STEPS,
  SLIDERS,
  activeOperations,
  formatSetting,
  levelIndex,
  mangleStatus,
  meanValue,
  settingsFromSliders,
  sliderValue,
  type SliderKey,
} from './config.ts';

const readFrom = (s: typeof DEFAULT_MANGLE) => (key: SliderKey) => sliderValue(key, s);

describe('colour mangler sliders', () => {
  it('round-trip the default and the deep-fry settings through slider positions', () => {
    expect(settingsFromSliders(readFrom(DEFAULT_MANGLE))).toEqual(DEFAULT_MANGLE);
    expect(settingsFromSliders(readFrom(DEEP_FRY))).toEqual(DEEP_FRY);
  });

  it('put every preset value inside its slider range, on a step', () => {
    for (const preset of [DEFAULT_MANGLE, DEEP_FRY]) {
      for (const s of SLIDERS) {
        const v = sliderValue(s.key, preset);
        expect(v).toBeGreaterThanOrEqual(s.min);
        expect(v).toBeLessThanOrEqual(s.max);
        const steps = (v - s.min) / s.step;
        expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
      }
    }
  });

  it('map the levels slider onto the offered levels, 256 (off) last', () => {
    expect(LEVEL_STEPS.at(-1)).toBe(256);
    expect(levelIndex(256)).toBe(LEVEL_STEPS.length - 1);
    expect(levelIndex(12)).toBe(LEVEL_STEPS.indexOf(12));
    expect(levelIndex(7)).toBe(LEVEL_STEPS.indexOf(6)); // nearest offered (6 and 8 tie: the first wins)
    expect(settingsFromSliders((k) => (k === 'levels' ? 0 : Number.NaN)).levels).toBe(2);
  });

  it('fall back to neutral settings for unreadable positions', () => {
    expect(settingsFromSliders(() => Number.NaN)).toEqual(DEFAULT_MANGLE);
  });

  it('format values with signs and factors', () => {
    expect(formatSetting('brightness', { ...DEFAULT_MANGLE, brightness: -20 })).toBe('−20');
    expect(formatSetting('brightness', { ...DEFAULT_MANGLE, brightness: 20 })).toBe('+20');
    expect(formatSetting('contrast', { ...DEFAULT_MANGLE, contrast: 1.5 })).toBe('×1.50');
    expect(formatSetting('gainB', DEEP_FRY)).toBe('×0.70');
    expect(formatSetting('levels', DEFAULT_MANGLE)).toBe('256 (off)');
    expect(formatSetting('noise', DEEP_FRY)).toBe('±28');
  });
});

describe('colour mangler status', () => {
  it('lists the operations in the order mangle applies them', () => {
    expect(activeOperations(DEFAULT_MANGLE)).toEqual([]);
    expect(activeOperations(DEEP_FRY)).toEqual([
      'brightness +16',
      'contrast ×1.80',
      'saturation ×3.00',
      'gains R ×1.30 G ×1.05 B ×0.70',
      'noise ±28',
      '12 levels',
    ]);
  });

  it('states the mean value before and after', () => {
    const img = createImg(2, 1, 3, 100);
    const after = mangle(img, { ...DEFAULT_MANGLE, brightness: 20 });
    expect(meanValue(img)).toBe(100);
    expect(meanValue(after)).toBe(120);
    expect(mangleStatus('Coffee', 2, 1, { ...DEFAULT_MANGLE, brightness: 20 }, meanValue(img), meanValue(after))).toBe(
      'Coffee, 2 × 1: brightness +20. Mean value 100 → 120.',
    );
    expect(mangleStatus('Coffee', 2, 1, DEFAULT_MANGLE, 100, 100)).toBe(
      'Coffee, 2 × 1: no changes, the after image equals the original (mean value 100).',
    );
  });

  it('leaves alpha out of the mean', () => {
    const img = createImg(1, 1, 4, 50);
    img.data[3] = 255;
    expect(meanValue(img)).toBe(50);
  });
});
