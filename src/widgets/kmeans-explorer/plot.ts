/**
 * The explorer's drawings as SVG strings, shared by the build-time markup and the element: the plane
 * (points by cluster, each cluster its colour AND its marker shape, the nearest-centroid regions, the
 * numbered centroids), DBSCAN's clusters on the same points, and the elbow plot. Pure, no DOM, no d3.
 */
import { PLANE } from '../../lib/kmeans-explorer/datasets.ts';
import { NOISE } from '../../lib/kmeans-explorer/dbscan.ts';
import { formatXY } from '../../lib/kmeans-explorer/text.ts';
import { voronoiCells } from '../../lib/kmeans-explorer/voronoi.ts';
import { escapeHtml } from '../shared/html.ts';

/** The plane in pixels (the svg scales to its container): 80 px a unit. */
export const PLOT = { width: 480, height: 320 } as const;

/**
 * Cluster c's colour: the site's class palette (each ≥ 3:1 on the figure background in both themes,
 * src/styles/tokens.css), in an order that keeps neighbours apart. Never the only cue: each cluster
 * also has its marker shape, and each centroid its number.
 */
const PALETTE = [0, 5, 2, 7, 1, 8, 3, 6] as const;
export const clusterColour = (c: number): string => `var(--class-${PALETTE[c % PALETTE.length]!})`;

export type Shape = 'circle' | 'square' | 'triangle' | 'diamond';
const SHAPES: readonly Shape[] = ['circle', 'square', 'triangle', 'diamond'];
export const clusterShape = (c: number): Shape => SHAPES[c % SHAPES.length]!;

const r1 = (v: number): string => String(Math.round(v * 10) / 10);

export const toPixels = (x: number, y: number): [number, number] => [
  ((x - PLANE.x[0]) / (PLANE.x[1] - PLANE.x[0])) * PLOT.width,
  PLOT.height - ((y - PLANE.y[0]) / (PLANE.y[1] - PLANE.y[0])) * PLOT.height,
];

export const toPlane = (px: number, py: number): [number, number] => [
  PLANE.x[0] + (px / PLOT.width) * (PLANE.x[1] - PLANE.x[0]),
  PLANE.y[0] + ((PLOT.height - py) / PLOT.height) * (PLANE.y[1] - PLANE.y[0]),
];

/** A path of `shape` centred on (cx, cy), `size` across (one `d` string, so many markers of a cluster share one path). */
function shapePath(shape: Shape, cx: number, cy: number, size: number): string {
  const h = size / 2;
  switch (shape) {
    case 'circle':
      return `M${r1(cx - h)},${r1(cy)}a${r1(h)},${r1(h)} 0 1,0 ${r1(size)},0a${r1(h)},${r1(h)} 0 1,0 ${r1(-size)},0`;
    case 'square':
      return `M${r1(cx - h * 0.85)},${r1(cy - h * 0.85)}h${r1(size * 0.85)}v${r1(size * 0.85)}h${r1(-size * 0.85)}Z`;
    case 'triangle':
      return `M${r1(cx)},${r1(cy - h * 1.1)}L${r1(cx + h)},${r1(cy + h * 0.75)}L${r1(cx - h)},${r1(cy + h * 0.75)}Z`;
    case 'diamond':
      return `M${r1(cx)},${r1(cy - h * 1.15)}L${r1(cx + h)},${r1(cy)}L${r1(cx)},${r1(cy + h * 1.15)}L${r1(cx - h)},${r1(cy)}Z`;
  }
}

/** A cross (a noise point): `size` across. */
const crossPath = (cx: number, cy: number, size: number): string => {
  const h = size / 2;
  return `M${r1(cx - h)},${r1(cy - h)}l${r1(size)},${r1(size)}M${r1(cx - h)},${r1(cy + h)}l${r1(size)},${r1(-size)}`;
};

