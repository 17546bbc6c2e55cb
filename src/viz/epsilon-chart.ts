/**
 * Curves against the attack strength ε as one markup string: several named series (e.g. "attack
 * success rate" and "robust accuracy", or "standard model" and "adversarially trained") drawn as
 * lines with a marker at every measured ε, a legend, and the numbers as a table inside a
 * `<details>` (the text alternative a keyboard or screen-reader user can read point by point). The
 * same function draws the empty axes before any data (series with no points), so the figure is in
 * the build-time markup and does not jump when the data comes. Pure: no DOM, no d3.
 *
 *   host.innerHTML = epsilonChart({
 *     title: 'Attack success rate', yLabel: 'Share of images',
 *     series: [{ id: 'success', label: 'attack success rate', points: [{ epsilon: 0, value: 0 }, …] }],
 *     marker: { epsilon: 0.1, label: 'ε = 0.1' },
 *   });
 *
 * Series are told apart by colour (--series-1…4), dash pattern and marker shape, never by colour alone.
 */
import { escapeHtml } from '../lib/format/html.ts';
import { formatPercent } from '../lib/format/numbers.ts';
import { CHART_MARGIN, targetMarkup, type ChartTarget } from './chart-frame.ts';
import { niceTicks } from './scales.ts';

export interface EpsilonPoint {
  epsilon: number;
  value: number;
}

export interface EpsilonSeries {
  /** A stable name (data-series in the markup). */
  id: string;
  /** Shown in the legend, the table's column head and the text alternative ("attack success rate"). */
  label: string;
  /** One point per measured ε; none yet draws the empty axes. */
  points: readonly EpsilonPoint[];
}

export interface EpsilonChartOptions {
  /** Short name for the text alternative, e.g. "Attack success rate". */
  title: string;
  /** The y axis title, e.g. "Share of images". */
  yLabel: string;
  series: readonly EpsilonSeries[];
  /** The x axis title (default "ε, the largest change to any pixel"). */
  xLabel?: string;
  /** The ε axis runs from 0 to this (default 0.3, the end of the lesson's grid). */
  xMax?: number;
  /** The y axis (default 0 to 1: rates and accuracies). */
  yDomain?: [number, number];
  /** How values are written (default a percentage, "42.0%"). */
  formatY?: (value: number) => string;
  /** A dashed vertical line at one ε (the ε a matrix or a sneaker is shown at). */
  marker?: { epsilon: number; label: string };
  /** A dashed horizontal goal line. */
  target?: ChartTarget;
  /** The table's summary line (default "The numbers"). */
  tableSummary?: string;
  /** Plot height and outer width of the svg (it scales to its container). Defaults 180 and 360. */
  height?: number;
  width?: number;
}

/** How the k-th series is drawn: a colour token, a dash pattern, a marker shape. */
export const SERIES_STYLES = [
  { color: 'var(--series-1, #0072b2)', dash: '', shape: 'circle' },
  { color: 'var(--series-2, #d55e00)', dash: '6 4', shape: 'square' },
  { color: 'var(--series-3, #009e73)', dash: '2 3', shape: 'triangle' },
  { color: 'var(--series-4, #cc79a7)', dash: '8 3 2 3', shape: 'diamond' },
] as const;

type Shape = (typeof SERIES_STYLES)[number]['shape'];

const DEFAULT_X_LABEL = 'ε, the largest change to any pixel';

const n = (v: number): string => String(Math.round(v * 10) / 10);
/** ε as the lesson writes it: 0.1, 0.075, 0.01. */
export const formatEpsilon = (e: number): string => String(Number(e.toPrecision(3)));

const styleOf = (k: number) => SERIES_STYLES[k % SERIES_STYLES.length]!;

function markerPath(shape: Shape, x: number, y: number): string {
  const r = 3.6;
  switch (shape) {
    case 'circle':
      return `M${n(x - r)},${n(y)}a${r},${r} 0 1,0 ${n(2 * r)},0a${r},${r} 0 1,0 ${n(-2 * r)},0Z`;
    case 'square':
      return `M${n(x - r)},${n(y - r)}h${n(2 * r)}v${n(2 * r)}h${n(-2 * r)}Z`;
    case 'triangle':
      return `M${n(x)},${n(y - r - 0.6)}L${n(x + r + 0.4)},${n(y + r - 0.4)}L${n(x - r - 0.4)},${n(y + r - 0.4)}Z`;
    case 'diamond':
      return `M${n(x)},${n(y - r - 0.8)}L${n(x + r + 0.8)},${n(y)}L${n(x)},${n(y + r + 0.8)}L${n(x - r - 0.8)},${n(y)}Z`;
  }
}

