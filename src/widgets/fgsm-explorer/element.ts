/**
 * <tk-fgsm-explorer>: the fast gradient sign method on one Fashion-MNIST test image (the lesson's
 * sneaker unless the author or the reader picks another), run on the page by the from-scratch engine
 * (lib/adversarial/): the original, its saliency map, the perturbation and the adversarial image, the
 * probabilities of the ten classes before and after, and the smallest ε that flips the prediction. The
 * input gradient is computed once per image and model; the ε slider then costs one FGSM step and one
 * forward pass, so it redraws at once. The model is the pretrained CNN or the reader's own, saved by the
 * CNN lesson's trainer (read with tfjs, loaded only when the reader picks it).
 *
 * For tests: `data-model` (loading, pretrained, saved, failed), `data-image` (test index), `data-label`,
 * `data-clean` (the class predicted at ε = 0), `data-epsilon`, `data-prediction` (the class at ε),
 * `data-flip-epsilon` (the smallest flipping ε, or "none").
 */
import { fgsm } from '../../lib/adversarial/attacks.ts';
import { inputGradient, predictClasses, probabilities, type CnnModel } from '../../lib/adversarial/cnn-model.ts';
import { smallestFlipEpsilon } from '../../lib/adversarial/robustness.ts';
import { LESSON_SNEAKER_INDEX } from '../../lib/adversarial/sneaker.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import { yieldToEventLoop } from '../../lib/runtime/yield.ts';
import { argMax } from '../../viz/class-bars.ts';
import { paintGrey } from '../../viz/grey-image.ts';
import { paintSigned } from '../../viz/perturbation-image.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { StatusLine } from '../shared/status.ts';
import { EPSILON_MAX, EPSILON_STEP, IMAGE_CLASSES, SETTINGS, barsMarkup, fgsmMarkup, type ImageChoice, type ModelChoice } from './config.ts';
import { testImage } from '../shared/cnn-fetch.ts';
import { ModelProblem, loadPretrained, loadSaved } from './models.ts';
import {
  className,
  difference,
  flipSentence,
  formatEpsilon,
  perturbationAlt,
  perturbationCaption,
  saliencyMap,
  scaleSentence,
  verdictSentence,
} from './text.ts';

const PIXELS = 784;

interface TestSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** One image under one model: everything that does not depend on ε. */
interface Subject {
  index: number;
  label: number;
  x: Float32Array;
  gradient: Float32Array;
  before: Float32Array;
  clean: number;
  flip: number | null;
}

export class FgsmExplorerElement extends HTMLElement {
  private status!: StatusLine;
  private progress!: ProgressBar;
  private test: TestSet | null = null;
  private models: Partial<Record<ModelChoice, CnnModel>> = {};
  private model: CnnModel | null = null;
  private subject: Subject | null = null;
  private readonly adversarial = new Float32Array(PIXELS);
  private trailing: ReturnType<typeof setTimeout> | undefined;
  /** Aborted when the element leaves the page: its listeners and downloads. */
  private abort: AbortController | null = null;

  /** The test image the author chose (`data-index`), or null for the lesson's sneaker. */
  private get authorIndex(): number | null {
    const raw = this.dataset['index'];
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 ? n : null;
  }

  connectedCallback(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = fgsmMarkup(settingsFromAttributes(SETTINGS, this), this.authorIndex);
    this.status = new StatusLine(part(this, 'status'));
    this.progress = new ProgressBar(part(this, 'progress'));
    const on = (name: string, type: string, f: () => void) => part(this, name).addEventListener(type, f, { signal: abort.signal });
    on('epsilon', 'input', () => this.draw());
    on('image', 'change', () => this.analyse(true));
    on('model', 'change', () => void this.switchModel());
    on('go-flip', 'click', () => {
      if (this.subject?.flip == null) return;
      part<HTMLInputElement>(this, 'epsilon').value = String(this.subject.flip);
      this.draw(true);
    });
    // Moved on the page: what was loaded is still here.
    if (this.model && this.test) this.analyse(true);
    else void this.prepare(abort.signal);
  }

  disconnectedCallback(): void {
    this.abort?.abort();
    this.abort = null;
    this.subject = null; // ends a search for the smallest flipping ε
    clearTimeout(this.trailing);
  }

  private get settings() {
    return readForm(SETTINGS, this);
  }

