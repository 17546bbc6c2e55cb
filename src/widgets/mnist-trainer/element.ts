/**
 * <tk-mnist-trainer>: trains a small MLP on MNIST in the reader's browser.
 *
 * The static markup comes from MnistTrainer.astro (or from `trainerMarkup` when the
 * element is created without it); this module upgrades it. It stays tiny: tfjs, the
 * training runtime and the d3 charts are loaded with `import()` when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line states the key figure in words, e.g. "Test accuracy 92.4% after 1 epoch";
 *  - `dataset.testAccuracy` ("0.9241") once a run has measured it;
 *  - `loseContext()` simulates a lost WebGL context (test hook).
 */
import { detectCapabilities, type Capabilities } from '../../tf/capabilities.ts';
import type { BackendName, ErrorCode, FromWorker } from '../../workers/train/protocol.ts';
import type { TrainerHandle } from '../../workers/train/client.ts';
import { formatCount, formatDuration, formatPercent, plural } from '../../lib/format/numbers.ts';
import { epochsElapsed, sumDownloads } from '../../lib/format/progress.ts';
import { BACKEND_LABELS } from '../../lib/runtime/backends.ts';
import {
  backendSentence,
  doneStatus,
  downloadStatus,
  speedSentence,
  stoppedStatus,
  trainingStatus,
} from '../../lib/format/status.ts';
import { applyCapabilities } from '../shared/backend-picker.ts';
import { clearError, showError, type ErrorAction } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { StatusLine } from '../shared/status.ts';
import type { TrainingCharts } from './charts.ts';
import { FIXED, buildConfig, settingsFromAttributes, settingsFromValues, type TrainerSettings } from './config.ts';
import { IDLE_STATUS, trainerMarkup } from './markup.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { asSentence } from '../../lib/format/sentence.ts';
import { RunControls } from '../shared/run-controls.ts';

export type TrainerState = 'idle' | 'loading' | 'running' | 'done' | 'error';

interface View {
  settings: HTMLFieldSetElement;
  backend: HTMLSelectElement;
  trainLimit: HTMLSelectElement;
  epochs: HTMLSelectElement;
  hidden: HTMLSelectElement;
  backendNote: HTMLElement;
  start: HTMLButtonElement;
  stop: HTMLButtonElement;
  /** Enables and disables settings, Start and Stop, and moves the focus between them. */
  controls: RunControls;
  status: StatusLine;
  progress: ProgressBar;
  backendLine: HTMLElement;
  error: HTMLElement;
  charts: HTMLElement;
  summary: HTMLElement;
  digits: HTMLElement;
}

/** Everything about the run in progress. */
interface Run {
  id: number;
  settings: TrainerSettings;
  /** Epochs finished before this run started (a run resumed from a checkpoint). */
  epochOffset: number;
  /** Epochs the reader asked for in all. */
  totalEpochs: number;
  /** Epochs finished so far, counting the offset. */
  epochsCompleted: number;
  startedAt: number;
  downloads: Map<string, { loaded: number; total: number | null }>;
  backend: BackendName | null;
  fallbackReason: string | undefined;
  stopping: boolean;
  /** Batches trained in the current epoch, from the last metrics message. */
  batchesIntoEpoch: number;
}

/** The last good weights, to continue after a lost GPU context. */
interface Checkpoint {
  epochsCompleted: number;
  weights: Float32Array[];
}



const ERROR_TITLES: Record<ErrorCode, string> = {
  'webgl-context-lost': 'The graphics card stopped responding',
  backend: 'This backend could not start',
  data: 'The MNIST images could not be loaded',
  'out-of-memory': 'The device ran out of memory',
  unknown: 'Training failed',
};

export class MnistTrainerElement extends HTMLElement {
  private view: View | null = null;
  private handle: TrainerHandle | null = null;
  private charts: TrainingCharts | null = null;
  private run: Run | null = null;
  /** Increases with every start and every teardown; messages of older runs are ignored. */
  private runId = 0;
  private checkpoint: Checkpoint | null = null;
  private caps: Capabilities | null = null;
  /** Stop had the focus when it was pressed (and then disabled): give it to Start when ready. */

