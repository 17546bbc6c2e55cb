/**
 * <tk-mnist-trainer>: trains a small MLP on MNIST in the reader's browser.
 *
 * The static markup comes from MnistTrainer.astro (or from `trainerMarkup` when the
 * element is created without it); this module upgrades it. The run's lifecycle is the kit's
 * (src/widgets/shared/trainer.ts); this module adds the settings, the charts, the backend line
 * and resuming from a checkpoint on another backend. It stays tiny: tfjs, the training runtime
 * and the d3 charts are loaded with `import()` when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line states the key figure in words, e.g. "Test accuracy 92.4% after 1 epoch";
 *  - `dataset.testAccuracy` ("0.9241") once a run has measured it;
 *  - `loseContext()` simulates a lost WebGL context (test hook).
 */
import type { Capabilities } from '../../tf/capabilities.ts';
import type { BackendName, ErrorCode, FromWorker } from '../../workers/train/protocol.ts';
import type { TrainerHandle } from '../../workers/train/client.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatPercent } from '../../lib/format/numbers.ts';
import { epochsElapsed } from '../../lib/format/progress.ts';
import { asSentence } from '../../lib/format/sentence.ts';
import { backendSentence, trainingStatus } from '../../lib/format/status.ts';
import { showAvailableBackends } from '../shared/backend-picker.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm } from '../shared/settings.ts';
import { loadFailure, stopAndDispose, TrainerLifecycle, type TrainerState as LifecycleState } from '../shared/trainer.ts';
import type { TrainingCharts } from './charts.ts';
import { SETTINGS, buildConfig, settingsFromAttributes, type TrainerSettings } from './config.ts';
import { emptyCharts, networkFigure, trainerMarkup } from './markup.ts';
import { failure, finalStatus, summaryText, type Checkpoint } from './outcome.ts';

export type TrainerState = LifecycleState;

/** Everything about the run in progress. */
interface Run {
  settings: TrainerSettings;
  /** Epochs finished before this run started (a run resumed from a checkpoint). */
  epochOffset: number;
  /** Epochs finished so far, counting the offset. */
  epochsCompleted: number;
  startedAt: number;
  backend: BackendName | null;
  fallbackReason: string | undefined;
  /** Batches trained in the current epoch, from the last metrics message. */
  batchesIntoEpoch: number;
}

export class MnistTrainerElement extends HTMLElement {
  private life: TrainerLifecycle<TrainerHandle> | null = null;
  private charts: TrainingCharts | null = null;
  private run: Run | null = null;
  private checkpoint: Checkpoint | null = null;
  private caps: Capabilities | null = null;

  connectedCallback(): void {
    if (!this.life) {
      if (!this.querySelector('[data-part="root"]')) {
        this.innerHTML = trainerMarkup(settingsFromAttributes((name) => this.getAttribute(name)));
      }
      this.life = new TrainerLifecycle<TrainerHandle>(this, {
        onStart: () => void this.start(),
        release: stopAndDispose,
        stoppingText: 'Stopping after this batch…',
      });
      part(this, 'settings').addEventListener('change', () => this.drawFigure());
    }
    this.caps = showAvailableBackends(this);
  }

  /** The figure follows the settings: the network, and the empty charts' epochs until a run draws real ones. */
  private drawFigure(): void {
    const settings = readForm(SETTINGS, part(this, 'settings'));
    const network = networkFigure(settings);
    part(this, 'network').innerHTML = network.svg;
    part(this, 'network-caption').textContent = network.caption;
    if (!this.charts) part(this, 'charts').innerHTML = emptyCharts(settings.epochs);
  }

  disconnectedCallback(): void {
    // Removed from the page: stop the work, free the worker and the GPU, leave no frame pending.
    this.life?.disconnect();
    this.charts?.destroy();
    this.charts = null;
    this.run = null;
  }

  get state(): TrainerState {
    return this.life?.state ?? 'idle';
  }

  /** Test hook: simulate a lost WebGL context in the running session. */
  loseContext(): void {
    this.life?.handle?.loseContext();
  }

  /** Start a run with the current settings (what the Start button does). */
  start(): Promise<void> {
    return this.begin(null);
  }

  /** Stop the run after the current batch (what the Stop button does). */
  stop(): void {
    this.life?.stop();
  }

