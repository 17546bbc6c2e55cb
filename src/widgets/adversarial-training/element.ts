/**
 * <tk-adversarial-training>: a defence trained in the browser. The pretrained Fashion-MNIST CNN is
 * fine-tuned on adversarial examples (FGSM with a random start, or PGD) in the adversarial worker
 * (src/workers/adversarial/), with live loss and accuracy of the attacked batches; then the worker
 * measures the accuracy under attack against ε of the trained model and of the standard one, drawn
 * side by side (viz/epsilon-chart.ts), the cost in clean accuracy is said in words, and the lesson's
 * sneaker is attacked by FGSM before and after on the page's engine CNN (./sneaker-view.ts, no tfjs).
 *
 * For tests and assistive technology: `data-state`; the `role="status"` line ("Robust accuracy at
 * ε = 0.1 (FGSM) 61%, was 9%; …"); once a run has ended `dataset.cleanBefore`, `cleanAfter`,
 * `robustBefore`, `robustAfter` (fractions) and `tensorsLeft`; `data-model` (loading, pretrained-robust)
 * once "Use the pretrained robust model" is pressed; `data-epsilons` (author) sets the curves' ε grid.
 */
import { joinBase } from '../../lib/content/url.ts';
import { epochsElapsed } from '../../lib/format/progress.ts';
import { backendLine } from '../../lib/format/status.ts';
import { LESSON_EPSILON } from '../../lib/adversarial/sneaker.ts';
import { PRETRAINED_CNN_URL } from '../../lib/supervised/pretrained.ts';
import { errorText } from '../../lib/format/error-text.ts';
import type { AdversarialRunHandle } from '../../workers/adversarial/client.ts';
import type { AdversarialFromWorker, CurveMessage, TrainRequest } from '../../workers/adversarial/protocol.ts';
import { showAvailableBackends } from '../shared/backend-picker.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm } from '../shared/settings.ts';
import { stopAndDispose, TrainerLifecycle } from '../shared/trainer.ts';
import type { TrainingCharts } from './charts.ts';
import { ATTACK_NAMES, SETTINGS, parseEpsilons, settingsFromAttributes, trainRequest } from './config.ts';
import { adversarialTrainingMarkup, curvesChart, emptyCharts } from './markup.ts';
import { accuracyPoints, metricsOutcome, outcomeOf } from './outcome.ts';
import type { SneakerView } from './sneaker-view.ts';
import { batchStatus, curveProgressStatus, doneStatus, outcomeSentence, pretrainedSentence, stoppedStatus } from './text.ts';

/** The pretrained model's model.json, absolute (a worker resolves it). */
const modelUrl = (): string => new URL(joinBase(import.meta.env.BASE_URL, PRETRAINED_CNN_URL), location.href).href;

/** What a run has received so far. */
interface RunResults {
  request: TrainRequest;
  epochsCompleted: number;
  /** The worker is measuring the curves (training is over). */
  measuring: boolean;
  curves: Partial<Record<'standard' | 'trained', CurveMessage>>;
}

export class AdversarialTrainingElement extends HTMLElement {
  private life: TrainerLifecycle<AdversarialRunHandle> | null = null;
  private charts: TrainingCharts | null = null;
  private sneaker: SneakerView | null = null;
  private results: RunResults | null = null;

  /** The curves' ε grid (`data-epsilons`, else the lesson's). */
  private get epsilons(): number[] {
    return parseEpsilons(this.getAttribute('data-epsilons'));
  }

