/**
 * Canvas drawing for the CNN trainer: RGBA pixels (from src/lib/cnn-trainer/pixels.ts) onto small
 * canvases scaled up with CSS (image-rendering: pixelated), test images as the dataset shows them,
 * the filters and each layer's feature maps.
 */
import { filterToRgba, largestMagnitude, mapToRgba } from '../../lib/cnn-trainer/pixels.ts';
import { DIGIT_PIXELS, DIGIT_SIDE, digitToRgba } from '../../viz/digit-grid.ts';
import type { Filters, LayerOutput } from '../../workers/feature-maps/protocol.ts';
import { layerTitle } from './text.ts';

/** Puts `rgba` (width × height pixels) on `canvas`, resizing it. */
export function paint(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray, width: number, height: number): void {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
}

/** A canvas showing test image `i` of `pixels` (784 grey levels each), dark on white. */
export function imageCanvas(pixels: Uint8Array, i: number, className = 'tk-cnn__image'): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = className;
  canvas.setAttribute('aria-hidden', 'true');
  if (pixels.length >= (i + 1) * DIGIT_PIXELS) paint(canvas, digitToRgba(pixels, i), DIGIT_SIDE, DIGIT_SIDE);
  return canvas;
}

/** The first layer's filters into the slots of `list` (one canvas per filter; slots added or removed to fit). */
export function drawFilters(list: HTMLElement, filters: Filters): void {
  const [kh, kw, , outC] = filters.shape;
  while (list.children.length < outC) {
    const item = document.createElement('li');
    const canvas = document.createElement('canvas');
    canvas.className = 'tk-cnn__filter';
    canvas.setAttribute('aria-hidden', 'true');
    item.append(canvas);
    list.append(item);
  }
  while (list.children.length > outC) list.lastElementChild?.remove();
  const scale = largestMagnitude(filters.values);
  list.querySelectorAll('canvas').forEach((canvas, f) => {
    paint(canvas, filterToRgba(filters.values, filters.shape, f, 0, scale), kw, kh);
    canvas.dataset.filter = String(f);
  });
  list.dataset.drawn = String(Number(list.dataset.drawn ?? '0') + 1);
}

/** Every image-shaped layer output as a row of small grey maps, with its title. */
export function drawMaps(host: HTMLElement, outputs: readonly LayerOutput[]): void {
  let conv = 0;
  let pool = 0;
  const rows = outputs
    .filter((o) => o.shape.length === 3 && (o.className === 'Conv2D' || o.className === 'MaxPooling2D'))
    .map((o) => {
      const isConv = o.className === 'Conv2D';
      const [height = 0, width = 0, channels = 0] = o.shape;
      const row = document.createElement('figure');
      row.className = 'tk-cnn__layer';
      row.dataset.layer = o.name;
      const title = document.createElement('figcaption');
      title.textContent = layerTitle(isConv ? 'conv' : 'pool', isConv ? ++conv : ++pool, o.shape);
      const list = document.createElement('div');
      list.className = 'tk-cnn__layer-maps';
      for (let c = 0; c < channels; c++) {
        const canvas = document.createElement('canvas');
        canvas.className = 'tk-cnn__map-canvas';
        canvas.setAttribute('aria-hidden', 'true');
        paint(canvas, mapToRgba(o.values, { height, width, channels }, c), width, height);
        list.append(canvas);
      }
      row.append(title, list);
      return row;
    });
  host.replaceChildren(...rows);
}
