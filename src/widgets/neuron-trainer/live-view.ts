/**
 * The NeuronTrainer's drawings and the imbalance panel, loaded with `import()` when a
 * run starts (so the page ships no d3 before then): the loss and accuracy curves, the
 * weight heat map, and precision/recall/F1 at the reader's threshold.
 */
import { formatCount, formatPercent } from '../../lib/format/numbers.ts';
import { alwaysNegativeBaseline, binaryAccuracy, binaryConfusion, binaryScores, type BinaryScores } from '../../lib/nn/metrics.ts';
import type { LineChart } from '../../viz/line-chart.ts';
import { part } from '../shared/html.ts';
import { describeWeights, drawWeights } from './heatmap.ts';
import { accuracyChart, lossChart } from '../../viz/epoch-charts.ts';
import { BASELINE } from './config.ts';

export class LiveView {
  private readonly loss: LineChart;
  private readonly accuracy: LineChart;
  private readonly canvas: HTMLCanvasElement;
  private pendingWeights: Float32Array | null = null;
  private frame = 0;

  constructor(
    private readonly root: HTMLElement,
    epochs: number,
  ) {
    const host = part(root, 'charts');
    host.replaceChildren();
    this.loss = lossChart(host, epochs, [{ id: 'train', label: 'training loss', color: 'var(--tk-series-1, #2f7fd8)' }]);
    this.accuracy = accuracyChart(host, epochs, [{ id: 'train', label: 'training batches', color: 'var(--tk-series-1, #2f7fd8)' }], false, BASELINE);
    this.canvas = part<HTMLCanvasElement>(root, 'heatmap');
    this.showWeights(new Float32Array(784));
  }

  /** A metrics report at `x` epochs. */
  addPoint(x: number, loss: number, accuracy: number): void {
    this.loss.add('train', { x, y: loss });
    this.accuracy.add('train', { x, y: accuracy });
  }

  /** Redraw the weights at the next frame (at most once per frame). */
  queueWeights(weights: Float32Array): void {
    this.pendingWeights = weights;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const w = this.pendingWeights;
      this.pendingWeights = null;
      if (w) this.showWeights(w);
    });
  }

  /** Draw now (the final weights), and update the legend and the text alternative. */
  showWeights(weights: Float32Array): void {
    const limit = drawWeights(this.canvas, weights);
    const text = describeWeights(weights);
    this.canvas.setAttribute('aria-label', `The neuron's 784 weights as a 28 by 28 image. ${text}`);
    part(this.root, 'weights-text').textContent = text;
    const shown = limit > 1e-6 ? limit.toFixed(2) : '0';
    part(this.root, 'legend-min').textContent = `−${shown}`;
    part(this.root, 'legend-max').textContent = `+${shown}`;
  }

  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.loss.destroy();
    this.accuracy.destroy();
  }
}

function percentOrWhy(value: number | null, why: string): string {
  return value === null ? `undefined (${why})` : formatPercent(value);
}

/** The imbalance panel: the always-not-zero baseline and the scores at a threshold. */
export class ImbalancePanel {
  constructor(
    private readonly root: HTMLElement,
    private readonly scores: Float32Array,
    private readonly labels: Uint8Array,
    testAccuracy: number,
  ) {
    const baseline = alwaysNegativeBaseline(labels);
    const zeros = baseline.fn;
    part(root, 'baseline').textContent =
      `Always answering “not a zero” scores ${formatPercent(binaryAccuracy(baseline) ?? NaN)} on the ` +
      `${formatCount(labels.length)} test images, because only ${formatCount(zeros)} of them are zeros. ` +
      `The neuron scores ${formatPercent(testAccuracy)}. Which zeros does it miss, and how often does it cry “zero” wrongly?`;
    part(root, 'test-count').textContent = formatCount(labels.length);
    root.hidden = false;
  }

  /** Recompute the confusion matrix and the scores at `threshold`; returns them. */
  update(threshold: number): BinaryScores {
    const c = binaryConfusion(this.scores, this.labels, threshold);
    const s = binaryScores(c);
    const set = (name: string, text: string) => {
      part(this.root, name).textContent = text;
    };
    set('threshold-value', threshold.toFixed(2));
    set('tp', formatCount(c.tp));
    set('fn', formatCount(c.fn));
    set('fp', formatCount(c.fp));
    set('tn', formatCount(c.tn));
    set('accuracy', percentOrWhy(s.accuracy, 'no test images'));
    set('precision', percentOrWhy(s.precision, 'it never answers “zero”'));
    set('recall', percentOrWhy(s.recall, 'no zeros in the test images'));
    set('f1', s.f1 === null ? 'undefined' : s.f1.toFixed(3));
    set(
      'scores-text',
      `At threshold ${threshold.toFixed(2)}: precision ${percentOrWhy(s.precision, 'no “zero” answers')}, ` +
        `recall ${percentOrWhy(s.recall, 'no zeros')}, F1 ${s.f1 === null ? 'undefined' : s.f1.toFixed(3)}; ` +
        `${formatCount(c.fn)} zeros missed and ${formatCount(c.fp)} false alarms.`,
    );
    return s;
  }
}
