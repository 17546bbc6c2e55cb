/**
 * <tk-model-inspector>: the reader's MNIST model, inspected. When it comes into view it looks for
 * the model saved in this browser (saved-peek.ts, no tfjs) and uses it, or offers to train a quick
 * one; a model can also be loaded from files, downloaded, and saved in the browser. With a model,
 * the confusion matrix of the test set fills (matrix.ts), a cell shows its images, and a drawing
 * (pad.ts) is classified live. The model and the test set live in the worker (src/workers/inspect);
 * tfjs and d3 load only when they are needed.
 */
import { cellName, confusionCounts, pairCaption, pairIndices } from '../../lib/digits/confusion.ts';
import { toMnistInput } from '../../lib/digits/preprocess.ts';
import { formatBytes, formatCount, formatPercent } from '../../lib/format/numbers.ts';
import { savedModelSentence } from '../../lib/model-files/metadata.ts';
import { WEIGHTS_FILE, type FileProblem } from '../../lib/model-files/model-json.ts';
import type { InspectorClient } from '../../workers/inspect/client.ts';
import type { Evaluation, FromInspector, ModelInfo, TestData } from '../../workers/inspect/protocol.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { StatusLine } from '../shared/status.ts';
import { barsSvg, inspectorMarkup, parseLimit, PAD_IDLE } from './markup.ts';
import type { MatrixView } from '../shared/confusion-matrix/matrix.ts';
import { DrawingPad } from './pad.ts';
import { peekSavedModel } from './saved-peek.ts';
import { paintDigit, thumbnails } from './thumbnails.ts';

const THUMBNAILS = 40;
type ModelAnswer = Extract<FromInspector, { type: 'model' }>;

export class ModelInspectorElement extends HTMLElement {
  private ready = false;
  private client: InspectorClient | null = null;
  private matrix: MatrixView | null = null;
  private pad: DrawingPad | null = null;
  private status!: StatusLine;
  private padStatus!: StatusLine;
  private progress!: ProgressBar;
  private info: ModelInfo | null = null;
  private evaluation: Evaluation | null = null;
  private savedExists = false;
  private peeking = false;
  private busy = false;
  private frame = 0;
  private settledPending = false;
  /** What is in the pad when it came from the test set ("Test image 12 (a 7)"), for the prediction sentence. */
  private padSource = '';
  private readonly cleanups: (() => void)[] = [];

