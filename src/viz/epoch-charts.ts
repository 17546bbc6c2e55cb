/**
 * The loss and accuracy charts every trainer widget draws against epochs: the same axes,
 * labels and number formats, with the series each widget needs.
 */
import { formatLoss, formatPercent } from '../lib/format/numbers.ts';
import { LineChart, type SeriesSpec } from './line-chart.ts';

/** Epoch ticks: whole epochs as "2", fractions of an epoch as "1.25". */
export const formatEpoch = (x: number): string => String(Number(x.toFixed(2)));

/** A "Loss" chart over `epochs` epochs, its y axis starting at 0. */
export function lossChart(host: HTMLElement, epochs: number, series: SeriesSpec[]): LineChart {
  return new LineChart(host, {
    title: 'Loss',
    xLabel: 'Epoch',
    yLabel: 'Loss',
    xDomain: [0, epochs],
    yIncludeZero: true,
    formatX: formatEpoch,
    formatY: formatLoss,
    series,
  });
}

/** An "Accuracy" chart over `epochs` epochs, in percent (one decimal between 90% and 100%); `fullRange` fixes the y axis to 0–100%. */
export function accuracyChart(host: HTMLElement, epochs: number, series: SeriesSpec[], fullRange = false): LineChart {
  return new LineChart(host, {
    title: 'Accuracy',
    xLabel: 'Epoch',
    yLabel: 'Accuracy',
    xDomain: [0, epochs],
    ...(fullRange ? { yDomain: [0, 1] as [number, number] } : {}),
    formatX: formatEpoch,
    formatY: (v) => formatPercent(v, v > 0.9 && v < 1 ? 1 : 0),
    series,
  });
}
