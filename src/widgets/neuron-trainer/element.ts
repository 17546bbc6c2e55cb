/**
 * <tk-neuron-trainer>: one neuron learns "is this digit a zero?" from all 60,000 MNIST
 * training images, with the from-scratch engine (src/lib/nn) in a worker. No tfjs.
 *
 * The static markup comes from NeuronTrainer.astro (or `neuronMarkup` when created
 * without it). This module stays tiny: the worker client, d3 charts and the metrics
 * panel load with `import()` when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line, e.g. "Test accuracy 99.2% after 1 epoch (60,000 images)";
 *  - `dataset.testAccuracy` ("0.9921") and `dataset.epochMillis` (training time of the last epoch).
 */
import { formatCount, formatDuration } from '../../lib/format/numbers.ts';
import { epochsElapsed, sumDownloads } from '../../lib/format/progress.ts';
import { doneStatus, downloadStatus, speedSentence, stoppedStatus } from '../../lib/format/status.ts';
import type { NnFromWorker } from '../../workers/nn/protocol.ts';
import type { NnTrainingHandle } from '../../workers/nn/client.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { StatusLine } from '../shared/status.ts';
import { FIXED, buildNeuronConfig, settingsFromValues, type NeuronSettings } from './config.ts';
import type { ImbalancePanel, LiveView } from './live-view.ts';
import { IDLE_STATUS, neuronMarkup } from './markup.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { RunControls } from '../shared/run-controls.ts';

export type NeuronState = 'idle' | 'loading' | 'running' | 'done' | 'error';

interface View {
  settings: HTMLFieldSetElement;
  epochs: HTMLSelectElement;
  learningRate: HTMLSelectElement;
  batchSize: HTMLSelectElement;
  start: HTMLButtonElement;
  stop: HTMLButtonElement;
  /** Enables and disables settings, Start and Stop, and moves the focus between them. */
  controls: RunControls;
  status: StatusLine;
  progress: ProgressBar;
  error: HTMLElement;
  live: HTMLElement;
  summary: HTMLElement;
  imbalance: HTMLElement;
  threshold: HTMLInputElement;
}

interface Run {
  id: number;
  settings: NeuronSettings;
  startedAt: number;
  downloads: Map<string, { loaded: number; total: number | null }>;
  epochsCompleted: number;
  batchesIntoEpoch: number;
  /** Training time of each finished epoch, ms. */
  epochMillis: number[];
  stopping: boolean;
}


const ERROR_TITLES: Record<'data' | 'config' | 'unknown', string> = {
  data: 'The MNIST images could not be loaded',
  config: 'These settings cannot be trained',
  unknown: 'Training failed',
};

export class NeuronTrainerElement extends HTMLElement {
  private view: View | null = null;
  private handle: NnTrainingHandle | null = null;
  private live: LiveView | null = null;
  private panel: ImbalancePanel | null = null;
  private run: Run | null = null;
  /** Increases with every start and teardown; messages of older runs are ignored. */
  private runId = 0;

  connectedCallback(): void {
    if (!this.view) {
      if (!this.querySelector('[data-part="root"]')) {
        this.innerHTML = neuronMarkup(
          settingsFromValues({
            epochs: this.getAttribute('data-epochs'),
            learningRate: this.getAttribute('data-learning-rate'),
            batchSize: this.getAttribute('data-batch-size'),
          }),
        );
      }
      this.view = this.bindView();
    }
    if (!this.dataset.state) this.setState('idle');
  }

  disconnectedCallback(): void {
    this.runId++;
    this.handle?.terminate();
    this.handle = null;
    this.live?.destroy();
    this.live = null;
    if (this.view && (this.state === 'loading' || this.state === 'running')) {
      this.resetControls();
      this.view.progress.hide();
      this.view.status.announce('Stopped: the widget was removed from the page');
      this.setState('idle');
    }
    this.run = null;
  }

  get state(): NeuronState {
    return (this.dataset.state as NeuronState | undefined) ?? 'idle';
  }

