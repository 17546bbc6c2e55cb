/**
 * <tk-pgd-stepper>: targeted PGD ("make this sneaker a bag") or untargeted, one iteration per Step,
 * Run to the end (a step every RUN_INTERVAL_MS until the goal is reached or the steps run out), Reset.
 * After each step: the adversarial image, δ = x − x₀ amplified (its scale stated), the pixels the
 * step's projection into the ε-ball and its clipping to [0, 1] moved (two small maps, counts in words),
 * and the true and target class probabilities per step (a d3 line chart).
 *
 * Not a trainer: no worker, no Start. The pretrained CNN runs on the page in the from-scratch engine
 * (lib/adversarial: no tfjs); it and the test set load when the element starts, which PgdStepper.astro
 * delays until the reader nears it. The maths and the sentences are lib/adversarial/pgd-stepper.ts.
 *
 * For tests and assistive technology: the `role="status"` line says the step, the classes' odds and
 * the two counts; on the element `data-state` (loading, idle, running while Run goes, done once the
 * goal is reached or the steps run out, error), `data-step`, `data-predicted` (class name),
 * `data-reached`, `data-projected`, `data-clipped` and `data-distance` (max |δ|).
 */
import { PgdStepper, formatProbability, stepperSentence } from '../../lib/adversarial/pgd-stepper.ts';
import { joinBase } from '../../lib/content/url.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { PRETRAINED_CNN_URL } from '../../lib/supervised/pretrained.ts';
import { paintGrey } from '../../viz/grey-image.ts';
import type { LineChart } from '../../viz/line-chart.ts';
import { paintSigned } from '../../viz/perturbation-image.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { StatusLine } from '../shared/status.ts';
import { formatEpsilon, SETTINGS, stepSizeOf, targetOf, type StepperForm } from './config.ts';
import { MARK_COLOURS, paintMask } from './draw.ts';
import type { StepperInputs } from './load.ts';
import { chartOptions, deltaKey, pgdStepperMarkup, seriesLabels } from './markup.ts';

/** Run takes a step this often, so the reader can watch the image change. */
const RUN_INTERVAL_MS = 200;

const name = (c: number): string => FASHION_CLASS_NAMES[c] ?? `class ${c}`;
const pixels = (n: number): string => `${n} pixel${n === 1 ? '' : 's'}`;

export class PgdStepperElement extends HTMLElement {
  private status: StatusLine | null = null;
  private progress: ProgressBar | null = null;
  private form: StepperForm = settingsFromAttributes(SETTINGS, this);
  private inputs: StepperInputs | null = null;
  private stepper: PgdStepper | null = null;
  private chart: LineChart | null = null;
  private makeChart: ((host: HTMLElement, stepper: PgdStepper) => LineChart) | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private seed = 1;

  connectedCallback(): void {
    if (this.status) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = pgdStepperMarkup(this.form);
    this.status = new StatusLine(part(this, 'status'));
    this.progress = new ProgressBar(part(this, 'progress'));
    this.form = readForm(SETTINGS, part(this, 'settings'));

    const settings = part<HTMLFieldSetElement>(this, 'settings');
    settings.addEventListener('input', (event) => {
      const input = event.target as HTMLInputElement;
      if (input.name === 'epsilon') part(this, 'epsilon-value').textContent = formatEpsilon(Number(input.value));
    });
    settings.addEventListener('change', () => {
      this.form = readForm(SETTINGS, settings);
      this.reset();
    });
    part(this, 'step').addEventListener('click', () => {
      this.pause();
      this.stepper?.step();
      this.render(true);
    });
    part(this, 'run').addEventListener('click', () => (this.timer === undefined ? this.run() : this.pause(true)));
    part(this, 'reset').addEventListener('click', () => {
      this.seed++;
      this.reset();
    });
    void this.prepare();
  }

  disconnectedCallback(): void {
    this.pause();
  }

