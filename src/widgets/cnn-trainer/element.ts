/**
 * <tk-cnn-trainer>: the default CNN (DEFAULT_CNN_SPEC) trained on Fashion-MNIST in the builder
 * worker (src/workers/builder), with live loss and accuracy curves and the first layer's filters
 * redrawn as they learn; then the test accuracy, a confusion matrix with the class names, a gallery
 * of mistakes and every layer's feature maps for a chosen test image (./model-view.ts, on the model
 * worker src/workers/feature-maps). "Use the pretrained model" (or opening the feature maps) loads
 * the project's pretrained CNN, so the views are useful before any training; after a run the two
 * can be compared.
 *
 * For tests and assistive technology: `data-state`; the `role="status"` line ("Test accuracy 81.2%
 * on 10,000 test images after 1 epoch"); `data-model` (none, loading, pretrained, own: the model
 * shown); `dataset.testAccuracy` and `dataset.tensorsLeft` once a run has ended.
 */
import { joinBase } from '../../lib/content/url.ts';
import { epochsElapsed } from '../../lib/format/progress.ts';
import { backendLine, trainingStatus } from '../../lib/format/status.ts';
import { PRETRAINED_CNN_URL } from '../../lib/supervised/pretrained.ts';
import type { BuilderRunHandle } from '../../workers/builder/client.ts';
import type { BuilderFromWorker, BuilderRequest } from '../../workers/builder/protocol.ts';
import { showAvailableBackends } from '../shared/backend-picker.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm } from '../shared/settings.ts';
import { stopAndDispose, TrainerLifecycle } from '../shared/trainer.ts';
import type { LossAccuracyCharts } from '../../viz/epoch-charts.ts';
import { SETTINGS, runRequest, settingsFromAttributes } from './config.ts';
import { cnnTrainerMarkup, emptyCharts } from './markup.ts';
import { ModelView } from './model-view.ts';
import { doneStatus, epochStatus, stoppedStatus } from './text.ts';

/** The pretrained model's model.json, absolute (a worker resolves it). */
const pretrainedUrl = (): string => new URL(joinBase(import.meta.env.BASE_URL, PRETRAINED_CNN_URL), location.href).href;

export class CnnTrainerElement extends HTMLElement {
  private life: TrainerLifecycle<BuilderRunHandle> | null = null;
  private charts: LossAccuracyCharts | null = null;
  private view: ModelView | null = null;
  /** Where the finished run saved its model ('saved'), loaded into the view after `done`. */
  private savedUrl: string | null = null;
  /** The current run's status is the key figure: a model loaded after it does not replace it. */
  private quietLoads = false;

  connectedCallback(): void {
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = cnnTrainerMarkup(settingsFromAttributes((n) => this.getAttribute(n)));
    this.life = new TrainerLifecycle<BuilderRunHandle>(this, {
      onStart: () => void this.start(),
      release: stopAndDispose,
      stoppingText: 'Stopping after this batch…',
      downloadLabel: 'Fashion-MNIST',
      onState: (state) => {
        part<HTMLButtonElement>(this, 'pretrained').disabled = state === 'loading' || state === 'running';
      },
    });
    const life = this.life;
    this.view = new ModelView(this, {
      say: (text) => {
        if (!life.busy && !this.quietLoads) life.status.announce(text);
      },
      progress: (label, value, max) => {
        if (!life.busy) life.progress?.show(label, value, max);
      },
      done: () => {
        if (!life.busy) life.progress?.hide();
      },
      training: () => life.busy,
    });
    part(this, 'settings').addEventListener('change', () => {
      if (!this.charts) part(this, 'charts').innerHTML = emptyCharts(readForm(SETTINGS, part(this, 'settings')).epochs);
    });
    part(this, 'pretrained').addEventListener('click', () => void this.usePretrained());
    part(this, 'maps-view').addEventListener('toggle', () => {
      if (!(part(this, 'maps-view') as HTMLDetailsElement).open) return;
      if (this.view?.hasModel) void this.view.opened();
      else void this.usePretrained();
    });
    showAvailableBackends(this);
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.charts?.destroy();
    this.charts = null;
    this.view?.dispose();
  }