  connectedCallback(): void {
    if (!this.view) {
      if (!this.querySelector('[data-part="root"]')) {
        this.innerHTML = trainerMarkup(settingsFromAttributes((name) => this.getAttribute(name)));
      }
      this.view = this.bindView();
    }
    if (!this.dataset.state) this.setState('idle');
    try {
      this.caps = detectCapabilities();
      applyCapabilities(this.view.backend, this.caps, this.view.backendNote);
    } catch {
      // Detection is a nicety: every backend stays selectable and the runtime falls back.
      this.caps = null;
    }
  }

  disconnectedCallback(): void {
    // Removed from the page: stop the work, free the worker and the GPU, leave no frame pending.
    this.runId++;
    this.releaseHandle(true);
    this.charts?.destroy();
    this.charts = null;
    if (this.run && this.view && (this.state === 'loading' || this.state === 'running')) {
      this.resetControls();
      this.view.progress.hide();
      this.view.status.announce('Stopped: the widget was removed from the page');
      this.setState('idle');
    }
    this.run = null;
  }

  get state(): TrainerState {
    return (this.dataset.state as TrainerState | undefined) ?? 'idle';
  }

  /** Test hook: simulate a lost WebGL context in the running session. */
  loseContext(): void {
    this.handle?.loseContext();
  }

  /** Start a run with the current settings (what the Start button does). */
  start(): Promise<void> {
    return this.begin(null);
  }

  /** Stop the run after the current batch (what the Stop button does). */
  stop(): void {
    const view = this.view;
    if (!view || !this.run) return;
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
    this.run.stopping = true;
    // Start gets the focus back when the run has wound down.
    view.controls.stopping();
    view.status.announce('Stopping after this batch…');
    this.handle.stop();
  }

  private bindView(): View {
    const view: View = {
      settings: part<HTMLFieldSetElement>(this, 'settings'),
      backend: part<HTMLSelectElement>(this, 'backend-picker'),
      trainLimit: part<HTMLSelectElement>(this, 'trainLimit'),
      epochs: part<HTMLSelectElement>(this, 'epochs'),
      hidden: part<HTMLSelectElement>(this, 'hidden'),
      backendNote: part(this, 'backend-note'),
      start: part<HTMLButtonElement>(this, 'start'),
      stop: part<HTMLButtonElement>(this, 'stop'),
      controls: new RunControls(part<HTMLFieldSetElement>(this, 'settings'), part<HTMLButtonElement>(this, 'start'), part<HTMLButtonElement>(this, 'stop')),
      status: new StatusLine(part(this, 'status')),
      progress: new ProgressBar(part(this, 'progress')),
      backendLine: part(this, 'backend'),
      error: part(this, 'error'),
      charts: part(this, 'charts'),
      summary: part(this, 'summary'),
      digits: part(this, 'digits'),
    };
    view.start.addEventListener('click', () => void this.start());
    view.stop.addEventListener('click', () => this.stop());
    return view;
  }

  private setState(state: TrainerState): void {
    this.dataset.state = state;
  }

  private readSettings(view: View): TrainerSettings {
    return settingsFromValues({
      epochs: view.epochs.value,
      trainLimit: view.trainLimit.value,
      hidden: view.hidden.value,
      backend: view.backend.value,
    });
  }

