import { describe, expect, it } from 'vitest';
import { FASHION_CLASS_NAMES } from '../data/manifest.ts';
import { classFlips, flipSentence, leastFragile, mostFragile, pluralClass } from './flips.ts';

/** A 3-class matrix: rows = original class, columns = class after the attack. */
const confusion = [
  [8, 2, 0], // class 0: 2 of 10 flipped, into 1
  [1, 4, 5], // class 1: 6 of 10 flipped, mostly into 2
  [0, 0, 6], // class 2: none flipped
];

describe('flips', () => {
  it('counts, for each original class, the images flipped and the class most of them became', () => {
    expect(classFlips(confusion)).toEqual([
      { classIndex: 0, total: 10, flipped: 2, rate: 0.2, into: 1, intoCount: 2 },
      { classIndex: 1, total: 10, flipped: 6, rate: 0.6, into: 2, intoCount: 5 },
      { classIndex: 2, total: 6, flipped: 0, rate: 0, into: null, intoCount: 0 },
    ]);
    expect(
      classFlips([
        [0, 0],
        [0, 0],
      ])[0],
    ).toEqual({ classIndex: 0, total: 0, flipped: 0, rate: 0, into: null, intoCount: 0 });
  });

  it('finds the most and least fragile class, ignoring classes with too few images', () => {
    expect(mostFragile(confusion)?.classIndex).toBe(1);
    expect(leastFragile(confusion)?.classIndex).toBe(2);
    // Class 2 has only 6 images: with at least 8 required it is left out.
    expect(leastFragile(confusion, 8)?.classIndex).toBe(0);
    // A class of one image flipped 100% does not win when the minimum is 2.
    const tiny = [...confusion.map((r) => [...r, 0]), [0, 0, 1, 0]];
    expect(mostFragile(tiny)?.classIndex).toBe(3);
    expect(mostFragile(tiny, 2)?.classIndex).toBe(1);
    expect(
      mostFragile([
        [5, 0],
        [0, 5],
      ]),
    ).toBeNull();
  });

  it('breaks a tie in rate by the number of images flipped', () => {
    expect(
      mostFragile([
        [5, 5],
        [1, 1],
      ])?.classIndex,
    ).toBe(0);
    expect(
      mostFragile([
        [1, 1],
        [5, 5],
      ])?.classIndex,
    ).toBe(1);
  });

  it('writes class names in the plural', () => {
    expect(FASHION_CLASS_NAMES.map(pluralClass)).toEqual([
      'T-shirts/tops',
      'Trousers',
      'Pullovers',
      'Dresses',
      'Coats',
      'Sandals',
      'Shirts',
      'Sneakers',
      'Bags',
      'Ankle boots',
    ]);
  });

  it('says which class flips most easily and into what, and which holds out best', () => {
    const names = FASHION_CLASS_NAMES;
    // Every class: 5 of 50 flipped into the next class.
    const m: number[][] = Array.from({ length: 10 }, (_, c) => Array.from({ length: 10 }, (_, to) => (c === to ? 45 : to === (c + 1) % 10 ? 5 : 0)));
    m[6] = [40, 0, 2, 0, 3, 0, 5, 0, 0, 0]; // Shirt: 45 of 50 flipped, 40 into T-shirt/top
    m[1] = [0, 48, 0, 2, 0, 0, 0, 0, 0, 0]; // Trouser: 2 of 50
    m[2] = [0, 0, 40, 0, 10, 0, 0, 0, 0, 0]; // Pullover: 10 of 50, into Coat
    expect(flipSentence(m, 0.1, names)).toBe('Shirts flip most easily: 90% at ε = 0.1, mostly into T-shirt/top. Trousers hold out best: 4%.');
    // Two classes tie for the best: neither is named.
    m[3] = [0, 0, 0, 48, 2, 0, 0, 0, 0, 0];
    expect(flipSentence(m, 0.1, names)).toBe('Shirts flip most easily: 90% at ε = 0.1, mostly into T-shirt/top.');
    expect(flipSentence(m, 0.075, names.slice(0, 5))).toContain('class 6s flip most easily');
  });

  it('counts the other classes that flip as easily', () => {
    const all = [
      [0, 4, 0],
      [3, 0, 0],
      [0, 1, 5],
    ];
    expect(flipSentence(all, 0.3, ['a', 'b', 'c'], 1)).toBe(
      'as (and 1 other class) flip most easily: 100% at ε = 0.3, mostly into b. cs hold out best: 17%.',
    );
  });

  it('says when nothing flipped', () => {
    expect(
      flipSentence(
        [
          [3, 0],
          [0, 4],
        ],
        0,
        ['a', 'b'],
      ),
    ).toBe('No image flipped at ε = 0: every image the model got right is still right.');
  });
});