  connectedCallback(): void {
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) {
      this.innerHTML = adversarialTrainingMarkup(
        settingsFromAttributes((n) => this.getAttribute(n)),
        this.epsilons,
      );
    }
    this.life = new TrainerLifecycle<AdversarialRunHandle>(this, {
      onStart: () => void this.start(),
      release: stopAndDispose,
      stoppingText: 'Stopping after this batch…',
      downloadLabel: 'Fashion-MNIST',
      onState: (state) => {
        part<HTMLButtonElement>(this, 'pretrained').disabled = state === 'loading' || state === 'running';
      },
    });
    part(this, 'pretrained').addEventListener('click', () => void this.usePretrained());
    // The figure follows the settings until a run (or the pretrained robust model) draws the real charts.
    part(this, 'settings').addEventListener('change', () => {
      const s = readForm(SETTINGS, part(this, 'settings'));
      if (!this.charts) part(this, 'charts').innerHTML = emptyCharts(s.epochs);
      if (!this.results && this.dataset.model !== 'pretrained-robust') part(this, 'curves').innerHTML = curvesChart(this.epsilons, s.epsilon);
    });
    showAvailableBackends(this);
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.charts?.destroy();
    this.charts = null;
  }

  /** Shows the pretrained robust model: its measured curves beside the standard model's, the sentence, the sneaker. */
  private async usePretrained(): Promise<void> {
    const life = this.life;
    if (!life || life.busy || this.dataset.model === 'loading') return;
    this.dataset.model = 'loading';
    clearError(life.errorPanel);
    life.status.announce('Loading the pretrained robust model…');
    life.progress?.show('Loading', 0, null);
    try {
      const [{ loadRobustModel }, { SneakerView }] = await Promise.all([import('./pretrained.ts'), import('./sneaker-view.ts')]);
      const { model, metrics } = await loadRobustModel();
      const outcome = metricsOutcome(metrics);
      if (life.busy || !this.isConnected) return; // a run started meanwhile: its figures win
      part(this, 'curves').innerHTML = curvesChart(
        metrics.standard.fgsm.map((p) => p.epsilon),
        metrics.epsilon,
        { standard: accuracyPoints(metrics.standard.fgsm), trained: accuracyPoints(metrics.robust.fgsm) },
      );
      const line = part(this, 'outcome');
      line.textContent = `${pretrainedSentence(metrics)}${outcome ? ` ${outcomeSentence(outcome)}` : ''}`;
      line.hidden = false;
      this.sneaker ??= new SneakerView(this);
      await this.sneaker.show(model, LESSON_EPSILON);
      part(this, 'sneaker').dataset.drawn = 'true';
      this.dataset.model = 'pretrained-robust';
      life.status.announce(
        outcome ? `The pretrained robust model: ${doneStatus(outcome).replace(/^R/, 'r')}` : 'The pretrained robust model is loaded',
      );
    } catch (err) {
      this.dataset.model = 'none';
      const message = `The pretrained robust model could not be loaded (${errorText(err)}).`;
      const hint = 'Check your connection, then reload the page and try again; or train a model yourself with Start training.';
      life.status.announce(`Error: ${message}`);
      showError(life.errorPanel, { title: 'Loading failed', message, hint });
    } finally {
      life.progress?.hide();
    }
  }

  /** What Start does: fine-tune with the settings of the form, then measure both models. */
  async start(): Promise<void> {
    const life = this.life;
    if (!life) return;
    const settings = readForm(SETTINGS, part(this, 'settings'));
    const id = life.begin();
    if (id === null) return;
    part(this, 'backend').hidden = true;
    part(this, 'outcome').hidden = true;
    delete this.dataset.model;
    for (const key of ['cleanBefore', 'cleanAfter', 'robustBefore', 'robustAfter', 'tensorsLeft']) delete this.dataset[key];
    const mods = await life.load(id, () =>
      Promise.all([import('../../workers/adversarial/client.ts'), import('./charts.ts'), import('./sneaker-view.ts')]),
    );
    if (!mods) return;
    const [client, { TrainingCharts }, { SneakerView }] = mods;
    this.charts?.destroy();
    this.charts = new TrainingCharts(part(this, 'charts'), settings.epochs);
    this.sneaker ??= new SneakerView(this);
    const request = trainRequest(settings, this.epsilons, { dataUrl: datasetUrl(), modelUrl: modelUrl() });
    this.results = { request, epochsCompleted: 0, measuring: false, curves: {} };
    part(this, 'curves').innerHTML = curvesChart(request.evaluate.epsilons, request.epsilon);
    life.attach(
      client.startAdversarialRun(
        request,
        life.listen(id, (m: AdversarialFromWorker) => this.onMessage(m)),
        { mode: 'auto' },
      ),
    );
  }

  private onMessage(m: AdversarialFromWorker): void {
    const life = this.life;
    const results = this.results;
    if (!life || !results) return;
    const { request } = results;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'training') life.setState('running');
        else if (m.phase === 'evaluating') results.measuring = true;
        else if (m.phase === 'loading-data') life.progress?.show('Download', 0, null);
        if (!life.stopping) life.status.announce(m.message);
        break;
      case 'backend': {
        const line = part(this, 'backend');
        line.textContent = backendLine(m.backend, life.handle?.mode ?? null, m.fallbackReason);
        line.hidden = false;
        this.dataset.backend = m.backend;
        break;
      }
      case 'download':
        life.download(m.file, m.loaded, m.total);
        break;
      case 'batch': {
        const x = epochsElapsed({ epoch: m.epoch + 1, batch: m.batch + 1, batchesPerEpoch: m.batchesPerEpoch });
        this.charts?.add(x, m.loss, m.accuracy, m.adversarialAccuracy);
        life.progress?.show('Training', x, request.epochs);
        life.running(batchStatus(m.epoch + 1, request.epochs, m.loss, m.accuracy));
        break;
      }
      case 'epoch':
        results.epochsCompleted = m.epoch + 1;
        break;
      case 'trained':
        results.epochsCompleted = m.epochsCompleted;
        void this.showSneaker(m.weights);
        break;
      case 'progress':
        life.progress?.show('Attacking', m.done, m.total);
        if (!life.stopping && m.model !== 'requested') {
          life.running(
            curveProgressStatus(
              m.model,
              ATTACK_NAMES[request.evaluate.attack],
              Math.floor(m.done / request.evaluate.epsilons.length),
              request.evaluate.images,
            ),
          );
        }
        break;
      case 'curve':
        if (m.model !== 'requested') results.curves[m.model] = m;
        this.drawCurves(results);
        break;
      case 'done':
        this.dataset.tensorsLeft = String(m.tensorsLeft);
        this.finish(results, m.stopped);
        break;
      case 'error':
        life.fail({ title: 'Adversarial training failed', message: m.message, hint: m.hint });
        break;
    }
  }

  private drawCurves(results: RunResults): void {
    const points = (c: CurveMessage | undefined) => c?.points.map((p) => ({ epsilon: p.epsilon, value: p.robustAccuracy })) ?? [];
    part(this, 'curves').innerHTML = curvesChart(results.request.evaluate.epsilons, results.request.epsilon, {
      standard: points(results.curves.standard),
      trained: points(results.curves.trained),
    });
  }

  private finish(results: RunResults, stopped: boolean): void {
    const life = this.life!;
    const { standard, trained } = results.curves;
    const outcome = standard && trained ? outcomeOf(standard, trained, results.request.epsilon) : null;
    if (stopped) return life.finish(stoppedStatus(results.epochsCompleted, results.measuring), 'idle');
    if (!outcome) {
      return life.fail({
        title: 'Measuring the models failed',
        message: 'The worker did not send the two curves the comparison needs.',
        hint: 'Press Start again; if it fails again, reload the page.',
      });
    }
    this.dataset.cleanBefore = outcome.cleanBefore.toFixed(4);
    this.dataset.cleanAfter = outcome.cleanAfter.toFixed(4);
    this.dataset.robustBefore = outcome.robustBefore.toFixed(4);
    this.dataset.robustAfter = outcome.robustAfter.toFixed(4);
    const line = part(this, 'outcome');
    line.textContent = outcomeSentence(outcome);
    line.hidden = false;
    life.finish(doneStatus(outcome), 'done');
  }

  /** The sneaker before and after, on the page's engine; a failure is said under the pairs, the run goes on. */
  private async showSneaker(weights: Float32Array[]): Promise<void> {
    const view = this.sneaker;
    if (!view) return;
    try {
      await view.show(weights, LESSON_EPSILON);
      part(this, 'sneaker').dataset.drawn = 'true';
    } catch (err) {
      part(this, 'after-verdict').textContent =
        `The sneaker could not be attacked on this page (${errorText(err)}). Reload the page and train again.`;
    }
  }
}

if (!customElements.get('tk-adversarial-training')) customElements.define('tk-adversarial-training', AdversarialTrainingElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-adversarial-training': AdversarialTrainingElement;
  }
}