  /** Start or resume. `resume` continues the previous run from its checkpoint on another backend. */
  private async begin(resume: { backend: BackendName } | null): Promise<void> {
    const view = this.view;
    if (!view || this.handle || (this.run && !resume && (this.state === 'loading' || this.state === 'running'))) return;

    const previous = this.run;
    const base = resume && previous ? previous.settings : this.readSettings(view);
    const settings: TrainerSettings = resume ? { ...base, backend: resume.backend } : base;
    const checkpoint = resume ? this.checkpoint : null;
    if (!resume) this.checkpoint = null;
    // Epochs already done; the resumed run trains the rest (possibly none: then it only evaluates).
    const epochOffset = checkpoint ? Math.min(checkpoint.epochsCompleted, settings.epochs) : 0;
    const id = ++this.runId;
    this.run = {
      id,
      settings,
      epochOffset,
      totalEpochs: settings.epochs,
      epochsCompleted: epochOffset,
      startedAt: performance.now(),
      downloads: new Map(),
      backend: null,
      fallbackReason: undefined,
      stopping: false,
      batchesIntoEpoch: 0,
    };

    // Controls: busy.
    this.setState('loading');
    view.controls.busy(resume !== null);
    view.backend.value = settings.backend;
    clearError(view.error);
    view.summary.hidden = true;
    view.digits.hidden = true;
    view.digits.replaceChildren();
    view.backendLine.hidden = true;
    delete this.dataset.testAccuracy;
    view.status.announce('Loading the training code…');
    view.progress.show('Loading', 0, null);

    let client: typeof import('../../workers/train/client.ts');
    let chartsModule: typeof import('./charts.ts');
    try {
      [client, chartsModule] = await Promise.all([
        import('../../workers/train/client.ts'),
        import('./charts.ts'),
      ]);
    } catch (err) {
      if (id !== this.runId) return;
      this.fail(
        'unknown',
        `The page could not load its training code (${err instanceof Error ? err.message : String(err)}).`,
        'Check your connection, then reload the page and press Start again.',
      );
      return;
    }
    if (id !== this.runId || !this.isConnected) return; // stopped or removed meanwhile

    // Charts: fresh for a new run; for a resumed run keep the finished epochs.
    if (checkpoint && this.charts) {
      this.charts.trimAfter(epochOffset);
    } else {
      this.charts?.destroy();
      this.charts = new chartsModule.TrainingCharts(view.charts, settings.epochs);
    }
    view.charts.hidden = false;

    const config = buildConfig(
      { ...settings, epochs: settings.epochs - epochOffset },
      datasetUrl(),
      checkpoint?.weights,
    );
    try {
      this.handle = client.startTraining(config, (m) => this.onMessage(id, m), { mode: 'auto' });
    } catch (err) {
      this.fail('unknown', err instanceof Error ? err.message : String(err), 'Reload the page and try again.');
      return;
    }
    this.renderBackend();
  }

  private onMessage(id: number, m: FromWorker): void {
    const view = this.view;
    const run = this.run;
    if (id !== this.runId || !view || !run) return;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'training') {
          this.setState('running');
        } else if (m.phase === 'loading-tfjs' || m.phase === 'loading-data') {
          this.setState('loading');
          view.progress.show(m.phase === 'loading-data' ? 'Download' : 'Loading', 0, null);
        }
        if (run.stopping) break;
        // Count epochs across a resumed run (the runtime counts from the checkpoint).
        if (m.phase === 'training') {
          view.status.announce(`Training: epoch ${run.epochsCompleted + 1} of ${run.totalEpochs}`);
        } else {
          view.status.announce(m.message);
        }
        break;

