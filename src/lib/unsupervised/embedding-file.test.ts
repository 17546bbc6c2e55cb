import { describe, expect, it } from 'vitest';
import { EmbeddingFileError, readEmbedding } from './embedding-file.ts';

describe('readEmbedding', () => {
  it('reads n × dims values and names the file when the size or a value is wrong', () => {
    const values = new Float32Array([1, 2, 3, 4, 5, 6]);
    expect(Array.from(readEmbedding(values.buffer, 2, 3, 'e.bin'))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => readEmbedding(values.buffer, 3, 3, 'e.bin')).toThrow(/e\.bin holds 24 bytes, not 36 \(3 points × 3 float32\)/);
    expect(() => readEmbedding(new Float32Array([1, Number.NaN, 3]).buffer, 1, 3, 'e.bin')).toThrow(/not finite/);
    expect(() => readEmbedding(new ArrayBuffer(12), 4, 2, 'embedding.bin')).toThrow(EmbeddingFileError);
    expect(readEmbedding(new ArrayBuffer(32), 4, 2, 'embedding.bin')).toHaveLength(8);
  });
});
