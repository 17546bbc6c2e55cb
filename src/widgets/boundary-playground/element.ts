/**
 * <tk-boundary-playground>: a small network learns a 2D toy dataset on the main thread, a few
 * milliseconds per animation frame, while the plot shows its decision boundary as a heat map.
 *
 * The static markup comes from BoundaryPlayground.astro (or `playgroundMarkup`). This first script
 * only draws the points; the engine and the loss chart (session.ts) load with import() when the
 * reader first presses Play or Step.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle (no training yet) | loading (fetching the engine) | running | done (paused) | error;
 *  - `data-epoch`, `data-accuracy` (0–1), `data-loss`; `data-collapse-difference` for a linear model;
 *  - the `role="status"` line: "Epoch 120: training accuracy 98.5%, loss 0.05".
 */
import { toyDataset, type ToyDataset } from '../../lib/nn/toy-data.ts';
import { formatCount, formatLoss, formatPercent } from '../../lib/format/numbers.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { StatusLine } from '../shared/status.ts';
import { drawPlot, readPalette } from './draw.ts';
import {
  EXTENT,
  IDLE_STATUS,
  POINT_COUNT,
  emptyLossChart,
  networkMarkup,
  formatNoise,
  playgroundMarkup,
  plotLabel,
  settingsFrom,
  trainingStatus,
  type PlaygroundSettings,
} from './markup.ts';
import type { BoundarySession, LinearView } from './session.ts';
import { nextWidgetId } from '../shared/ids.ts';

/** Training time per animation frame: the page keeps drawing at its frame rate. */
const FRAME_BUDGET_MS = 6;
/** At most this many epochs per frame, so the reader can watch the boundary move. */
const MAX_EPOCHS_PER_FRAME = 4;
/** Play stops by itself here (the tiny networks have long settled). */
const MAX_EPOCHS = 3000;

type State = 'idle' | 'loading' | 'running' | 'done' | 'error';

export class BoundaryPlaygroundElement extends HTMLElement {
  private bound = false;
  private settings: PlaygroundSettings = settingsFrom(() => null);
  private seed = 1;
  private data!: ToyDataset;
  private session: BoundarySession | null = null;
  private loading: Promise<BoundarySession | null> | null = null;
  private playing = false;
  private frame = 0;
  private linear: LinearView | null = null;
  private status!: StatusLine;
  private themeObserver: MutationObserver | null = null;

  connectedCallback(): void {
    if (this.bound) return;
    this.bound = true;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = playgroundMarkup(nextWidgetId('tk-boundary-js'));
    this.status = new StatusLine(part(this, 'status'));
    this.settings = this.readSettings();

    for (const name of ['dataset', 'architecture', 'hidden'] as const) {
      part(this, name).addEventListener('change', () => this.changeSettings());
    }
    const noise = part<HTMLInputElement>(this, 'noise');
    noise.addEventListener('input', () => {
      part(this, 'noise-value').textContent = formatNoise(Number(noise.value));
    });
    noise.addEventListener('change', () => this.changeSettings());
    part(this, 'learningRate').addEventListener('change', () => {
      this.settings = this.readSettings();
      this.session?.setLearningRate(this.settings.learningRate);
    });
    part(this, 'regenerate').addEventListener('click', () => {
      this.seed++;
      this.changeSettings();
    });
    part(this, 'play').addEventListener('click', () => (this.playing ? this.pause() : void this.play()));
    part(this, 'step').addEventListener('click', () => void this.step());
    part(this, 'reset').addEventListener('click', () => this.reset());
    // Redraw in the other theme's colours when the reader toggles it.
    this.themeObserver = new MutationObserver(() => this.draw());
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    this.makeData();
    this.setState('idle');
    this.draw();
    // The empty loss axes, at the width the chart will have.
    const chart = part(this, 'chart');
    if (chart.clientWidth > 0) chart.innerHTML = emptyLossChart(chart.clientWidth);
  }

  disconnectedCallback(): void {
    this.pause();
    this.themeObserver?.disconnect();
    this.themeObserver = null;
  }

  private readSettings(): PlaygroundSettings {
    return settingsFrom((name) => part<HTMLInputElement | HTMLSelectElement>(this, name).value);
  }

  private makeData(): void {
    this.data = toyDataset(this.settings.dataset, POINT_COUNT, { noise: this.settings.noise, seed: this.seed });
  }

  /** Data or network changed: new points and a fresh network (training continues if it was playing). */
  private changeSettings(): void {
    this.settings = this.readSettings();
    part(this, 'noise-value').textContent = formatNoise(this.settings.noise);
    part(this, 'network').innerHTML = networkMarkup(this.settings);
    this.makeData();
    if (this.session) {
      this.session.reset(this.data, this.settings);
      this.afterTraining(true);
    } else {
      this.draw();
    }
  }

