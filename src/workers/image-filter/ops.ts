/**
 * The filter lab's computation, shared by its worker and the main-thread fallback (pure TypeScript
 * over src/lib/image; no DOM). One call filters the image and turns the result into RGBA bytes.
 */
import { convolve } from '../../lib/image/convolve.ts';
import { toGray, toRgba } from '../../lib/image/image.ts';
import { makeKernel } from '../../lib/image/kernels.ts';
import type { Img, Kernel } from '../../lib/image/types.ts';
import type { FilterJob } from './protocol.ts';

/** The kernel mirrored across its main diagonal: Sobel x becomes Sobel y. */
export function transposeKernel(kernel: Kernel): Kernel {
  const { size, values } = kernel;
  const out = new Float32Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) out[col * size + row] = values[row * size + col]!;
  }
  return { size, values: out };
}

/** The filtered image (values not yet cut to 0–255). Alpha, if any, is copied from the source. */
export function applyFilter(img: Img, job: FilterJob): Img {
  const source = job.grey && img.channels !== 1 ? toGray(img) : img;
  const kernel = makeKernel(job.size, job.values);
  const gx = convolve(source, kernel, job.border);
  if (job.kind === 'kernel') return gx;

  // Gradient magnitude: combine the responses of the kernel and of its transpose.
  const gy = convolve(source, transposeKernel(kernel), job.border);
  const { channels } = gx;
  const a = gx.data;
  const b = gy.data;
  for (let i = 0; i < a.length; i++) {
    if (channels === 4 && i % 4 === 3) continue; // alpha stays as it was
    a[i] = Math.hypot(a[i]!, b[i]!);
  }
  return gx;
}

/** Smallest and largest value over the colour channels (alpha left out). */
export function colourRange(img: Img): { min: number; max: number } {
  const { data, channels } = img;
  const colours = channels === 4 ? 3 : channels;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i += channels) {
    for (let c = 0; c < colours; c++) {
      const v = data[i + c]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max };
}

/** Filter `img` and return RGBA bytes to draw (in `out` when given and the right size). */
export function renderFilter(
  img: Img,
  job: FilterJob,
  out?: Uint8ClampedArray,
): { width: number; height: number; rgba: Uint8ClampedArray; min: number; max: number } {
  const filtered = applyFilter(img, job);
  const reuse = out && out.length === filtered.width * filtered.height * 4 ? out : undefined;
  const rgba = toRgba(filtered, job.display, reuse);
  return { width: filtered.width, height: filtered.height, rgba, ...colourRange(filtered) };
}
