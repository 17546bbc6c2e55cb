/**
 * A line chart's empty axes as an SVG string: the gridlines, ticks, axis titles and the dashed
 * target line, drawn before any data exists. A widget puts it in its static markup (built at build
 * time, before any script runs); the d3 LineChart (line-chart.ts) takes its place at Start with the
 * same margins, classes and target line, so the figure does not jump. Pure: no DOM, no d3.
 */
import { escapeHtml } from '../lib/format/html.ts';
import { niceTicks } from './scales.ts';

/** A horizontal goal line: `{ y: 0.9, label: 'target 90%' }`. */
export interface ChartTarget {
  y: number;
  label: string;
}

export interface ChartFrameOptions {
  /** Short name for the text alternative, e.g. "Accuracy". */
  title: string;
  xLabel: string;
  yLabel: string;
  xDomain: [number, number];
  yDomain: [number, number];
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  target?: ChartTarget;
  /** Plot height and outer width, in CSS pixels (the svg scales to its container). Defaults 180 and 360. */
  height?: number;
  width?: number;
}

/** The margins every line chart uses (the d3 chart imports them too). */
export const CHART_MARGIN = { top: 10, right: 14, bottom: 40, left: 52 } as const;

const n = (v: number): string => String(Math.round(v * 10) / 10);
const plain = (v: number): string => String(Number(v.toPrecision(3)));

/** The `<svg>` of a chart with no data yet; `role="img"`, its label says what the chart will show. */
export function chartFrame(options: ChartFrameOptions): string {
  const { title, xLabel, yLabel, xDomain, yDomain, formatX = plain, formatY = plain, target, height = 180, width = 360 } = options;
  const m = CHART_MARGIN;
  const w = width - m.left - m.right;
  const x = (v: number) => ((v - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * w;
  const y = (v: number) => height - ((v - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * height;
  const xTicks = niceTicks(xDomain, Math.max(2, Math.min(10, Math.floor(w / 70))));
  const yTicks = niceTicks(yDomain, 5);

  const grid = yTicks.map((t) => `<line x1="0" x2="${n(w)}" y1="${n(y(t))}" y2="${n(y(t))}"/>`).join('');
  const xAxis = xTicks
    .map(
      (t) =>
        `<g transform="translate(${n(x(t))},0)"><line y2="6" stroke="currentColor"/><text y="9" dy="0.71em" text-anchor="middle">${escapeHtml(formatX(t))}</text></g>`,
    )
    .join('');
  const yAxis = yTicks
    .map(
      (t) =>
        `<g transform="translate(0,${n(y(t))})"><line x2="-6" stroke="currentColor"/><text x="-9" dy="0.32em" text-anchor="end">${escapeHtml(formatY(t))}</text></g>`,
    )
    .join('');
  const goal = target ? targetMarkup(target, y(target.y), w) : '';
  const label = `${title} chart, no data yet: ${yLabel.toLowerCase()} against ${xLabel.toLowerCase()} from ${formatX(xDomain[0])} to ${formatX(xDomain[1])}${target ? `, ${target.label}` : ''}.`;
  return (
    `<svg class="tk-chart__svg tk-chart__svg--empty" viewBox="0 0 ${width} ${height + m.top + m.bottom}" width="${width}" height="${height + m.top + m.bottom}" role="img" aria-label="${escapeHtml(label)}">` +
    `<g transform="translate(${m.left},${m.top})">` +
    `<g class="tk-chart__grid">${grid}</g>` +
    `<g class="tk-chart__axis" transform="translate(0,${height})"><path class="domain" stroke="currentColor" d="M0.5,0H${n(w)}"/>${xAxis}</g>` +
    `<g class="tk-chart__axis"><path class="domain" stroke="currentColor" d="M0,${height}V0.5"/>${yAxis}</g>` +
    goal +
    `<text class="tk-chart__axis-title" text-anchor="middle" x="${n(w / 2)}" y="${height + 34}">${escapeHtml(xLabel)}</text>` +
    `<text class="tk-chart__axis-title" text-anchor="middle" transform="translate(${-m.left + 12},${height / 2}) rotate(-90)">${escapeHtml(yLabel)}</text>` +
    `</g></svg>`
  );
}

/** The dashed target line across the plot at pixel height `py`, its label above its right end. */
export function targetMarkup(target: ChartTarget, py: number, width: number): string {
  return (
    `<g class="tk-chart__target"><line x1="0" x2="${n(width)}" y1="${n(py)}" y2="${n(py)}"/>` +
    `<text x="${n(width - 4)}" y="${n(py - 5)}" text-anchor="end">${escapeHtml(target.label)}</text></g>`
  );
}

/** One chart of a figure: the frame inside the `.tk-chart` box the d3 chart will use. */
export function emptyChart(options: ChartFrameOptions): string {
  return `<div class="tk-chart tk-chart--empty">${chartFrame(options)}</div>`;
}