  /** Loads the model and the sneaker, and d3's line chart; then shows step 0. */
  private async prepare(): Promise<void> {
    this.dataset.state = 'loading';
    this.status!.announce('Loading the pretrained CNN and the Fashion-MNIST test images…');
    this.progress!.show('Download', 0, null);
    try {
      const [{ loadInputs }, { LineChart }] = await Promise.all([import('./load.ts'), import('../../viz/line-chart.ts')]);
      const modelUrl = new URL(joinBase(import.meta.env.BASE_URL, PRETRAINED_CNN_URL), location.href).href;
      const inputs = await loadInputs(modelUrl, datasetUrl(), (p) => this.progress?.show('Download', p.loaded, p.total));
      if (!this.isConnected) return;
      this.inputs = inputs;
      this.makeChart = (host, stepper) => {
        const [trueLabel, rivalLabel] = seriesLabels(stepper.label, stepper.settings.target);
        return new LineChart(host, {
          ...chartOptions(stepper.settings.steps),
          formatX: (x) => (Number.isInteger(x) ? String(x) : ''),
          series: [
            { id: 'true', label: trueLabel, color: 'var(--series-1, #0072b2)', markers: true },
            { id: 'rival', label: rivalLabel, color: 'var(--series-2, #d55e00)', dashed: true, markers: true },
          ],
        });
      };
    } catch (err) {
      this.progress!.hide();
      this.dataset.state = 'error';
      const message = `${errorText(err)}.`.replace(/\.\.$/, '.');
      showError(part(this, 'error'), {
        title: 'The model or the test images could not be loaded',
        message,
        hint: 'Check your connection, then reload the page.',
      });
      this.status!.announce(`The attack cannot run: ${message}`);
      return;
    }
    this.progress!.hide();
    const { image, label } = this.inputs;
    paintGrey(part(this, 'original'), image);
    this.reset();
    const start = this.stepper?.history[0];
    if (start) {
      const caption = `Original x₀: the model says ${name(label)}, ${formatProbability(start.probabilities[label]!)}`;
      part(this, 'original-box-caption').textContent = caption;
      part(this, 'original').setAttribute('aria-label', `The original test image, a ${name(label)}. ${caption}.`);
    }
  }

  /** A fresh attack from the form's settings (and, with a random start, the next seed). */
  private reset(): void {
    this.pause();
    const inputs = this.inputs;
    if (!inputs) return;
    clearError(part(this, 'error'));
    const form = this.form;
    try {
      this.stepper = new PgdStepper(inputs.model, inputs.image, inputs.label, {
        epsilon: form.epsilon,
        stepSize: stepSizeOf(form),
        target: targetOf(form),
        steps: form.steps,
        randomStart: form.randomStart,
        seed: this.seed,
      });
    } catch (err) {
      this.stepper = null;
      this.dataset.state = 'error';
      showError(part(this, 'error'), { title: 'This attack cannot run', message: errorText(err), hint: 'Choose another target class or ε.' });
      this.render(true);
      return;
    }
    this.chart?.destroy();
    const host = part(this, 'chart');
    host.replaceChildren();
    this.chart = this.makeChart?.(host, this.stepper) ?? null;
    part(this, 'chart-box-caption').textContent =
      `${seriesLabels(this.stepper.label, this.stepper.settings.target).join(' and ')}: probability after each step`;
    this.render(true);
  }

