/**
 * The playground's heavy half, loaded with import() the first time the reader presses Play or Step:
 * the from-scratch engine (through src/lib/nn/playground.ts) and the d3 loss chart. It trains in
 * time slices (the element calls `run` once per animation frame) and computes what the plot shows.
 */
import { formatCount } from '../../lib/format/numbers.ts';
import { formatGradNumber, formatRelativeError } from '../../lib/nn/neuron-gradient.ts';
import { PlaygroundTrainer, applyLinear, boundaryLine, gridInputs, isLinearArchitecture, type Evaluation } from '../../lib/nn/playground.ts';
import type { ToyDataset } from '../../lib/nn/toy-data.ts';
import { LineChart } from '../../viz/line-chart.ts';
import { escapeHtml } from '../shared/html.ts';
import { EXTENT, type PlaygroundSettings } from './markup.ts';

/** The heat map is computed on GRID_N × GRID_N points. */
export const GRID_N = 50;

export interface LinearView {
  /** HTML for the collapse panel. */
  html: string;
  /** The straight boundary to draw, or null when it misses the plot. */
  line: [number, number, number, number] | null;
  /** Largest |network logit − collapsed map| over the grid. */
  maxDifference: number;
}

export class BoundarySession {
  private trainer: PlaygroundTrainer | null = null;
  private settings: PlaygroundSettings | null = null;
  private readonly chart: LineChart;
  private readonly gridX = gridInputs(GRID_N, EXTENT);
  private readonly gridProbs = new Float32Array(GRID_N * GRID_N);
  private readonly gridLogits = new Float32Array(GRID_N * GRID_N);
  private last: Evaluation | null = null;

  constructor(chartHost: HTMLElement) {
    this.chart = new LineChart(chartHost, {
      title: 'Training loss',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [{ id: 'loss', label: 'training loss', color: 'var(--tk-series-1, #2f7fd8)' }],
      xDomain: [0, 10],
      yIncludeZero: true,
      height: 140,
    });
  }

  /** A fresh network (new random weights) for these points and settings; the chart starts over. */
  reset(data: ToyDataset, settings: PlaygroundSettings): void {
    this.settings = settings;
    this.trainer = new PlaygroundTrainer(data, {
      architecture: settings.architecture,
      hidden: settings.hidden,
      learningRate: settings.learningRate,
    });
    this.chart.clear();
    this.chart.setXDomain([0, 10]);
    this.last = this.trainer.evaluate();
    this.chart.add('loss', { x: 0, y: this.last.loss });
  }

  setLearningRate(rate: number): void {
    if (this.trainer) this.trainer.learningRate = rate;
    if (this.settings) this.settings = { ...this.settings, learningRate: rate };
  }

  get epoch(): number {
    return this.trainer?.epoch ?? 0;
  }

  get evaluation(): Evaluation | null {
    return this.last;
  }

  /** Train whole epochs until `budgetMs` has passed or `maxEpochs` are done (at least one). */
  run(budgetMs: number, maxEpochs: number): Evaluation {
    const trainer = this.need();
    const start = performance.now();
    let done = 0;
    do {
      trainer.trainEpoch();
      done++;
    } while (done < maxEpochs && performance.now() - start < budgetMs);
    this.last = trainer.evaluate();
    this.chart.add('loss', { x: trainer.epoch, y: this.last.loss });
    return this.last;
  }

  /** ŷ over the plot's grid (owned by the session; valid until the next call). */
  gridProbabilities(): Float32Array {
    return this.need().probabilities(this.gridX, GRID_N * GRID_N, this.gridProbs);
  }

  /** For the linear architectures: the single map the layers multiply out to, and the proof it is one. */
  linearView(): LinearView | null {
    const trainer = this.need();
    const collapsed = trainer.collapsed();
    if (!collapsed || !this.settings) return null;
    const w1 = collapsed.weights[0]!;
    const w2 = collapsed.weights[1]!;
    const b = collapsed.bias[0]!;
    // The network's own logits against x·W + b on every grid point.
    trainer.network.predict(this.gridX, GRID_N * GRID_N, this.gridLogits);
    const mapped = applyLinear(collapsed, this.gridX, GRID_N * GRID_N);
    let maxDifference = 0;
    for (let k = 0; k < mapped.length; k++) maxDifference = Math.max(maxDifference, Math.abs(mapped[k]! - this.gridLogits[k]!));
    const f = (v: number) => escapeHtml(formatGradNumber(v, 3));
    const signed = (v: number) => (v < 0 ? `\u2212 ${f(-v)}` : `+ ${f(v)}`);
    const equation = `<var>z</var> = ${f(w1)} <var>x</var>₁ ${signed(w2)} <var>x</var>₂ ${signed(b)}`;
    const h = this.settings.hidden;
    const intro =
      this.settings.architecture === 'linear'
        ? `<p>With no hidden layer the network is one neuron: ${equation}.</p>`
        : `<p>Two linear layers with nothing between them are one linear map. Multiplying the learned weights, ` +
          `<var>W</var>₁ (2 × ${h}) · <var>W</var>₂ (${h} × 1) = <var>W</var> = [${f(w1)}, ${f(w2)}]ᵀ, and ` +
          `<var>b</var>₁<var>W</var>₂ + <var>b</var>₂ = ${f(b)}. So the whole network computes ${equation}.</p>`;
    const line = boundaryLine(w1, w2, b, EXTENT);
    const where = line ? 'dashed on the plot' : 'here it lies outside the plotted square';
    const html =
      `<p class="tk-boundary__collapse-title">The learned map is one linear map</p>${intro}` +
      `<p>Its boundary, where <var>z</var> = 0, is a straight line (${where}), so it cannot separate XOR, circles or spirals. ` +
      `Over the ${formatCount(GRID_N * GRID_N)} grid points, the network’s output and this single formula differ by at most ` +
      `<span data-part="collapse-difference">${escapeHtml(formatRelativeError(maxDifference))}</span> (float32 rounding).</p>`;
    return { html, line, maxDifference };
  }

  isLinear(): boolean {
    return this.settings ? isLinearArchitecture(this.settings.architecture) : false;
  }

  destroy(): void {
    this.chart.destroy();
    this.trainer = null;
  }

  private need(): PlaygroundTrainer {
    if (!this.trainer) throw new Error('The playground has no network yet: call reset first.');
    return this.trainer;
  }
}
