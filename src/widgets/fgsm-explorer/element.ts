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
  private ready = false;
  private status!: StatusLine;
  private progress!: ProgressBar;
  private test: TestSet | null = null;
  private models: Partial<Record<ModelChoice, CnnModel>> = {};
  private model: CnnModel | null = null;
  private subject: Subject | null = null;
  private readonly adversarial = new Float32Array(PIXELS);
  private trailing: ReturnType<typeof setTimeout> | undefined;
  private readonly abort = new AbortController();

  /** The test image the author chose (`data-index`), or null for the lesson's sneaker. */
  private get authorIndex(): number | null {
    const raw = this.dataset['index'];
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 ? n : null;
  }

  connectedCallback(): void {
    if (this.ready) return;
    this.ready = true;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = fgsmMarkup(settingsFromAttributes(SETTINGS, this), this.authorIndex);
    this.status = new StatusLine(part(this, 'status'));
    this.progress = new ProgressBar(part(this, 'progress'));
    part(this, 'epsilon').addEventListener('input', () => this.draw());
    part(this, 'image').addEventListener('change', () => this.analyse(true));
    part(this, 'model').addEventListener('change', () => void this.switchModel());
    part(this, 'go-flip').addEventListener('click', () => {
      if (this.subject?.flip == null) return;
      part<HTMLInputElement>(this, 'epsilon').value = String(this.subject.flip);
      this.draw(true);
    });
    void this.prepare();
  }

  disconnectedCallback(): void {
    this.abort.abort();
    clearTimeout(this.trailing);
    this.ready = false;
  }

  private get settings() {
    return readForm(SETTINGS, this);
  }

  /** Loads the test images and the pretrained CNN in parallel, then attacks the first image. */
  private async prepare(): Promise<void> {
    this.dataset.state = 'loading';
    this.dataset.model = 'loading';
    this.status.announce('Loading the Fashion-MNIST test images and the pretrained CNN…');
    this.progress.show('Download', 0, null);
    const signal = this.abort.signal;
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
    if (!this.isConnected) return;
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
    for (let i = 0; i < test.count && candidates.length < 200; i++) if (test.labels[i] === wanted && i !== lesson) candidates.push(i);
    const batch = new Float32Array(candidates.length * PIXELS);
    candidates.forEach((i, k) => batch.set(this.pixels(i), k * PIXELS));
    const predicted = predictClasses(this.model!, batch, candidates.length);
    const right = candidates.findIndex((_, k) => predicted[k] === wanted);
    return candidates[Math.max(0, right)] ?? lesson;
  }

  private pixels(index: number): Float32Array {
    const x = new Float32Array(PIXELS);
    const images = this.test!.images;
    for (let p = 0; p < PIXELS; p++) x[p] = images[index * PIXELS + p]! / 255;
    return x;
  }

  /** A new image or model: the gradient, the saliency map and the smallest flipping ε; then draw at the slider's ε. */
  private analyse(announce: boolean): void {
    const model = this.model;
    if (!model || !this.test) return;
    const index = this.indexFor(this.settings.image);
    const x = this.pixels(index);
    const label = this.test.labels[index]!;
    const before = probabilities(model, x, 1).slice(0, 10);
    const gradient = inputGradient(model, x, 1, [label]);
    const clean = argMax(before, 10);
    const flip = smallestFlipEpsilon((e) => predictClasses(model, fgsm(x, gradient, e, { out: this.adversarial }), 1)[0]!, label, {
      max: EPSILON_MAX,
      step: EPSILON_STEP,
    });
    this.subject = { index, label, x, gradient, before, clean, flip };

    paintGrey(part(this, 'original'), x);
    part(this, 'original').setAttribute('aria-label', `The original: test image ${formatCount(index)}, a ${className(label)}`);
    part(this, 'original-box-caption').textContent = `Original: test image ${formatCount(index)}, ${className(label)}`;
    paintGrey(part(this, 'saliency'), saliencyMap(gradient).map);
    part(this, 'saliency').setAttribute(
      'aria-label',
      `Saliency map of the ${className(label)}: dark where a small change to a pixel changes the loss most`,
    );

    const flipTo = flip === null || flip === 0 ? null : predictClasses(model, fgsm(x, gradient, flip, { out: this.adversarial }), 1)[0]!;
    part(this, 'flip').textContent = flipSentence(flip, label, clean, EPSILON_MAX, flipTo);
    const go = part<HTMLButtonElement>(this, 'go-flip');
    go.disabled = flip === null || clean !== label;
    go.textContent = go.disabled ? 'Set ε to the smallest that flips it' : `Set ε to ${formatEpsilon(flip!)}`;
    this.dataset.image = String(index);
    this.dataset.label = String(label);
    this.dataset.clean = String(clean);
    this.dataset.flipEpsilon = flip === null ? 'none' : String(flip);
    this.draw(announce);
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
