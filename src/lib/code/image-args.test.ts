import { describe, expect, it } from 'vitest';
import { imageLayout, normalizeImages } from './image-args.ts';
import { FakeTensor, fakeTensorHooks as hooks } from './test-hooks.ts';

const show = (...args: unknown[]) => normalizeImages(args, hooks);

describe('imageLayout', () => {
  it('reads shapes as images', () => {
    expect(imageLayout([5, 28, 28])).toEqual({ count: 5, height: 28, width: 28, channels: 1 });
    expect(imageLayout([5, 28, 28, 1])).toEqual({ count: 5, height: 28, width: 28, channels: 1 });
    expect(imageLayout([2, 8, 6, 3])).toEqual({ count: 2, height: 8, width: 6, channels: 3 });
    expect(imageLayout([5, 784])).toEqual({ count: 5, height: 28, width: 28, channels: 1 });
    expect(imageLayout([28, 28])).toEqual({ count: 1, height: 28, width: 28, channels: 1 });
    expect(imageLayout([784])).toEqual({ count: 1, height: 28, width: 28, channels: 1 });
    expect(imageLayout([28, 28, 1])).toEqual({ count: 1, height: 28, width: 28, channels: 1 });
    expect(imageLayout([10, 20])).toEqual({ count: 1, height: 10, width: 20, channels: 1 });
  });
  it('explains shapes that are not images', () => {
    expect(() => imageLayout([500])).toThrow(/500 pixels is not a square number/);
    expect(() => imageLayout([1, 2, 3, 5])).toThrow(/must be 1, 3 or 4/);
    expect(() => imageLayout([1, 2, 3, 4, 5])).toThrow(/expects images shaped/);
  });
});

describe('normalizeImages', () => {
  it('turns a [n, 784] tensor of 0–1 values into grey RGBA images with labels', () => {
    const values = new Float32Array(2 * 784);
    values[0] = 1;
    values[784 + 1] = 0.5;
    const item = show(new FakeTensor(values, [2, 784]), { labels: new FakeTensor([7, 2], [2]), title: 'digits' });
    expect(item.title).toBe('digits');
    expect(item.images).toHaveLength(2);
    const [a, b] = item.images;
    expect(a).toMatchObject({ width: 28, height: 28, label: '7' });
    expect(Array.from(a!.rgba.slice(0, 8))).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
    expect(Array.from(b!.rgba.slice(4, 8))).toEqual([128, 128, 128, 255]);
    expect(b!.label).toBe('2');
  });

  it('keeps 0–255 values as they are and stretches values outside 0–255', () => {
    expect(show([[0, 128, 255, 64]]).images[0]!.rgba[4]).toBe(128);
    const stretched = show([[-1, 0, 1, 1]]).images[0]!.rgba;
    expect([stretched[0], stretched[4], stretched[8]]).toEqual([0, 128, 255]);
  });

  it('takes an array of pixel arrays, labels as the second argument, and colour images', () => {
    const item = show([new Uint8Array(16), new Uint8Array(16).fill(255)], ['a', 'b']);
    expect(item.images.map((i) => [i.width, i.label])).toEqual([
      [4, 'a'],
      [4, 'b'],
    ]);
    const rgb = show(new FakeTensor([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1], [1, 2, 2, 3]));
    expect(Array.from(rgb.images[0]!.rgba.slice(0, 8))).toEqual([255, 0, 0, 255, 0, 255, 0, 255]);
  });

  it('takes images of different sizes as separate items', () => {
    const item = show([new Array(4).fill(0), new Array(9).fill(0)]);
    expect(item.images.map((i) => i.width)).toEqual([2, 3]);
  });

  it('explains bad arguments and too many images without reading a huge tensor', () => {
    expect(() => show('x')).toThrow('show.images expects a tensor or an array of images; got a string.');
    expect(() => show([1, 'a'])).toThrow(/image 0 is a number/);
    const big = new FakeTensor(new Float32Array(1000 * 4), [1000, 2, 2]);
    expect(() => show(big)).toThrow(/at most 400 images at a time; got 1,000/);
    expect(big.reads).toBe(0);
    expect(() => show([[1, 2, 3, 4]], { columns: 0 })).toThrow(/columns must be a whole number/);
    expect(() => show([[1, 2, 3, 4]], { label: ['x'] })).toThrow(/unknown option "label"/);
  });
});
