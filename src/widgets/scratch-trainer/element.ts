/**
 * <tk-scratch-trainer variant="mnist|overfit">: trains the lesson's from-scratch network
 * (src/lib/nn, no tfjs) on MNIST in a Web Worker (src/workers/nn/worker.ts).
 *
 * - "mnist": ten digits on 55,000 images; live loss, training/validation accuracy per epoch,
 *   images per second, and at the end the test accuracy and a 10×10 confusion matrix.
 * - "overfit": 500 training images, 10,000 validation images, many epochs; live training and
 *   validation loss, the best epoch marked, early stopping, learning-rate presets.
 *
 * The static markup comes from ScratchTrainer.astro (or from markup.ts when the element is created
 * without it); this module upgrades it and stays small: the worker client and the d3 charts load with
 * `import()` when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line states the key figure in words;
 *  - `dataset.testAccuracy` ("0.9781") once measured; overfit: `dataset.bestEpoch` (from 1);
 *  - `history()`: the finished epochs (training/validation loss and accuracy).
 */
import type { NnFromWorker, NnTrainConfig } from '../../workers/nn/protocol.ts';
import type { NnTrainingHandle } from '../../workers/nn/client.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount, formatDuration, formatPercent, plural } from '../../lib/format/numbers.ts';
import { sumDownloads } from '../../lib/format/progress.ts';
import { downloadStatus, speedSentence, stoppedStatus, trainingStatus } from '../../lib/format/status.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { StatusLine } from '../shared/status.ts';
import { nextWidgetId } from '../image-shared/ids.ts';
import type { MnistCharts, OverfitCharts } from './charts.ts';
import {
  MNIST_TEST,
  MNIST_TRAIN_LIMIT,
  OVERFIT_FIXED,
  SUGGESTED_LEARNING_RATE,
  buildMnistConfig,
  buildOverfitConfig,
  mnistCode,
  mnistSettingsFrom,
  overfitCode,
  overfitSettingsFrom,
  variantFrom,
  type OptimizerKind,
  type ScratchVariant,
} from './config.ts';
import { MNIST_IDLE_STATUS, OVERFIT_IDLE_STATUS, mnistMarkup, overfitMarkup } from './markup.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { asSentence } from '../../lib/format/sentence.ts';
import { RunControls } from '../shared/run-controls.ts';
import {
  LOSS_CAP,
  bestEpoch,
  divergedStatus,
  mnistDoneStatus,
  mnistEpochStatus,
  overfitDoneStatus,
  overfitEpochStatus,
  type EpochPoint,
} from './text.ts';

export type ScratchState = 'idle' | 'loading' | 'running' | 'done' | 'error';

interface View {
  settings: HTMLFieldSetElement;
  code: HTMLElement;
  start: HTMLButtonElement;
  stop: HTMLButtonElement;
  /** Enables and disables settings, Start and Stop, and moves the focus between them. */
  controls: RunControls;
  status: StatusLine;
  progress: ProgressBar;
  speed: HTMLElement;
  error: HTMLElement;
  charts: HTMLElement;
  summary: HTMLElement;
  confusion: HTMLElement;
}

interface Run {
  id: number;
  variant: ScratchVariant;
  config: NnTrainConfig;
  epochs: number;
  startedAt: number;
  downloads: Map<string, { loaded: number; total: number | null }>;
  points: EpochPoint[];
  stopping: boolean;
  /** Batches trained in the current epoch (from the last metrics message). */
  batchesIntoEpoch: number;
  examplesPerSecond: number;
  /** Early stopping ended the run after this epoch (from 1). */
  stoppedEarlyAfter: number | null;
  diverged: boolean;
  /** Some loss was above LOSS_CAP and was drawn at the cap. */
  capped: boolean;
  /** Training time of each finished epoch, ms. */
  epochMillis: number[];
}