  /** Loads the test images and the pretrained CNN in parallel, then attacks the first image. */
  private async prepare(signal: AbortSignal): Promise<void> {
    this.dataset.state = 'loading';
    this.dataset.model = 'loading';
    this.status.announce('Loading the Fashion-MNIST test images and the pretrained CNN…');
    this.progress.show('Download', 0, null);
    const modelLoad = loadPretrained(signal);
    modelLoad.catch(() => {}); // awaited below, after the images: not an unhandled rejection meanwhile
    try {
      const { loadSplit } = await import('../../lib/data/load.ts');
      const split = await loadSplit(datasetUrl(), 'fashion-mnist', 'test', {
        signal,
        onProgress: (p) => this.progress.show('Download', p.loaded, p.total),
      });
      this.test = { images: split.images, labels: split.labels, count: split.count };
      this.models.pretrained = await modelLoad;
    } catch (err) {
      if (signal.aborted) return;
      this.dataset.model = 'failed';
      this.dataset.state = 'error';
      const what = this.test ? 'The pretrained CNN could not be loaded' : 'The test images could not be loaded';
      showError(part(this, 'error'), { title: what, message: `${errorText(err)}`, hint: 'Check your connection, then reload the page.' });
      this.status.announce(`${what}.`);
      return;
    } finally {
      this.progress.hide();
    }
    if (signal.aborted) return;
    this.model = this.models.pretrained;
    this.dataset.model = 'pretrained';
    this.analyse(true);
    this.dataset.state = 'done';
  }

  /** The test index for a choice: the author's or lesson's image, or the first of a class this model gets right. */
  private indexFor(choice: ImageChoice): number {
    const test = this.test!;
    const lesson = Math.min(this.authorIndex ?? LESSON_SNEAKER_INDEX, test.count - 1);
    if (choice === 'lesson') return lesson;
    const wanted = IMAGE_CLASSES[choice];
    const candidates: number[] = [];
    for (let i = 0; i < test.count; i++) if (test.labels[i] === wanted && i !== lesson) candidates.push(i);
    // Ten at a time: the first one or two are almost always right.
    for (let start = 0; start < candidates.length; start += 10) {
      const some = candidates.slice(start, start + 10);
      const batch = new Float32Array(some.length * PIXELS);
      some.forEach((i, k) => batch.set(this.pixels(i), k * PIXELS));
      const predicted = predictClasses(this.model!, batch, some.length);
      const right = some.findIndex((_, k) => predicted[k] === wanted);
      if (right >= 0) return some[right]!;
    }
    return candidates[0] ?? lesson;
  }

  private pixels(index: number): Float32Array {
    return testImage(this.test!.images, index, PIXELS);
  }

  /** A new image or model: the gradient and the saliency map, drawn at the slider's ε; then the search for the smallest flipping ε. */
  private analyse(announce: boolean): void {
    const model = this.model;
    if (!model || !this.test) return;
    const index = this.indexFor(this.settings.image);
    const x = this.pixels(index);
    const label = this.test.labels[index]!;
    const before = probabilities(model, x, 1).slice(0, 10);
    const gradient = inputGradient(model, x, 1, [label]);
    const clean = argMax(before, 10);
    const subject: Subject = { index, label, x, gradient, before, clean, flip: null };
    this.subject = subject;

    paintGrey(part(this, 'original'), x);
    part(this, 'original').setAttribute('aria-label', `The original: test image ${formatCount(index)}, a ${className(label)}`);
    part(this, 'original-box-caption').textContent = `Original: test image ${formatCount(index)}, ${className(label)}`;
    paintGrey(part(this, 'saliency'), saliencyMap(gradient).map);
    part(this, 'saliency').setAttribute(
      'aria-label',
      `Saliency map of the ${className(label)}: dark where a small change to a pixel changes the loss most`,
    );
    this.dataset.image = String(index);
    this.dataset.label = String(label);
    this.dataset.clean = String(clean);
    this.draw(announce);
    void this.searchFlip(subject, model);
  }

