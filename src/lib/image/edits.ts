/**
 * Deliberate, deterministic edits to a photo, and a comparison that finds what changed
 * (pure TypeScript). Used by the image-difference widget: B = applyEdits(A) differs from A in
 * exactly three separate places, which the reader then finds by subtracting the images.
 *
 * Every edit changes every pixel it covers (so the comparison sees whole regions):
 *  1. "tint":  a square whose red channel moves by 40 (up, or down where it would pass 255);
 *  2. "clone": a patch copied from another part of the photo (the retoucher's clone stamp);
 *  3. "dot":   a small disc painted one colour (an added object).
 * Positions and sizes are fractions of the image size, so any image of at least 24×24 pixels works.
 * Alpha (if any) is never touched.
 */
import { cloneImg } from './image.ts';
import type { Img } from './types.ts';

export interface Box {
  /** Left column and top row (inclusive). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Edit {
  kind: 'tint' | 'clone' | 'dot';
  /** The reader-facing description, e.g. "a square with more red". */
  description: string;
  /** The pixels the edit may change (bounding box). */
  box: Box;
  /** A pixel inside the edit that certainly changed (a good place to read the numbers). */
  probe: { x: number; y: number };
}

export interface EditedImage {
  img: Img;
  edits: Edit[];
}

/** The colour of the painted dot (a strong blue). */
export const DOT_COLOUR = [37, 99, 235] as const;
const TINT = 40;

/** The smallest image the edits fit in. */
export const MIN_EDIT_SIDE = 24;

/** B: a copy of `img` with the three edits described above. */
export function applyEdits(img: Img): EditedImage {
  const { width: w, height: h, channels } = img;
  if (w < MIN_EDIT_SIDE || h < MIN_EDIT_SIDE) {
    throw new RangeError(`applyEdits needs an image of at least ${MIN_EDIT_SIDE}×${MIN_EDIT_SIDE} pixels; got ${w}×${h}.`);
  }
  const out = cloneImg(img);
  const src = img.data;
  const dst = out.data;
  const s = Math.min(w, h);
  const colour = channels === 4 ? 3 : channels; // channels to edit (never alpha)
  const at = (x: number, y: number) => (y * w + x) * channels;

  // 1. Tint: red ± 40 in a square near the top left (grey images: the one channel).
  const tintSide = Math.max(3, Math.round(0.1 * s));
  const tint: Box = { x: Math.round(0.08 * w), y: Math.round(0.12 * h), width: tintSide, height: tintSide };
  for (let y = tint.y; y < tint.y + tint.height; y++) {
    for (let x = tint.x; x < tint.x + tint.width; x++) {
      const i = at(x, y);
      const r = src[i]!;
      dst[i] = r + TINT <= 255 ? r + TINT : r - TINT;
    }
  }

  // 2. Clone: a patch copied from a spot shifted right by a quarter of the width (bottom middle).
  const clone: Box = {
    x: Math.round(0.3 * w),
    y: Math.round(0.68 * h),
    width: Math.max(3, Math.round(0.16 * w)),
    height: Math.max(3, Math.round(0.12 * h)),
  };
  const shift = Math.round(0.25 * w);
  for (let y = clone.y; y < clone.y + clone.height; y++) {
    for (let x = clone.x; x < clone.x + clone.width; x++) {
      const i = at(x, y);
      const j = at(x + shift, y);
      for (let c = 0; c < colour; c++) dst[i + c] = src[j + c]!;
    }
  }

  // 3. Dot: a filled disc near the top right.
  const radius = Math.max(2, Math.round(0.05 * s));
  const cx = Math.round(0.78 * w);
  const cy = Math.round(0.28 * h);
  const dot: Box = { x: cx - radius, y: cy - radius, width: 2 * radius + 1, height: 2 * radius + 1 };
  const grey = Math.round(0.299 * DOT_COLOUR[0] + 0.587 * DOT_COLOUR[1] + 0.114 * DOT_COLOUR[2]);
  for (let y = dot.y; y < dot.y + dot.height; y++) {
    for (let x = dot.x; x < dot.x + dot.width; x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > radius * radius) continue;
      const i = at(x, y);
      if (colour === 1) dst[i] = grey;
      else for (let c = 0; c < 3; c++) dst[i + c] = DOT_COLOUR[c]!;
    }
  }

  return {
    img: out,
    edits: [
      { kind: 'tint', description: 'a square with more red', box: tint, probe: centre(tint) },
      { kind: 'clone', description: 'a patch copied from further right', box: clone, probe: centre(clone) },
      { kind: 'dot', description: 'a blue dot', box: dot, probe: { x: cx, y: cy } },
    ],
  };
}

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + Math.floor(box.width / 2), y: box.y + Math.floor(box.height / 2) };
}

export interface Comparison {
  /** Pixels where any colour channel differs (alpha is ignored). */
  changedPixels: number;
  /** changedPixels / all pixels. */
  fraction: number;
  /** Bounding boxes of the groups of changed pixels (8-connected), top to bottom, then left to right. */
  regions: Box[];
}

/**
 * Which pixels differ between two images of the same shape, and in how many separate regions
 * (changed pixels touching, diagonals included, form one region). Alpha is not compared.
 */
export function compareImages(a: Img, b: Img): Comparison {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new RangeError(
      `compareImages: the images must have the same shape; got ${a.width}×${a.height}×${a.channels} and ${b.width}×${b.height}×${b.channels}.`,
    );
  }
  const { width: w, height: h, channels } = a;
  const colour = channels === 4 ? 3 : channels;
  const n = w * h;
  const changed = new Uint8Array(n);
  let changedPixels = 0;
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    for (let c = 0; c < colour; c++) {
      if (a.data[i + c] !== b.data[i + c]) {
        changed[p] = 1;
        changedPixels++;
        break;
      }
    }
  }

  // Flood fill each unvisited changed pixel (an explicit stack: no recursion limits).
  const regions: Box[] = [];
  const stack: number[] = [];
  for (let start = 0; start < n; start++) {
    if (changed[start] !== 1) continue;
    changed[start] = 2;
    stack.push(start);
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= w) continue;
          const q = ny * w + nx;
          if (changed[q] === 1) {
            changed[q] = 2;
            stack.push(q);
          }
        }
      }
    }
    regions.push({ x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 });
  }
  return { changedPixels, fraction: n > 0 ? changedPixels / n : 0, regions };
}
