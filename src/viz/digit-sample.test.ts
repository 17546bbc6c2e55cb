import { describe, expect, it } from 'vitest';
import { MNIST_SAMPLE } from '../lib/data/mnist-sample.ts';
import { band, bandPath, digitSample } from './digit-sample.ts';

describe('band', () => {
  it('leaves faint pixels black and sorts the rest into three grey bands', () => {
    expect([0, 3, 4, 7, 8, 11, 12, 15].map(band)).toEqual([-1, -1, 0, 0, 1, 1, 2, 2]);
  });
});

describe('bandPath', () => {
  it('draws each run of a row as one rectangle, at the offset', () => {
    // 3×3: row 0 "ff0", row 1 "0f0", row 2 "000".
    expect(bandPath('ff00f0000', 3, 2)).toBe('M0 0h2v1h-2zM1 1h1v1h-1z');
    expect(bandPath('ff00f0000', 3, 2, 10, 20)).toBe('M10 20h2v1h-2zM11 21h1v1h-1z');
    expect(bandPath('ff00f0000', 3, 0)).toBe('');
  });
  it('closes a run at the end of its row', () => {
    expect(bandPath('0ff0ff000', 3, 2)).toBe('M1 0h2v1h-2zM1 1h2v1h-2z');
  });
});

describe('digitSample', () => {
  it('draws a tile, ink and a label for each image, in a labelled svg', () => {
    const svg = digitSample(MNIST_SAMPLE, { description: 'Ten MNIST test images' });
    expect(svg.match(/class="tk-sample__tile"/g)).toHaveLength(10);
    expect(svg.match(/class="tk-sample__label"/g)).toHaveLength(10);
    expect(svg).toContain('aria-label="Ten MNIST test images, labelled 0, 1, 2, 3, 4, 5, 6, 7, 8, 9."');
    expect(svg).toContain('viewBox="0 0 164 88"');
    // Every image has ink in the brightest band.
    expect(svg.match(/fill-opacity="1"/g)).toHaveLength(10);
  });
});

describe('MNIST_SAMPLE', () => {
  it('holds one 28×28 image of each digit', () => {
    expect(MNIST_SAMPLE.map((d) => d.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const d of MNIST_SAMPLE) expect(d.pixels).toMatch(/^[0-9a-f]{784}$/);
  });
});
