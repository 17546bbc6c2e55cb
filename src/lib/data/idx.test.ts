import { describe, expect, it } from 'vitest';
import { encodeIdx, IdxError, parseIdx, parseImages, parseLabels } from './idx.ts';

const labels = encodeIdx({ kind: 'labels', count: 5, data: Uint8Array.from([3, 1, 4, 1, 5]) });
const pixels = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);
const images = encodeIdx({ kind: 'images', count: 2, rows: 3, cols: 4, data: pixels });

function errorOf(fn: () => unknown): IdxError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IdxError);
    return err as IdxError;
  }
  throw new Error('expected an IdxError, nothing was thrown');
}

describe('encodeIdx', () => {
  it('writes the big-endian header of a label file', () => {
    expect(Array.from(labels.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 0, 5]);
    expect(labels.length).toBe(8 + 5);
  });

  it('writes the big-endian header of an image file', () => {
    expect(Array.from(images.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]);
    expect(images.length).toBe(16 + 24);
  });

  it('rejects data that does not match the dimensions', () => {
    expect(() => encodeIdx({ kind: 'images', count: 2, rows: 3, cols: 4, data: new Uint8Array(23) })).toThrow(RangeError);
  });
});

describe('parseIdx', () => {
  it('parses labels', () => {
    const idx = parseIdx(labels, 'l');
    expect(idx).toEqual({ kind: 'labels', count: 5, data: Uint8Array.from([3, 1, 4, 1, 5]) });
  });

  it('parses images with rows and cols', () => {
    const idx = parseImages(images, 'i');
    expect([idx.kind, idx.count, idx.rows, idx.cols]).toEqual(['images', 2, 3, 4]);
    expect(Array.from(idx.data)).toEqual(Array.from(pixels));
  });

  it('returns a zero-copy view of the input', () => {
    const idx = parseIdx(images, 'i');
    expect(idx.data.buffer).toBe(images.buffer);
    expect(idx.data.byteOffset).toBe(images.byteOffset + 16);
  });

  it('parses a file that is a subarray at an odd offset of a larger buffer', () => {
    const big = new Uint8Array(labels.length + 7);
    big.set(labels, 3);
    const idx = parseLabels(big.subarray(3, 3 + labels.length), 'l');
    expect(Array.from(idx.data)).toEqual([3, 1, 4, 1, 5]);
  });

  it('handles sizes above 2^31 in the header without going negative', () => {
    const bytes = labels.slice();
    bytes.set([0x80, 0, 0, 0], 4); // count = 2^31
    expect(errorOf(() => parseIdx(bytes, 'l')).message).toContain('2147483648');
  });

  it('rejects a bad magic number, saying what it found', () => {
    const bytes = labels.slice();
    bytes[3] = 0x02;
    const err = errorOf(() => parseIdx(bytes, 'train-labels-idx1-ubyte'));
    expect(err.file).toBe('train-labels-idx1-ubyte');
    expect(err.message).toContain('train-labels-idx1-ubyte');
    expect(err.message).toContain('bad magic number 0x00000802');
    expect(err.message).toMatch(/gzip/);
  });

  it('recognises gzip data that was not decompressed', () => {
    const err = errorOf(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), 'x.gz'));
    expect(err.message).toMatch(/gzip-compressed/);
    expect(err.message).toMatch(/decompress/);
  });

  it('rejects a file shorter than the magic number', () => {
    expect(errorOf(() => parseIdx(new Uint8Array([0, 0]), 'f')).message).toMatch(/too short/);
    expect(errorOf(() => parseIdx(new Uint8Array(0), 'f')).message).toMatch(/0 byte/);
  });

  it('rejects a header cut short', () => {
    const err = errorOf(() => parseIdx(images.subarray(0, 12), 'img'));
    expect(err.message).toMatch(/header too short/);
    expect(err.message).toContain('16-byte header');
    expect(err.message).toContain('12 byte');
  });

  it('rejects a truncated body with expected and actual sizes', () => {
    const err = errorOf(() => parseIdx(images.subarray(0, images.length - 5), 'img'));
    expect(err.message).toContain('truncated');
    expect(err.message).toContain('2 × 3 × 4 = 24 bytes');
    expect(err.message).toContain('got 19');
  });

  it('rejects trailing bytes after the announced size', () => {
    const longer = new Uint8Array(labels.length + 2);
    longer.set(labels);
    const err = errorOf(() => parseIdx(longer, 'lab'));
    expect(err.message).toContain('does not match the header');
    expect(err.message).toContain('2 trailing byte');
  });

  it('rejects a zero dimension', () => {
    const bytes = images.slice();
    bytes.set([0, 0, 0, 0], 8); // rows = 0
    expect(errorOf(() => parseIdx(bytes, 'img')).message).toMatch(/zero dimension \(2 × 0 × 4\)/);
  });

  it('parseImages and parseLabels insist on the kind', () => {
    expect(errorOf(() => parseImages(labels, 'l')).message).toMatch(/expected an IDX image file/);
    expect(errorOf(() => parseLabels(images, 'i')).message).toMatch(/expected an IDX label file/);
  });
});
