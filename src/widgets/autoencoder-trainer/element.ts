/**
 * <tk-autoencoder-trainer>: encoder → bottleneck → decoder on Fashion-MNIST. Useful before Start:
 * when the element starts (AutoencoderTrainer.astro delays that until the reader nears it) it loads
 * the test images and the pretrained autoencoder (public/models/fashion-ae/: a 3-D bottleneck) and
 * shows eight test images beside their reconstructions (the pretrained encoder and decoder run in
 * plain TypeScript, lib/unsupervised/dense-model.ts: no tfjs before Start) and the 10,000 test
 * images' codes (the committed embedding.bin: nothing to compute) on a plane, coloured by class, with zoom and hover showing the image. Start
 * trains a new autoencoder with the chosen bottleneck (2…64) in the autoencoder worker; its
 * reconstructions and codes replace the pretrained ones as it learns. Codes wider than 2 are drawn
 * on their first two principal components (lib/unsupervised/latent-2d.ts).
 *
 * For tests: `data-model` (loading, pretrained, own, failed), `data-samples` (sample updates drawn
 * in the current run), `data-latent` (latent updates drawn), `data-pair-error` (mean squared error
 * of the eight reconstructions shown).
 */
import { joinBase } from '../../lib/content/url.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import { readAutoencoderMetrics } from '../../lib/unsupervised/ae-spec.ts';
import { meanSquaredError } from '../../lib/unsupervised/corrupt.ts';
import { latentPlaneText, latentTo2d } from '../../lib/unsupervised/latent-2d.ts';
import { EMBEDDING_COUNT, EMBEDDING_DIMENSIONS, PRETRAINED_AE } from '../../lib/unsupervised/pretrained.ts';
import { paintGrey, paintImageRows } from '../../viz/grey-image.ts';
import type { AutoencoderRunHandle } from '../../workers/autoencoder/client.ts';
import type { AutoencoderFromWorker } from '../../workers/autoencoder/protocol.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { stopAndDispose, TrainerLifecycle } from '../shared/trainer.ts';
import { PAIR_COUNT, SETTINGS, aeDiagram, autoencoderMarkup, networkCaption } from './config.ts';
import { LatentPlot } from './latent-plot.ts';
import { aeRequest, doneStatus, epochLine, pretrainedStatus } from './text.ts';

const PIXELS = 784;
const absolute = (path: string): string => new URL(joinBase(import.meta.env.BASE_URL, path), location.href).href;

export class AutoencoderTrainerElement extends HTMLElement {
  private life: TrainerLifecycle<AutoencoderRunHandle> | null = null;
  private plot: LatentPlot | null = null;
  /** The test images (0–255) and their classes, once loaded. */
  private test: { images: Uint8Array; labels: Uint8Array } | null = null;

  connectedCallback(): void {
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = autoencoderMarkup(settingsFromAttributes(SETTINGS, this));
    this.life = new TrainerLifecycle<AutoencoderRunHandle>(this, {
      onStart: () => void this.start(),
      release: stopAndDispose,
      stoppingText: 'Stopping after this batch…',
      downloadLabel: 'Fashion-MNIST',
    });
    const settings = part(this, 'settings');
    const redraw = () => {
      const { latent } = readForm(SETTINGS, settings);
      part(this, 'latent-value').textContent = String(latent);
      part(this, 'network').innerHTML = aeDiagram(latent);
      part(this, 'network-caption').textContent = networkCaption(latent);
    };
    settings.addEventListener('input', redraw);
    settings.addEventListener('change', redraw);
    this.plot = new LatentPlot(part(this, 'plot'), (index) => this.hover(index));
    void this.preparePretrained();
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.plot?.destroy();
  }

