/**
 * The CNN trainer's live charts, loaded with `import()` at Start (d3): loss and accuracy of the
 * training batches against epochs, with the same axes and target line as the empty frames.
 */
import { accuracyChart, lossChart } from '../../viz/epoch-charts.ts';
import { accuracyTarget } from '../../viz/epoch-frames.ts';
import type { LineChart, SeriesSpec } from '../../viz/line-chart.ts';
import { TARGET_ACCURACY } from './config.ts';

const SERIES: SeriesSpec[] = [{ id: 'train', label: 'training batches', color: 'var(--tk-series-1, #2f7fd8)' }];

export class CnnCharts {
  private readonly loss: LineChart;
  private readonly accuracy: LineChart;

  constructor(host: HTMLElement, epochs: number) {
    host.replaceChildren();
    this.loss = lossChart(host, epochs, SERIES);
    this.accuracy = accuracyChart(host, epochs, SERIES, true, accuracyTarget(TARGET_ACCURACY));
  }

  /** The training batches' mean loss and accuracy at `x` epochs. */
  add(x: number, loss: number, accuracy: number): void {
    this.loss.add('train', { x, y: loss });
    this.accuracy.add('train', { x, y: accuracy });
  }

  destroy(): void {
    this.loss.destroy();
    this.accuracy.destroy();
  }
}
