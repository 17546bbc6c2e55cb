/**
 * Turning image files into `Img`s in the browser, with the file's own pixel values.
 *
 * Decoding: `createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' })`,
 * drawn once on a canvas and read back with `getImageData`, so the numbers are the ones stored
 * in the file (no colour management, no premultiplied alpha). Images whose longer side exceeds
 * `maxSide` are scaled down with the lib's area average (`resizeToFit`); very large photos are
 * first brought near twice that size by the browser so the page never holds hundreds of megabytes
 * of floats. Without `keepAlpha`, a grey picture (R = G = B everywhere) comes back with one channel.
 * Scaled images are rounded to whole numbers, like any 8-bit image file.
 *
 * Everything that can go wrong with a reader's file becomes an `ImageLoadError` whose message
 * says what is wrong and what to do; widgets show it and keep the image they had.
 */
import { fromRgba, isGrey, resizeToFit, toGray } from '../../../lib/image/image.ts';
import type { Img, SampleImageName } from '../../../lib/image/types.ts';
import { errorText } from '../../../lib/format/error-text.ts';

/** A file or sample that could not be turned into an image; `message` is written for the reader. */
export class ImageLoadError extends Error {
  override name = 'ImageLoadError';
}

export interface LoadOptions {
  /** Longer side, in pixels, above which the image is scaled down (default 1024). */
  maxSide?: number;
  /**
   * Keep the alpha channel (4 channels). Otherwise (default) it is dropped: 3 channels, or 1 when
   * the picture is grey (R = G = B in every pixel), as a grey image file stores it.
   */
  keepAlpha?: boolean;
}

export interface LoadedFile {
  img: Img;
  /** The size of the file's image before any scaling. */
  original: { width: number; height: number };
}

/** Files above this size are refused before reading them. */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;

/** The decoded bitmap is scaled by the browser first when its longer side exceeds this many times maxSide. */
const PRESCALE_FACTOR = 2;

/** Where the site serves a sample image (respects the site's base path, e.g. /tinker/). */
export function sampleImageUrl(name: SampleImageName): string {
  const base = import.meta.env.BASE_URL;
  return `${base.endsWith('/') ? base : `${base}/`}images/samples/${name}.png`;
}

/** Fetch and decode one of the sample images. */
export async function loadSampleImage(name: SampleImageName, options: LoadOptions = {}): Promise<Img> {
  let response: Response;
  try {
    response = await fetch(sampleImageUrl(name));
  } catch {
    throw new ImageLoadError(`The sample image “${name}” could not be downloaded. Check your connection and reload the page.`);
  }
  if (!response.ok) {
    throw new ImageLoadError(`The sample image “${name}” could not be downloaded (HTTP ${response.status}). Reload the page, or use your own image.`);
  }
  const blob = await response.blob();
  const { img } = await decodeBlob(blob, `${name}.png`, options);
  return img;
}

/** Decode an image file the reader chose or dropped. Rejects with an `ImageLoadError` for anything unusable. */
export async function loadImageFile(file: File, options: LoadOptions = {}): Promise<LoadedFile> {
  const name = file.name || 'The file';
  if (file.size > MAX_FILE_BYTES) {
    throw new ImageLoadError(
      `“${name}” is ${formatMegabytes(file.size)}; images up to ${formatMegabytes(MAX_FILE_BYTES)} can be used. Choose a smaller file.`,
    );
  }
  // Some drops carry no type; those are tried and judged by whether they decode.
  if (file.type && !file.type.startsWith('image/')) throw notAnImage(name);
  if (file.size === 0) throw notAnImage(name);
  return decodeBlob(file, name, options);
}

function notAnImage(name: string): ImageLoadError {
  return new ImageLoadError(`“${name}” is not an image this browser can read. Choose a PNG, JPEG, GIF or WebP file.`);
}

function formatMegabytes(bytes: number): string {
  // One decimal at most: 41943040 → "40 MB", 45678901 → "43.6 MB".
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

async function decodeBlob(blob: Blob, name: string, options: LoadOptions): Promise<LoadedFile> {
  const maxSide = options.maxSide ?? 1024;
  const keepAlpha = options.keepAlpha ?? false;

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw notAnImage(name);
  }
  const original = { width: bitmap.width, height: bitmap.height };
  if (original.width === 0 || original.height === 0) {
    bitmap.close();
    throw notAnImage(name);
  }

  try {
    // A huge photo is brought near the target by the browser; the exact area average does the rest.
    const longer = Math.max(original.width, original.height);
    if (longer > PRESCALE_FACTOR * maxSide) {
      const scale = (PRESCALE_FACTOR * maxSide) / longer;
      const smaller = await createImageBitmap(bitmap, {
        resizeWidth: Math.max(1, Math.round(original.width * scale)),
        resizeHeight: Math.max(1, Math.round(original.height * scale)),
        resizeQuality: 'high',
        colorSpaceConversion: 'none',
        premultiplyAlpha: 'none',
      });
      bitmap.close();
      bitmap = smaller;
    }
    const rgba = readPixels(bitmap);
    const decoded = fromRgba(rgba, bitmap.width, bitmap.height, keepAlpha ? 4 : 3);
    // The browser always decodes to RGBA; a grey picture becomes one channel again (toGray of
    // R = G = B is that value exactly).
    const full = !keepAlpha && isGrey(decoded) ? toGray(decoded) : decoded;
    const img = resizeToFit(full, maxSide);
    // A scaled image holds averages; round them so it has whole 0–255 values like any image file.
    if (img !== full) for (let i = 0; i < img.data.length; i++) img.data[i] = Math.round(img.data[i]!);
    return { img, original };
  } catch (error) {
    if (error instanceof ImageLoadError) throw error;
    throw new ImageLoadError(`“${name}” could not be read (${errorText(error)}). Try a smaller PNG or JPEG file.`);
  } finally {
    bitmap.close();
  }
}

/** The bitmap's RGBA bytes, read through a 2D canvas. */
function readPixels(bitmap: ImageBitmap): Uint8ClampedArray {
  const { width, height } = bitmap;
  const settings: CanvasRenderingContext2DSettings = { willReadFrequently: true, colorSpace: 'srgb' };
  let ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (typeof OffscreenCanvas !== 'undefined') {
    ctx = new OffscreenCanvas(width, height).getContext('2d', settings);
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    ctx = canvas.getContext('2d', settings);
  }
  if (!ctx) throw new ImageLoadError('This browser could not create a canvas to read the image. Try another browser.');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, width, height).data;
}
