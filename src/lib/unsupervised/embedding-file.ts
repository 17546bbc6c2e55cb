/**
 * The one reader of an embedding.bin (public/models/fashion-{ae,vae,pca}/, see ./pretrained.ts):
 * Float32 little-endian, n × dims, row-major, the test images in order. Checked: its size must be
 * exactly that, and every value a finite number.
 */

export class EmbeddingFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddingFileError';
  }
}

/** n × dims Float32 values from `buffer` (a copy); `file` names it in the error when it is not that. */
export function readEmbedding(buffer: ArrayBuffer, n: number, dims: number, file: string): Float32Array {
  const expected = n * dims * 4;
  if (buffer.byteLength !== expected) {
    throw new EmbeddingFileError(
      `${file} holds ${buffer.byteLength} bytes, not ${expected} (${n.toLocaleString('en-US')} points × ${dims} float32): it is not the embedding of the test set.`,
    );
  }
  const values = new Float32Array(buffer.slice(0));
  if (!values.every(Number.isFinite)) throw new EmbeddingFileError(`${file} contains values that are not finite numbers.`);
  return values;
}
