/**
 * Pure parts of the x–y plot (xy-plot.ts): domains, how series are told apart without colour,
 * marker geometry, thinning of huge series and the text alternative. No DOM, no d3.
 */
import { downsample, finiteExtent, niceDomain, type Point } from './scales.ts';

export type PlotKind = 'line' | 'scatter';

export interface XySeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
}

export interface XyPlotSpec {
  kind: PlotKind;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  series: readonly XySeries[];
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'ring';

/** Series i is drawn with colour var(--tk-plot-(i mod 6 + 1)), and a dash pattern (lines) or a marker shape (scatter). */
export const SERIES_STYLES: ReadonlyArray<{ dash: string; marker: MarkerShape }> = [
  { dash: 'none', marker: 'circle' },
  { dash: '7 4', marker: 'square' },
  { dash: '2 3', marker: 'triangle' },
  { dash: '10 3 2 3', marker: 'diamond' },
  { dash: '4 2', marker: 'cross' },
  { dash: '12 5', marker: 'ring' },
];

/** Fallback colours when --tk-plot-N is not defined (the light theme's; src/styles/code-tokens.css defines both themes). */
const FALLBACK_COLOURS = ['#1f6fd1', '#c2410c', '#2e7d32', '#8e3fb5', '#a16207', '#0e7490'];

export function seriesStyle(index: number): { color: string; dash: string; marker: MarkerShape } {
  const i = index % SERIES_STYLES.length;
  const style = SERIES_STYLES[i]!;
  return { color: `var(--tk-plot-${i + 1}, ${FALLBACK_COLOURS[i]})`, dash: style.dash, marker: style.marker };
}

/** Finite points of a series as {x, y}. */
export function finitePoints(points: XySeries['points']): Point[] {
  const out: Point[] = [];
  for (const [x, y] of points) if (Number.isFinite(x) && Number.isFinite(y)) out.push({ x, y });
  return out;
}

/**
 * Domains covering every finite point of every series. y ends on round numbers; so does x for
 * scatters, while a line plot's x spans exactly its data (a curve over epochs 0..12 fills the width).
 */
export function plotDomains(series: readonly XySeries[], kind: PlotKind = 'scatter'): { x: [number, number]; y: [number, number] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    for (const [x, y] of s.points) {
      if (Number.isFinite(x) && Number.isFinite(y)) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  const extent = finiteExtent(xs);
  const x = kind === 'line' && extent && extent[0] < extent[1] ? extent : niceDomain(xs);
  return { x, y: niceDomain(ys) };
}

/**
 * At most `max` points to draw: lines keep their shape (largest-triangle downsampling);
 * scatters keep an even stride through the points.
 */
export function pointsToDraw(kind: PlotKind, points: readonly Point[], max: number): readonly Point[] {
  if (points.length <= max) return points;
  if (kind === 'line') return downsample(points, max);
  const out: Point[] = [];
  const step = points.length / max;
  for (let i = 0; i < max; i++) out.push(points[Math.floor(i * step)]!);
  return out;
}

const f = (v: number) => String(Math.round(v * 100) / 100);

/** SVG path data for one marker of radius r centred on (x, y). */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  switch (shape) {
    case 'circle':
    case 'ring':
      return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
    case 'square': {
      const s = r * 0.9;
      return `M${f(x - s)},${f(y - s)}h${f(2 * s)}v${f(2 * s)}h${f(-2 * s)}Z`;
    }
    case 'triangle': {
      const h = r * 1.2;
      return `M${f(x)},${f(y - h)}L${f(x + h)},${f(y + h * 0.8)}L${f(x - h)},${f(y + h * 0.8)}Z`;
    }
    case 'diamond': {
      const d = r * 1.25;
      return `M${f(x)},${f(y - d)}L${f(x + d)},${f(y)}L${f(x)},${f(y + d)}L${f(x - d)},${f(y)}Z`;
    }
    case 'cross': {
      const c = r * 1.1;
      return `M${f(x - c)},${f(y - c)}L${f(x + c)},${f(y + c)}M${f(x - c)},${f(y + c)}L${f(x + c)},${f(y - c)}`;
    }
  }
}

/** Whether a marker shape is drawn as an outline (stroke) rather than filled. */
export function markerIsStroked(shape: MarkerShape): boolean {
  return shape === 'cross' || shape === 'ring';
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 || v === Math.round(v) ? String(Math.round(v)) : String(Number(v.toPrecision(3))));

/**
 * Text alternative, e.g. "Loss: line plot of 2 series against epoch. train: 50 points, y from
 * 0.31 to 2.3, last 0.31. test: 10 points, y from 0.4 to 1.9, last 0.4."
 */
export function describePlot(spec: XyPlotSpec): string {
  const kind = spec.kind === 'line' ? 'line plot' : 'scatter plot';
  const count = spec.series.length === 1 ? '1 series' : `${spec.series.length} series`;
  const against = spec.xLabel ? ` against ${spec.xLabel}` : '';
  const head = `${spec.title ? `${spec.title}: ` : ''}${kind} of ${count}${against}.`;
  const parts = spec.series.map((s) => {
    const pts = finitePoints(s.points);
    if (pts.length === 0) return `${s.name}: no points.`;
    const [lo, hi] = finiteExtent(pts.map((p) => p.y))!;
    const last = pts[pts.length - 1]!;
    const n = pts.length === 1 ? '1 point' : `${pts.length} points`;
    const range = lo === hi ? `y ${fmt(lo)}` : `y from ${fmt(lo)} to ${fmt(hi)}`;
    return spec.kind === 'line' ? `${s.name}: ${n}, ${range}, last ${fmt(last.y)}.` : `${s.name}: ${n}, ${range}.`;
  });
  return [head, ...parts].join(' ');
}
