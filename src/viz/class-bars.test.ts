import { describe, expect, it } from 'vitest';
import { argMax, classBarsSvg } from './class-bars.ts';

const NAMES = ['Cat', 'Dog', 'Bird'];

describe('classBarsSvg', () => {
  it('draws the empty chart before there are values: the slots and labels, no bars', () => {
    const svg = classBarsSvg({ classes: NAMES, series: [{ name: 'Before', values: null }], layout: 'rows' });
    expect(svg.match(/class="tk-bars__slot"/g)).toHaveLength(3);
    expect(svg).not.toContain('tk-bars__bar');
    expect(svg).toContain('data-best="-1"');
    expect(svg).toContain('aria-label="Probability of each class: nothing drawn yet"');
    for (const name of NAMES) expect(svg).toContain(`>${name}</text>`);
  });

  it('draws two series side by side, marks the most likely class of each, and says both in words', () => {
    const svg = classBarsSvg({
      classes: NAMES,
      series: [
        { name: 'Before', values: [0.1, 0.8, 0.1] },
        { name: 'After', values: [0.6, 0.3, 0.1] },
      ],
      noun: 'animal',
      layout: 'rows',
    });
    expect(svg.match(/class="tk-bars__bar( tk-bars__bar--best)?"/g)).toHaveLength(3);
    expect(svg.match(/class="tk-bars__bar tk-bars__bar--s2( tk-bars__bar--best)?"/g)).toHaveLength(3);
    expect(svg.match(/class="tk-bars__key( tk-bars__key--s2)?"/g)).toHaveLength(2);
    expect(svg).toContain('data-best="1"');
    expect(svg).toContain('data-best-2="0"');
    expect(svg).toContain(
      'aria-label="Probability of each animal. Before: Cat: 10.0%, Dog: 80.0%, Bird: 10.0%. After: Cat: 60.0%, Dog: 30.0%, Bird: 10.0%"',
    );
    expect(svg).toContain('>Before</text>');
    expect(svg).toContain('>After</text>');
  });

  it('clamps values to 0..1 and escapes the labels', () => {
    const svg = classBarsSvg({ classes: ['<a>', 'b'], series: [{ name: '', values: [2, -1] }] });
    expect(svg).toContain('&lt;a&gt;');
    expect(svg).not.toContain('<a>');
    expect(svg).toMatch(/>100<\/text>/);
    expect(svg).toMatch(/>0<\/text>/);
  });

  it('argMax finds the first largest value', () => {
    expect(argMax([0.2, 0.5, 0.5], 3)).toBe(1);
    expect(argMax(null, 3)).toBe(-1);
  });
});
