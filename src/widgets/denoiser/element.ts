/**
 * <tk-denoiser>: a Fashion-MNIST test image, damaged as the reader chooses (Gaussian noise, salt and
 * pepper, masked blocks or a square, a strength slider, and the reader's own scribble), restored two
 * ways: by the pretrained denoising autoencoder (public/models/fashion-dae/, run on the page in plain
 * TypeScript by lib/unsupervised/dense-model.ts: tfjs loads only for a retraining run) and by the
 * images lesson's Gaussian blur; each with its mean squared error against the clean image. The
 * reader can also retrain a denoiser in the autoencoder worker and watch it restore test images as
 * it learns (the kit's lifecycle runs that part).
 *
 * The test set and the model load when the element starts, which Denoiser.astro delays until the
 * reader nears it. For tests: `data-model` (loading, pretrained, failed), `data-image` (test index),
 * `data-error-corrupted`, `data-error-blurred`, `data-error-restored` (the three errors), and
 * `data-samples` (how many sample updates a retraining run has drawn).
 */
import { joinBase } from '../../lib/content/url.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import { applyScribble, corruptImage } from '../../lib/unsupervised/corrupt.ts';
import { blurGrey, denoiseScores, formatError, scoresSentence } from '../../lib/unsupervised/denoise.ts';
import { PRETRAINED_DAE } from '../../lib/unsupervised/pretrained.ts';
import type { DenseAutoencoder } from '../../lib/unsupervised/dense-model.ts';
import { paintGrey } from '../../viz/grey-image.ts';
import type { AutoencoderFromWorker } from '../../workers/autoencoder/protocol.ts';
import type { AutoencoderRunHandle } from '../../workers/autoencoder/client.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { stopAndDispose, TrainerLifecycle } from '../shared/trainer.ts';
import { CORRUPTION_SETTINGS, TRAIN_SETTINGS, denoiserMarkup, type CorruptionSettings } from './config.ts';
import { ScribblePad, SIDE } from './pad.ts';
import { daeRequest, drawSamples, trainingLine } from './training.ts';

const PIXELS = SIDE * SIDE;
const absolute = (path: string): string => new URL(joinBase(import.meta.env.BASE_URL, path), location.href).href;

