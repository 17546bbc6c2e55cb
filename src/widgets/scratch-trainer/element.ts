/**
 * <tk-scratch-trainer variant="mnist|overfit">: trains the lesson's from-scratch network
 * (src/lib/nn, no tfjs) on MNIST in a Web Worker (src/workers/nn/worker.ts).
 *
 * - "mnist" (mnist-variant.ts): ten digits on 55,000 images; live loss, training/validation accuracy
 *   per epoch, images per second, and at the end the test accuracy and a 10×10 confusion matrix.
 * - "overfit" (overfit-variant.ts): 500 training images, 10,000 validation images, many epochs; live
 *   training and validation loss, the best epoch marked, early stopping, learning-rate presets.
 *
 * This module runs what both share: the kit's lifecycle (src/widgets/shared/trainer.ts), the code
 * listing that follows the settings, and the messages both variants handle alike. The static markup
 * comes from ScratchTrainer.astro (or from markup.ts when the element is created without it); the
 * worker client and the d3 charts load with `import()` when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line states the key figure in words;
 *  - `dataset.testAccuracy` ("0.9781") once measured; overfit: `dataset.bestEpoch` (from 1);
 *  - `history()`: the finished epochs (training/validation loss and accuracy).
 */
import type { NnFromWorker } from '../../workers/nn/protocol.ts';
import type { NnTrainingHandle } from '../../workers/nn/client.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount, formatDuration } from '../../lib/format/numbers.ts';
import { asSentence } from '../../lib/format/sentence.ts';
import { speedSentence } from '../../lib/format/status.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { attributeName } from '../shared/settings.ts';
import { TrainerLifecycle, type TrainerState } from '../shared/trainer.ts';
import type { MnistCharts, OverfitCharts } from './charts.ts';
import { SUGGESTED_LEARNING_RATE, variantFrom, type OptimizerKind, type ScratchVariant } from './config.ts';
import { mnistVariant } from './mnist-variant.ts';
import { overfitVariant } from './overfit-variant.ts';
import { LOSS_CAP, type EpochPoint } from './text.ts';
import { newRun, type RunContext, type Run, type Variant } from './variant.ts';

export type ScratchState = TrainerState;