  private bindView(): View {
    const view: View = {
      settings: part<HTMLFieldSetElement>(this, 'settings'),
      epochs: part<HTMLSelectElement>(this, 'epochs'),
      learningRate: part<HTMLSelectElement>(this, 'learningRate'),
      batchSize: part<HTMLSelectElement>(this, 'batchSize'),
      start: part<HTMLButtonElement>(this, 'start'),
      stop: part<HTMLButtonElement>(this, 'stop'),
      controls: new RunControls(part<HTMLFieldSetElement>(this, 'settings'), part<HTMLButtonElement>(this, 'start'), part<HTMLButtonElement>(this, 'stop')),
      status: new StatusLine(part(this, 'status')),
      progress: new ProgressBar(part(this, 'progress')),
      error: part(this, 'error'),
      live: part(this, 'live'),
      summary: part(this, 'summary'),
      imbalance: part(this, 'imbalance'),
      threshold: part<HTMLInputElement>(this, 'threshold'),
    };
    view.start.addEventListener('click', () => void this.start());
    view.stop.addEventListener('click', () => this.stop());
    view.threshold.addEventListener('input', () => this.panel?.update(Number(view.threshold.value)));
    return view;
  }

  private setState(state: NeuronState): void {
    this.dataset.state = state;
  }

  /** What the Start button does. */
  async start(): Promise<void> {
    const view = this.view;
    if (!view || this.state === 'loading' || this.state === 'running') return;
    const settings = settingsFromValues({
      epochs: view.epochs.value,
      learningRate: view.learningRate.value,
      batchSize: view.batchSize.value,
    });
    const id = ++this.runId;
    const run: Run = {
      id,
      settings,
      startedAt: performance.now(),
      downloads: new Map(),
      epochsCompleted: 0,
      batchesIntoEpoch: 0,
      epochMillis: [],
      stopping: false,
    };
    this.run = run;
    this.setState('loading');
    view.controls.busy();
    clearError(view.error);
    view.summary.hidden = true;
    view.imbalance.hidden = true;
    this.panel = null;
    delete this.dataset.testAccuracy;
    delete this.dataset.epochMillis;
    view.status.announce('Loading the training code…');
    view.progress.show('Loading', 0, null);

    let client: typeof import('../../workers/nn/client.ts');
    let liveModule: typeof import('./live-view.ts');
    try {
      [client, liveModule] = await Promise.all([import('../../workers/nn/client.ts'), import('./live-view.ts')]);
    } catch (err) {
      if (id !== this.runId) return;
      this.fail('unknown', `The page could not load its training code (${err instanceof Error ? err.message : String(err)}). Check your connection, reload the page and press Start again.`);
      return;
    }
    if (id !== this.runId || !this.isConnected) return;

    this.live?.destroy();
    view.live.hidden = false;
    this.live = new liveModule.LiveView(view.live, settings.epochs);
    this.handle = client.startNnTraining(buildNeuronConfig(settings, datasetUrl()), (m) => this.onMessage(id, m, liveModule));
  }

  /** What the Stop button does: the run ends after its current group of batches, keeping what it learned. */
  stop(): void {
    const view = this.view;
    const run = this.run;
    if (!view || !run || !(this.state === 'loading' || this.state === 'running')) return;
    if (!this.handle) {
      // Still loading the training code: forget the run.
      this.runId++;
      this.run = null;
      this.resetControls();
      view.progress.hide();
      view.status.announce('Stopped before training began');
      this.setState('idle');
      return;
    }
    run.stopping = true;
    view.controls.stopping();
    view.status.announce('Stopping…');
    this.handle.stop();
  }

  private onMessage(id: number, m: NnFromWorker, liveModule: typeof import('./live-view.ts')): void {
    const view = this.view;
    const run = this.run;
    if (id !== this.runId || !view || !run) return;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'training') this.setState('running');
        if (m.phase === 'loading-data') view.progress.show('Download', 0, null);
        if (!run.stopping) {
          view.status.announce(m.phase === 'training' ? `Training: epoch 1 of ${run.settings.epochs}` : m.message);
        }
        break;

      case 'download': {
        run.downloads.set(m.file, { loaded: m.loaded, total: m.total });
        const sum = sumDownloads(run.downloads.values());
        view.progress.show('Download', sum.loaded, sum.total);
        if (!run.stopping) view.status.update(downloadStatus('MNIST', sum.loaded, sum.total));
        break;
      }