const ERROR_TITLES: Record<Extract<NnFromWorker, { type: 'error' }>['code'], string> = {
  data: 'The MNIST images could not be loaded',
  config: 'These settings cannot be trained',
  unknown: 'Training failed',
};
const ERROR_HINTS: Record<Extract<NnFromWorker, { type: 'error' }>['code'], string> = {
  data: 'Check your connection, then press Start again.',
  config: 'Pick other settings, then press Start again.',
  unknown: 'Reload the page and press Start again.',
};

/** Epochs in protocol messages count from 0; people count from 1. */
const human = (epoch: number): number => epoch + 1;

export class ScratchTrainerElement extends HTMLElement {
  private view: View | null = null;
  private handle: NnTrainingHandle | null = null;
  private charts: MnistCharts | OverfitCharts | null = null;
  private run: Run | null = null;
  /** Increases with every start and teardown; messages of older runs are ignored. */
  private runId = 0;

  get variant(): ScratchVariant {
    return variantFrom(this.getAttribute('variant') ?? this.dataset.variant);
  }

  get state(): ScratchState {
    return (this.dataset.state as ScratchState | undefined) ?? 'idle';
  }

  /** The finished epochs of the current (or last) run. */
  history(): EpochPoint[] {
    return this.run ? this.run.points.map((p) => ({ ...p })) : [];
  }