  private async usePretrained(): Promise<void> {
    const view = this.view;
    if (!view || this.life?.busy) return;
    if (view.has('pretrained')) return void view.show('pretrained');
    this.quietLoads = false;
    const { testLimit } = readForm(SETTINGS, part(this, 'settings'));
    await view.load('pretrained', pretrainedUrl(), { dataUrl: datasetUrl(), testLimit });
  }

  /** What Start does: train the default CNN with the settings of the form. */
  async start(): Promise<void> {
    const life = this.life;
    if (!life) return;
    const settings = readForm(SETTINGS, part(this, 'settings'));
    const id = life.begin();
    if (id === null) return;
    part(this, 'backend').hidden = true;
    this.savedUrl = null;
    delete this.dataset.testAccuracy;
    delete this.dataset.tensorsLeft;
    const mods = await life.load(id, () => Promise.all([import('../../workers/builder/client.ts'), import('./charts.ts')]));
    if (!mods) return;
    const [client, { cnnCharts }] = mods;
    this.charts?.destroy();
    this.charts = cnnCharts(part(this, 'charts'), settings.epochs);
    const request = runRequest(settings, datasetUrl());
    life.attach(
      client.startBuilderRun(
        request,
        life.listen(id, (m: BuilderFromWorker) => this.onMessage(request, m)),
        { mode: 'auto' },
      ),
    );
  }

  private onMessage(request: BuilderRequest, m: BuilderFromWorker): void {
    const life = this.life;
    if (!life) return;
    const epochs = request.spec.epochs;
    const testImages = request.data.testLimit;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'training') life.setState('running');
        else if (m.phase === 'loading-data') life.progress?.show('Download', 0, null);
        if (!life.stopping) life.status.announce(m.phase === 'loading-data' ? 'Loading Fashion-MNIST…' : m.message);
        break;
      case 'backend': {
        const line = part(this, 'backend');
        line.textContent = backendLine(m.backend, life.handle?.mode ?? null, m.fallbackReason);
        line.hidden = false;
        break;
      }
      case 'download':
        life.download(m.file, m.loaded, m.total);
        break;
      case 'metrics': {
        const x = epochsElapsed({ epoch: m.epoch + 1, batch: m.batch + 1, batchesPerEpoch: m.batchesPerEpoch });
        this.charts?.add('train', x, m.loss, m.accuracy);
        life.progress?.show('Training', x, epochs);
        life.running(trainingStatus({ epoch: m.epoch + 1, epochs, batch: m.batch + 1, batchesPerEpoch: m.batchesPerEpoch, loss: m.loss }));
        break;
      }
      case 'epoch':
        if (!life.stopping) life.status.announce(epochStatus(m.epoch + 1, epochs, m.trainAccuracy));
        break;
      case 'filters':
        this.view?.showFilters({ shape: m.shape, values: m.values }, { examplesSeen: m.examplesSeen });
        break;
      case 'saved':
        this.savedUrl = m.url;
        break;
      case 'save-failed':
        part(this, 'comparison').textContent = `${m.message} The confusion matrix and feature maps need the saved model.`;
        break;
      case 'done':
        if (m.testAccuracy !== null) this.dataset.testAccuracy = m.testAccuracy.toFixed(4);
        this.dataset.tensorsLeft = String(m.tensorsLeft);
        if (m.stopped) life.finish(stoppedStatus(m.testAccuracy, testImages, m.epochsCompleted), 'idle');
        else life.finish(doneStatus(m.testAccuracy ?? 0, testImages, m.epochsCompleted), 'done');
        if (!m.stopped && this.savedUrl && this.view) {
          this.quietLoads = true;
          void this.view.load('own', this.savedUrl, { dataUrl: request.dataUrl, testLimit: testImages });
        }
        break;
      case 'error':
        life.fail({ title: 'Training failed', message: m.message, hint: m.hint });
        break;
    }
  }
}

if (!customElements.get('tk-cnn-trainer')) customElements.define('tk-cnn-trainer', CnnTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-cnn-trainer': CnnTrainerElement;
  }
}
