import { describe, expect, it } from 'vitest';
import { sampleAt } from '../../lib/image/convolve.ts';
import type { BorderMode } from '../../lib/image/types.ts';
import { DEMO_HEIGHT, DEMO_PIXELS, DEMO_WIDTH, demoImage } from './demo.ts';
import {
  borderSource,
  formatValue,
  formatWeight,
  indexOf,
  positionAfterKey,
  positionOf,
  productTerm,
  sourceNote,
  stepStatus,
  stepperSettings,
} from './model.ts';

describe('demo image', () => {
  it('is 8×8 grey values in 0–255', () => {
    const img = demoImage();
    expect([img.width, img.height, img.channels]).toEqual([DEMO_WIDTH, DEMO_HEIGHT, 1]);
    expect(DEMO_PIXELS).toHaveLength(64);
    expect(DEMO_PIXELS.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
    // A fresh copy each time: the widget may not change the test's numbers.
    img.data[0] = 99;
    expect(demoImage().data[0]).toBe(14);
  });
});

describe('stepperSettings', () => {
  it('keeps offered values and falls back otherwise', () => {
    expect(stepperSettings('sobelX', 'reflect')).toEqual({ kernel: 'sobelX', border: 'reflect' });
    expect(stepperSettings('gaussian', 'wrap')).toEqual({ kernel: 'box', border: 'zero' });
    expect(stepperSettings(undefined, null)).toEqual({ kernel: 'box', border: 'zero' });
  });
});

describe('positions', () => {
  it('converts raster index and position both ways', () => {
    expect(indexOf({ x: 3, y: 2 }, 8)).toBe(19);
    expect(positionOf(19, 8)).toEqual({ x: 3, y: 2 });
    expect(positionOf(63, 8)).toEqual({ x: 7, y: 7 });
  });
  it('moves with arrows, stopping at the edges', () => {
    expect(positionAfterKey({ x: 0, y: 0 }, 'ArrowLeft', 8, 8)).toEqual({ x: 0, y: 0 });
    expect(positionAfterKey({ x: 0, y: 0 }, 'ArrowRight', 8, 8)).toEqual({ x: 1, y: 0 });
    expect(positionAfterKey({ x: 2, y: 7 }, 'ArrowDown', 8, 8)).toEqual({ x: 2, y: 7 });
    expect(positionAfterKey({ x: 2, y: 3 }, 'ArrowUp', 8, 8)).toEqual({ x: 2, y: 2 });
  });
  it('goes to the row ends with Home/End and the image ends with Ctrl', () => {
    expect(positionAfterKey({ x: 4, y: 3 }, 'Home', 8, 6)).toEqual({ x: 0, y: 3 });
    expect(positionAfterKey({ x: 4, y: 3 }, 'End', 8, 6)).toEqual({ x: 7, y: 3 });
    expect(positionAfterKey({ x: 4, y: 3 }, 'Home', 8, 6, true)).toEqual({ x: 0, y: 0 });
    expect(positionAfterKey({ x: 4, y: 3 }, 'End', 8, 6, true)).toEqual({ x: 7, y: 5 });
    expect(positionAfterKey({ x: 4, y: 3 }, 'Enter', 8, 6)).toBeNull();
  });
});

describe('borderSource', () => {
  it('names the pixel each mode reads outside the image', () => {
    expect(borderSource(-1, -1, 8, 8, 'zero')).toBeNull();
    expect(borderSource(-1, -1, 8, 8, 'clamp')).toEqual({ x: 0, y: 0 });
    expect(borderSource(-1, -1, 8, 8, 'reflect')).toEqual({ x: 1, y: 1 });
    expect(borderSource(8, 3, 8, 8, 'clamp')).toEqual({ x: 7, y: 3 });
    expect(borderSource(8, 3, 8, 8, 'reflect')).toEqual({ x: 6, y: 3 });
    expect(borderSource(2, 5, 8, 8, 'zero')).toEqual({ x: 2, y: 5 });
  });
  it('agrees with sampleAt on every cell of the ring around the demo image', () => {
    const img = demoImage();
    for (const border of ['zero', 'clamp', 'reflect'] as BorderMode[]) {
      for (let y = -1; y <= img.height; y++) {
        for (let x = -1; x <= img.width; x++) {
          const src = borderSource(x, y, img.width, img.height, border);
          const shown = src === null ? 0 : img.data[src.y * img.width + src.x]!;
          expect(shown, `${border} (${x}, ${y})`).toBe(sampleAt(img, x, y, 0, border));
        }
      }
    }
  });
});

describe('formatting', () => {
  it('writes values with a real minus and at most one decimal', () => {
    expect(formatValue(37)).toBe('37');
    expect(formatValue(-12)).toBe('\u221212');
    expect(formatValue(10.1111)).toBe('10.1');
    expect(formatValue(-0.01)).toBe('0');
    expect(formatValue(-3.46, 0)).toBe('\u22123');
  });
  it('writes kernel weights as whole numbers or simple fractions', () => {
    expect(formatWeight(-2)).toBe('\u22122');
    expect(formatWeight(Math.fround(1 / 9))).toBe('1/9');
    expect(formatWeight(-0.25)).toBe('\u22121/4');
    expect(formatWeight(0.1234)).toBe('0.12');
  });
  it('brackets negative and fractional weights in a product', () => {
    expect(productTerm(142, -1)).toBe('142×(\u22121)');
    expect(productTerm(0, 0)).toBe('0×0');
    expect(productTerm(14, 1 / 9)).toBe('14×(1/9)');
    expect(productTerm(35, 5)).toBe('35×5');
  });
  it('says where an outside cell came from', () => {
    expect(sourceNote(null, 'zero')).toBe('zero padding');
    expect(sourceNote({ x: 0, y: 0 }, 'clamp')).toBe('copy of (0, 0)');
    expect(sourceNote({ x: 1, y: 0 }, 'reflect')).toBe('mirror of (1, 0)');
  });
  it('states the key figure in the status line', () => {
    expect(stepStatus({ x: 0, y: 3 }, 37, 9, 3, 'reflect')).toBe(
      'Output at (0, 3) = 37: 9 products summed; 3 cells read outside the image (border: reflect).',
    );
    expect(stepStatus({ x: 4, y: 4 }, -8.25, 9, 0, 'zero')).toBe(
      'Output at (4, 4) = \u22128.3: 9 products summed; no cells read outside the image (border: zero).',
    );
    expect(stepStatus({ x: 4, y: 0 }, 1, 9, 1, 'clamp')).toContain('1 cell read outside');
  });
});
