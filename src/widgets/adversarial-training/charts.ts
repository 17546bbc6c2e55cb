/**
 * The live charts of a run, loaded with `import()` at Start (d3): the loss of the training batches
 * (half clean, half attacked) and their accuracy beside the accuracy on the attacked half alone,
 * against epochs, with the same axes as the empty frames of the markup.
 */
import { accuracyChart, lossChart } from '../../viz/epoch-charts.ts';
import type { LineChart } from '../../viz/line-chart.ts';

export class TrainingCharts {
  private readonly loss: LineChart;
  private readonly accuracy: LineChart;

  constructor(host: HTMLElement, epochs: number) {
    host.replaceChildren();
    this.loss = lossChart(host, epochs, [{ id: 'batches', label: 'training batches', color: 'var(--tk-series-1, #2f7fd8)' }]);
    this.accuracy = accuracyChart(
      host,
      epochs,
      [
        { id: 'batches', label: 'training batches', color: 'var(--tk-series-1, #2f7fd8)' },
        { id: 'attacked', label: 'their attacked half', color: 'var(--tk-series-2, #d9480f)', dashed: true },
      ],
      true,
    );
  }

  /** One point at `x` epochs. */
  add(x: number, loss: number, accuracy: number, attackedAccuracy: number): void {
    this.loss.add('batches', { x, y: loss });
    this.accuracy.add('batches', { x, y: accuracy });
    this.accuracy.add('attacked', { x, y: attackedAccuracy });
  }

  destroy(): void {
    this.loss.destroy();
    this.accuracy.destroy();
  }
}
