import { describe, expect, it } from 'vitest';
import { convolve } from '../../lib/image/convolve.ts';
import { KERNEL_PRESETS } from '../../lib/image/kernels.ts';
import type { BorderMode } from '../../lib/image/types.ts';
import { demoImage } from './demo.ts';
import { computeView, inputGridMarkup, outputGridMarkup, statusFor, stepperMarkup, workedMarkup } from './markup.ts';
import { STEPPER_KERNELS, formatValue } from './model.ts';

const BORDERS: BorderMode[] = ['zero', 'clamp', 'reflect'];
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

describe('the worked sum', () => {
  it('ends in the value convolve computes, for every pixel, kernel and border mode', () => {
    const img = demoImage();
    for (const kernel of STEPPER_KERNELS) {
      for (const border of BORDERS) {
        const out = convolve(img, KERNEL_PRESETS[kernel].kernel, border);
        for (let y = 0; y < img.height; y++) {
          for (let x = 0; x < img.width; x++) {
            const view = computeView(img, { kernel, border }, { x, y });
            const result = /data-part="result">([^<]+)</.exec(workedMarkup(view))?.[1];
            expect(result, `${kernel}/${border} at (${x}, ${y})`).toBe(formatValue(out.data[y * img.width + x]!));
          }
        }
      }
    }
  });

  it('shows the nine products at an inside pixel of Sobel x', () => {
    const view = computeView(demoImage(), { kernel: 'sobelX', border: 'zero' }, { x: 3, y: 4 });
    const sum = /data-part="sum">(.*?)<\/p>/.exec(workedMarkup(view))?.[1] ?? '';
    // Row 3: 41 196 204, row 4: 39 203 221, row 5: 37 210 218 → (204−41) + 2(221−39) + (218−37) = 708.
    expect(text(sum)).toBe('Worked sum: 41×(−1) + 196×0 + 204×1 + 39×(−2) + 203×0 + 221×2 + 37×(−1) + 210×0 + 218×1 = 708');
    expect(text(workedMarkup(view))).toContain('All nine cells are inside the image');
  });

  it('says where each outside cell came from at a corner', () => {
    const img = demoImage();
    const zero = text(workedMarkup(computeView(img, { kernel: 'box', border: 'zero' }, { x: 0, y: 0 })));
    expect(zero).toContain('5 cells lie outside the image');
    expect(zero).toContain('I(−1, −1) reads 0 (zero padding)');
    const reflect = text(workedMarkup(computeView(img, { kernel: 'box', border: 'reflect' }, { x: 7, y: 7 })));
    // (8, 8) mirrors to (6, 6) = 226; (8, 7) to (6, 7) = 208.
    expect(reflect).toContain('I(8, 8) reads 226, mirror of (6, 6)');
    expect(reflect).toContain('I(8, 7) reads 208, mirror of (6, 7)');
    const clamp = text(workedMarkup(computeView(img, { kernel: 'box', border: 'clamp' }, { x: 7, y: 0 })));
    expect(clamp).toContain('I(8, −1) reads 26, copy of (7, 0)');
  });
});

describe('grids', () => {
  it('rings the input with the values each border mode reads, as decoration', () => {
    const img = demoImage();
    const pads = (border: BorderMode) =>
      [...inputGridMarkup(img, border, { x: 0, y: 0 }).matchAll(/tk-conv__cell--pad"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(pads('zero')).toHaveLength(36);
    expect(new Set(pads('zero'))).toEqual(new Set(['0']));
    // Top ring row under clamp: the corner repeats (0, 0) = 14, then row 0, then (7, 0) = 26.
    expect(pads('clamp').slice(0, 10)).toEqual(['14', '14', '22', '19', '27', '31', '24', '18', '26', '26']);
    // Under reflect the top ring row is row 1 mirrored at both ends.
    expect(pads('reflect').slice(0, 10)).toEqual(['35', '20', '35', '28', '33', '40', '36', '29', '21', '29']);
  });

  it('has one focusable pixel, the current one, labelled with its value', () => {
    const html = inputGridMarkup(demoImage(), 'zero', { x: 3, y: 4 });
    expect(html.match(/role="gridcell"/g)).toHaveLength(64);
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html).toMatch(/data-x="3" data-y="4" tabindex="0" aria-selected="true" aria-label="\(3, 4\): 203"/);
  });

  it('fills the output up to the current pixel', () => {
    const view = computeView(demoImage(), { kernel: 'box', border: 'zero' }, { x: 2, y: 1 });
    const html = outputGridMarkup(view);
    expect(html.match(/tk-conv__cell--empty/g)).toHaveLength(64 - 11);
    expect(html).toContain('11 of 64 pixels computed so far, the last at (2, 1)');
  });
});

describe('stepperMarkup', () => {
  it('renders the first step with its status and the chosen settings', () => {
    const img = demoImage();
    const html = stepperMarkup(img, { kernel: 'sharpen', border: 'reflect' }, '<span class="katex">f</span>');
    expect(html).toContain('<option value="sharpen" selected>');
    expect(html).toContain('<option value="reflect" selected>');
    expect(html).toContain('<span class="katex">f</span>');
    expect(html).toContain(statusFor(computeView(img, { kernel: 'sharpen', border: 'reflect' }, { x: 0, y: 0 })));
  });
});
