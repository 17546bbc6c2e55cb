/**
 * The parallel-coordinates plot as SVG strings (pure, rendered at build time for the empty axes and
 * redrawn by ./parallel-plot.ts): one vertical axis per hyperparameter and validation accuracy, one
 * line per trial coloured from low (--tk-hp-low) to high (--tk-hp-high) accuracy.
 */
import { axisTicks, fraction, axisValue, type Axis, type AxisKey } from '../../lib/search-hp/parallel.ts';
import type { Trial } from '../../lib/search-hp/search.ts';
import { escapeHtml } from '../shared/html.ts';

export const PLOT = { width: 720, height: 300, top: 46, bottom: 22, left: 58, right: 58 } as const;

export const plotX = (order: readonly AxisKey[], key: AxisKey): number => {
  const i = order.indexOf(key);
  const n = order.length;
  return PLOT.left + (n <= 1 ? 0.5 : i / (n - 1)) * (PLOT.width - PLOT.left - PLOT.right);
};
export const plotY = (f: number): number => PLOT.height - PLOT.bottom - f * (PLOT.height - PLOT.top - PLOT.bottom);
const r = (x: number): string => (Math.round(x * 10) / 10).toString();

/** One axis: its line, ticks and the title (the drag handle, with a hint). */
export function axisMarkup(axis: Axis, x: number): string {
  const ticks = axisTicks(axis)
    .map((t) => `<g transform="translate(0,${r(plotY(t.f))})"><line x2="-5"/><text x="-8" dy="0.32em">${escapeHtml(t.label)}</text></g>`)
    .join('');
  return (
    `<g class="tk-hp__axis" data-axis="${axis.key}" transform="translate(${r(x)},0)">` +
    `<line class="tk-hp__axis-line" y1="${r(plotY(0))}" y2="${r(plotY(1))}"/>${ticks}` +
    `<text class="tk-hp__title" data-axis-title="${axis.key}" y="${PLOT.top - 24}">${escapeHtml(axis.label)}</text></g>`
  );
}

export function axesMarkup(axes: readonly Axis[], order: readonly AxisKey[]): string {
  return order
    .map((k) =>
      axisMarkup(
        axes.find((a) => a.key === k)!,
        plotX(order, k),
      ),
    )
    .join('');
}

/** A trial's line through the axes in `order` (cut where it has no value: accuracy before the first epoch). */
export function linePath(trial: Trial, axes: readonly Axis[], order: readonly AxisKey[]): string {
  let d = '';
  let pen = false;
  for (const k of order) {
    const v = axisValue(trial, k);
    if (v === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${r(plotX(order, k))},${r(
      plotY(
        fraction(
          axes.find((a) => a.key === k)!,
          v,
        ),
      ),
    )}`;
    pen = true;
  }
  return d;
}

/** The stroke of a line: its accuracy's place on the accuracy axis, mixed between the two theme colours. */
export function lineColour(accuracy: number | null, accuracyAxis: Axis): string {
  if (accuracy === null) return 'var(--tk-hp-none)';
  const p = Math.round(fraction(accuracyAxis, accuracy) * 100);
  return `color-mix(in oklab, var(--tk-hp-high) ${p}%, var(--tk-hp-low))`;
}

export interface LineState {
  trial: Trial;
  /** Inside every filter. */
  passes: boolean;
}

export function linesMarkup(lines: readonly LineState[], axes: readonly Axis[], order: readonly AxisKey[], highlight: number | null): string {
  const acc = axes.find((a) => a.key === 'accuracy')!;
  // Filtered-out lines first (under), the highlighted one last (on top).
  const sorted = [...lines].sort(
    (a, b) => Number(a.passes) - Number(b.passes) || Number(a.trial.id === highlight) - Number(b.trial.id === highlight),
  );
  return sorted
    .map(({ trial, passes }) => {
      const cls = `tk-hp__line${passes ? '' : ' tk-hp__line--dim'}${trial.id === highlight ? ' tk-hp__line--hl' : ''}`;
      const a = trial.history.at(-1) ?? null;
      return `<path class="${cls}" data-trial="${trial.id}" d="${linePath(trial, axes, order)}" style="stroke:${lineColour(a, acc)}"/>`;
    })
    .join('');
}

/** The whole plot: lines under the axes; the live plot adds the brushes. */
export function plotMarkup(axes: readonly Axis[], order: readonly AxisKey[]): string {
  return (
    `<svg class="tk-hp__plot" viewBox="0 0 ${PLOT.width} ${PLOT.height}" width="${PLOT.width}" height="${PLOT.height}" role="img" ` +
    `aria-label="Parallel coordinates: one axis per hyperparameter and validation accuracy, one line per trial">` +
    `<g data-part="lines"></g><g data-part="axes">${axesMarkup(axes, order)}</g><g data-part="brushes"></g></svg>`
  );
}

/** The colour legend: low to high validation accuracy, and "no result yet". */
export function legendMarkup(domain: readonly [number, number]): string {
  const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
  return (
    `<div class="tk-hp__legend" data-part="legend"><span>Validation accuracy</span>` +
    `<span class="tk-hp__legend-value" data-part="legend-low">${pct(domain[0])}</span><span class="tk-hp__ramp" aria-hidden="true"></span>` +
    `<span class="tk-hp__legend-value" data-part="legend-high">${pct(domain[1])}</span>` +
    `<span class="tk-hp__none-key" aria-hidden="true"></span><span>no result yet</span></div>`
  );
}
