/**
 * A few dataset images as one SVG string, drawn at build time in a trainer's figure (so the reader
 * sees the data before anything downloads). Each 28×28 image is a black tile with its ink as
 * paths, one per grey level (runs of pixels along each row), and its label under it. Pure.
 */
import { escapeHtml } from '../lib/format/html.ts';

export interface SampleImage {
  label: number | string;
  /** side×side pixels row by row, one hex digit each (0 black … f white), as in lib/data/mnist-sample.ts. */
  pixels: string;
}

export interface SampleOptions {
  /** Images per row. Default 5. */
  columns?: number;
  /** Pixels per side. Default 28. */
  side?: number;
  /** The text alternative's lead, e.g. "Ten MNIST test images". */
  description?: string;
}

/** Grey levels drawn: a pixel at hex level ≥ 4 gets the opacity of its band (fainter pixels are left black). */
const BANDS = [
  { from: 4, opacity: 0.35 },
  { from: 8, opacity: 0.7 },
  { from: 12, opacity: 1 },
] as const;

/** Which band (index into BANDS) a hex level falls in, or -1 for background. */
export function band(level: number): number {
  for (let b = BANDS.length - 1; b >= 0; b--) if (level >= BANDS[b]!.from) return b;
  return -1;
}

/** Path data of one image's pixels in `bandIndex`, offset to (ox, oy): one rectangle per run along a row. */
export function bandPath(pixels: string, side: number, bandIndex: number, ox = 0, oy = 0): string {
  let d = '';
  for (let row = 0; row < side; row++) {
    let start = -1;
    for (let col = 0; col <= side; col++) {
      const inBand = col < side && band(parseInt(pixels[row * side + col] ?? '0', 16)) === bandIndex;
      if (inBand && start < 0) start = col;
      if (!inBand && start >= 0) {
        d += `M${ox + start} ${oy + row}h${col - start}v1h${start - col}z`;
        start = -1;
      }
    }
  }
  return d;
}

/** The images as a grid of tiles with their labels, one `<svg role="img">`. */
export function digitSample(images: readonly SampleImage[], options: SampleOptions = {}): string {
  const { columns = 5, side = 28, description = `${images.length} sample images` } = options;
  const gap = 6;
  const labelHeight = 13;
  const cellW = side + gap;
  const cellH = side + labelHeight + gap;
  const rows = Math.ceil(images.length / columns);
  const width = Math.min(columns, images.length) * cellW - gap;
  const height = rows * cellH - gap;
  const tiles = images
    .map((img, i) => {
      const x = (i % columns) * cellW;
      const y = Math.floor(i / columns) * cellH;
      const ink = BANDS.map((b, k) => {
        const d = bandPath(img.pixels, side, k, x, y);
        return d ? `<path d="${d}" fill-opacity="${b.opacity}"/>` : '';
      }).join('');
      return (
        `<g class="tk-sample__image"><rect class="tk-sample__tile" x="${x}" y="${y}" width="${side}" height="${side}"/>${ink}` +
        `<text class="tk-sample__label" x="${x + side / 2}" y="${y + side + labelHeight - 2}" text-anchor="middle">${escapeHtml(img.label)}</text></g>`
      );
    })
    .join('');
  const labels = images.map((img) => String(img.label)).join(', ');
  return (
    `<svg class="tk-sample" viewBox="0 0 ${width} ${height}" width="${width * 2}" height="${height * 2}" role="img" ` +
    `aria-label="${escapeHtml(`${description}, labelled ${labels}.`)}" shape-rendering="crispEdges">${tiles}</svg>`
  );
}
