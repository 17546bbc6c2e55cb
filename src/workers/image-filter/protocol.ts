/**
 * Messages between the filter lab (src/widgets/filter-lab) and its worker (image-filter/worker.ts).
 *
 * The source image is sent once per image (`image`, copied so the page keeps its own); each
 * `filter` message then carries only the kernel and settings. The result comes back as RGBA
 * bytes ready for `putImageData`, in a transferred buffer (no copy).
 */
import type { BorderMode, Channels, DisplayMode } from '../../lib/image/types.ts';

/**
 * What to compute:
 *  - kernel: the image convolved with the kernel (cross-correlation, as in src/lib/image/convolve.ts);
 *  - magnitude: √(gx² + gy²) with gx the image convolved with the kernel and gy with its transpose
 *    (with the Sobel x kernel this is the Sobel gradient magnitude).
 */
export type FilterKind = 'kernel' | 'magnitude';

export interface FilterJob {
  kind: FilterKind;
  /** Odd kernel size (3 or 5). */
  size: number;
  /** size² weights, row-major. */
  values: number[];
  border: BorderMode;
  display: DisplayMode;
  /** Filter the luma (0.299 R + 0.587 G + 0.114 B) instead of each colour channel. */
  grey: boolean;
}

export type ToFilterWorker =
  | { type: 'image'; imageId: number; width: number; height: number; channels: Channels; data: Float32Array }
  | { type: 'filter'; id: number; imageId: number; job: FilterJob };

export interface FilterResult {
  id: number;
  imageId: number;
  width: number;
  height: number;
  /** width × height × 4 bytes. */
  rgba: Uint8ClampedArray;
  /** Smallest and largest filtered value before display (over the colour channels). */
  min: number;
  max: number;
  /** Time spent filtering and converting, in milliseconds. */
  ms: number;
}

export type FromFilterWorker = ({ type: 'result' } & FilterResult) | { type: 'error'; id: number; message: string };
