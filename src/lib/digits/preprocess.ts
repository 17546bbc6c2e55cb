/**
 * A drawn digit made to look like an MNIST digit, as MNIST's digits were made (LeCun et al.):
 * the ink's bounding box is scaled to fit a 20×20 box (keeping its aspect ratio, with
 * anti-aliased grey levels: each new pixel is the average of the area it covers), then placed in
 * a 28×28 image so that its centre of mass is at the centre. Pure: ink in, 784 grey levels out.
 */

/** A greyscale picture: `width × height` ink levels in [0, 1], row-major. */
export interface InkImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

export const MNIST_SIDE = 28;
/** The side of the box a digit's bounding box is scaled to fit. */
export const MNIST_BOX = 20;
/** Ink below this level counts as paper when finding the bounding box. */
const INK_THRESHOLD = 0.02;

export interface Box {
  left: number;
  top: number;
  /** Exclusive. */
  right: number;
  bottom: number;
}

/** The smallest box holding every pixel with ink, or null for a blank image. */
export function inkBounds(img: InkImage): Box | null {
  let left = img.width;
  let top = img.height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if ((img.data[y * img.width + x] as number) <= INK_THRESHOLD) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  return right < 0 ? null : { left, top, right: right + 1, bottom: bottom + 1 };
}

/** Centre of mass (in pixel-index coordinates: pixel i's centre is i) of an image's ink; null when blank. */
export function centreOfMass(img: InkImage): { x: number; y: number } | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const v = img.data[y * img.width + x] as number;
      mass += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : null;
}

/**
 * Output cells of `step` input cells each, over `from` input cells (the last one may be partly
 * covered): for each, the input cells it covers and by how much (a box filter).
 */
function coverage(from: number, step: number): { index: number; weight: number }[][] {
  const count = Math.max(1, Math.ceil(from / step - 1e-9));
  const cells: { index: number; weight: number }[][] = [];
  for (let i = 0; i < count; i++) {
    const start = i * step;
    const end = Math.min(from, start + step);
    const parts: { index: number; weight: number }[] = [];
    for (let j = Math.floor(start); j < Math.ceil(end); j++) {
      const weight = Math.min(end, j + 1) - Math.max(start, j);
      if (weight > 1e-9) parts.push({ index: j, weight: weight / step });
    }
    cells.push(parts);
  }
  return cells;
}

/**
 * The part of `img` inside `box`, scaled by `scale` (< 1 shrinks, > 1 enlarges): each new pixel is
 * the average ink of the area it covers, so edges get grey levels (anti-aliasing).
 */
export function resampleArea(img: InkImage, box: Box, scale: number): InkImage & { data: Float32Array } {
  const cols = coverage(box.right - box.left, 1 / scale);
  const rows = coverage(box.bottom - box.top, 1 / scale);
  const width = cols.length;
  const height = rows.length;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const r of rows[y] as { index: number; weight: number }[]) {
        const base = (box.top + r.index) * img.width + box.left;
        for (const c of cols[x] as { index: number; weight: number }[]) sum += r.weight * c.weight * (img.data[base + c.index] as number);
      }
      out[y * width + x] = Math.min(1, sum);
    }
  }
  return { width, height, data: out };
}

/**
 * The drawing as MNIST input: 784 values in [0, 1] (28×28, row-major), or null when nothing is drawn.
 * The ink's bounding box is scaled so its longer side is 20 pixels, and the result is shifted so
 * its centre of mass sits at the centre of the 28×28 image (as far as the digit stays inside it).
 */
export function toMnistInput(img: InkImage): Float32Array | null {
  const box = inkBounds(img);
  if (!box) return null;
  const small = resampleArea(img, box, MNIST_BOX / Math.max(box.right - box.left, box.bottom - box.top));
  const centre = centreOfMass(small);
  if (!centre) return null;
  // Put the centre of mass on the image's centre (13.5 in pixel-index coordinates), keeping the digit inside.
  const middle = (MNIST_SIDE - 1) / 2;
  const left = clamp(Math.round(middle - centre.x), 0, MNIST_SIDE - small.width);
  const top = clamp(Math.round(middle - centre.y), 0, MNIST_SIDE - small.height);
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) out[(top + y) * MNIST_SIDE + left + x] = small.data[y * small.width + x] as number;
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
