/**
 * The CNN trainer's live charts, loaded with `import()` at Start (d3): loss and accuracy of the
 * training batches (series 'train') against epochs, with the same axes and target line as the empty frames.
 */
import { LossAccuracyCharts } from '../../viz/epoch-charts.ts';
import type { SeriesSpec } from '../../viz/line-chart.ts';
import { TARGET_ACCURACY } from './config.ts';

const SERIES: SeriesSpec[] = [{ id: 'train', label: 'training batches', color: 'var(--tk-series-1, #2f7fd8)' }];

export const cnnCharts = (host: HTMLElement, epochs: number): LossAccuracyCharts => new LossAccuracyCharts(host, epochs, SERIES, TARGET_ACCURACY);
