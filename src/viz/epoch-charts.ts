/**
 * The loss and accuracy charts every trainer widget draws against epochs: the same axes,
 * labels, number formats and goal line as their empty frames (epoch-frames.ts), with the series
 * each widget needs.
 */
import { LineChart, type SeriesSpec } from './line-chart.ts';
import { accuracyOptions, accuracyTarget, lossOptions, type EpochChartOptions } from './epoch-frames.ts';

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

/**
 * A loss chart and an accuracy chart (0–100%, with the goal line at `target`) over `epochs`
 * epochs, fed together: the pair the model builder and the CNN trainer draw.
 */
export class LossAccuracyCharts {
  private readonly loss: LineChart;
  private readonly accuracy: LineChart;

  constructor(host: HTMLElement, epochs: number, series: SeriesSpec[], target: number) {
    host.replaceChildren();
    this.loss = lossChart(host, epochs, series);
    this.accuracy = accuracyChart(host, epochs, series, true, accuracyTarget(target));
  }

  /** A point of series `id` on both charts, at `x` epochs. */
  add(id: string, x: number, loss: number, accuracy: number): void {
    this.loss.add(id, { x, y: loss });
    this.accuracy.add(id, { x, y: accuracy });
  }

  destroy(): void {
    this.loss.destroy();
    this.accuracy.destroy();
  }
}
