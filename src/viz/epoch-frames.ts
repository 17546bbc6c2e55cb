/**
 * The loss and accuracy charts every trainer draws against epochs, as options: the empty axes of
 * the static markup (`lossFrame`, `accuracyFrame`, strings, no d3) and the live d3 charts
 * (epoch-charts.ts) are built from the same options, so the figure keeps its look at Start.
 */
import { formatLoss, formatPercent } from '../lib/format/numbers.ts';
import { emptyChart, type ChartFrameOptions, type ChartTarget } from './chart-frame.ts';

/** Epoch ticks: whole epochs as "2", fractions of an epoch as "1.25". */
export const formatEpoch = (x: number): string => String(Number(x.toFixed(2)));

/** Accuracy in percent, one decimal between 90% and 100%. */
export const formatAccuracy = (v: number): string => formatPercent(v, v > 0.9 && v < 1 ? 1 : 0);

/** "target 97%": the label of an accuracy goal. */
export const accuracyTarget = (y: number): ChartTarget => ({ y, label: `target ${formatPercent(y, 0)}` });

export interface EpochChartOptions {
  epochs: number;
  /** Accuracy: the y axis from 0 to 100% (otherwise around the data). */
  fullRange?: boolean;
  /** A dashed goal line (accuracy: `accuracyTarget(0.9)`). */
  target?: ChartTarget;
  /** Loss: the y axis of the empty chart, [0, yMax] (default 1; ln 10 ≈ 2.3 is the loss of guessing among 10 classes). */
  yMax?: number;
}

export function lossOptions(o: EpochChartOptions) {
  return {
    title: 'Loss',
    xLabel: 'Epoch',
    yLabel: 'Loss',
    xDomain: [0, o.epochs] as [number, number],
    formatX: formatEpoch,
    formatY: formatLoss,
    ...(o.target ? { target: o.target } : {}),
  };
}

export function accuracyOptions(o: EpochChartOptions) {
  return {
    title: 'Accuracy',
    xLabel: 'Epoch',
    yLabel: 'Accuracy',
    xDomain: [0, o.epochs] as [number, number],
    ...(o.fullRange ? { yDomain: [0, 1] as [number, number] } : {}),
    formatX: formatEpoch,
    formatY: formatAccuracy,
    ...(o.target ? { target: o.target } : {}),
  };
}

/** The empty loss chart (static markup). */
export function lossFrame(o: EpochChartOptions): string {
  return emptyChart({ ...lossOptions(o), yDomain: [0, o.yMax ?? 1] } satisfies ChartFrameOptions);
}

/** The empty accuracy chart (static markup): 0–100%, or from a little under the target to 100%. */
export function accuracyFrame(o: EpochChartOptions): string {
  const low = o.fullRange || !o.target ? 0 : Math.max(0, Math.floor(o.target.y * 10 - 1) / 10);
  return emptyChart({ ...accuracyOptions(o), yDomain: [low, 1] } satisfies ChartFrameOptions);
}