const VARIANTS: Record<ScratchVariant, Variant> = { mnist: mnistVariant as Variant, overfit: overfitVariant as Variant };

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
  private life: TrainerLifecycle<NnTrainingHandle> | null = null;
  private charts: MnistCharts | OverfitCharts | null = null;
  private run: Run | null = null;

  get variant(): ScratchVariant {
    return variantFrom(this.getAttribute('variant') ?? this.dataset.variant);
  }

  private get behaviour(): Variant {
    return VARIANTS[this.variant];
  }

  get state(): ScratchState {
    return this.life?.state ?? 'idle';
  }

  /** The finished epochs of the current (or last) run. */
  history(): EpochPoint[] {
    return this.run ? this.run.points.map((p) => ({ ...p })) : [];
  }

  connectedCallback(): void {
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) {
      this.innerHTML = this.behaviour.markup((name) => this.getAttribute(attributeName(name)));
    }
    this.life = new TrainerLifecycle<NnTrainingHandle>(this, {
      onStart: () => void this.start(),
      release: (h) => h.terminate(),
      stoppingText: 'Stopping after this batch…',
      onIdle: () => this.behaviour.sync(this),
    });
    part(this, 'settings').addEventListener('change', (event) => {
      // A new optimiser gets a learning rate that suits it.
      const target = event.target as HTMLElement | null;
      if (target instanceof HTMLSelectElement && target.name === 'optimizer') {
        const rate = this.querySelector<HTMLSelectElement>('[data-part="learningRate"]');
        if (rate) rate.value = String(SUGGESTED_LEARNING_RATE[target.value as OptimizerKind] ?? rate.value);
      }
      this.behaviour.sync(this);
    });
    this.behaviour.sync(this);
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.charts?.destroy();
    this.charts = null;
  }

  /** Start a run with the current settings (what Start does). */
  async start(): Promise<void> {
    const life = this.life;
    if (!life || life.busy || life.handle) return;
    const variant = this.behaviour;
    const config = variant.config(this, datasetUrl());
    const id = life.begin();
    if (id === null) return;
    const run = newRun(config);
    this.run = run;
    for (const name of ['summary', 'speed', 'confusion']) part(this, name).hidden = true;
    part(this, 'confusion').replaceChildren();
    delete this.dataset.testAccuracy;
    delete this.dataset.bestEpoch;

    const mods = await life.load(id, () => Promise.all([import('../../workers/nn/client.ts'), import('./charts.ts')]));
    if (!mods) return;
    const [client, chartsModule] = mods;
    this.charts?.destroy();
    const chartsPart = part(this, 'charts');
    this.charts = variant.charts(chartsModule, chartsPart, config.epochs);
    chartsPart.hidden = false;
    try {
      life.attach(
        client.startNnTraining(
          config,
          life.listen(id, (m: NnFromWorker) => this.onMessage(variant, run, m)),
        ),
      );
    } catch (err) {
      this.fail('Training failed', `The training worker could not start (${errorText(err)}).`, 'Reload the page and press Start again.');
    }
  }

  /** Stop after the current batch (what Stop does). */
  stop(): void {
    this.life?.stop();
  }

  private onMessage(variant: Variant, run: Run, m: NnFromWorker): void {
    const life = this.life;
    if (!life || run !== this.run) return;
    const ctx: RunContext<MnistCharts | OverfitCharts> = { run, life, host: this, charts: this.charts, isLatest: () => this.run === run };
    switch (m.type) {
      case 'phase':
        if (m.phase === 'loading-data') {
          life.setState('loading');
          life.progress?.show('Download', 0, null);
        } else {
          life.running();
        }
        if (m.phase === 'evaluating' && !life.stopping) life.progress?.show('Testing', 0, null);
        if (!life.stopping) life.status.announce(m.message);
        break;

      case 'download':
        life.download(m.file, m.loaded, m.total);
        break;

      case 'metrics': {
        life.running();
        const batch = m.batch + 1;
        run.batchesIntoEpoch = batch >= m.batchesPerEpoch ? 0 : batch;
        const x = m.epoch + Math.min(1, batch / m.batchesPerEpoch);
        life.progress?.show('Training', x, run.epochs);
        if (m.examplesPerSecond > 0) {
          run.examplesPerSecond = m.examplesPerSecond;
          const speed = part(this, 'speed');
          speed.textContent = `Training at ${speedSentence(m.examplesPerSecond)}; ${formatCount(m.examplesSeen)} images seen so far.`;
          speed.hidden = false;
        }
        variant.metrics(ctx, m, x, human(m.epoch), batch);
        if (!Number.isFinite(m.loss)) run.diverged = true;
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
        life.progress?.show('Training', point.epoch, run.epochs);
        variant.epoch(ctx, point);
        break;
      }

      case 'early-stop':
        run.stoppedEarlyAfter = run.points[run.points.length - 1]?.epoch ?? null;
        break;

      case 'done': {
        const elapsed = performance.now() - run.startedAt;
        if (m.test) this.dataset.testAccuracy = m.test.accuracy.toFixed(4);
        const outcome = variant.outcome(ctx, m);
        life.finish(outcome.status, outcome.state);
        const facts = [`Took ${formatDuration(elapsed)} in all, download included.`];
        if (run.examplesPerSecond > 0) facts.push(`Training ran at ${speedSentence(run.examplesPerSecond)}.`);
        facts.push(...outcome.facts);
        if (run.capped) facts.push(`Losses above ${LOSS_CAP} are drawn at ${LOSS_CAP} on the chart.`);
        const summary = part(this, 'summary');
        summary.textContent = facts.join(' ');
        summary.hidden = false;
        break;
      }

      case 'error':
        this.fail(ERROR_TITLES[m.code], m.message, ERROR_HINTS[m.code]);
        break;
    }
  }

  private fail(title: string, message: string, hint: string): void {
    this.life?.fail({ title, message: asSentence(message), hint: asSentence(hint) });
  }
}

if (!customElements.get('tk-scratch-trainer')) customElements.define('tk-scratch-trainer', ScratchTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-scratch-trainer': ScratchTrainerElement;
  }
}