  connectedCallback(): void {
    if (!this.view) {
      if (!this.querySelector('[data-part="root"]')) {
        const get = (name: string) => this.getAttribute(`data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
        this.innerHTML =
          this.variant === 'overfit'
            ? overfitMarkup(overfitSettingsFrom(get), nextWidgetId('tk-scratch-js-rate'))
            : mnistMarkup(mnistSettingsFrom(get));
      }
      this.view = this.bindView();
      this.syncControls();
    }
    if (!this.dataset.state) this.setState('idle');
  }

  disconnectedCallback(): void {
    this.runId++;
    this.releaseHandle();
    this.charts?.destroy();
    this.charts = null;
    if (this.view && (this.state === 'loading' || this.state === 'running')) {
      this.resetControls();
      this.view.progress.hide();
      this.view.status.announce('Stopped: the widget was removed from the page');
      this.setState('idle');
    }
  }

  /** Start a run with the current settings (what Start does). */
  start(): Promise<void> {
    return this.begin();
  }

  /** Stop after the current batch (what Stop does). */
  stop(): void {
    const view = this.view;
    const run = this.run;
    if (!view || !run || (this.state !== 'loading' && this.state !== 'running')) return;
    if (!this.handle) {
      // Still loading the training code: forget the run.
      this.runId++;
      this.resetControls();
      view.progress.hide();
      view.status.announce('Stopped before training began');
      this.setState('idle');
      return;
    }
    run.stopping = true;
    view.controls.stopping();
    view.status.announce('Stopping after this batch…');
    this.handle.stop();
  }

  // ---------------------------------------------------------------- controls

  private bindView(): View {
    const view: View = {
      settings: part<HTMLFieldSetElement>(this, 'settings'),
      code: part(this, 'code'),
      start: part<HTMLButtonElement>(this, 'start'),
      stop: part<HTMLButtonElement>(this, 'stop'),
      controls: new RunControls(part<HTMLFieldSetElement>(this, 'settings'), part<HTMLButtonElement>(this, 'start'), part<HTMLButtonElement>(this, 'stop')),
      status: new StatusLine(part(this, 'status')),
      progress: new ProgressBar(part(this, 'progress')),
      speed: part(this, 'speed'),
      error: part(this, 'error'),
      charts: part(this, 'charts'),
      summary: part(this, 'summary'),
      confusion: part(this, 'confusion'),
    };
    view.start.addEventListener('click', () => void this.start());
    view.stop.addEventListener('click', () => this.stop());
    view.settings.addEventListener('change', (event) => {
      // A new optimiser gets a learning rate that suits it.
      const target = event.target as HTMLElement | null;
      if (target instanceof HTMLSelectElement && target.name === 'optimizer') {
        const rate = this.control<HTMLSelectElement>('learningRate');
        if (rate) rate.value = String(SUGGESTED_LEARNING_RATE[target.value as OptimizerKind] ?? rate.value);
      }
      this.syncControls();
    });
    return view;
  }

  private control<T extends HTMLElement>(name: string): T | null {
    return this.querySelector<T>(`[data-part="${name}"]`);
  }

  private value(name: string): string | null {
    const el = this.control<HTMLSelectElement | HTMLInputElement>(name);
    if (!el) return null;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked ? 'true' : 'false';
    return el.value;
  }

  private readMnist() {
    return mnistSettingsFrom((name) => this.value(name));
  }

  private readOverfit() {
    const checked = this.querySelector<HTMLInputElement>('[data-part="rate"] input:checked');
    return overfitSettingsFrom((name) => (name === 'rate' ? (checked?.value ?? null) : this.value(name)));
  }

  /** The code listing and dependent controls follow the settings. */
  private syncControls(): void {
    const view = this.view;
    if (!view) return;
    if (this.variant === 'overfit') {
      const s = this.readOverfit();
      view.code.textContent = overfitCode(s);
      const patience = this.control<HTMLSelectElement>('patience');
      if (patience) patience.disabled = !s.earlyStopping;
    } else {
      view.code.textContent = mnistCode(this.readMnist());
    }
  }

  private setState(state: ScratchState): void {
    this.dataset.state = state;
  }

  // ---------------------------------------------------------------- a run

  private async begin(): Promise<void> {
    const view = this.view;
    if (!view || this.handle || this.state === 'loading' || this.state === 'running') return;
    const variant = this.variant;
    const dataUrl = datasetUrl();
    const config = variant === 'overfit' ? buildOverfitConfig(this.readOverfit(), dataUrl) : buildMnistConfig(this.readMnist(), dataUrl);
    const id = ++this.runId;
    const run: Run = {
      id,
      variant,
      config,
      epochs: config.epochs,
      startedAt: performance.now(),
      downloads: new Map(),
      points: [],
      stopping: false,
      batchesIntoEpoch: 0,
      examplesPerSecond: 0,
      stoppedEarlyAfter: null,
      diverged: false,
      epochMillis: [],
      capped: false,
    };
    this.run = run;

    this.setState('loading');
    view.controls.busy();
    clearError(view.error);
    view.summary.hidden = true;
    view.speed.hidden = true;
    view.confusion.hidden = true;
    view.confusion.replaceChildren();
    delete this.dataset.testAccuracy;
    delete this.dataset.bestEpoch;
    view.status.announce('Loading the training code…');
    view.progress.show('Loading', 0, null);

    let client: typeof import('../../workers/nn/client.ts');
    let chartsModule: typeof import('./charts.ts');
    try {
      [client, chartsModule] = await Promise.all([import('../../workers/nn/client.ts'), import('./charts.ts')]);
    } catch (err) {
      if (id !== this.runId) return;
      this.fail(
        'Training failed',
        `The page could not load its training code (${errorText(err)}).`,
        'Check your connection, then reload the page and press Start again.',
      );
      return;
    }
    if (id !== this.runId || !this.isConnected) return; // stopped or removed meanwhile

    this.charts?.destroy();
    this.charts =
      variant === 'overfit'
        ? new chartsModule.OverfitCharts(view.charts, config.epochs)
        : new chartsModule.MnistCharts(view.charts, config.epochs);
    view.charts.hidden = false;

    try {
      this.handle = client.startNnTraining(config, (m) => this.onMessage(id, m));
    } catch (err) {
      this.fail('Training failed', `The training worker could not start (${errorText(err)}).`, 'Reload the page and press Start again.');
    }
  }

  private onMessage(id: number, m: NnFromWorker): void {
    const view = this.view;
    const run = this.run;
    if (id !== this.runId || !view || !run) return;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'loading-data') {
          this.setState('loading');
          view.progress.show('Download', 0, null);
        } else if (this.state !== 'running') {
          this.setState('running');
        }
        if (m.phase === 'evaluating' && !run.stopping) {
          view.progress.show('Testing', 0, null);
        }
        if (!run.stopping) view.status.announce(m.message);
        break;

      case 'download': {
        run.downloads.set(m.file, { loaded: m.loaded, total: m.total });
        const sum = sumDownloads(run.downloads.values());
        view.progress.show('Download', sum.loaded, sum.total);
        const text = downloadStatus('MNIST', sum.loaded, sum.total);
        if (sum.total !== null && sum.loaded >= sum.total) view.status.announce(text);
        else view.status.update(text);
        break;
      }

      case 'metrics': {
        if (this.state !== 'running') this.setState('running');
        const epoch = human(m.epoch);
        const batch = m.batch + 1;
        run.batchesIntoEpoch = batch >= m.batchesPerEpoch ? 0 : batch;
        const x = m.epoch + Math.min(1, batch / m.batchesPerEpoch);
        if (run.variant === 'mnist') (this.charts as MnistCharts | null)?.addBatch(x, m.loss);
        view.progress.show('Training', x, run.epochs);
        if (m.examplesPerSecond > 0) {
          run.examplesPerSecond = m.examplesPerSecond;
          view.speed.textContent = `Training at ${speedSentence(m.examplesPerSecond)}; ${formatCount(m.examplesSeen)} images seen so far.`;
          view.speed.hidden = false;
        }
        if (run.variant === 'mnist' && !run.stopping) {
          view.status.update(trainingStatus({ epoch, epochs: run.epochs, batch, batchesPerEpoch: m.batchesPerEpoch, loss: m.loss }));
        }
        if (!Number.isFinite(m.loss)) run.diverged = true;
        if (run.variant === 'mnist' && m.loss > LOSS_CAP) run.capped = true;
        break;
      }

      case 'epoch': {
        const s = m.summary;
        const point: EpochPoint = {
          epoch: human(s.epoch),
          trainLoss: s.trainLoss,
          trainAccuracy: s.trainAccuracy,
          validationLoss: s.validationLoss,
          validationAccuracy: s.validationAccuracy,
        };
        run.points.push(point);
        run.batchesIntoEpoch = 0;
        run.epochMillis.push(s.millis);
        if (!Number.isFinite(s.trainLoss)) run.diverged = true;
        if (s.trainLoss > LOSS_CAP || (s.validationLoss ?? 0) > LOSS_CAP) run.capped = true;
        this.charts?.addEpoch(point);
        view.progress.show('Training', point.epoch, run.epochs);
        if (run.variant === 'overfit') {
          const best = bestEpoch(run.points);
          if (best) {
            (this.charts as OverfitCharts | null)?.markBest(best);
            this.dataset.bestEpoch = String(best.epoch);
          }
          if (!run.stopping) view.status.update(overfitEpochStatus(point, run.epochs));
        } else if (!run.stopping) {
          view.status.announce(mnistEpochStatus(point, run.epochs));
        }
        break;
      }

      case 'early-stop':
        run.stoppedEarlyAfter = run.points[run.points.length - 1]?.epoch ?? null;
        break;

      case 'done':
        this.finish(run, m);
        break;

      case 'error':
        this.fail(ERROR_TITLES[m.code], m.message, ERROR_HINTS[m.code]);
        break;
    }
  }

  private finish(run: Run, m: Extract<NnFromWorker, { type: 'done' }>): void {
    const view = this.view;
    if (!view) return;
    this.releaseHandle();
    const elapsed = performance.now() - run.startedAt;
    view.progress.hide();
    this.resetControls();
    view.start.textContent = 'Train again';
    const test = m.test;
    if (test) this.dataset.testAccuracy = test.accuracy.toFixed(4);

    const facts: string[] = [`Took ${formatDuration(elapsed)} in all, download included.`];
    if (run.examplesPerSecond > 0) facts.push(`Training ran at ${speedSentence(run.examplesPerSecond)}.`);
    if (run.variant === 'mnist' && run.epochMillis.length > 0) {
      const mean = run.epochMillis.reduce((a, b) => a + b, 0) / run.epochMillis.length;
      facts.push(`One epoch of training took ${formatDuration(mean)} on average.`);
    }

    if (run.variant === 'mnist') {
      if (m.stopped) {
        view.status.announce(
          stoppedStatus({ epochsCompleted: m.epochsCompleted, batchesIntoEpoch: run.batchesIntoEpoch }, test ? test.accuracy : null),
        );
        this.setState('idle');
      } else if (test) {
        view.status.announce(mnistDoneStatus(test.accuracy, m.epochsCompleted, MNIST_TRAIN_LIMIT));
        this.setState('done');
      } else {
        view.status.announce('Training finished without a test accuracy');
        this.setState('done');
      }
      if (test) {
        facts.push(
          `The test accuracy is measured on ${formatCount(test.count)} images the network never trained on; guessing would score about 10%.`,
        );
        if (test.confusion) {
          const confusion = test.confusion;
          void import('./charts.ts').then(({ renderConfusion }) => {
            if (!this.view || this.run !== run) return;
            renderConfusion(this.view.confusion, confusion, test.count || MNIST_TEST);
            this.view.confusion.hidden = false;
          });
        }
      }
    } else {
      const best = bestEpoch(run.points);
      if (best) this.dataset.bestEpoch = String(best.epoch);
      const outcome = overfitDoneStatus({ points: run.points, epochs: run.epochs, stoppedEarlyAfter: run.stoppedEarlyAfter });
      if (m.stopped) {
        const where = stoppedStatus({ epochsCompleted: m.epochsCompleted, batchesIntoEpoch: run.batchesIntoEpoch }, null).replace(
          /; no test accuracy yet$/,
          '',
        );
        view.status.announce(best ? `${where}. ${outcome}` : where);
        this.setState('idle');
      } else {
        view.status.announce(run.diverged && !best ? divergedStatus(run.points.length) : outcome);
        this.setState('done');
      }
      if (test) {
        facts.push(
          `With the ${run.stoppedEarlyAfter !== null ? 'best epoch’s weights' : 'final weights'}, the network reads ${formatPercent(test.accuracy)} of ${formatCount(test.count)} test images correctly after training on only ${formatCount(OVERFIT_FIXED.trainLimit)}.`,
        );
      }
      if (run.stoppedEarlyAfter !== null && best) {
        facts.push(`Early stopping waited ${plural(run.config.earlyStoppingPatience, 'epoch')} without a better validation loss, then restored epoch ${best.epoch}’s weights.`);
      }
    }
    if (run.capped) facts.push(`Losses above ${LOSS_CAP} are drawn at ${LOSS_CAP} on the chart.`);
    view.summary.textContent = facts.join(' ');
    view.summary.hidden = false;
  }

  private fail(title: string, message: string, hint: string): void {
    const view = this.view;
    if (!view) return;
    this.runId++; // ignore anything the failed run still sends
    this.releaseHandle();
    view.progress.hide();
    this.resetControls();
    this.setState('error');
    view.status.announce(`Error: ${title}. ${asSentence(message)}`);
    showError(view.error, { title, message: asSentence(message), hint: asSentence(hint) });
    view.start.textContent = 'Start again';
  }

  /** Controls back to "ready": settings and Start enabled, Stop disabled, focus kept on a live control. */
  private resetControls(): void {
    const view = this.view;
    if (!view) return;
    view.controls.idle();
    this.syncControls();
  }

  private releaseHandle(): void {
    const handle = this.handle;
    this.handle = null;
    handle?.terminate();
  }
}

/** The idle status sentences, for authors and tests. */
export { MNIST_IDLE_STATUS, OVERFIT_IDLE_STATUS };

if (!customElements.get('tk-scratch-trainer')) customElements.define('tk-scratch-trainer', ScratchTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-scratch-trainer': ScratchTrainerElement;
  }
}
