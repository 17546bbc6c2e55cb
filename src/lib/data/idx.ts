/**
 * The one IDX parser of the project, used by the dataset script (Node) and by the
 * browser loader alike.
 *
 * IDX (the MNIST file format): a big-endian header, then unsigned bytes.
 *   bytes 0-1  zero
 *   byte  2    element type (0x08 = unsigned byte, the only one MNIST uses)
 *   byte  3    number of dimensions (1 for labels, 3 for images)
 *   then one 32-bit big-endian size per dimension, then the data.
 * So the magic number is 0x00000801 for a label file and 0x00000803 for an image file.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */

/** Magic number of an IDX file of unsigned-byte images (count × rows × cols). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an IDX file of unsigned-byte labels (count). */
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxImages {
  kind: 'images';
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols pixels, row-major, 0 = background. */
  data: Uint8Array;
}

export interface IdxLabels {
  kind: 'labels';
  count: number;
  data: Uint8Array;
}

export type IdxFile = IdxImages | IdxLabels;

/** A file that is not a well-formed IDX file. The message names the file and says what is wrong. */
export class IdxError extends Error {
  /** The file name given to the parser. */
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'IdxError';
    this.file = file;
  }
}

function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

function readU32BE(bytes: Uint8Array, offset: number): number {
  // Read byte by byte: `bytes` may be a subarray at any offset, so no DataView alignment worries.
  return (bytes[offset] ?? 0) * 0x1000000 + ((bytes[offset + 1] ?? 0) << 16) + ((bytes[offset + 2] ?? 0) << 8) + (bytes[offset + 3] ?? 0);
}

function writeU32BE(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

/**
 * Parses an uncompressed IDX file of unsigned bytes (labels or images).
 * `data` in the result is a zero-copy view into `bytes`.
 * Throws IdxError for a bad magic number, a short header, a zero dimension,
 * a truncated body or trailing bytes after the size the header announces.
 */
export function parseIdx(bytes: Uint8Array, fileName: string): IdxFile {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new IdxError(
      fileName,
      'this is gzip-compressed data, not an IDX file; decompress it first (the .gz files must be gunzipped before parsing).',
    );
  }
  if (bytes.length < 4) {
    throw new IdxError(fileName, `file too short for an IDX header: ${bytes.length} byte(s), need at least 8 (labels) or 16 (images).`);
  }
  const magic = readU32BE(bytes, 0);
  let kind: 'images' | 'labels';
  if (magic === IDX_IMAGES_MAGIC) kind = 'images';
  else if (magic === IDX_LABELS_MAGIC) kind = 'labels';
  else {
    throw new IdxError(
      fileName,
      `bad magic number ${hex32(magic)}; expected ${hex32(IDX_IMAGES_MAGIC)} (images) or ${hex32(IDX_LABELS_MAGIC)} (labels). ` +
        'The file may still be gzip-compressed, or it is not an IDX file of unsigned bytes.',
    );
  }

  const ndims = kind === 'images' ? 3 : 1;
  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    throw new IdxError(
      fileName,
      `header too short: an IDX ${kind} file needs a ${headerLength}-byte header, the file has only ${bytes.length} byte(s).`,
    );
  }

  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(readU32BE(bytes, 4 + 4 * i));
  if (dims.some((d) => d === 0)) {
    throw new IdxError(fileName, `header has a zero dimension (${dims.join(' × ')}); the file holds no data.`);
  }

  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerLength;
  if (actual < expected) {
    throw new IdxError(
      fileName,
      `truncated: the header announces ${dims.join(' × ')} = ${expected} bytes of data, got ${actual}. ` +
        'The file is incomplete; download or prepare it again.',
    );
  }
  if (actual > expected) {
    throw new IdxError(
      fileName,
      `size does not match the header: it announces ${dims.join(' × ')} = ${expected} bytes of data, ` +
        `but the file has ${actual - expected} trailing byte(s).`,
    );
  }

  const data = bytes.subarray(headerLength);
  const count = dims[0] ?? 0;
  if (kind === 'labels') return { kind, count, data };
  return { kind, count, rows: dims[1] ?? 0, cols: dims[2] ?? 0, data };
}

/** Parses an IDX image file; throws IdxError if it is a label file or malformed. */
export function parseImages(bytes: Uint8Array, fileName: string): IdxImages {
  const idx = parseIdx(bytes, fileName);
  if (idx.kind !== 'images') {
    throw new IdxError(fileName, 'expected an IDX image file (magic 0x00000803) but this is a label file (0x00000801).');
  }
  return idx;
}

/** Parses an IDX label file; throws IdxError if it is an image file or malformed. */
export function parseLabels(bytes: Uint8Array, fileName: string): IdxLabels {
  const idx = parseIdx(bytes, fileName);
  if (idx.kind !== 'labels') {
    throw new IdxError(fileName, 'expected an IDX label file (magic 0x00000801) but this is an image file (0x00000803).');
  }
  return idx;
}

/**
 * Encodes labels or images as an (uncompressed) IDX file. Used by tests and fixtures;
 * the inverse of parseIdx. Throws RangeError if data does not match the dimensions.
 */
export function encodeIdx(file: IdxFile): Uint8Array {
  const dims = file.kind === 'images' ? [file.count, file.rows, file.cols] : [file.count];
  const expected = dims.reduce((a, b) => a * b, 1);
  if (file.data.length !== expected) {
    throw new RangeError(`encodeIdx: data has ${file.data.length} bytes, dimensions ${dims.join(' × ')} need ${expected}.`);
  }
  const headerLength = 4 + 4 * dims.length;
  const out = new Uint8Array(headerLength + expected);
  writeU32BE(out, 0, file.kind === 'images' ? IDX_IMAGES_MAGIC : IDX_LABELS_MAGIC);
  dims.forEach((d, i) => writeU32BE(out, 4 + 4 * i, d));
  out.set(file.data, headerLength);
  return out;
}