      case 'backend':
        run.backend = m.backend;
        run.fallbackReason = m.fallbackReason;
        this.renderBackend();
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
        // The protocol counts epochs and batches from 0; people count from 1.
        const epoch = run.epochOffset + m.epoch + 1;
        const batch = m.batch + 1;
        run.batchesIntoEpoch = batch >= m.batchesPerEpoch ? 0 : batch;
        const x = epochsElapsed({ epoch, batch, batchesPerEpoch: m.batchesPerEpoch });
        this.charts?.addBatch(x, m.loss, m.accuracy);
        view.progress.show('Training', x, run.totalEpochs);
        if (!run.stopping) {
          view.status.update(
            trainingStatus({ epoch, epochs: run.totalEpochs, batch, batchesPerEpoch: m.batchesPerEpoch, loss: m.loss }),
          );
        }
        break;
      }

      case 'epoch': {
        run.epochsCompleted = run.epochOffset + m.epoch + 1;
        run.batchesIntoEpoch = 0;
        this.charts?.addTest(run.epochsCompleted, m.testAccuracy);
        view.status.announce(
          `Epoch ${run.epochsCompleted} of ${run.totalEpochs} done: test accuracy ${formatPercent(m.testAccuracy)}`,
        );
        break;
      }

      case 'checkpoint':
        // Counted from our own epoch messages: the weights after `epochsCompleted` whole epochs.
        this.checkpoint = { epochsCompleted: run.epochsCompleted, weights: m.weights };
        break;

      case 'done':
        this.finish(run, m);
        break;

      case 'error':
        this.fail(m.code, m.message, m.hint);
        break;
    }
  }

  private renderBackend(): void {
    const view = this.view;
    const run = this.run;
    if (!view || !run?.backend) return;
    let text = backendSentence(run.backend, this.handle?.mode ?? null);
    if (run.fallbackReason) text += `. ${asSentence(run.fallbackReason)}`;
    view.backendLine.textContent = text;
    view.backendLine.hidden = false;
  }

  private finish(run: Run, m: Extract<FromWorker, { type: 'done' }>): void {
    const view = this.view;
    if (!view) return;
    this.releaseHandle(false);
    const epochs = run.epochOffset + m.epochsCompleted;
    const elapsed = performance.now() - run.startedAt;
    view.progress.hide();
    this.resetControls();
    view.start.textContent = 'Train again';

    if (m.testAccuracy !== null) this.dataset.testAccuracy = m.testAccuracy.toFixed(4);
    if (m.stopped) {
      view.status.announce(
        stoppedStatus({ epochsCompleted: epochs, batchesIntoEpoch: run.batchesIntoEpoch }, m.testAccuracy),
      );
      this.setState('idle');
    } else if (m.testAccuracy !== null) {
      view.status.announce(doneStatus(m.testAccuracy, epochs));
      this.setState('done');
    } else {
      view.status.announce('Training finished without a test accuracy');
      this.setState('done');
    }

    const facts = [`Took ${formatDuration(elapsed)} in all, loading included.`];
    if (m.examplesPerSecond > 0) facts.push(`Training ran at ${speedSentence(m.examplesPerSecond)}.`);
    if (m.testAccuracy !== null) {
      facts.push(
        `The accuracy is measured on ${formatCount(FIXED.testLimit)} test images the network never trained on; guessing at random would score about 10%.`,
      );
    }
    view.summary.textContent = facts.join(' ');
    view.summary.hidden = false;

    if (m.predictions && m.predictions.labels.length > 0) {
      const predictions = m.predictions;
      void import('./charts.ts').then(({ drawDigits }) => {
        if (!this.view || this.run !== run) return;
        drawDigits(this.view.digits, predictions);
        this.view.digits.hidden = false;
      });
    }
  }

  private fail(code: ErrorCode, message: string, hint: string): void {
    const view = this.view;
    if (!view) return;
    this.runId++; // ignore anything the failed run still sends
    this.releaseHandle(true);
    view.progress.hide();
    this.resetControls();
    this.setState('error');
    view.status.announce(`Error: ${ERROR_TITLES[code]}. ${asSentence(message)}`);

    const actions: ErrorAction[] = [];
    if (code === 'webgl-context-lost' || code === 'backend') {
      const done = this.checkpoint?.epochsCompleted ?? 0;
      const verb = done > 0 ? 'Continue' : 'Restart';
      const failed = this.run?.backend;
      const offer = (backend: BackendName, available: boolean): void => {
        if (backend === failed) return;
        actions.push({
          label: `${verb} on ${BACKEND_LABELS[backend]}`,
          onClick: () => void this.begin({ backend }),
          disabled: !available,
          disabledReason: 'not available in this browser',
        });
      };
      offer('wasm', this.caps?.wasm ?? true);
      offer('cpu', true);
      if (done > 0) {
        message = `${asSentence(message)} The weights after ${plural(done, 'epoch')} are kept, so training can continue from there.`;
      }
    }
    showError(view.error, { title: ERROR_TITLES[code], message: asSentence(message), hint: asSentence(hint), actions });
    view.start.textContent = 'Start again';
  }

  /** Controls back to "ready": settings and Start enabled, Stop disabled, focus kept on a live control. */
  private resetControls(): void {
    const view = this.view;
    if (!view) return;
    view.controls.idle();
  }

  private releaseHandle(stopFirst: boolean): void {
    const handle = this.handle;
    this.handle = null;
    if (!handle) return;
    try {
      if (stopFirst) handle.stop();
    } finally {
      handle.dispose();
    }
  }
}

/** The idle status sentence, for authors and tests. */
export { IDLE_STATUS };

if (!customElements.get('tk-mnist-trainer')) customElements.define('tk-mnist-trainer', MnistTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-mnist-trainer': MnistTrainerElement;
  }
}