  /** Start or resume. `resume` continues the previous run from its checkpoint on another backend. */
  private async begin(resume: { backend: BackendName } | null): Promise<void> {
    const life = this.life;
    if (!life || life.busy || life.handle) return;
    const previous = this.run;
    const base = resume && previous ? previous.settings : readForm(SETTINGS, part(this, 'settings'));
    const settings: TrainerSettings = resume ? { ...base, backend: resume.backend } : base;
    const checkpoint = resume ? this.checkpoint : null;
    if (!resume) this.checkpoint = null;
    const id = life.begin({ focusStop: resume !== null });
    if (id === null) return;
    // Epochs already done; the resumed run trains the rest (possibly none: then it only evaluates).
    const epochOffset = checkpoint ? Math.min(checkpoint.epochsCompleted, settings.epochs) : 0;
    const run: Run = {
      settings,
      epochOffset,
      epochsCompleted: epochOffset,
      startedAt: performance.now(),
      backend: null,
      fallbackReason: undefined,
      batchesIntoEpoch: 0,
    };
    this.run = run;
    part<HTMLSelectElement>(this, 'backend-picker').value = settings.backend;
    for (const name of ['summary', 'digits', 'backend']) part(this, name).hidden = true;
    part(this, 'digits').replaceChildren();
    delete this.dataset.testAccuracy;

    const mods = await life.load(
      id,
      () => Promise.all([import('../../workers/train/client.ts'), import('./charts.ts')]),
      (err) => {
        const { message, hint } = loadFailure(err);
        this.fail('unknown', message, hint);
      },
    );
    if (!mods) return;
    const [client, chartsModule] = mods;

    // Charts: fresh for a new run; for a resumed run keep the finished epochs.
    if (checkpoint && this.charts) {
      this.charts.trimAfter(epochOffset);
    } else {
      this.charts?.destroy();
      this.charts = new chartsModule.TrainingCharts(part(this, 'charts'), settings.epochs);
    }

    const config = buildConfig({ ...settings, epochs: settings.epochs - epochOffset }, datasetUrl(), checkpoint?.weights);
    try {
      life.attach(
        client.startTraining(
          config,
          life.listen(id, (m: FromWorker) => this.onMessage(run, m)),
          { mode: 'auto' },
        ),
      );
    } catch (err) {
      this.fail('unknown', errorText(err), 'Reload the page and try again.');
      return;
    }
    this.renderBackend();
  }

  private onMessage(run: Run, m: FromWorker): void {
    const life = this.life;
    if (!life || run !== this.run) return;
    const total = run.settings.epochs;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'training') {
          life.setState('running');
        } else if (m.phase === 'loading-tfjs' || m.phase === 'loading-data') {
          life.setState('loading');
          life.progress?.show(m.phase === 'loading-data' ? 'Download' : 'Loading', 0, null);
        }
        if (life.stopping) break;
        // Count epochs across a resumed run (the runtime counts from the checkpoint).
        life.status.announce(m.phase === 'training' ? `Training: epoch ${run.epochsCompleted + 1} of ${total}` : m.message);
        break;

      case 'backend':
        run.backend = m.backend;
        run.fallbackReason = m.fallbackReason;
        this.renderBackend();
        break;

      case 'download':
        life.download(m.file, m.loaded, m.total);
        break;

      case 'metrics': {
        life.running();
        // The protocol counts epochs and batches from 0; people count from 1.
        const epoch = run.epochOffset + m.epoch + 1;
        const batch = m.batch + 1;
        run.batchesIntoEpoch = batch >= m.batchesPerEpoch ? 0 : batch;
        const x = epochsElapsed({ epoch, batch, batchesPerEpoch: m.batchesPerEpoch });
        this.charts?.addBatch(x, m.loss, m.accuracy);
        life.progress?.show('Training', x, total);
        if (!life.stopping) {
          life.status.update(trainingStatus({ epoch, epochs: total, batch, batchesPerEpoch: m.batchesPerEpoch, loss: m.loss }));
        }
        break;
      }

      case 'epoch':
        run.epochsCompleted = run.epochOffset + m.epoch + 1;
        run.batchesIntoEpoch = 0;
        this.charts?.addTest(run.epochsCompleted, m.testAccuracy);
        life.status.announce(`Epoch ${run.epochsCompleted} of ${total} done: test accuracy ${formatPercent(m.testAccuracy)}`);
        break;

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
    const run = this.run;
    if (!run?.backend) return;
    let text = backendSentence(run.backend, this.life?.handle?.mode ?? null);
    if (run.fallbackReason) text += `. ${asSentence(run.fallbackReason)}`;
    const line = part(this, 'backend');
    line.textContent = text;
    line.hidden = false;
  }

  private finish(run: Run, m: Extract<FromWorker, { type: 'done' }>): void {
    const life = this.life;
    if (!life) return;
    const epochs = run.epochOffset + m.epochsCompleted;
    const elapsed = performance.now() - run.startedAt;
    if (m.testAccuracy !== null) this.dataset.testAccuracy = m.testAccuracy.toFixed(4);
    life.finish(finalStatus(m, epochs, run.batchesIntoEpoch), m.stopped ? 'idle' : 'done');
    const summary = part(this, 'summary');
    summary.textContent = summaryText(m, elapsed);
    summary.hidden = false;

    if (m.predictions && m.predictions.labels.length > 0) {
      const predictions = m.predictions;
      void import('./charts.ts').then(({ drawDigits }) => {
        if (this.run !== run) return;
        const digits = part(this, 'digits');
        drawDigits(digits, predictions);
        digits.hidden = false;
      });
    }
  }

  private fail(code: ErrorCode, message: string, hint: string): void {
    this.life?.fail(
      failure({
        code,
        message,
        hint,
        checkpoint: this.checkpoint,
        failedBackend: this.run?.backend ?? null,
        wasmAvailable: this.caps?.wasm ?? true,
        resume: (backend) => void this.begin({ backend }),
      }),
    );
  }
}

if (!customElements.get('tk-mnist-trainer')) customElements.define('tk-mnist-trainer', MnistTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-mnist-trainer': MnistTrainerElement;
  }
}