interface TestSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export class DenoiserElement extends HTMLElement {
  private life: TrainerLifecycle<AutoencoderRunHandle> | null = null;
  private pad: ScribblePad | null = null;
  private model: DenseAutoencoder | null = null;
  private test: TestSet | null = null;
  private index = 0;
  private seed = 1;
  private frame = 0;
  private trailing: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) {
      this.innerHTML = denoiserMarkup(settingsFromAttributes(CORRUPTION_SETTINGS, this), settingsFromAttributes(TRAIN_SETTINGS, this));
    }
    this.life = new TrainerLifecycle<AutoencoderRunHandle>(this, {
      onStart: () => void this.train(),
      release: stopAndDispose,
      stoppingText: 'Stopping after this batch…',
      downloadLabel: 'Fashion-MNIST',
    });
    this.pad = new ScribblePad(part(this, 'corrupted'), part(this, 'cursor'), {
      change: () => this.schedule(),
      say: (text) => this.life?.status.announce(text),
    });
    const corruption = part(this, 'corruption');
    corruption.addEventListener('input', () => this.schedule());
    corruption.addEventListener('change', () => this.schedule());
    part(this, 'previous').addEventListener('click', () => this.choose(this.index - 1));
    part(this, 'next').addEventListener('click', () => this.choose(this.index + 1));
    part(this, 'reseed').addEventListener('click', () => {
      this.seed++;
      this.schedule();
    });
    part(this, 'clear').addEventListener('click', () => {
      this.pad?.clear();
      this.schedule();
    });
    void this.prepare();
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.pad?.destroy();
    cancelAnimationFrame(this.frame);
    clearTimeout(this.trailing);
    this.model = null;
  }

  /** Loads the test images and the pretrained denoiser (in parallel); draws as soon as the images are there. */
  private async prepare(): Promise<void> {
    const life = this.life!;
    this.dataset.model = 'loading';
    life.status.announce('Loading Fashion-MNIST test images and the denoising autoencoder…');
    life.progress?.show('Download', 0, null);
    const modelLoad = import('../shared/dense-model-fetch.ts').then((m) =>
      m.fetchDenseAutoencoder(absolute(PRETRAINED_DAE.encoder), absolute(PRETRAINED_DAE.decoder)),
    );
    modelLoad.catch(() => {}); // awaited below, after the images: not an unhandled rejection meanwhile
    try {
      const { loadSplit } = await import('../../lib/data/load.ts');
      const split = await loadSplit(datasetUrl(), 'fashion-mnist', 'test', {
        onProgress: (p) => {
          if (!life.busy) life.progress?.show('Download', p.loaded, p.total);
        },
      });
      if (!this.isConnected) return;
      this.test = { images: split.images, labels: split.labels, count: split.count };
      this.draw();
    } catch (err) {
      return this.failed('The test images could not be loaded', err, 'Check your connection, then reload the page.');
    } finally {
      if (!life.busy) life.progress?.hide();
    }
    try {
      const model = await modelLoad;
      if (!this.isConnected) return;
      this.model = model;
      this.dataset.model = 'pretrained';
      this.draw();
    } catch (err) {
      this.failed(
        'The denoising autoencoder could not be loaded',
        err,
        'Reload the page to try again. The corruption and the blur still work without it.',
      );
    }
  }

  private failed(title: string, err: unknown, hint: string): void {
    this.dataset.model = 'failed';
    if (this.life?.busy) return;
    this.life?.fail({ title, message: `${errorText(err)}.`.replace(/\.\.$/, '.'), hint });
  }

  private choose(index: number): void {
    const count = this.test?.count ?? 1;
    this.index = (index + count) % count;
    this.pad?.clear();
    this.schedule();
  }

  /** Redraw on the next frame (many pointer moves make one redraw). */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const test = this.test;
    if (!test || !this.pad) return;
    const settings: CorruptionSettings = readForm(CORRUPTION_SETTINGS, part(this, 'corruption'));
    part(this, 'strength-value').textContent = settings.strength.toFixed(2);
    const clean = new Float32Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) clean[p] = test.images[this.index * PIXELS + p]! / 255;
    const damaged =
      settings.kind === 'none'
        ? clean
        : corruptImage(clean, SIDE, { kind: settings.kind, strength: settings.strength }, this.seed * 100_003 + this.index);
    const corrupted = this.pad.drawn ? applyScribble(damaged, this.pad.mask, 1) : damaged;
    const blurred = blurGrey(corrupted, SIDE, settings.blurSigma);
    const restored = this.model ? this.model.reconstruct(corrupted, 1) : null;
    const scores = denoiseScores(clean, corrupted, blurred, restored);

    paintGrey(part(this, 'clean'), clean);
    paintGrey(part(this, 'corrupted'), corrupted);
    paintGrey(part(this, 'blurred'), blurred);
    if (restored) paintGrey(part(this, 'restored'), restored);
    const name = FASHION_CLASS_NAMES[test.labels[this.index]!] ?? 'unknown';
    part(this, 'clean-box-caption').textContent = `Clean: test image ${formatCount(this.index + 1)} of ${formatCount(test.count)}, ${name}`;
    part(this, 'corrupted-box-caption').textContent = `Corrupted (draw on it): error ${formatError(scores.corrupted)}`;
    part(this, 'blurred-box-caption').textContent = `Gaussian blur, σ = ${settings.blurSigma}: error ${formatError(scores.blurred)}`;
    part(this, 'restored-box-caption').textContent =
      scores.restored === null
        ? 'Restored by the denoising autoencoder (loading…)'
        : `Restored by the denoising autoencoder: error ${formatError(scores.restored)}`;
    this.dataset.image = String(this.index);
    this.dataset.errorCorrupted = String(scores.corrupted);
    this.dataset.errorBlurred = String(scores.blurred);
    if (scores.restored === null) delete this.dataset.errorRestored;
    else this.dataset.errorRestored = String(scores.restored);
    if (this.life && !this.life.busy && this.dataset.model !== 'failed') this.say(scoresSentence(scores));
  }

  /** The status line, thinned to one change a second; the last sentence of a quick series is said once the second is over. */
  private say(text: string): void {
    clearTimeout(this.trailing);
    if (this.life?.status.update(text)) return;
    this.trailing = setTimeout(() => {
      if (this.life && !this.life.busy && this.dataset.model !== 'failed') this.life.status.announce(text);
    }, 1000);
  }

  /** Start: retrain a denoiser in the autoencoder worker, its samples drawn as it learns. */
  private async train(): Promise<void> {
    const life = this.life;
    const id = life?.begin();
    if (!life || id == null) return;
    const settings = readForm(TRAIN_SETTINGS, part(this, 'settings'));
    delete this.dataset.samples;
    const client = await life.load(id, () => import('../../workers/autoencoder/client.ts'));
    if (!client) return;
    const request = daeRequest(settings, datasetUrl());
    part(this, 'live').hidden = false;
    life.attach(
      client.startAutoencoderRun(
        request,
        life.listen(id, (m: AutoencoderFromWorker) => this.onMessage(m, settings.epochs)),
        { mode: 'auto' },
      ),
    );
  }

  private onMessage(m: AutoencoderFromWorker, epochs: number): void {
    const life = this.life!;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'training') life.running(m.message);
        else if (!life.stopping) life.status.announce(m.message);
        break;
      case 'download':
        life.download(m.file, m.loaded, m.total);
        break;
      case 'batch':
        life.progress?.show('Training', m.epoch + (m.batch + 1) / m.batchesPerEpoch, epochs);
        life.running(trainingLine(m.epoch + 1, epochs, m.loss));
        break;
      case 'samples':
        drawSamples(part(this, 'samples'), m.inputs, m.outputs, m.count);
        this.dataset.samples = String(Number(this.dataset.samples ?? '0') + 1);
        part(this, 'live-caption').textContent =
          `Your denoiser after ${formatCount(m.examplesSeen)} training images: damaged test images (top), restored (bottom)`;
        break;
      case 'done': {
        const loss = m.testReconstruction === null ? '' : `: test loss ${m.testReconstruction.toFixed(1)} per image`;
        if (m.stopped) life.finish(`Stopped after ${m.epochsCompleted} of ${epochs} epochs${loss}`, 'idle');
        else life.finish(`Your denoiser trained for ${m.epochsCompleted} epoch${m.epochsCompleted === 1 ? '' : 's'}${loss}`, 'done');
        break;
      }
      case 'error':
        life.fail({ title: 'Training failed', message: m.message, hint: m.hint });
        break;
      default:
        break;
    }
  }
}

if (!customElements.get('tk-denoiser')) customElements.define('tk-denoiser', DenoiserElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-denoiser': DenoiserElement;
  }
}
