/**
 * The explained-variance chart of a PCA as an SVG string (made at build time with d3-scale and
 * d3-shape, which need no DOM): one bar per component (its share of the variance) and the
 * cumulative share as a line, on one 0–100% axis, with a marker at the m components in use that
 * the widget moves (`varianceMarker`). Colours: --series-1 (bars), --series-2 (line).
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { escapeHtml } from '../lib/format/html.ts';
import { formatPercent } from '../lib/format/numbers.ts';
import { CHART_MARGIN } from './chart-frame.ts';

export interface VarianceChartOptions {
  /** Each component's share of the total variance, largest first. */
  ratios: readonly number[];
  /** The components in use (the marker). */
  m: number;
  width?: number;
  height?: number;
}

const n = (v: number): string => String(Math.round(v * 10) / 10);

interface Geometry {
  x: (component: number) => number;
  y: (share: number) => number;
  band: number;
  width: number;
  height: number;
}

function geometry(count: number, width: number, height: number): Geometry {
  const w = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const band = scaleBand<number>()
    .domain(Array.from({ length: count }, (_, i) => i + 1))
    .range([0, w])
    .paddingInner(0.2);
  const y = scaleLinear().domain([0, 1]).range([height, 0]);
  return { x: (c) => (band(c) ?? 0) + band.bandwidth() / 2, y: (s) => y(s), band: band.bandwidth(), width: w, height };
}

/** Where the marker for m components sits, and what it says: "10 components: 72.0%". */
export function varianceMarker(ratios: readonly number[], m: number, width = 360, height = 180): { x: number; y: number; label: string } {
  const g = geometry(ratios.length, width, height);
  const kept = ratios.slice(0, m).reduce((s, v) => s + v, 0);
  return { x: g.x(m), y: g.y(kept), label: `${m} component${m === 1 ? '' : 's'}: ${formatPercent(kept)}` };
}

/** The chart's `<svg>` (role="img", its label the figures in words). */
export function varianceChartSvg({ ratios, m, width = 360, height = 180 }: VarianceChartOptions): string {
  const g = geometry(ratios.length, width, height);
  const margin = CHART_MARGIN;
  let sum = 0;
  const cumulative = ratios.map((r) => (sum += r));
  const bars = ratios
    .map((r, i) => `<rect x="${n(g.x(i + 1) - g.band / 2)}" y="${n(g.y(r))}" width="${n(g.band)}" height="${n(g.height - g.y(r))}"/>`)
    .join('');
  const path = line<number>()
    .x((_, i) => g.x(i + 1))
    .y((v) => g.y(v))(cumulative);
  const yTicks = [0, 0.25, 0.5, 0.75, 1];
  const xTicks = [1, 8, 16, 24, 32, 40, 48, 56, 64].filter((t) => t <= ratios.length);
  const grid = yTicks.map((t) => `<line x1="0" x2="${n(g.width)}" y1="${n(g.y(t))}" y2="${n(g.y(t))}"/>`).join('');
  const yAxis = yTicks
    .map(
      (t) =>
        `<g transform="translate(0,${n(g.y(t))})"><line x2="-6" stroke="currentColor"/><text x="-9" dy="0.32em" text-anchor="end">${t * 100}%</text></g>`,
    )
    .join('');
  const xAxis = xTicks
    .map(
      (t) =>
        `<g transform="translate(${n(g.x(t))},0)"><line y2="6" stroke="currentColor"/><text y="9" dy="0.71em" text-anchor="middle">${t}</text></g>`,
    )
    .join('');
  const mark = varianceMarker(ratios, m, width, height);
  const at = (k: number): string => formatPercent(cumulative[Math.min(k, cumulative.length) - 1] ?? 0);
  const label =
    `Explained variance of the first ${ratios.length} components: the first alone ${formatPercent(ratios[0] ?? 0)}, ` +
    `the first 2 ${at(2)}, 10 ${at(10)}, ${ratios.length} ${at(ratios.length)}; each further component adds less.`;
  const total = height + margin.top + margin.bottom;
  return (
    `<svg class="tk-chart__svg tk-pca__variance" viewBox="0 0 ${width} ${total}" width="${width}" height="${total}" role="img" aria-label="${escapeHtml(label)}">` +
    `<g transform="translate(${margin.left},${margin.top})">` +
    `<g class="tk-chart__grid">${grid}</g>` +
    `<g class="tk-pca__bars">${bars}</g>` +
    `<path class="tk-pca__cumulative" d="${path ?? ''}"/>` +
    `<g class="tk-chart__axis" transform="translate(0,${height})"><path class="domain" stroke="currentColor" d="M0.5,0H${n(g.width)}"/>${xAxis}</g>` +
    `<g class="tk-chart__axis"><path class="domain" stroke="currentColor" d="M0,${height}V0.5"/>${yAxis}</g>` +
    `<g class="tk-pca__marker" data-part="variance-marker" transform="translate(${n(mark.x)},0)">` +
    `<line y1="0" y2="${height}"/><circle data-part="variance-dot" cx="0" cy="${n(mark.y)}" r="4"/>` +
    `<text data-part="variance-label" x="${mark.x > g.width / 2 ? -6 : 6}" y="${n(Math.min(height - 8, mark.y + 18))}" text-anchor="${mark.x > g.width / 2 ? 'end' : 'start'}">${escapeHtml(mark.label)}</text></g>` +
    `<g class="tk-pca__chart-key" transform="translate(${n(g.width - 150)},${n(g.y(0.55))})">` +
    `<rect x="0" y="-8" width="10" height="10" class="tk-pca__key-swatch"/><text x="14" y="0">each component</text>` +
    `<line x1="0" x2="10" y1="14" y2="14" class="tk-pca__key-line"/><text x="14" y="18">first m together</text></g>` +
    `<text class="tk-chart__axis-title" text-anchor="middle" x="${n(g.width / 2)}" y="${height + 34}">Component</text>` +
    `<text class="tk-chart__axis-title" text-anchor="middle" transform="translate(${-margin.left + 12},${height / 2}) rotate(-90)">Share of the variance</text>` +
    `</g></svg>`
  );
}
