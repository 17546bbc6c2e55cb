/**
 * Images as numbers: the shared types of src/lib/image (pure TypeScript, no DOM).
 *
 * An `Img` is row-major with interleaved channels, like the browser's ImageData but in floats:
 * the value of channel c at column x, row y is `data[(y * width + x) * channels + c]`.
 * Values are on the 0–255 scale; intermediate results (a difference, a Sobel response) may be
 * negative or above 255, and only `toRgba` decides how to show them.
 */

/** 1 = grey, 3 = RGB, 4 = RGBA. */
export type Channels = 1 | 3 | 4;

export interface Img {
  width: number;
  height: number;
  channels: Channels;
  data: Float32Array;
}

/** A square kernel of odd size (3 or 5 in the lessons), row-major: `values[row * size + col]`. */
export interface Kernel {
  size: number;
  values: Float32Array;
}

/**
 * What a convolution reads outside the image:
 *  - zero: 0 (as tf.conv2d with padding 'same');
 *  - clamp: the nearest edge pixel (…aaa|abcd|ddd…);
 *  - reflect: mirrored without repeating the edge (…cb|abcd|cb…).
 */
export type BorderMode = 'zero' | 'clamp' | 'reflect';

/**
 * How values outside 0–255 are shown:
 *  - clamp: cut to 0–255 (ordinary images);
 *  - abs: |v| cut to 255 (edge responses, differences);
 *  - normalize: min → 0, max → 255 (any range);
 *  - signed: 0 → mid grey 128, ±max → 0 / 255 (signed responses).
 */
export type DisplayMode = 'clamp' | 'abs' | 'normalize' | 'signed';

/** The names of the sample images in public/images/samples/ (credited on the about page). */
export const SAMPLE_IMAGE_NAMES = ['chelsea', 'coffee', 'astronaut', 'camera'] as const;
export type SampleImageName = (typeof SAMPLE_IMAGE_NAMES)[number];
