import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DOT_COLOUR, applyEdits, compareImages } from './edits.ts';
import { createImg, fromRgba, getPixel } from './image.ts';
import type { Img } from './types.ts';

/** An RGB gradient: no two neighbouring pixels are equal, values stay inside 0–255. */
function gradient(width: number, height: number, channels: 3 | 4 = 3): Img {
  const img = createImg(width, height, channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      img.data[i] = (x * 2) % 256;
      img.data[i + 1] = (y * 3) % 256;
      img.data[i + 2] = 100;
      if (channels === 4) img.data[i + 3] = 255;
    }
  }
  return img;
}

function loadSample(name: string): Img {
  const png = PNG.sync.read(readFileSync(new URL(`../../../public/images/samples/${name}.png`, import.meta.url)));
  return fromRgba(png.data, png.width, png.height, 4);
}

describe('applyEdits', () => {
  it('leaves the input alone and is deterministic', () => {
    const a = gradient(100, 60);
    const before = a.data.slice();
    const first = applyEdits(a);
    const second = applyEdits(a);
    expect(a.data).toEqual(before);
    expect(first.img.data).toEqual(second.img.data);
    expect(first.edits.map((e) => e.kind)).toEqual(['tint', 'clone', 'dot']);
  });

  it('tints red by 40, clones from a quarter width to the right, paints the dot', () => {
    const a = gradient(100, 60);
    const { img: b, edits } = applyEdits(a);
    const [tint, clone, dot] = edits;
    // Tint box: x 8.., y round(7.2)=7.., side round(0.1·60)=6.
    expect(tint!.box).toEqual({ x: 8, y: 7, width: 6, height: 6 });
    expect(getPixel(b, 10, 9)).toEqual([20 + 40, 27, 100]);
    // Clone box starts at (30, round(40.8)=41); the source is 25 columns to the right.
    expect(clone!.box).toEqual({ x: 30, y: 41, width: 16, height: 7 });
    expect(getPixel(b, 30, 41)).toEqual(getPixel(a, 55, 41));
    // Dot at (78, round(16.8)=17), radius 3.
    expect(dot!.probe).toEqual({ x: 78, y: 17 });
    expect(getPixel(b, 78, 17)).toEqual([...DOT_COLOUR]);
    expect(getPixel(b, 81, 17)).toEqual([...DOT_COLOUR]);
    expect(getPixel(b, 81, 20)).toEqual(getPixel(a, 81, 20)); // outside the disc's circle
    // Far from the edits nothing changed.
    expect(getPixel(b, 0, 0)).toEqual(getPixel(a, 0, 0));
    expect(getPixel(b, 99, 59)).toEqual(getPixel(a, 99, 59));
  });

  it('moves red down where +40 would pass 255, and never touches alpha', () => {
    const a = createImg(40, 40, 4, 250);
    const { img: b, edits } = applyEdits(a);
    const probe = edits[0]!.probe;
    expect(getPixel(b, probe.x, probe.y)).toEqual([210, 250, 250, 250]);
    for (let i = 3; i < b.data.length; i += 4) expect(b.data[i]).toBe(250);
  });

  it('refuses images too small for the edits', () => {
    expect(() => applyEdits(createImg(20, 100, 3))).toThrow(/at least 24×24/);
  });
});

describe('compareImages', () => {
  it('counts changed pixels and finds separate regions (diagonal neighbours join)', () => {
    const a = createImg(10, 6, 3);
    const b = createImg(10, 6, 3);
    const set = (x: number, y: number) => (b.data[(y * 10 + x) * 3 + 1] = 9);
    set(1, 1);
    set(2, 2); // diagonal to (1, 1): same region
    set(7, 4);
    set(8, 4);
    const result = compareImages(a, b);
    expect(result.changedPixels).toBe(4);
    expect(result.fraction).toBeCloseTo(4 / 60, 12);
    expect(result.regions).toEqual([
      { x: 1, y: 1, width: 2, height: 2 },
      { x: 7, y: 4, width: 2, height: 1 },
    ]);
  });

  it('ignores alpha and finds nothing between equal images', () => {
    const a = gradient(30, 30, 4);
    const b = gradient(30, 30, 4);
    b.data[3] = 0;
    expect(compareImages(a, b)).toEqual({ changedPixels: 0, fraction: 0, regions: [] });
  });

  it('rejects images of different shapes', () => {
    expect(() => compareImages(createImg(2, 2, 3), createImg(2, 2, 4))).toThrow(/same shape/);
  });

  it('finds exactly the three edits on every sample photo', () => {
    for (const name of ['chelsea', 'coffee', 'astronaut', 'camera']) {
      const a = loadSample(name);
      const { img: b, edits } = applyEdits(a);
      const result = compareImages(a, b);
      expect(result.regions, name).toHaveLength(3);
      // Every region lies inside one edit's box.
      for (const region of result.regions) {
        const inside = edits.some(
          (e) =>
            region.x >= e.box.x &&
            region.y >= e.box.y &&
            region.x + region.width <= e.box.x + e.box.width &&
            region.y + region.height <= e.box.y + e.box.height,
        );
        expect(inside, `${name}: ${JSON.stringify(region)}`).toBe(true);
      }
      // Each probe pixel really changed.
      for (const e of edits) expect(getPixel(b, e.probe.x, e.probe.y), `${name} ${e.kind}`).not.toEqual(getPixel(a, e.probe.x, e.probe.y));
    }
  });
});
