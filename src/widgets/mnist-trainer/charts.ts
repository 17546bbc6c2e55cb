/**
 * The trainer's drawings, loaded with `import()` when a run starts so the page
 * ships no d3 before then: a loss chart, an accuracy chart and the digit grid.
 */
import { renderDigitGrid, type DigitSet } from '../../viz/digit-grid.ts';
import type { LineChart } from '../../viz/line-chart.ts';
import { accuracyChart, lossChart } from '../../viz/epoch-charts.ts';
import { accuracyTarget } from '../../viz/epoch-frames.ts';
import { TARGET_ACCURACY } from './config.ts';

export class TrainingCharts {
  private readonly loss: LineChart;
  private readonly accuracy: LineChart;

  constructor(host: HTMLElement, epochs: number) {
    host.replaceChildren();
    this.loss = lossChart(host, epochs, [{ id: 'train', label: 'training loss', color: 'var(--tk-series-1, #2f7fd8)' }]);
    this.accuracy = accuracyChart(
      host,
      epochs,
      [
        { id: 'train', label: 'training batches', color: 'var(--tk-series-1, #2f7fd8)' },
        { id: 'test', label: 'test images', color: 'var(--tk-series-2, #d9480f)', dashed: true, markers: true },
      ],
      true,
      accuracyTarget(TARGET_ACCURACY),
    );
  }

  /** A training batch at `x` epochs. */
  addBatch(x: number, loss: number, accuracy: number): void {
    this.loss.add('train', { x, y: loss });
    this.accuracy.add('train', { x, y: accuracy });
  }

  /** The test accuracy measured after epoch `x`. */
  addTest(x: number, accuracy: number): void {
    this.accuracy.add('test', { x, y: accuracy });
  }

  /** Drop points after `x` epochs (a resumed run redraws the epoch it lost). */
  trimAfter(x: number): void {
    for (const chart of [this.loss, this.accuracy]) {
      for (const id of chart.seriesIds())
        chart.set(
          id,
          chart.points(id).filter((p) => p.x <= x),
        );
    }
  }

  /** Grow the x axis, e.g. when a resumed run continues past the planned epochs. */
  setEpochs(epochs: number): void {
    this.loss.setXDomain([0, epochs]);
    this.accuracy.setXDomain([0, epochs]);
  }

  destroy(): void {
    this.loss.destroy();
    this.accuracy.destroy();
  }
}

/** Draw the digit grid into `host`; returns the number of mistakes. */
export function drawDigits(host: HTMLElement, set: DigitSet): number {
  return renderDigitGrid(host, set, { caption: "Test digits with the network's answers" });
}