  /** The test images, the pretrained model, its metrics and embedding; the views drawn from them. */
  private async preparePretrained(): Promise<void> {
    const life = this.life!;
    this.dataset.model = 'loading';
    life.status.announce('Loading the pretrained autoencoder and the Fashion-MNIST test images…');
    life.progress?.show('Download', 0, null);
    try {
      const [{ loadSplit }, { fetchBytes, fetchDenseAutoencoder }, { readEmbedding }] = await Promise.all([
        import('../../lib/data/load.ts'),
        import('../shared/dense-model-fetch.ts'),
        import('../../lib/unsupervised/embedding-file.ts'),
      ]);
      const embeddingUrl = absolute(PRETRAINED_AE.embedding);
      const [split, model, metricsJson, embedding] = await Promise.all([
        loadSplit(datasetUrl(), 'fashion-mnist', 'test', { onProgress: (p) => !life.busy && life.progress?.show('Download', p.loaded, p.total) }),
        fetchDenseAutoencoder(absolute(PRETRAINED_AE.encoder), absolute(PRETRAINED_AE.decoder)),
        fetchBytes(absolute(PRETRAINED_AE.metrics)).then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as unknown),
        fetchBytes(embeddingUrl).then((bytes) => readEmbedding(bytes, EMBEDDING_COUNT, EMBEDDING_DIMENSIONS, embeddingUrl)),
      ]);
      this.test = { images: split.images, labels: split.labels }; // for hovering, whichever model is shown
      if (!this.isConnected || life.busy || this.dataset.model === 'own') return;
      const metrics = readAutoencoderMetrics(metricsJson);
      if (!metrics.ok) throw new Error(metrics.problem);
      const inputs = this.testFloats(PAIR_COUNT);
      this.showPairs(inputs, model.reconstruct(inputs, PAIR_COUNT), 'the pretrained autoencoder (3-D bottleneck)');
      this.showLatent(embedding, EMBEDDING_COUNT, EMBEDDING_DIMENSIONS, split.labels, 'the pretrained autoencoder');
      this.dataset.model = 'pretrained';
      life.status.announce(pretrainedStatus(metrics.metrics));
    } catch (err) {
      this.dataset.model = 'failed';
      if (!life.busy) {
        life.fail({
          title: 'The pretrained autoencoder could not be loaded',
          message: `${errorText(err).replace(/\.$/, '')}.`,
          hint: 'Reload the page to try again, or press Start to train your own autoencoder.',
        });
      }
    } finally {
      if (!life.busy) life.progress?.hide();
    }
  }

  /** The first `n` test images as floats 0..1. */
  private testFloats(n: number): Float32Array {
    const out = new Float32Array(n * PIXELS);
    for (let i = 0; i < out.length; i++) out[i] = this.test!.images[i]! / 255;
    return out;
  }

  private showPairs(inputs: Float32Array, outputs: Float32Array, whose: string): void {
    paintImageRows(
      part(this, 'pairs'),
      [
        { label: 'Test images', values: inputs },
        { label: `Rebuilt by ${whose}`, values: outputs },
      ],
      PAIR_COUNT,
    );
    const error = meanSquaredError(inputs, outputs);
    this.dataset.pairError = String(error);
    part(this, 'pairs-box-caption').textContent =
      `Test images (top) and what ${whose} rebuilds from their codes (bottom): mean squared error ${error.toFixed(3)}`;
  }

  private showLatent(codes: Float32Array, count: number, dimensions: number, labels: Uint8Array, whose: string): void {
    const plane = latentTo2d(codes, count, dimensions);
    this.plot?.show(plane.xy, labels.subarray(0, count));
    this.dataset.latent = String(Number(this.dataset.latent ?? '0') + 1);
    part(this, 'latent-box-caption').textContent =
      `The ${formatCount(count)} test images placed by ${whose}, drawn on ${latentPlaneText(dimensions, plane)}, coloured by class. ` +
      'Drag to move; pinch, double-click or (once the plot has focus) the wheel to zoom.';
  }

  private hover(index: number | null): void {
    const text = part(this, 'hover-text');
    const test = this.test;
    if (index === null || !test) {
      text.textContent = 'Point at a dot to see its image.';
      return;
    }
    const pixels = new Float32Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) pixels[p] = test.images[index * PIXELS + p]! / 255;
    paintGrey(part(this, 'hover-image'), pixels);
    text.textContent = `Test image ${formatCount(index + 1)}: ${FASHION_CLASS_NAMES[test.labels[index]!] ?? 'unknown'}`;
  }

  /** Start: a new autoencoder with the chosen bottleneck, trained in the worker. */
  private async start(): Promise<void> {
    const life = this.life;
    const id = life?.begin();
    if (!life || id == null) return;
    const settings = readForm(SETTINGS, part(this, 'settings'));
    delete this.dataset.samples;
    const client = await life.load(id, () => import('../../workers/autoencoder/client.ts'));
    if (!client) return;
    const request = aeRequest(settings, PAIR_COUNT, datasetUrl());
    life.attach(
      client.startAutoencoderRun(
        request,
        life.listen(id, (m: AutoencoderFromWorker) => this.onMessage(m, settings.epochs, settings.latent)),
        { mode: 'auto' },
      ),
    );
  }

  private onMessage(m: AutoencoderFromWorker, epochs: number, latent: number): void {
    const life = this.life!;
    const whose = `your autoencoder (${latent}-D bottleneck)`;
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
        life.running(epochLine(m.epoch + 1, epochs, m.loss));
        break;
      case 'samples':
        this.dataset.model = 'own';
        this.showPairs(m.inputs, m.outputs, whose);
        this.dataset.samples = String(Number(this.dataset.samples ?? '0') + 1);
        break;
      case 'latent':
        this.dataset.model = 'own';
        this.showLatent(m.values, m.count, m.dimensions, m.labels, `${whose} after ${m.epochsCompleted} epoch${m.epochsCompleted === 1 ? '' : 's'}`);
        break;
      case 'done':
        life.finish(doneStatus(m, epochs, latent), m.stopped ? 'idle' : 'done');
        break;
      case 'error':
        life.fail({ title: 'Training failed', message: m.message, hint: m.hint });
        break;
      default:
        break;
    }
  }
}

if (!customElements.get('tk-autoencoder-trainer')) customElements.define('tk-autoencoder-trainer', AutoencoderTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-autoencoder-trainer': AutoencoderTrainerElement;
  }
}