const sorted = (points: readonly EpsilonPoint[]) =>
  points.filter((p) => Number.isFinite(p.epsilon) && Number.isFinite(p.value)).sort((a, b) => a.epsilon - b.epsilon);

/** The text alternative: each series' values at its first and last ε and at the marker, or "no data yet". */
export function describeEpsilonChart(options: EpsilonChartOptions): string {
  const { title, yLabel, series, xMax = 0.3, formatY = (v) => formatPercent(v), marker } = options;
  const drawn = series.filter((s) => sorted(s.points).length > 0);
  if (drawn.length === 0) {
    return `${title} chart, no data yet: ${yLabel.toLowerCase()} against ε from 0 to ${formatEpsilon(xMax)} for ${series.map((s) => s.label).join(' and ')}.`;
  }
  const parts = drawn.map((s) => {
    const pts = sorted(s.points);
    const first = pts[0]!;
    const last = pts[pts.length - 1]!;
    const at = marker ? pts.find((p) => Math.abs(p.epsilon - marker.epsilon) < 1e-9) : undefined;
    const middle = at && at !== first && at !== last ? `, ${formatY(at.value)} at ε = ${formatEpsilon(at.epsilon)}` : '';
    return `${s.label} ${formatY(first.value)} at ε = ${formatEpsilon(first.epsilon)}${middle}, ${formatY(last.value)} at ε = ${formatEpsilon(last.epsilon)}`;
  });
  return `${title} chart: ${parts.join('; ')}.`;
}