  private run(): void {
    const stepper = this.stepper;
    if (!stepper || stepper.finished || stepper.reached) return;
    // Reduced motion: no animation, the whole run at once.
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
      stepper.run();
      this.render(true);
      return;
    }
    part(this, 'run').textContent = 'Pause';
    this.dataset.state = 'running';
    this.timer = setInterval(() => {
      stepper.step();
      const over = stepper.finished || stepper.reached;
      if (over) this.pause();
      this.render(over);
    }, RUN_INTERVAL_MS);
  }

  /** Stops a Run (`announce`: say where it stopped). */
  private pause(announce = false): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    part(this, 'run').textContent = 'Run';
    this.render(announce);
  }

  /** Redraws everything from the stepper; `announce`: say it now (else the status line thins its changes). */
  private render(announce: boolean): void {
    const stepper = this.stepper;
    const step = part<HTMLButtonElement>(this, 'step');
    const run = part<HTMLButtonElement>(this, 'run');
    const reset = part<HTMLButtonElement>(this, 'reset');
    if (!stepper) {
      step.disabled = run.disabled = true;
      reset.disabled = !this.inputs;
      return;
    }
    const s = stepper.current;
    const running = this.timer !== undefined;
    const over = stepper.finished || stepper.reached;
    const epsilon = stepper.settings.epsilon;

    paintGrey(part(this, 'adversarial'), s.x);
    const delta = Float32Array.from(s.x, (v, i) => v - stepper.x0[i]!);
    paintSigned(part(this, 'delta'), delta, epsilon > 0 ? epsilon : 1);
    part(this, 'delta-key').outerHTML = deltaKey(epsilon);
    paintMask(part(this, 'projected'), s.x, s.projected, MARK_COLOURS.projected);
    paintMask(part(this, 'clipped'), s.x, s.clipped, MARK_COLOURS.clipped);

    const odds = `${name(s.predicted)} ${formatProbability(s.probabilities[s.predicted]!)}`;
    const adversarial = `After step ${s.step}: the model says ${odds}`;
    part(this, 'adversarial-box-caption').textContent = adversarial;
    part(this, 'adversarial').setAttribute('aria-label', `The adversarial image. ${adversarial}.`);
    const scale = `δ = x − x₀, amplified ×${formatEpsilon(1 / epsilon)}: full colour is ±ε = ±${formatEpsilon(epsilon)}; the largest change is ${s.distance.toFixed(3)}`;
    part(this, 'delta-box-caption').textContent = scale;
    part(this, 'delta').setAttribute('aria-label', `The perturbation. ${scale}.`);
    const projected = s.step === 0 ? 'Projection: no step yet' : `Projection pulled back ${pixels(s.projectedCount)} to ±ε`;
    const clipped = s.step === 0 ? 'Clipping: no step yet' : `Clipping moved ${pixels(s.clippedCount)} back into [0, 1]`;
    part(this, 'projected-caption').textContent = projected;
    part(this, 'clipped-caption').textContent = clipped;
    part(this, 'projected').setAttribute('aria-label', `Marked: the pixels step ${s.step}’s projection moved. ${projected}.`);
    part(this, 'clipped').setAttribute('aria-label', `Marked: the pixels step ${s.step}’s clipping moved. ${clipped}.`);

    if (this.chart) {
      this.chart.set(
        'true',
        stepper.history.map((h) => ({ x: h.step, y: h.probabilities[stepper.label]! })),
      );
      this.chart.set(
        'rival',
        stepper.history.map((h) => ({ x: h.step, y: h.probabilities[stepper.rival(h)]! })),
      );
    }

    // Focus on a button about to be disabled moves to Reset (a disabled button cannot hold it).
    const focused = document.activeElement;
    step.disabled = stepper.finished || running;
    run.disabled = !running && over;
    reset.disabled = running;
    if ((focused === step && step.disabled) || (focused === run && run.disabled)) reset.focus();

    const data = this.dataset;
    data.state = running ? 'running' : over ? 'done' : 'idle';
    data.step = String(s.step);
    data.predicted = name(s.predicted);
    data.reached = String(stepper.reached);
    data.projected = String(s.projectedCount);
    data.clipped = String(s.clippedCount);
    data.distance = s.distance.toFixed(4);
    const sentence = stepperSentence(stepper, FASHION_CLASS_NAMES);
    if (announce) this.status?.announce(sentence);
    else this.status?.update(sentence);
  }
}

if (!customElements.get('tk-pgd-stepper')) customElements.define('tk-pgd-stepper', PgdStepperElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-pgd-stepper': PgdStepperElement;
  }
}
