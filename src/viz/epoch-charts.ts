/**
 * The loss and accuracy charts every trainer widget draws against epochs: the same axes,
 * labels, number formats and goal line as their empty frames (epoch-frames.ts), with the series
 * each widget needs.
 */
import { LineChart, type SeriesSpec } from './line-chart.ts';
import { accuracyOptions, lossOptions, type EpochChartOptions } from './epoch-frames.ts';

/** A "Loss" chart over `epochs` epochs, its y axis starting at 0. */
export function lossChart(host: HTMLElement, epochs: number, series: SeriesSpec[], options: Omit<EpochChartOptions, 'epochs'> = {}): LineChart {
  return new LineChart(host, { ...lossOptions({ ...options, epochs }), yIncludeZero: true, series });
}

/**
 * An "Accuracy" chart over `epochs` epochs, in percent (one decimal between 90% and 100%);
 * `fullRange` fixes the y axis to 0–100%; `target` draws the goal line.
 */
export function accuracyChart(
  host: HTMLElement,
  epochs: number,
  series: SeriesSpec[],
  fullRange = false,
  target?: EpochChartOptions['target'],
): LineChart {
  return new LineChart(host, { ...accuracyOptions({ epochs, fullRange, ...(target ? { target } : {}) }), series });
}