  /**
   * The smallest ε on the slider's grid that flips the prediction (lib/adversarial/robustness.ts), its
   * predictions made 30 at a time with a pause between batches so that the slider stays live, and
   * stopped at the first batch that flips. Forgotten when the image or the model changes meanwhile.
   */
  private async searchFlip(subject: Subject, model: CnnModel): Promise<void> {
    const go = part<HTMLButtonElement>(this, 'go-flip');
    go.disabled = true;
    delete this.dataset.flipEpsilon;
    part(this, 'flip').textContent = 'Searching for the smallest ε that flips it…';
    const { x, gradient, label } = subject;
    const predicted = new Map<number, number>();
    const grid = (i: number) => Number((i * EPSILON_STEP).toFixed(5));
    const last = Math.round(EPSILON_MAX / EPSILON_STEP);
    const rows = 30;
    const batch = new Float32Array(rows * PIXELS);
    for (let start = 0; start <= last; start += rows) {
      const n = Math.min(rows, last + 1 - start);
      for (let r = 0; r < n; r++) fgsm(x, gradient, grid(start + r), { out: batch.subarray(r * PIXELS, (r + 1) * PIXELS) });
      const classes = predictClasses(model, batch, n);
      for (let r = 0; r < n; r++) predicted.set(grid(start + r), classes[r]!);
      if (classes.subarray(0, n).some((c) => c !== label)) break;
      await yieldToEventLoop();
      if (this.subject !== subject) return;
    }
    // The search itself is the library's, over the predictions made above (any ε they missed is predicted here).
    const predictAt = (e: number) => predicted.get(e) ?? predictClasses(model, fgsm(x, gradient, e), 1)[0]!;
    const flip = smallestFlipEpsilon(predictAt, label, { max: EPSILON_MAX, step: EPSILON_STEP });
    subject.flip = flip;
    const flipTo = flip === null || flip === 0 ? null : predictAt(flip);
    part(this, 'flip').textContent = flipSentence(flip, label, subject.clean, EPSILON_MAX, flipTo);
    go.disabled = flip === null || subject.clean !== label;
    go.textContent = go.disabled ? 'Set ε to the smallest that flips it' : `Set ε to ${formatEpsilon(flip!)}`;
    this.dataset.flipEpsilon = flip === null ? 'none' : String(flip);
  }

  /** The slider moved (or the image changed): FGSM at ε, one forward pass, every panel redrawn. */
  private draw(announce = false): void {
    const epsilon = this.settings.epsilon;
    part(this, 'epsilon-value').textContent = formatEpsilon(epsilon);
    const s = this.subject;
    const model = this.model;
    if (!s || !model) return;
    const adversarial = fgsm(s.x, s.gradient, epsilon, { out: this.adversarial });
    const after = probabilities(model, adversarial, 1).slice(0, 10);
    const predicted = argMax(after, 10);
    const delta = difference(adversarial, s.x);

    paintSigned(part(this, 'perturbation'), delta, epsilon > 0 ? epsilon : 1);
    part(this, 'perturbation').setAttribute('aria-label', perturbationAlt(epsilon, delta));
    part(this, 'perturbation-box-caption').textContent = perturbationCaption(epsilon);
    part(this, 'legend-caption').textContent = scaleSentence(epsilon);
    paintGrey(part(this, 'adversarial'), adversarial);
    part(this, 'adversarial').setAttribute(
      'aria-label',
      `The adversarial image at ε = ${formatEpsilon(epsilon)}: the model says ${className(predicted)}`,
    );
    part(this, 'adversarial-box-caption').textContent = `Adversarial: ${className(predicted)}`;
    part(this, 'bars').innerHTML = barsMarkup(s.before, after, epsilon);
    this.dataset.epsilon = String(epsilon);
    this.dataset.prediction = String(predicted);

    const text = verdictSentence(epsilon, { cls: s.clean, probability: s.before[s.clean]! }, { cls: predicted, probability: after[predicted]! });
    if (announce) this.announce(text);
    else this.say(text);
  }

  /** The status line, now (a quick series of slider moves before it is forgotten). */
  private announce(text: string): void {
    clearTimeout(this.trailing);
    this.status.announce(text);
  }

  /** The status line, thinned to one change a second; the last sentence of a quick series is said once the second is over. */
  private say(text: string): void {
    clearTimeout(this.trailing);
    if (this.status.update(text)) return;
    this.trailing = setTimeout(() => this.status.announce(text), 1000);
  }

  /** The model picker: the pretrained CNN, or the reader's (read with tfjs the first time). */
  private async switchModel(): Promise<void> {
    const select = part<HTMLSelectElement>(this, 'model');
    const choice = this.settings.model;
    clearError(part(this, 'error'));
    if (!this.models[choice]) {
      select.disabled = true;
      this.dataset.model = 'loading';
      this.announce('Loading TensorFlow.js to read your CNN from this browser…');
      try {
        this.models[choice] = await loadSaved();
      } catch (err) {
        const problem =
          err instanceof ModelProblem
            ? err
            : new ModelProblem('Your CNN could not be read', errorText(err), 'The pretrained CNN stays in use. Reload the page to try again.');
        showError(part(this, 'error'), { title: problem.title, message: problem.message, hint: problem.hint });
        select.value = 'pretrained';
        this.dataset.model = 'pretrained';
        this.announce(`${problem.title}: the pretrained CNN is still in use.`);
        return;
      } finally {
        select.disabled = false;
      }
      if (!this.isConnected) return;
    }
    this.model = this.models[choice]!;
    this.dataset.model = choice;
    this.analyse(true);
  }
}

if (!customElements.get('tk-fgsm-explorer')) customElements.define('tk-fgsm-explorer', FgsmExplorerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-fgsm-explorer': FgsmExplorerElement;
  }
}
