import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBounds, MNIST_BOX, MNIST_SIDE, resampleArea, toMnistInput, type InkImage } from './preprocess.ts';

/** A blank `size × size` canvas with the given rectangles filled with full ink. */
function canvas(size: number, rects: [number, number, number, number][]): InkImage {
  const data = new Float32Array(size * size);
  for (const [x0, y0, w, h] of rects) {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data[y * size + x] = 1;
  }
  return { width: size, height: size, data };
}

const asImage = (data: Float32Array): InkImage => ({ width: MNIST_SIDE, height: MNIST_SIDE, data });

describe('inkBounds and centreOfMass', () => {
  it('find the box around the ink and its centre of mass', () => {
    const img = canvas(10, [
      [2, 3, 2, 1],
      [6, 7, 1, 2],
    ]);
    expect(inkBounds(img)).toEqual({ left: 2, top: 3, right: 7, bottom: 9 });
    // Pixels (2,3) (3,3) (6,7) (6,8): mean x = 17/4, mean y = 21/4.
    expect(centreOfMass(img)).toEqual({ x: 17 / 4, y: 21 / 4 });
  });

  it('say null for a blank image', () => {
    expect(inkBounds(canvas(5, []))).toBeNull();
    expect(centreOfMass(canvas(5, []))).toBeNull();
    expect(toMnistInput(canvas(50, []))).toBeNull();
  });
});

describe('resampleArea', () => {
  it('averages the area under each new pixel (anti-aliased grey levels)', () => {
    // A 4×4 image with its left column inked, shrunk to 2×2: the left pixels are half covered.
    const img = canvas(4, [[0, 0, 1, 4]]);
    const half = resampleArea(img, { left: 0, top: 0, right: 4, bottom: 4 }, 0.5);
    expect([half.width, half.height, ...half.data]).toEqual([2, 2, 0.5, 0, 0.5, 0]);
    // Shrinking by a non-integer factor keeps the total ink (times the area ratio); the last column is partly covered.
    const three = resampleArea(img, { left: 0, top: 0, right: 4, bottom: 4 }, 0.7);
    expect([three.width, three.height]).toEqual([3, 3]);
    expect(three.data.reduce((a, b) => a + b, 0)).toBeCloseTo(4 * 0.7 * 0.7, 5);
  });
});

describe('toMnistInput', () => {
  it('scales a big square stroke so that its box is 20×20 and centres it', () => {
    const out = toMnistInput(canvas(280, [[100, 40, 120, 120]]))!;
    expect(out).toHaveLength(MNIST_SIDE * MNIST_SIDE);
    const box = inkBounds(asImage(out))!;
    expect(box.right - box.left).toBe(MNIST_BOX);
    expect(box.bottom - box.top).toBe(MNIST_BOX);
    expect(box).toEqual({ left: 4, top: 4, right: 24, bottom: 24 });
  });

  it('keeps the aspect ratio: a tall thin stroke is 20 high and proportionally narrow', () => {
    const out = toMnistInput(canvas(280, [[130, 20, 40, 200]]))!;
    const box = inkBounds(asImage(out))!;
    expect(box.bottom - box.top).toBe(20);
    expect(box.right - box.left).toBe(4);
    // 40 × (20 / 200) = 4 columns exactly; a 45-wide stroke needs 4.5: the fifth column is half grey.
    const wider = toMnistInput(canvas(280, [[130, 20, 45, 200]]))!;
    expect(inkBounds(asImage(wider))!.right - inkBounds(asImage(wider))!.left).toBe(5);
    expect([...wider].filter((v) => v > 0 && v < 1).every((v) => Math.abs(v - 0.5) < 1e-6)).toBe(true);
  });

  it('scales a small dot up to the 20-pixel box too', () => {
    const out = toMnistInput(canvas(280, [[10, 10, 5, 10]]))!;
    const box = inkBounds(asImage(out))!;
    expect(box.bottom - box.top).toBe(20);
    expect(box.right - box.left).toBe(10);
  });

  it('puts the centre of mass at the centre of the 28×28 image, not the centre of the box', () => {
    // An "L": a heavy bottom bar moves the mass down and right of the box centre.
    const out = toMnistInput(
      canvas(100, [
        [10, 10, 10, 80],
        [10, 80, 60, 10],
      ]),
    )!;
    const centre = centreOfMass(asImage(out))!;
    expect(Math.abs(centre.x - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(centre.y - 13.5)).toBeLessThanOrEqual(0.5);
    const box = inkBounds(asImage(out))!;
    // The box itself is off-centre (centred, it would start at 6.5 across and 4 down): the ink is mostly on the left and at the bottom.
    expect(box.right - box.left).toBe(15);
    expect(box.left).toBeGreaterThan(7);
    expect(box.top).toBeLessThan(4);
  });

  it('gives the same input wherever and however large the same shape is drawn', () => {
    const shape = (x: number, y: number, k: number): [number, number, number, number][] => [
      [x, y, 2 * k, 8 * k],
      [x, y + 6 * k, 6 * k, 2 * k],
    ];
    const a = toMnistInput(canvas(300, shape(10, 10, 10)))!;
    const b = toMnistInput(canvas(300, shape(90, 30, 20)))!;
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i] as number, 5));
  });

  it('writes grey levels between 0 and 1 at the edges of a stroke that does not fit the grid', () => {
    const out = toMnistInput(canvas(280, [[0, 0, 33, 280]]))!;
    expect(out.some((v) => v > 0 && v < 1)).toBe(true);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });
});
