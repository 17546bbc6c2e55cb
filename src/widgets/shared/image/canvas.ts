/**
 * Drawing `Img`s on canvases. The canvas gets the image's own size (one canvas pixel per image
 * pixel); CSS scales it to the column. Add the class `tk-pixelated` (image-shared.css) where the
 * reader should see crisp, square pixels when the image is enlarged.
 */
import { toRgba } from '../../../lib/image/image.ts';
import type { DisplayMode, Img } from '../../../lib/image/types.ts';

/** One RGBA buffer per canvas, reused while the size stays the same (redraws while dragging a slider). */
const buffers = new WeakMap<HTMLCanvasElement, Uint8ClampedArray<ArrayBuffer>>();

/** Draw `img` on `canvas` (resizing the canvas to the image), showing values outside 0–255 as `mode` says. */
export function drawImg(canvas: HTMLCanvasElement, img: Img, mode: DisplayMode = 'clamp'): void {
  if (canvas.width !== img.width) canvas.width = img.width;
  if (canvas.height !== img.height) canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser could not draw on a canvas (no 2D context). Try another browser.');
  const size = img.width * img.height * 4;
  let buffer = buffers.get(canvas);
  if (!buffer || buffer.length !== size) {
    buffer = new Uint8ClampedArray(size);
    buffers.set(canvas, buffer);
  }
  toRgba(img, mode, buffer);
  ctx.putImageData(new ImageData(buffer, img.width, img.height), 0, 0);
}