  /** The engine and chart, loaded once. */
  private ensureSession(): Promise<BoundarySession | null> {
    if (this.session) return Promise.resolve(this.session);
    this.loading ??= (async () => {
      this.setState('loading');
      this.status.announce('Loading the network engine…');
      try {
        const { BoundarySession } = await import('./session.ts');
        // The live chart takes the place of the empty axes drawn in the markup.
        part(this, 'chart').replaceChildren();
        const session = new BoundarySession(part(this, 'chart'));
        this.settings = this.readSettings();
        session.reset(this.data, this.settings);
        this.session = session;
        return session;
      } catch (error) {
        this.fail(error);
        return null;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private async play(): Promise<void> {
    const session = await this.ensureSession();
    if (!session || this.playing) return;
    clearError(part(this, 'error'));
    if (session.epoch >= MAX_EPOCHS) session.reset(this.data, this.settings);
    this.playing = true;
    part(this, 'play').textContent = 'Pause';
    this.setState('running');
    const tick = () => {
      if (!this.playing) return;
      try {
        session.run(FRAME_BUDGET_MS, MAX_EPOCHS_PER_FRAME);
      } catch (error) {
        this.fail(error);
        return;
      }
      if (session.epoch >= MAX_EPOCHS) {
        this.pause();
        return;
      }
      this.afterTraining(false);
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private pause(): void {
    cancelAnimationFrame(this.frame);
    if (!this.playing) return;
    this.playing = false;
    part(this, 'play').textContent = 'Play';
    this.afterTraining(true);
  }

  private async step(): Promise<void> {
    const session = await this.ensureSession();
    if (!session) return;
    this.pause();
    try {
      session.run(0, 1);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.afterTraining(true);
  }

  private reset(): void {
    this.pause();
    clearError(part(this, 'error'));
    if (!this.session) return;
    this.session.reset(this.data, this.settings);
    this.afterTraining(true);
    this.setState('idle');
    this.status.announce(IDLE_STATUS);
  }

  /** Figures, plot, collapse panel and status after training (or a reset). */
  private afterTraining(announce: boolean): void {
    const session = this.session;
    if (!session) return;
    const ev = session.evaluation;
    const epoch = session.epoch;
    part(this, 'epoch').textContent = formatCount(epoch);
    part(this, 'loss').textContent = ev ? formatLoss(ev.loss) : '—';
    part(this, 'accuracy').textContent = ev ? formatPercent(ev.accuracy) : '—';
    this.dataset.epoch = String(epoch);
    if (ev) {
      this.dataset.accuracy = ev.accuracy.toFixed(4);
      this.dataset.loss = ev.loss.toFixed(4);
    }
    this.linear = session.linearView();
    const collapse = part(this, 'collapse');
    if (this.linear) {
      // While playing, the panel's numbers are refreshed a few times a second at most.
      if (announce || !collapse.dataset.shownAt || performance.now() - Number(collapse.dataset.shownAt) > 250) {
        collapse.innerHTML = this.linear.html;
        collapse.dataset.shownAt = String(performance.now());
      }
      this.dataset.collapseDifference = String(this.linear.maxDifference);
    } else {
      collapse.innerHTML =
        '<p>With an activation between the layers the map bends: no single matrix gives the same outputs, so the boundary can curve.</p>';
      delete this.dataset.collapseDifference;
    }
    part(this, 'line-legend').hidden = !this.linear?.line;
    this.draw();
    const text = epoch === 0 ? IDLE_STATUS : ev ? trainingStatus(epoch, ev.accuracy, ev.loss) : IDLE_STATUS;
    if (!this.playing) this.setState(epoch === 0 ? 'idle' : 'done');
    if (announce) this.status.announce(text);
    else this.status.update(text);
  }

  private draw(): void {
    const canvas = part<HTMLCanvasElement>(this, 'canvas');
    const probabilities = this.session ? this.session.gridProbabilities() : null;
    drawPlot(canvas, { data: this.data, probabilities, gridN: 50, extent: EXTENT, line: this.linear?.line ?? null }, readPalette(this));
    const ones = this.data.y.reduce((s, v) => s + v, 0);
    const label = plotLabel(this.settings, ones, this.data.count, this.session?.evaluation?.accuracy ?? null);
    if (canvas.getAttribute('aria-label') !== label) canvas.setAttribute('aria-label', label);
  }

  private setState(state: State): void {
    this.dataset.state = state;
  }

  private fail(error: unknown): void {
    this.pause();
    this.setState('error');
    const panel = part(this, 'error');
    clearError(panel);
    showError(panel, {
      title: 'The playground stopped',
      message: errorText(error),
      hint: 'Press Reset to start again, or reload the page.',
    });
    this.status.announce(`The playground stopped: ${errorText(error)}`);
  }
}

if (!customElements.get('tk-boundary-playground')) customElements.define('tk-boundary-playground', BoundaryPlaygroundElement);
