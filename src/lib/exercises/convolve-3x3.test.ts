/**
 * The exercise content/exercises/convolve-3x3: its hand-computed grader cases agree with the
 * library's convolution (src/lib/image convolve with a zero border), and so does the solution
 * on those cases and on a larger random image. exercises.test.ts already checks that the
 * solution passes the grader and the starter fails it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { mulberry32 } from '../runtime/shuffle.ts';
import { convolve } from '../image/convolve.ts';
import { createImg } from '../image/image.ts';
import { makeKernel } from '../image/kernels.ts';
import type { Img } from '../image/types.ts';
import { exerciseSchema } from './schema.ts';

type Rows = number[][];
type Convolve3x3 = (image: Rows, kernel: Rows) => Rows;

const DIR = join(import.meta.dirname, '../../../content/exercises/convolve-3x3');
const config = exerciseSchema.parse(parseYaml(readFileSync(join(DIR, 'exercise.yaml'), 'utf8')));
if (config.grader.kind !== 'function') throw new Error('convolve-3x3 must have a function grader');
const cases = config.grader.cases.map((c) => ({ image: c.args[0] as Rows, kernel: c.args[1] as Rows, expected: c.expected as Rows }));

/** The solution's convolve3x3, with the reader's API stubbed (the try-it lines print and show). */
function solution(): Convolve3x3 {
  const code = readFileSync(join(DIR, 'solution.js'), 'utf8');
  const noop = () => {};
  const body = `${code}\nreturn convolve3x3;`;
  return new Function('print', 'show', body)(noop, { images: noop, table: noop }) as Convolve3x3;
}

/** Rows of grey values → a 1-channel Img, and back. */
function toImg(rows: Rows): Img {
  const img = createImg(rows[0]!.length, rows.length, 1);
  rows.forEach((row, y) => row.forEach((v, x) => (img.data[y * img.width + x] = v)));
  return img;
}
function toRows(img: Img): Rows {
  return Array.from({ length: img.height }, (_, y) => Array.from(img.data.subarray(y * img.width, (y + 1) * img.width)));
}

/** The library's zero-border convolution of rows with a 3×3 kernel given as rows. */
function library(image: Rows, kernel: Rows): Rows {
  return toRows(convolve(toImg(image), makeKernel(3, kernel.flat()), 'zero'));
}

function expectClose(actual: Rows, expected: Rows, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, y) => {
    expect(row.length).toBe(expected[y]!.length);
    row.forEach((v, x) => expect(Math.abs(v - expected[y]![x]!), `row ${y}, column ${x}: ${v} vs ${expected[y]![x]}`).toBeLessThanOrEqual(tolerance));
  });
}

describe('exercise convolve-3x3', () => {
  it('has cases covering non-square images and several kernels', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
    expect(cases.some((c) => c.image.length !== c.image[0]!.length)).toBe(true);
  });

  // Float32 inside the library: agreement to 1e-5 of values up to a few hundred.
  it.each(cases.map((c, i) => [i, c] as const))('case %i: the hand-computed expected value equals the library convolve(…, "zero")', (_, c) => {
    expectClose(library(c.image, c.kernel), c.expected, 1e-5);
  });

  it.each(cases.map((c, i) => [i, c] as const))('case %i: the solution equals the library convolve(…, "zero")', (_, c) => {
    expectClose(solution()(c.image, c.kernel), library(c.image, c.kernel), 1e-5);
  });

  it('the solution equals the library on a random 7 × 11 image with a random kernel', () => {
    const rand = mulberry32(42);
    const image = Array.from({ length: 7 }, () => Array.from({ length: 11 }, () => Math.round(rand() * 255)));
    const kernel = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => Math.round((rand() * 2 - 1) * 100) / 100));
    expectClose(solution()(image, kernel), library(image, kernel), 1e-3);
  });

  it('the solution does not flip the kernel and does not change its input', () => {
    const image = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const before = structuredClone(image);
    // Only the bottom-right weight: each output pixel reads its neighbour below and to the right.
    expect(
      solution()(image, [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 1],
      ]),
    ).toEqual([
      [5, 6, 0],
      [0, 0, 0],
    ]);
    expect(image).toEqual(before);
  });
});
