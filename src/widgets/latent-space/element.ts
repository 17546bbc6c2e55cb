/**
 * <tk-latent-space>: the 10,000 Fashion-MNIST test images at their positions in a 3-D latent space
 * (the VAE's means, the autoencoder's codes, or PCA's first three components), to turn, zoom and pick
 * from; a picked point or the 3-D cursor is decoded back into an image at once (a pure-TypeScript
 * Dense decoder, no tfjs), and two chosen images give a strip of images along the line between them.
 *
 * The markup (LatentSpace.astro) already shows the axes, the legend and the controls. The maths is
 * lib/latent-view/ and lib/unsupervised/dense-model.ts; the drawing is scene.ts on viz/points-3d.
 *
 * For tests and assistive technology: `data-state` loading, idle (ready) or error; on the view,
 * `data-points` (points drawn), `data-angle` (yaw,pitch in degrees), `data-renderer` (webgl2 or
 * canvas2d); on the element, `data-embedding`, `data-selected` (the picked image) and `data-decodes`
 * (images decoded so far). The `role="status"` line and "The view in words" say it all in words.
 */
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { angleLabel, type Vec3 } from '../../lib/latent-view/camera.ts';
import { clampCursor, cursorRange, moveCursor, type Axis } from '../../lib/latent-view/cursor.ts';
import { interpolate } from '../../lib/latent-view/interpolate.ts';
import { nearestPoint } from '../../lib/latent-view/pick.ts';
import { summarise, summaryLines } from '../../lib/latent-view/summary.ts';
import { escapeHtml, part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { StatusLine } from '../shared/status.ts';
import { CURSOR_SLIDERS, EMBEDDING_NAMES, SETTINGS, STRIP_STEPS, type EmbeddingId } from './config.ts';
import { drawImages, loadDecoder, loadEmbedding, loadLabels, TEST_COUNT, type Decode } from './data.ts';
import { latentMarkup } from './markup.ts';
import { startRetrain, type RetrainRun } from './retrain.ts';
import { LatentScene } from './scene.ts';

const ROTATE_STEP = (5 * Math.PI) / 180;
const ZOOM_STEP = 1.15;
const fmt = (v: number) => v.toFixed(2).replace('-', '−');
const where = (p: ArrayLike<number>) => `(${Array.from(p, fmt).join(', ')})`;

export class LatentSpaceElement extends HTMLElement {
  /** The drawing, once the points are loaded (the bench and tests reach it here). */
  scene: LatentScene | null = null;
  private status: StatusLine | null = null;
  private embedding: EmbeddingId = settingsFromAttributes(SETTINGS, this).embedding;
  private points: Float32Array = new Float32Array(0);
  private classes: Uint8Array = new Uint8Array(0);
  private decode: Decode | null = null;
  private decodeProblem: string | null = null;
  private selected: number | null = null;
  private a: number | null = null;
  private b: number | null = null;
  private decodes = 0;
  private themeObserver: MutationObserver | null = null;
  /** A live VAE run (retrain.ts), and whether the points now show a retrained model. */
  private retrain: RetrainRun | null = null;
  private retrainPending = false;
  private retrained = false;

  connectedCallback(): void {
    if (this.status) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = latentMarkup(settingsFromAttributes(SETTINGS, this));
    this.status = new StatusLine(part(this, 'status'));
    this.embedding = readForm(SETTINGS, part(this, 'settings')).embedding;
    const settings = part<HTMLFieldSetElement>(this, 'settings');
    settings.addEventListener('change', (e) => (e.target as HTMLElement).matches('[name="embedding"]') && void this.switchEmbedding());
    settings.addEventListener('input', (e) => (e.target as HTMLInputElement).type === 'range' && this.onSlider());
    part(this, 'set-a').addEventListener('click', () => this.setEnd('a'));
    part(this, 'set-b').addEventListener('click', () => this.setEnd('b'));
    part(this, 'view').addEventListener('keydown', (e) => this.onKey(e));
    part(this, 'retrain').addEventListener('click', () => void this.onRetrain());
    this.themeObserver = new MutationObserver(() => this.scene?.refreshColours());
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    void this.load();
  }

  disconnectedCallback(): void {
    this.retrain?.dispose();
    this.retrain = null;
    this.themeObserver?.disconnect();
    this.scene?.destroy();
    this.scene = null;
    this.status = null;
  }

  private async load(): Promise<void> {
    this.dataset.state = 'loading';
    this.dataset.embedding = this.embedding;
    let points: Float32Array;
    try {
      [this.classes, points] = await Promise.all([loadLabels(), loadEmbedding(this.embedding)]);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (!this.isConnected || !this.status) return;
    this.points = points;
    part(this, 'axes').setAttribute('hidden', '');
    this.buildScene(null);
    this.dataset.state = 'idle';
    this.onSlider();
    this.describe();
    await this.loadDecoder();
  }

  /** The scene on WebGL2, or on the canvas-2D fallback when `webglProblem` says why not. */
  private buildScene(webglProblem: string | null): void {
    const view = part(this, 'view');
    const previous = this.scene;
    previous?.destroy();
    this.scene = new LatentScene(
      view,
      part(this, 'points'),
      part(this, 'overlay'),
      this.points,
      this.classes,
      {
        onPick: (index) => this.select(index),
        onCamera: (camera) => (view.dataset.angle = angleLabel(camera)),
        // Destroying the lost context's scene from inside its own event would be re-entrant: next task.
        onContextLost: () => setTimeout(() => this.scene && this.buildScene('the WebGL2 context was lost')),
      },
      webglProblem,
    );
    if (previous) {
      this.scene.camera = previous.camera;
      this.scene.marks = previous.marks;
      this.describe();
    }
    view.dataset.angle = angleLabel(this.scene.camera);
    view.dataset.points = String(TEST_COUNT);
    view.dataset.renderer = this.scene.renderer.kind;
  }

  private fail(err: unknown): void {
    this.dataset.state = 'error';
    const message = err instanceof Error ? err.message : String(err);
    this.status?.announce(`The latent space could not be shown: ${message} Reload the page to try again.`);
  }

  private async loadDecoder(): Promise<void> {
    const id = this.embedding;
    this.decode = null;
    this.decodeProblem = null;
    try {
      const decode = await loadDecoder(id);
      if (id !== this.embedding) return;
      this.decode = decode;
    } catch (err) {
      if (id !== this.embedding) return;
      this.decodeProblem = `Decoding is not available for ${EMBEDDING_NAMES[id]}: ${err instanceof Error ? err.message : String(err)}`;
    }
    this.decodeCursor();
    this.drawStrip();
    this.describe();
  }

  private async switchEmbedding(): Promise<void> {
    const id = readForm(SETTINGS, part(this, 'settings')).embedding;
    this.embedding = id;
    this.dataset.embedding = id;
    this.retrained = false;
    this.status?.announce(`Loading the ${EMBEDDING_NAMES[id]}…`);
    let points: Float32Array;
    try {
      points = await loadEmbedding(id);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (id !== this.embedding || !this.scene) return;
    this.dataset.state = 'idle';
    this.showPoints(points);
    this.syncSliders();
    await this.loadDecoder();
  }

  /** New positions for the same 10,000 images: the picked ones and A, B move with them. */
  private showPoints(points: Float32Array): void {
    if (!this.scene) return;
    this.points = points;
    this.scene.setPoints(points, TEST_COUNT);
    // The same images, at their places in the new embedding.
    this.scene.marks.selected = this.positionOf(this.selected);
    this.scene.marks.a = this.positionOf(this.a);
    this.scene.marks.b = this.positionOf(this.b);
    if (this.selected !== null) this.scene.marks.cursor = this.positionOf(this.selected)!;
  }

  /** Retrain: start a VAE run (its points replace the VAE's); Stop; afterwards, back to the pretrained VAE. */
  private async onRetrain(): Promise<void> {
    const button = part<HTMLButtonElement>(this, 'retrain');
    if (this.retrain) {
      this.retrain.stop();
      button.disabled = true;
      this.status?.announce('Stopping after this batch…');
      return;
    }
    if (!this.scene || this.retrainPending) return;
    if (this.retrained) {
      await this.switchEmbedding();
      button.textContent = 'Retrain the VAE here';
      return;
    }
    this.retrainPending = true;
    const select = part<HTMLSelectElement>(this, 'embedding');
    if (select.value !== 'vae') {
      select.value = 'vae';
      await this.switchEmbedding();
    }
    select.disabled = true;
    this.dataset.state = 'running';
    button.textContent = 'Stop';
    this.status?.announce('Loading TensorFlow.js…');
    const limit = (name: string) => (this.dataset[name] ? Number(this.dataset[name]) : undefined);
    const limits = { images: limit('retrainImages'), epochs: limit('retrainEpochs') };
    const end = (text: string, failed: boolean) => {
      this.retrain = null;
      select.disabled = false;
      button.disabled = false;
      button.textContent = this.retrained ? 'Back to the pretrained VAE' : 'Retrain the VAE here';
      this.dataset.state = failed ? 'error' : 'idle';
      this.status?.announce(text);
    };
    try {
      const run = await startRetrain(
        {
          onProgress: (text) => this.status?.update(text),
          onLatent: (values, epochs) => {
            if (epochs === 0 || !this.isConnected) return; // the untrained model's means: nothing to see yet
            this.retrained = true;
            this.decode = null;
            this.decodeProblem = 'Decoding is off: the points come from the VAE training here, and only the pretrained decoder is in the page.';
            this.showPoints(values);
            this.decodeCursor();
            this.dataset.retrainEpochs = String(epochs);
            this.describe(false);
          },
          onEnd: end,
        },
        { ...(limits.images ? { images: limits.images } : {}), ...(limits.epochs ? { epochs: limits.epochs } : {}) },
      );
      if (this.isConnected) this.retrain = run;
      else run.dispose();
    } catch (err) {
      end(`Retraining could not start: ${err instanceof Error ? err.message : String(err)} Reload the page to try again.`, true);
    } finally {
      this.retrainPending = false;
    }
  }

  private positionOf(index: number | null): Vec3 | null {
    return index === null ? null : [this.points[index * 3]!, this.points[index * 3 + 1]!, this.points[index * 3 + 2]!];
  }

  /** A point was clicked (or Enter chose the one nearest the cursor): the cursor goes there and decodes it. */
  select(index: number): void {
    if (!this.scene) return;
    this.selected = index;
    this.dataset.selected = String(index);
    const position = this.positionOf(index)!;
    this.scene.marks.selected = position;
    this.scene.marks.cursor = position;
    for (const end of ['set-a', 'set-b']) part<HTMLButtonElement>(this, end).disabled = false;
    this.syncSliders();
    this.decodeCursor();
    this.scene.requestDraw();
  }

  private decodeCursor(): void {
    if (!this.scene) return;
    const cursor = this.scene.marks.cursor;
    const canvas = part<HTMLCanvasElement>(this, 'decoded');
    const caption = part(this, 'decoded-panel-caption');
    const picked =
      this.selected !== null && this.scene.marks.selected === cursor
        ? `image ${this.selected.toLocaleString('en-US')} (${FASHION_CLASS_NAMES[this.classes[this.selected]!]})`
        : null;
    if (!this.decode) {
      caption.textContent = this.decodeProblem ?? 'Loading the decoder…';
      if (picked) this.status?.announce(`Picked ${picked} at ${where(cursor)}. ${this.decodeProblem ?? ''}`.trim());
      return;
    }
    drawImages(canvas, [this.decode(cursor)]);
    this.decodes++;
    this.dataset.decodes = String(this.decodes);
    const text = picked ? `Decoded from ${picked} at ${where(cursor)}` : `Decoded from the cursor at ${where(cursor)}`;
    canvas.setAttribute('aria-label', text);
    caption.textContent = text;
    this.status?.update(`${text}, ${EMBEDDING_NAMES[this.embedding]}.`);
  }

  private setEnd(end: 'a' | 'b'): void {
    if (this.selected === null || !this.scene) return;
    this[end] = this.selected;
    this.scene.marks[end] = this.positionOf(this.selected);
    this.scene.requestDraw();
    this.drawStrip();
  }

  private drawStrip(): void {
    const canvas = part<HTMLCanvasElement>(this, 'strip');
    const a = this.positionOf(this.a);
    const b = this.positionOf(this.b);
    if (!a || !b || !this.decode) return;
    const decode = this.decode;
    drawImages(
      canvas,
      interpolate(a, b, STRIP_STEPS).map((z) => decode(z)),
    );
    const name = (i: number) => `image ${i.toLocaleString('en-US')} (${FASHION_CLASS_NAMES[this.classes[i]!]})`;
    const text = `From A, ${name(this.a!)}, to B, ${name(this.b!)}: ${STRIP_STEPS} images decoded along the straight line between them`;
    canvas.setAttribute('aria-label', text);
    this.status?.announce(`${text}.`);
  }

  /** The sliders moved: the cursor follows them. */
  private onSlider(): void {
    if (!this.scene) return;
    const form = readForm(SETTINGS, part(this, 'settings'));
    const { min, max } = cursorRange(this.scene.bounds);
    const cursor = CURSOR_SLIDERS.map((name, a) => min[a]! + (form[name] / 100) * (max[a]! - min[a]!)) as Vec3;
    this.moveCursorTo(cursor, false);
  }

  private moveCursorTo(position: Vec3, fromKeys: boolean): void {
    if (!this.scene) return;
    this.scene.marks.cursor = clampCursor(position, this.scene.bounds);
    this.scene.marks.selected = null;
    if (fromKeys) this.syncSliders();
    else this.showSliderValues();
    this.decodeCursor();
    this.scene.requestDraw();
  }

  private syncSliders(): void {
    if (!this.scene) return;
    const { min, max } = cursorRange(this.scene.bounds);
    CURSOR_SLIDERS.forEach((name, a) => {
      const pct = ((this.scene!.marks.cursor[a]! - min[a]!) / (max[a]! - min[a]! || 1)) * 100;
      part<HTMLInputElement>(this, name).value = String(Math.round(pct));
    });
    this.showSliderValues();
  }

  private showSliderValues(): void {
    CURSOR_SLIDERS.forEach((name, a) => {
      const shown = fmt(this.scene!.marks.cursor[a]!);
      part(this, `${name}-value`).textContent = shown;
      part(this, name).setAttribute('aria-valuetext', shown);
    });
  }

  private onKey(e: KeyboardEvent): void {
    const scene = this.scene;
    if (!scene || e.altKey || e.ctrlKey || e.metaKey) return;
    const axis: Record<string, Axis> = { x: 0, y: 1, z: 2 };
    const key = e.key.toLowerCase();
    if (e.key === 'ArrowLeft') scene.rotateBy(-ROTATE_STEP, 0);
    else if (e.key === 'ArrowRight') scene.rotateBy(ROTATE_STEP, 0);
    else if (e.key === 'ArrowUp') scene.rotateBy(0, ROTATE_STEP);
    else if (e.key === 'ArrowDown') scene.rotateBy(0, -ROTATE_STEP);
    else if (e.key === '+' || e.key === '=') scene.zoomBy(1 / ZOOM_STEP);
    else if (e.key === '-' || e.key === '_' || e.key === '−') scene.zoomBy(ZOOM_STEP);
    else if (e.key === 'Home') scene.resetCamera();
    else if (key in axis) this.moveCursorTo(moveCursor(scene.marks.cursor, axis[key]!, e.shiftKey ? -1 : 1, scene.bounds), true);
    else if (e.key === 'Enter') {
      const index = nearestPoint(this.points, TEST_COUNT, scene.marks.cursor);
      if (index !== null) this.select(index);
    } else return;
    e.preventDefault();
  }

  /** The text alternative (each class's centre and spread) and, unless `announce` is false, the status. */
  private describe(announce = true): void {
    if (!this.scene) return;
    const lines = summaryLines(summarise(this.points, TEST_COUNT, this.classes, 10), FASHION_CLASS_NAMES);
    part(this, 'words').innerHTML = lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
    if (!announce) return;
    const drawn = this.scene.fallbackReason
      ? `drawn on a 2-D canvas because WebGL2 is not available here (${this.scene.fallbackReason}); turning may be slower`
      : 'drawn with WebGL2';
    const decoding = this.decodeProblem ?? (this.decode ? 'click a point, or move the cursor, to decode it' : 'loading the decoder');
    this.status?.announce(`${EMBEDDING_NAMES[this.embedding]}: 10,000 test images ${drawn}; ${decoding}.`);
  }
}

if (!customElements.get('tk-latent-space')) customElements.define('tk-latent-space', LatentSpaceElement);
