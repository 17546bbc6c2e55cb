/**
 * The builder's live charts, loaded with `import()` at Start (d3): loss and accuracy against
 * epochs, the training batches (series 'train') as a line and the validation images after each
 * epoch (series 'val') as points, with the same axes and target line as the empty frames.
 */
import { LossAccuracyCharts } from '../../viz/epoch-charts.ts';
import type { SeriesSpec } from '../../viz/line-chart.ts';
import { TARGET_ACCURACY } from './config.ts';

const SERIES: SeriesSpec[] = [
  { id: 'train', label: 'training batches', color: 'var(--tk-series-1, #2f7fd8)' },
  { id: 'val', label: 'validation images', color: 'var(--tk-series-2, #d9480f)', dashed: true, markers: true },
];

export const builderCharts = (host: HTMLElement, epochs: number): LossAccuracyCharts => new LossAccuracyCharts(host, epochs, SERIES, TARGET_ACCURACY);