  connectedCallback(): void {
    if (this.ready) return;
    this.ready = true;
    const testLimit = parseLimit(this.dataset['testLimit'], 10_000);
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = inspectorMarkup(testLimit);
    this.status = new StatusLine(part(this, 'status'));
    this.padStatus = new StatusLine(part(this, 'pad-status'), 700);
    this.progress = new ProgressBar(part(this, 'progress'));
    this.pad = new DrawingPad(part<HTMLCanvasElement>(this, 'pad'), part(this, 'cursor'), {
      change: (settled) => this.scheduleClassify(settled),
      announce: (text) => this.padStatus.announce(text),
    });
    const click = (name: string, f: () => void) => part(this, name).addEventListener('click', f);
    click('clear', () => {
      this.padSource = '';
      this.pad?.clear();
    });
    part(this, 'pad').addEventListener('pointerdown', () => (this.padSource = ''));
    click('quick', () => void this.act(() => this.trainQuick()));
    click('download', () => void this.act(() => this.download()));
    click('save', () => void this.askToSave());
    click('confirm-yes', () => void this.act(() => this.save()));
    click('confirm-no', () => this.closeConfirm('Kept the saved model; the loaded one is in use until you leave the page.'));
    click('open', () => void this.openTestImage(Number(part<HTMLInputElement>(this, 'index').value)));
    const files = part<HTMLInputElement>(this, 'files');
    files.addEventListener('change', () => {
      const chosen = [...(files.files ?? [])];
      files.value = '';
      if (chosen.length > 0) void this.act(() => this.loadFiles(chosen));
    });
    this.watchTheme();
    // Look for the saved model once the widget is (nearly) on screen.
    if (typeof IntersectionObserver === 'undefined') void this.refresh();
    else {
      const seen = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) void this.refresh();
        },
        { rootMargin: '200px' },
      );
      seen.observe(this);
      this.cleanups.push(() => seen.disconnect());
    }
  }

  disconnectedCallback(): void {
    if (this.busy) this.status.announce('Stopped: the widget was removed from the page');
    this.client?.dispose();
    this.client = null;
    this.matrix?.destroy();
    this.pad?.destroy();
    cancelAnimationFrame(this.frame);
    for (const f of this.cleanups.splice(0)) f();
    this.ready = false;
  }

  private get testData(): TestData {
    return { dataUrl: datasetUrl(), testLimit: parseLimit(this.dataset['testLimit'], 10_000) };
  }

  /**
   * Looks for the saved model (each time the widget comes into view): uses it when it is newer
   * than the model in use (e.g. the reader just trained one in the builder above), unless the
   * model in use came from files; offers the quick model when there is none.
   */
  private async refresh(): Promise<void> {
    if (this.busy || this.peeking) return;
    this.peeking = true;
    try {
      const found = await peekSavedModel();
      this.savedExists = found.saved;
      if (found.saved) {
        const current = this.info;
        if (current && (current.source === 'files' || current.meta?.trainedAt === found.meta?.trainedAt)) return;
        this.status.announce(`${savedModelSentence(found.meta)}. Loading it…`);
        await this.act(() => this.restore());
      } else if (!this.info) {
        part(this, 'quick').hidden = false;
        this.status.announce(
          'No saved model in this browser yet: train one in the model builder, or press Train a quick model (784 → 128 → 10, one epoch).',
        );
      }
    } finally {
      this.peeking = false;
    }
  }

  /** Runs one action at a time: controls busy, errors shown in words. */
  private async act(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.setBusy(true);
    part(this, 'error').hidden = true;
    try {
      await work();
    } catch (err) {
      const { message, hint } = err as { message?: string; hint?: string };
      this.fail({ message: message ?? String(err), hint: hint ?? 'Reload the page and try again.' });
    } finally {
      this.busy = false;
      this.setBusy(false);
      this.progress.hide();
    }
  }

  private setBusy(busy: boolean): void {
    part<HTMLFieldSetElement>(this, 'settings').disabled = busy;
    if (busy) this.dataset['state'] = 'loading';
  }

  private fail(problem: FileProblem, title = 'That did not work'): void {
    this.dataset['state'] = 'error';
    this.status.announce(`Error: ${problem.message}`);
    showError(part(this, 'error'), { title, message: problem.message, hint: problem.hint });
  }

  private async connect(): Promise<InspectorClient> {
    if (!this.client) {
      const { createInspectorClient } = await import('../../workers/inspect/client.ts');
      this.client ??= createInspectorClient();
    }
    return this.client;
  }

  private onProgress = (p: Extract<FromInspector, { type: 'progress' }>): void => {
    if (p.text.startsWith('Training')) this.dataset['state'] = 'running';
    this.status.update(p.text);
    this.progress.show(p.text.replace(/:.*$/, ''), p.loaded ?? 0, p.total ?? null);
  };

  private async restore(): Promise<void> {
    const client = await this.connect();
    const answer = await client.request({ type: 'restore', data: this.testData }, 'model', this.onProgress).catch((err: unknown) => {
      part(this, 'quick').hidden = false; // an unreadable saved model can still be replaced
      throw err;
    });
    if (!answer.info) {
      this.savedExists = false;
      part(this, 'quick').hidden = false;
      this.dataset['state'] = 'idle';
      this.status.announce('No saved model in this browser yet: train one in the model builder, or press Train a quick model.');
      return;
    }
    await this.adopt(answer, savedModelSentence(answer.info.meta));
  }

  private async trainQuick(): Promise<void> {
    const client = await this.connect();
    this.status.announce('Training a quick model…');
    const trainLimit = parseLimit(this.dataset['trainLimit'], 10_000, 60_000);
    const answer = await client.request({ type: 'train-quick', data: this.testData, trainLimit, seed: 42 }, 'model', this.onProgress);
    this.savedExists = true;
    part(this, 'quick').hidden = true;
    const accuracy = formatPercent(answer.evaluation?.accuracy ?? NaN);
    await this.adopt(answer, `Quick model trained on ${formatCount(trainLimit)} images and saved in this browser: ${accuracy} on the test set`);
  }

  private async loadFiles(files: File[]): Promise<void> {
    const { readModelFiles } = await import('./files.ts');
    const read = await readModelFiles(files);
    if (!read.ok) return this.fail(read.problem, 'These files cannot be loaded');
    const client = await this.connect();
    this.status.announce(`Loading ${read.jsonName}…`);
    const answer = await client.request(
      { type: 'load', data: this.testData, modelJson: read.model, weightData: read.weightData },
      'model',
      this.onProgress,
    );
    const accuracy = formatPercent(answer.evaluation?.accuracy ?? NaN);
    const units = answer.info?.units.join(' → ') ?? '';
    await this.adopt(
      answer,
      `Loaded ${read.jsonName} (${units}): ${accuracy} on the test set.${read.note ? ` ${read.note}` : ''} Not saved in this browser yet.`,
    );
    part(this, 'save').hidden = false;
  }

  /** A model is in use: the matrix fills, the test images can be opened, the drawing is classified again. */
  private async adopt(answer: ModelAnswer, sentence: string): Promise<void> {
    this.info = answer.info;
    this.evaluation = answer.evaluation;
    part(this, 'pair').hidden = true;
    if (answer.evaluation) {
      // The matrix code (and d3) load with the first model.
      const { MatrixView } = await import('../shared/confusion-matrix/matrix.ts');
      this.matrix ??= new MatrixView(part<HTMLTableElement>(this, 'matrix'), { cellName, onPick: (t, g) => void this.showPair(t, g) });
      await this.matrix.show(confusionCounts(answer.evaluation.labels, answer.evaluation.predicted));
    }
    for (const name of ['download', 'index', 'open']) part<HTMLButtonElement>(this, name).disabled = false;
    this.dataset['state'] = 'done';
    this.status.announce(sentence);
    this.scheduleClassify(true);
  }

  private async download(): Promise<void> {
    const client = await this.connect();
    const [{ downloadFile }, { modelJson, weightData }] = await Promise.all([
      import('./files.ts'),
      client.request({ type: 'export', weightsFile: WEIGHTS_FILE }, 'artifacts'),
    ]);
    downloadFile('model.json', [modelJson], 'application/json');
    downloadFile(WEIGHTS_FILE, [weightData], 'application/octet-stream');
    this.dataset['state'] = 'done';
    this.status.announce(
      `Downloaded model.json and ${WEIGHTS_FILE} (${formatBytes(weightData.byteLength)} of weights). Load both files here to use the model again.`,
    );
  }

  private async askToSave(): Promise<void> {
    // Asked again: the builder may have saved a model since the widget last looked.
    this.savedExists = (await peekSavedModel()).saved;
    if (!this.savedExists) return this.act(() => this.save());
    part(this, 'confirm-text').textContent = 'This replaces the model saved in this browser (the one the builder trained last). Replace it?';
    part(this, 'confirm').hidden = false;
    part(this, 'confirm-yes').focus();
  }

  private closeConfirm(text: string): void {
    part(this, 'confirm').hidden = true;
    this.status.announce(text);
    part(this, 'save').focus();
  }

  private async save(): Promise<void> {
    part(this, 'confirm').hidden = true;
    const client = await this.connect();
    const { info } = await client.request({ type: 'save' }, 'saved');
    this.info = info;
    this.savedExists = true;
    part(this, 'save').hidden = true;
    part(this, 'download').focus(); // Save (or the confirmation) is gone: keep the keyboard in the widget
    this.dataset['state'] = 'done';
    this.status.announce(`Saved in this browser: ${savedModelSentence(info.meta)}`);
  }

  private async showPair(truth: number, guess: number): Promise<void> {
    const ev = this.evaluation;
    const client = this.client;
    if (!ev || !client) return;
    const { indices, total } = pairIndices(ev.labels, ev.predicted, truth, guess, THUMBNAILS);
    const list = part(this, 'thumbs');
    part(this, 'pair').hidden = false;
    part(this, 'pair-caption').textContent = pairCaption(truth, guess, indices.length, total);
    list.replaceChildren();
    if (indices.length === 0) return;
    const { pixels } = await client.request({ type: 'images', indices }, 'images');
    list.replaceChildren(
      ...thumbnails(
        indices,
        pixels,
        (index) => `Test image ${index}: a ${truth}, predicted ${guess}`,
        (index, image) => this.openInPad(image, `Test image ${index} (a ${truth})`),
      ),
    );
  }

  private async openTestImage(index: number): Promise<void> {
    const limit = this.evaluation?.labels.length ?? 0;
    if (!this.client || !Number.isInteger(index) || index < 0 || index >= limit) {
      this.padStatus.announce(`Choose a test image from 0 to ${formatCount(limit - 1)}.`);
      return;
    }
    const { pixels } = await this.client.request({ type: 'images', indices: [index] }, 'images');
    this.openInPad(pixels, `Test image ${index} (a ${this.evaluation?.labels[index]})`);
  }

  private openInPad(pixels: Uint8Array, source: string): void {
    this.padSource = source;
    this.padStatus.announce(`Opened ${source.toLowerCase()} in the pad: edit it with the arrow keys, Space paints, Enter erases`);
    this.pad?.setImage(pixels);
    part(this, 'pad').focus();
  }

  /** Classifies the drawing at most once per frame; a finished stroke is always classified and announced. */
  private scheduleClassify(settled: boolean): void {
    this.settledPending ||= settled;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const settledNow = this.settledPending;
      this.settledPending = false;
      void this.classify(settledNow);
    });
  }

  private async classify(settled: boolean): Promise<void> {
    const input = this.pad ? toMnistInput(this.pad.ink()) : null;
    const preview = part<HTMLCanvasElement>(this, 'preview');
    paintDigit(preview, input ? Uint8Array.from(input, (v) => Math.round(v * 255)) : new Uint8Array(784));
    preview.setAttribute('aria-label', `The drawing as the model sees it: ${input ? '28 × 28 pixels, scaled and centred' : 'nothing yet'}`);
    if (!input) {
      part(this, 'bars').innerHTML = barsSvg(null);
      if (settled) this.padStatus.announce(PAD_IDLE);
      return;
    }
    if (!this.client || !this.info) {
      if (settled) this.padStatus.announce('The model will classify your drawing once there is one: train a quick model or load model files.');
      return;
    }
    const probs = await this.client.predict(input);
    if (!probs) return;
    part(this, 'bars').innerHTML = barsSvg(probs);
    let best = 0;
    probs.forEach((p, d) => (best = p > (probs[best] as number) ? d : best));
    const verdict = `the model says ${best} (${formatPercent(probs[best] as number)} sure)`;
    const text = this.padSource ? `${this.padSource}: ${verdict}` : `T${verdict.slice(1)}`;
    if (settled) this.padStatus.announce(text);
    else this.padStatus.update(text);
  }

  private watchTheme(): void {
    const recolour = () => this.matrix?.recolour();
    const observer = new MutationObserver(recolour);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', recolour);
    this.cleanups.push(
      () => observer.disconnect(),
      () => media.removeEventListener('change', recolour),
    );
  }
}

if (!customElements.get('tk-model-inspector')) customElements.define('tk-model-inspector', ModelInspectorElement);