      case 'metrics': {
        const x = epochsElapsed({ epoch: m.epoch + 1, batch: m.batch + 1, batchesPerEpoch: m.batchesPerEpoch });
        run.batchesIntoEpoch = m.batch + 1 >= m.batchesPerEpoch ? 0 : m.batch + 1;
        this.live?.addPoint(x, m.loss, m.accuracy);
        if (m.firstLayerWeights) this.live?.queueWeights(m.firstLayerWeights);
        view.progress.show('Training', x, run.settings.epochs);
        if (!run.stopping) {
          view.status.update(
            `Epoch ${m.epoch + 1} of ${run.settings.epochs} · ${formatCount(m.examplesSeen - m.epoch * FIXED.trainLimit)} of ${formatCount(FIXED.trainLimit)} images · loss ${m.loss.toFixed(3)} · accuracy ${(m.accuracy * 100).toFixed(1)}%`,
          );
        }
        break;
      }

      case 'epoch':
        run.epochsCompleted = m.summary.epoch + 1;
        run.batchesIntoEpoch = 0;
        run.epochMillis.push(m.summary.millis);
        this.dataset.epochMillis = m.summary.millis.toFixed(0);
        break;

      case 'early-stop':
        break;

      case 'done':
        this.finish(run, m, liveModule);
        break;

      case 'error':
        this.fail(m.code, m.message);
        break;
    }
  }

  private finish(run: Run, m: Extract<NnFromWorker, { type: 'done' }>, liveModule: typeof import('./live-view.ts')): void {
    const view = this.view;
    if (!view) return;
    this.handle = null;
    view.progress.hide();
    this.resetControls();
    view.start.textContent = 'Train again';
    const test = m.test;
    const weights = m.weights[0];
    if (weights) this.live?.showWeights(weights);

    if (test) this.dataset.testAccuracy = test.accuracy.toFixed(4);
    if (m.stopped) {
      view.status.announce(
        stoppedStatus({ epochsCompleted: run.epochsCompleted, batchesIntoEpoch: run.batchesIntoEpoch }, test?.accuracy ?? null),
      );
      this.setState('idle');
    } else {
      view.status.announce(
        test
          ? `${doneStatus(test.accuracy, m.epochsCompleted)} (${formatCount(FIXED.trainLimit)} images)`
          : 'Training finished without a test accuracy',
      );
      this.setState('done');
    }

    const facts: string[] = [];
    const last = run.epochMillis.at(-1);
    if (last !== undefined && last > 0) {
      facts.push(
        `One epoch of ${formatCount(FIXED.trainLimit)} images took ${formatDuration(last)} of training (${speedSentence((FIXED.trainLimit * 1000) / last)}).`,
      );
    }
    facts.push(`Took ${formatDuration(performance.now() - run.startedAt)} in all, download included.`);
    view.summary.textContent = facts.join(' ');
    view.summary.hidden = false;

    if (test && test.scores.length === test.labels.length && test.count > 0) {
      this.panel = new liveModule.ImbalancePanel(view.imbalance, test.scores, test.labels, test.accuracy);
      this.panel.update(Number(view.threshold.value));
    }
  }

  private fail(code: 'data' | 'config' | 'unknown', message: string): void {
    const view = this.view;
    if (!view) return;
    this.runId++;
    this.handle?.terminate();
    this.handle = null;
    view.progress.hide();
    this.resetControls();
    this.setState('error');
    view.status.announce(`Error: ${ERROR_TITLES[code]}. ${message}`);
    showError(view.error, {
      title: ERROR_TITLES[code],
      message,
      hint: code === 'data' ? 'Reload the page to try again.' : 'Press Start to try again.',
    });
    view.start.textContent = 'Start again';
  }

  private resetControls(): void {
    const view = this.view;
    if (!view) return;
    view.controls.idle();
  }
}

export { IDLE_STATUS };

if (!customElements.get('tk-neuron-trainer')) customElements.define('tk-neuron-trainer', NeuronTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-neuron-trainer': NeuronTrainerElement;
  }
}