/** The chart's `<svg>` (role="img", labelled by `describeEpsilonChart`). */
export function epsilonChartSvg(options: EpsilonChartOptions): string {
  const {
    xLabel = DEFAULT_X_LABEL,
    yLabel,
    series,
    xMax = 0.3,
    yDomain = [0, 1],
    formatY = (v) => formatPercent(v, 0),
    marker,
    target,
    height = 180,
    width = 360,
  } = options;
  const m = CHART_MARGIN;
  const w = width - m.left - m.right;
  const x = (e: number) => (e / (xMax || 1)) * w;
  const y = (v: number) => height - ((v - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * height;
  const xTicks = niceTicks([0, xMax], Math.max(2, Math.min(10, Math.floor(w / 50))));
  const yTicks = niceTicks(yDomain, 5);
  const grid = yTicks.map((t) => `<line x1="0" x2="${n(w)}" y1="${n(y(t))}" y2="${n(y(t))}"/>`).join('');
  const xAxis = xTicks
    .map(
      (t) =>
        `<g transform="translate(${n(x(t))},0)"><line y2="6" stroke="currentColor"/><text y="9" dy="0.71em" text-anchor="middle">${formatEpsilon(t)}</text></g>`,
    )
    .join('');
  const yAxis = yTicks
    .map(
      (t) =>
        `<g transform="translate(0,${n(y(t))})"><line x2="-6" stroke="currentColor"/><text x="-9" dy="0.32em" text-anchor="end">${escapeHtml(formatY(t))}</text></g>`,
    )
    .join('');
  const lines = series
    .map((s, k) => {
      const pts = sorted(s.points);
      if (pts.length === 0) return '';
      const st = styleOf(k);
      const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(x(p.epsilon))},${n(y(p.value))}`).join('');
      const marks = pts.map((p) => markerPath(st.shape, x(p.epsilon), y(p.value))).join('');
      return (
        `<g class="tk-epsilon-chart__series" data-series="${escapeHtml(s.id)}">` +
        `<path class="tk-chart__line" fill="none" d="${d}" style="stroke:${st.color}${st.dash ? `;stroke-dasharray:${st.dash}` : ''}"/>` +
        `<path class="tk-epsilon-chart__markers" data-points="${pts.length}" d="${marks}" style="fill:${st.color}"/></g>`
      );
    })
    .join('');
  const mark = marker
    ? `<g class="tk-chart__target tk-epsilon-chart__marker"><line x1="${n(x(marker.epsilon))}" x2="${n(x(marker.epsilon))}" y1="0" y2="${height}"/>` +
      `<text x="${n(x(marker.epsilon) + 4)}" y="10">${escapeHtml(marker.label)}</text></g>`
    : '';
  const empty = series.every((s) => sorted(s.points).length === 0);
  return (
    `<svg class="tk-chart__svg${empty ? ' tk-chart__svg--empty' : ''}" viewBox="0 0 ${width} ${height + m.top + m.bottom}" width="${width}" height="${height + m.top + m.bottom}" role="img" aria-label="${escapeHtml(describeEpsilonChart(options))}">` +
    `<g transform="translate(${m.left},${m.top})">` +
    `<g class="tk-chart__grid">${grid}</g>` +
    `<g class="tk-chart__axis" transform="translate(0,${height})"><path class="domain" stroke="currentColor" d="M0.5,0H${n(w)}"/>${xAxis}</g>` +
    `<g class="tk-chart__axis"><path class="domain" stroke="currentColor" d="M0,${height}V0.5"/>${yAxis}</g>` +
    (target ? targetMarkup(target, y(target.y), w) : '') +
    mark +
    lines +
    `<text class="tk-chart__axis-title" text-anchor="middle" x="${n(w / 2)}" y="${height + 34}">${escapeHtml(xLabel)}</text>` +
    `<text class="tk-chart__axis-title" text-anchor="middle" transform="translate(${-m.left + 12},${height / 2}) rotate(-90)">${escapeHtml(yLabel)}</text>` +
    `</g></svg>`
  );
}

/** The legend: one entry per series, its line and marker drawn as in the chart. */
export function epsilonLegend(series: readonly EpsilonSeries[]): string {
  const items = series.map((s, k) => {
    const st = styleOf(k);
    const swatch =
      `<svg class="tk-chart__swatch" width="26" height="10" aria-hidden="true">` +
      `<line x1="1" x2="25" y1="5" y2="5" style="stroke:${st.color};stroke-width:2.5${st.dash ? `;stroke-dasharray:${st.dash}` : ''}"/>` +
      `<path d="${markerPath(st.shape, 13, 5)}" style="fill:${st.color}"/></svg>`;
    return `<li data-series="${escapeHtml(s.id)}">${swatch}<span>${escapeHtml(s.label)}</span></li>`;
  });
  return `<ul class="tk-chart__legend">${items.join('')}</ul>`;
}

/** The numbers as a table, one row per ε and one column per series ('—' where a series has no value). */
export function epsilonTable(options: EpsilonChartOptions): string {
  const { title, series, formatY = (v) => formatPercent(v) } = options;
  const epsilons = [...new Set(series.flatMap((s) => sorted(s.points).map((p) => p.epsilon)))].sort((a, b) => a - b);
  if (epsilons.length === 0) return '';
  const head = `<tr><th scope="col">ε</th>${series.map((s) => `<th scope="col">${escapeHtml(s.label)}</th>`).join('')}</tr>`;
  const rows = epsilons
    .map((e) => {
      const cells = series.map((s) => {
        const p = s.points.find((q) => q.epsilon === e);
        return `<td>${p && Number.isFinite(p.value) ? escapeHtml(formatY(p.value)) : '—'}</td>`;
      });
      return `<tr><th scope="row">${formatEpsilon(e)}</th>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table class="tk-epsilon-chart__table"><caption>${escapeHtml(title)} at each ε</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** The whole chart: the svg, its legend and (once there are numbers) the table in a `<details>`. */
export function epsilonChart(options: EpsilonChartOptions): string {
  const table = epsilonTable(options);
  const details = table
    ? `<details class="tk-epsilon-chart__numbers"><summary>${escapeHtml(options.tableSummary ?? 'The numbers')}</summary>${table}</details>`
    : '';
  return `<div class="tk-chart tk-epsilon-chart">${epsilonChartSvg(options)}${epsilonLegend(options.series)}${details}</div>`;
}