/**
 * The points, one path per cluster (`labels` null: all alike, not yet assigned; label −1: noise, a grey
 * cross). `data-cluster` and `data-count` say what each path holds.
 */
export function pointsMarkup(points: Float32Array, n: number, labels: ArrayLike<number> | null, size = 7): string {
  const groups = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const c = labels ? labels[i]! : -2;
    const [px, py] = toPixels(points[2 * i]!, points[2 * i + 1]!);
    const d = c === NOISE ? crossPath(px, py, size * 0.8) : shapePath(c < 0 ? 'circle' : clusterShape(c), px, py, size);
    const list = groups.get(c) ?? [];
    list.push(d);
    groups.set(c, list);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([c, ds]) => {
      if (c === -2) return `<path class="tk-km__points tk-km__points--new" data-cluster="none" data-count="${ds.length}" d="${ds.join('')}"/>`;
      if (c === NOISE) return `<path class="tk-km__points tk-km__points--noise" data-cluster="noise" data-count="${ds.length}" d="${ds.join('')}"/>`;
      return `<path class="tk-km__points" data-cluster="${c}" data-count="${ds.length}" fill="${clusterColour(c)}" d="${ds.join('')}"/>`;
    })
    .join('');
}

/** The nearest-centroid region of each centroid, tinted with its cluster's colour. */
export function cellsMarkup(centroids: Float32Array, k: number): string {
  return voronoiCells(centroids, k, PLANE)
    .map((cell, c) => {
      if (cell.length === 0) return '';
      const d = cell.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r1(toPixels(x, y)[0])},${r1(toPixels(x, y)[1])}`).join('') + 'Z';
      return `<path class="tk-km__cell" data-cluster="${c}" fill="${clusterColour(c)}" d="${d}"/>`;
    })
    .join('');
}

/** What a centroid says to a screen reader and a keyboard user. */
export function centroidLabel(c: number, x: number, y: number, size: number | null, empty: boolean): string {
  const members = size === null ? '' : empty ? ', empty' : `, ${size} point${size === 1 ? '' : 's'}`;
  return `Centroid ${c + 1} at ${formatXY(x, y)}${members}. Arrow keys move it (Shift: further).`;
}

/**
 * The numbered centroids, each a focusable button the reader can drag or move with the arrow keys.
 * An empty cluster's centroid is drawn hollow and dashed, labelled "empty".
 */
export function centroidsMarkup(centroids: Float32Array, k: number, sizes: readonly number[] | null): string {
  const out: string[] = [];
  for (let c = 0; c < k; c++) {
    const x = centroids[2 * c]!;
    const y = centroids[2 * c + 1]!;
    const [px, py] = toPixels(x, y);
    const size = sizes ? sizes[c]! : null;
    const empty = size === 0;
    const label = escapeHtml(centroidLabel(c, x, y, size, empty));
    // "empty" beside the mark, on the side towards the middle of the plane (never cut off at an edge).
    const anchor = px > PLOT.width / 2 ? 'end' : 'start';
    const emptyTag = empty
      ? `<text class="tk-km__empty-label" x="${r1(px + (anchor === 'end' ? -16 : 16))}" y="${r1(py)}" dy="0.35em" text-anchor="${anchor}">empty</text>`
      : '';
    out.push(
      `<g class="tk-km__centroid${empty ? ' tk-km__centroid--empty' : ''}" data-centroid="${c}" data-x="${x.toFixed(3)}" data-y="${y.toFixed(3)}"${empty ? ' data-empty=""' : ''} tabindex="0" role="button" aria-roledescription="movable centroid" aria-label="${label}" style="--c: ${clusterColour(c)}">` +
        `<circle class="tk-km__halo" cx="${r1(px)}" cy="${r1(py)}" r="22"/>` +
        `<circle class="tk-km__mark" cx="${r1(px)}" cy="${r1(py)}" r="11"/>` +
        `<text class="tk-km__number" x="${r1(px)}" y="${r1(py)}" dy="0.35em" text-anchor="middle">${c + 1}</text>${emptyTag}</g>`,
    );
  }
  return out.join('');
}

/** The plane: background, regions, points, centroids (the element redraws the inner groups). */
export function planeMarkup(inner: { cells: string; points: string; centroids: string }, label: string): string {
  return (
    `<svg class="tk-km__svg" viewBox="0 0 ${PLOT.width} ${PLOT.height}" width="${PLOT.width}" height="${PLOT.height}" data-part="plane">` +
    `<title data-part="plane-title">${escapeHtml(label)}</title>` +
    `<rect class="tk-km__bg" width="${PLOT.width}" height="${PLOT.height}" data-part="plane-bg"/>` +
    `<g data-part="cells">${inner.cells}</g>` +
    `<g data-part="dots">${inner.points}</g>` +
    `<g data-part="centroids">${inner.centroids}</g>` +
    `</svg>`
  );
}

/** DBSCAN's clusters on the same points, small; noise as grey crosses. */
export function dbscanMarkup(points: Float32Array, n: number, labels: ArrayLike<number>, label: string): string {
  return (
    `<svg class="tk-km__svg tk-km__svg--small" viewBox="0 0 ${PLOT.width} ${PLOT.height}" width="${PLOT.width / 2}" height="${PLOT.height / 2}" role="img" aria-label="${escapeHtml(label)}">` +
    `<rect class="tk-km__bg" width="${PLOT.width}" height="${PLOT.height}"/>` +
    pointsMarkup(points, n, labels, 10) +
    `</svg>`
  );
}

const ELBOW = { width: 300, height: 200, left: 52, right: 12, top: 12, bottom: 40 } as const;

/** Inertia against k (1 … inertias.length), the chosen k ringed. Empty axes when there is no curve. */
export function elbowMarkup(inertias: readonly number[], k: number, label: string): string {
  const { width, height, left, right, top, bottom } = ELBOW;
  const w = width - left - right;
  const h = height - top - bottom;
  const maxK = 8;
  const top1 = Math.max(1, ...inertias);
  const x = (kk: number) => left + ((kk - 1) / (maxK - 1)) * w;
  const y = (v: number) => top + h - (v / top1) * h;
  const xTicks = Array.from(
    { length: maxK },
    (_, i) => `<text x="${r1(x(i + 1))}" y="${height - bottom + 16}" text-anchor="middle">${i + 1}</text>`,
  ).join('');
  const yTicks = [0, 0.5, 1]
    .map((f) => `<text x="${left - 6}" y="${r1(y(f * top1))}" dy="0.32em" text-anchor="end">${Math.round(f * top1)}</text>`)
    .join('');
  const line = inertias.map((v, i) => `${i === 0 ? 'M' : 'L'}${r1(x(i + 1))},${r1(y(v))}`).join('');
  const dots = inertias.map((v, i) => `<circle class="tk-km__elbow-dot" cx="${r1(x(i + 1))}" cy="${r1(y(v))}" r="3.5"/>`).join('');
  const chosen = inertias[k - 1];
  const ring = chosen === undefined ? '' : `<circle class="tk-km__elbow-chosen" cx="${r1(x(k))}" cy="${r1(y(chosen))}" r="8"/>`;
  return (
    `<svg class="tk-km__elbow" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}" data-part="elbow-svg">` +
    `<path class="tk-km__axis" d="M${left},${top}V${top + h}H${left + w}"/>` +
    `<g class="tk-km__ticks" aria-hidden="true">${xTicks}${yTicks}` +
    `<text x="${left + w / 2}" y="${height - 6}" text-anchor="middle">k (clusters)</text>` +
    `<text transform="translate(12 ${top + h / 2}) rotate(-90)" text-anchor="middle">inertia</text></g>` +
    (line ? `<path class="tk-km__elbow-line" d="${line}"/>` : '') +
    dots +
    ring +
    `</svg>`
  );
}
