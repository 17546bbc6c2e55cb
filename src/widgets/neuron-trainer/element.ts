/**
 * <tk-neuron-trainer>: one neuron learns "is this digit a zero?" from all 60,000 MNIST
 * training images, with the from-scratch engine (src/lib/nn) in a worker. No tfjs.
 *
 * The static markup comes from NeuronTrainer.astro (or `neuronMarkup` when created
 * without it). The run's lifecycle is the kit's (src/widgets/shared/trainer.ts); this module
 * adds the settings, the live charts and the imbalance panel. The worker client, d3 charts and
 * the metrics panel load with `import()` when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line, e.g. "Test accuracy 99.2% after 1 epoch (60,000 images)";
 *  - `dataset.testAccuracy` ("0.9921") and `dataset.epochMillis` (training time of the last epoch).
 */
import { formatCount, formatDuration } from '../../lib/format/numbers.ts';
import { epochsElapsed } from '../../lib/format/progress.ts';
import { doneStatus, speedSentence, stoppedStatus } from '../../lib/format/status.ts';
import type { NnFromWorker } from '../../workers/nn/protocol.ts';
import type { NnTrainingHandle } from '../../workers/nn/client.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { TrainerLifecycle, type TrainerState } from '../shared/trainer.ts';
import { FIXED, SETTINGS, buildNeuronConfig, type NeuronSettings } from './config.ts';
import type { ImbalancePanel, LiveView } from './live-view.ts';
import { emptyCharts, neuronMarkup } from './markup.ts';

export type NeuronState = TrainerState;

type LiveModule = typeof import('./live-view.ts');

interface Run {
  settings: NeuronSettings;
  startedAt: number;
  epochsCompleted: number;
  batchesIntoEpoch: number;
  /** Training time of each finished epoch, ms. */
  epochMillis: number[];
}

const ERROR_TITLES: Record<'data' | 'config' | 'unknown', string> = {
  data: 'The MNIST images could not be loaded',
  config: 'These settings cannot be trained',
  unknown: 'Training failed',
};

export class NeuronTrainerElement extends HTMLElement {
  private life: TrainerLifecycle<NnTrainingHandle> | null = null;
  private live: LiveView | null = null;
  private panel: ImbalancePanel | null = null;
  private run: Run | null = null;

  connectedCallback(): void {
    if (!this.life) {
      if (!this.querySelector('[data-part="root"]')) this.innerHTML = neuronMarkup(settingsFromAttributes(SETTINGS, this));
      this.life = new TrainerLifecycle<NnTrainingHandle>(this, { onStart: () => void this.start(), release: (h) => h.terminate() });
      // Until a run draws real charts, the empty ones follow the epochs chosen.
      part(this, 'settings').addEventListener('change', () => {
        if (!this.live) part(this, 'charts').innerHTML = emptyCharts(readForm(SETTINGS, part(this, 'settings')).epochs);
      });
      const threshold = part<HTMLInputElement>(this, 'threshold');
      threshold.addEventListener('input', () => this.panel?.update(Number(threshold.value)));
    }
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.live?.destroy();
    this.live = null;
    this.run = null;
  }

  get state(): NeuronState {
    return this.life?.state ?? 'idle';
  }

  /** What the Start button does. */
  async start(): Promise<void> {
    const life = this.life;
    const id = life?.begin();
    if (!life || id == null) return;
    const settings = readForm(SETTINGS, part(this, 'settings'));
    this.run = { settings, startedAt: performance.now(), epochsCompleted: 0, batchesIntoEpoch: 0, epochMillis: [] };
    part(this, 'summary').hidden = true;
    part(this, 'imbalance').hidden = true;
    this.panel = null;
    delete this.dataset.testAccuracy;
    delete this.dataset.epochMillis;

    const mods = await life.load(id, () => Promise.all([import('../../workers/nn/client.ts'), import('./live-view.ts')]));
    if (!mods) return;
    const [client, liveModule] = mods;
    this.live?.destroy();
    part(this, 'weights').hidden = false;
    this.live = new liveModule.LiveView(part(this, 'live'), settings.epochs);
    life.attach(
      client.startNnTraining(
        buildNeuronConfig(settings, datasetUrl()),
        life.listen(id, (m: NnFromWorker) => this.onMessage(m, liveModule)),
      ),
    );
  }

  /** What the Stop button does: the run ends after its current group of batches, keeping what it learned. */
  stop(): void {
    this.life?.stop();
  }

  private onMessage(m: NnFromWorker, liveModule: LiveModule): void {
    const life = this.life;
    const run = this.run;
    if (!life || !run) return;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'training') life.setState('running');
        if (m.phase === 'loading-data') life.progress?.show('Download', 0, null);
        if (!life.stopping) life.status.announce(m.phase === 'training' ? `Training: epoch 1 of ${run.settings.epochs}` : m.message);
        break;
      case 'download':
        life.download(m.file, m.loaded, m.total);
        break;
      case 'metrics': {
        const x = epochsElapsed({ epoch: m.epoch + 1, batch: m.batch + 1, batchesPerEpoch: m.batchesPerEpoch });
        run.batchesIntoEpoch = m.batch + 1 >= m.batchesPerEpoch ? 0 : m.batch + 1;
        this.live?.addPoint(x, m.loss, m.accuracy);
        if (m.firstLayerWeights) this.live?.queueWeights(m.firstLayerWeights);
        life.progress?.show('Training', x, run.settings.epochs);
        if (!life.stopping) {
          life.status.update(
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

  private finish(run: Run, m: Extract<NnFromWorker, { type: 'done' }>, liveModule: LiveModule): void {
    const life = this.life;
    if (!life) return;
    const test = m.test;
    const weights = m.weights[0];
    if (weights) this.live?.showWeights(weights);
    if (test) this.dataset.testAccuracy = test.accuracy.toFixed(4);
    if (m.stopped) {
      life.finish(stoppedStatus({ epochsCompleted: run.epochsCompleted, batchesIntoEpoch: run.batchesIntoEpoch }, test?.accuracy ?? null), 'idle');
    } else {
      const text = test
        ? `${doneStatus(test.accuracy, m.epochsCompleted)} (${formatCount(FIXED.trainLimit)} images)`
        : 'Training finished without a test accuracy';
      life.finish(text, 'done');
    }

    const facts: string[] = [];
    const last = run.epochMillis.at(-1);
    if (last !== undefined && last > 0) {
      facts.push(
        `One epoch of ${formatCount(FIXED.trainLimit)} images took ${formatDuration(last)} of training (${speedSentence((FIXED.trainLimit * 1000) / last)}).`,
      );
    }
    facts.push(`Took ${formatDuration(performance.now() - run.startedAt)} in all, download included.`);
    const summary = part(this, 'summary');
    summary.textContent = facts.join(' ');
    summary.hidden = false;

    if (test && test.scores.length === test.labels.length && test.count > 0) {
      this.panel = new liveModule.ImbalancePanel(part(this, 'imbalance'), test.scores, test.labels, test.accuracy);
      this.panel.update(Number(part<HTMLInputElement>(this, 'threshold').value));
    }
  }

  private fail(code: 'data' | 'config' | 'unknown', message: string): void {
    this.life?.fail({ title: ERROR_TITLES[code], message, hint: code === 'data' ? 'Reload the page to try again.' : 'Press Start to try again.' });
  }
}

if (!customElements.get('tk-neuron-trainer')) customElements.define('tk-neuron-trainer', NeuronTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-neuron-trainer': NeuronTrainerElement;
  }
}
