/**
 * Grey images given as floats (0 = background … 1 = full ink, as the autoencoders see them) drawn
 * on small canvases, dark ink on white paper like the dataset's images elsewhere (viz/digit-grid.ts),
 * so they read the same in both themes. Values outside 0..1 are clamped.
 */

/** RGBA pixels of image `index` of `values` (each image `pixels` long): v → grey 255·(1 − v). */
export function greyToRgba(
  values: ArrayLike<number>,
  index: number,
  pixels: number,
  out: Uint8ClampedArray<ArrayBuffer> = new Uint8ClampedArray(pixels * 4),
): Uint8ClampedArray<ArrayBuffer> {
  const offset = index * pixels;
  if (index < 0 || offset + pixels > values.length) throw new RangeError(`greyToRgba: no image ${index} in ${Math.floor(values.length / pixels)}.`);
  for (let p = 0; p < pixels; p++) {
    const v = Math.round(255 * (1 - Math.min(1, Math.max(0, values[offset + p]!))));
    out[4 * p] = v;
    out[4 * p + 1] = v;
    out[4 * p + 2] = v;
    out[4 * p + 3] = 255;
  }
  return out;
}

/** Draws image `index` (side × side floats) on `canvas`, resizing it to side × side (CSS scales it up). */
export function paintGrey(canvas: HTMLCanvasElement, values: ArrayLike<number>, index = 0, side = 28): void {
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const rgba = greyToRgba(values, index, side * side);
  canvas.getContext('2d')?.putImageData(new ImageData(rgba, side, side), 0, 0);
}

export interface ImageRow {
  /** Read by screen readers before the row's images ("Test images"). */
  label: string;
  /** count × side² floats. */
  values: ArrayLike<number>;
}

/**
 * Rows of small images, one above the other, column k of every row showing image k (inputs above
 * their reconstructions). The canvases are made once and repainted on later calls.
 */
export function paintImageRows(host: HTMLElement, rows: readonly ImageRow[], count: number, side = 28): void {
  rows.forEach((row, r) => {
    let line = host.children[r] as HTMLElement | undefined;
    if (!line) {
      line = document.createElement('div');
      line.className = 'tk-image-row';
      line.setAttribute('role', 'img');
      host.append(line);
    }
    line.setAttribute('aria-label', `${row.label}: ${count} images`);
    while (line.children.length < count) {
      const canvas = document.createElement('canvas');
      canvas.className = 'tk-image-row__image';
      line.append(canvas);
    }
    while (line.children.length > count) line.lastElementChild?.remove();
    for (let k = 0; k < count; k++) paintGrey(line.children[k] as HTMLCanvasElement, row.values, k, side);
  });
}
