/**
 * <tk-pca-explorer>: Fashion-MNIST through its principal components. The markup (PcaExplorer.astro,
 * from the committed pca.json) is already a figure: the classes' spreads, the explained-variance chart,
 * the scatter in words. "Load the test images" fetches the committed PCA (pca.bin, embedding.bin:
 * about 330 KB) and the verified test set, then draws the 10,000 points (viz/scatter-2d.ts, loaded
 * here with import()), the component images, and rebuilds the chosen test image from its first m
 * components as the slider moves. All the maths is in lib/unsupervised/ (pca.ts, pca-summary.ts).
 */
import { joinBase } from '../../lib/content/url.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { formatCount, formatPercent } from '../../lib/format/numbers.ts';
import { readEmbedding } from '../../lib/unsupervised/embedding-file.ts';
import { pcaFromFiles, readPcaInfo, type PcaInfo } from '../../lib/unsupervised/pca-files.ts';
import { cumulativeRatio, divergingPixels, greyPixels, meanSquaredError } from '../../lib/unsupervised/pca-summary.ts';
import { project, reconstruct, type Pca } from '../../lib/unsupervised/pca.ts';
import { PRETRAINED_PCA } from '../../lib/unsupervised/pretrained.ts';
import type { Scatter2d } from '../../viz/scatter-2d.ts';
import { varianceMarker } from '../../viz/variance-chart.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { parseValue } from '../shared/settings.ts';
import { StatusLine } from '../shared/status.ts';
import { SETTINGS, SHOWN_COMPONENTS, reconstructionIdle } from './markup.ts';

const PIXELS = 784;

interface Loaded {
  info: PcaInfo;
  pca: Pca;
  /** The test images as 0…1 vectors, and their labels. */
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

/** Draws a 28 × 28 RGBA image on a canvas and names it. */
function paint(canvas: HTMLCanvasElement, pixels: Uint8ClampedArray, label: string): void {
  const ctx = canvas.getContext('2d');
  if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels), 28, 28), 0, 0);
  canvas.setAttribute('aria-label', label);
}

async function fetchBytes(url: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim());
  return response.arrayBuffer();
}

export class PcaExplorerElement extends HTMLElement {
  private ready = false;
  private status!: StatusLine;
  private rebuildStatus!: StatusLine;
  private progress!: ProgressBar;
  private loaded: Loaded | null = null;
  private scatter: Scatter2d | null = null;
  private controller: AbortController | null = null;
  private readonly ratios: number[] = [];

  connectedCallback(): void {
    if (this.ready) return;
    if (!this.querySelector('[data-part="root"]')) {
      this.textContent = 'The PCA explorer needs its markup: place it with the <PcaExplorer /> component.';
      return;
    }
    this.ready = true;
    this.status = new StatusLine(part(this, 'status'));
    this.rebuildStatus = new StatusLine(part(this, 'rebuild-status'), 400);
    this.progress = new ProgressBar(part(this, 'progress'));
    this.ratios.splice(0, Infinity, ...JSON.parse(this.dataset['ratios'] ?? '[]').map(Number));
    if (!this.dataset['state']) this.dataset['state'] = 'idle';
    const slider = part<HTMLInputElement>(this, 'components');
    slider.addEventListener('input', () => this.showComponents());
    part<HTMLInputElement>(this, 'image').addEventListener('change', () => this.choose(this.imageIndex(), false));
    part(this, 'load').addEventListener('click', () => void this.load());
    this.showComponents();
  }

  disconnectedCallback(): void {
    if (this.dataset['state'] === 'loading') this.status.announce('Stopped: the widget was removed from the page');
    this.controller?.abort();
    clearTimeout(this.pendingStatus);
    this.scatter?.destroy();
    this.scatter = null;
    this.ready = false;
  }

  private get m(): number {
    return parseValue(SETTINGS.components, part<HTMLInputElement>(this, 'components').value);
  }

  private imageIndex(): number {
    const input = part<HTMLInputElement>(this, 'image');
    const value = parseValue(SETTINGS.image, input.value);
    if (String(value) !== input.value) input.value = String(value);
    return value;
  }

  /** The slider moved: its value, the chart's marker, and the rebuilt image. */
  private showComponents(): void {
    const m = this.m;
    part(this, 'components-value').textContent = String(m);
    const marker = varianceMarker(this.ratios, m);
    const group = this.querySelector<SVGGElement>('[data-part="variance-marker"]');
    group?.setAttribute('transform', `translate(${Math.round(marker.x * 10) / 10},0)`);
    this.querySelector('[data-part="variance-dot"]')?.setAttribute('cy', String(Math.round(marker.y * 10) / 10));
    const label = this.querySelector('[data-part="variance-label"]');
    if (label) {
      label.textContent = marker.label;
      const right = marker.x > 150;
      label.setAttribute('x', right ? '-6' : '6');
      label.setAttribute('text-anchor', right ? 'end' : 'start');
      label.setAttribute('y', String(Math.round(Math.min(172, marker.y + 18))));
    }
    if (this.loaded) this.rebuild();
    else this.rebuildStatus.announce(reconstructionIdle({ explainedRatio: this.ratios, testClasses: [], dimension: PIXELS }, m));
  }

  private async load(): Promise<void> {
    if (this.dataset['state'] === 'loading' || this.loaded) return;
    const button = part<HTMLButtonElement>(this, 'load');
    button.disabled = true;
    this.dataset['state'] = 'loading';
    clearError(part(this, 'error'));
    this.status.announce('Loading the PCA and the 10,000 test images…');
    this.progress.show('Download', 0, null);
    const controller = new AbortController();
    this.controller = controller;
    const url = (path: string): string => new URL(joinBase(import.meta.env.BASE_URL, path), location.href).href;
    try {
      const [{ loadSplit }, { createScatter2d }, { CLASS_COLOURS }, infoBytes, weights, embeddingBytes] = await Promise.all([
        import('../../lib/data/load.ts'),
        import('../../viz/scatter-2d.ts'),
        import('../../viz/class-colours.ts'),
        fetchBytes(url(PRETRAINED_PCA.info), controller.signal),
        fetchBytes(url(PRETRAINED_PCA.weights), controller.signal),
        fetchBytes(url(PRETRAINED_PCA.embedding), controller.signal),
      ]);
      const read = readPcaInfo(JSON.parse(new TextDecoder().decode(infoBytes)));
      if (!read.ok) throw new Error(read.problem);
      const pca = pcaFromFiles(read.info, weights);
      const { count: embedded, dimensions } = read.info.embedding;
      const embedding = readEmbedding(embeddingBytes, embedded, dimensions, url(PRETRAINED_PCA.embedding));
      const split = await loadSplit(datasetUrl(), 'fashion-mnist', 'test', {
        signal: controller.signal,
        onProgress: (p) => {
          this.progress.show('Download', p.loaded, p.total);
          if (p.total) this.status.update(`Downloading the Fashion-MNIST test images: ${formatPercent(p.loaded / p.total, 0)}`);
        },
      });
      if (!this.isConnected || controller.signal.aborted) return;
      const count = Math.min(split.count, read.info.embedding.count);
      const images = new Float32Array(count * PIXELS);
      for (let i = 0; i < images.length; i++) images[i] = split.images[i]! / 255;
      this.loaded = { info: read.info, pca, images, labels: split.labels.subarray(0, count), count };
      this.drawComponents(pca);
      const xy = new Float32Array(count * 2);
      const stride = read.info.embedding.dimensions;
      for (let i = 0; i < count; i++) {
        xy[2 * i] = embedding[i * stride]!;
        xy[2 * i + 1] = embedding[i * stride + 1]!;
      }
      const canvas = part<HTMLCanvasElement>(this, 'scatter');
      canvas.hidden = false;
      part(this, 'spread').setAttribute('hidden', '');
      this.scatter = createScatter2d(canvas, {
        xy,
        classes: this.loaded.labels,
        palette: CLASS_COLOURS,
        radius: canvas.clientWidth < 400 ? 1.6 : 2.4,
        onHover: (i) => this.hover(i),
        onPick: (i) => this.choose(i, true),
      });
      button.hidden = true;
      this.progress.hide();
      this.dataset['state'] = 'done';
      const kept = formatPercent(cumulativeRatio(read.info.explainedRatio, 2));
      this.status.announce(
        `${formatCount(count)} test images on the first two components, which keep ${kept} of the variance. Hover a point to see its image; click it to rebuild it.`,
      );
      this.choose(this.imageIndex(), false);
    } catch (err) {
      if (controller.signal.aborted || !this.isConnected) return;
      this.progress.hide();
      button.disabled = false;
      button.textContent = 'Try again';
      this.dataset['state'] = 'error';
      const message = `The PCA files or the test images could not be loaded (${errorText(err)}).`;
      this.status.announce(`Error: ${message}`);
      showError(part(this, 'error'), { title: 'Loading failed', message, hint: 'Check your connection, then press Try again.' });
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  private drawComponents(pca: Pca): void {
    for (let c = 0; c < SHOWN_COMPONENTS; c++) {
      const canvas = this.querySelector<HTMLCanvasElement>(`[data-part="pc-${c}"]`);
      if (!canvas) continue;
      paint(canvas, divergingPixels(pca.components.subarray(c * PIXELS, (c + 1) * PIXELS)), canvas.getAttribute('aria-label') ?? '');
    }
  }

  private describe(index: number): string {
    const label = this.loaded?.labels[index] ?? 0;
    return `test image ${formatCount(index)}, ${FASHION_CLASS_NAMES[label] ?? 'unknown'}`;
  }

  private hover(index: number | null): void {
    if (index === null || !this.loaded) return;
    const image = this.loaded.images.subarray(index * PIXELS, (index + 1) * PIXELS);
    const text = this.describe(index);
    paint(part<HTMLCanvasElement>(this, 'hover-image'), greyPixels(image), text);
    part(this, 'hover-text').textContent = `${text[0]!.toUpperCase()}${text.slice(1)}. Click or press Enter to rebuild it.`;
  }

  /** A test image chosen (picked in the scatter, or typed): rebuild it and ring it. */
  private choose(index: number, picked: boolean): void {
    if (!this.loaded) return;
    const i = Math.max(0, Math.min(this.loaded.count - 1, index));
    part<HTMLInputElement>(this, 'image').value = String(i);
    this.scatter?.select(i);
    if (picked) this.hover(i);
    this.rebuild();
  }

  private rebuild(): void {
    const loaded = this.loaded;
    if (!loaded) return;
    const i = Math.min(this.imageIndex(), loaded.count - 1);
    const m = this.m;
    const image = loaded.images.subarray(i * PIXELS, (i + 1) * PIXELS);
    const coords = project(loaded.pca, image, 1, m);
    const rebuilt = reconstruct(loaded.pca, coords, 1, m);
    const difference = rebuilt.map((v, k) => v - image[k]!);
    const error = meanSquaredError(image, rebuilt);
    const name = this.describe(i);
    paint(part<HTMLCanvasElement>(this, 'original'), greyPixels(image), `The ${name}`);
    paint(part<HTMLCanvasElement>(this, 'rebuilt'), greyPixels(rebuilt), `The ${name} rebuilt from ${m} components`);
    paint(part<HTMLCanvasElement>(this, 'difference'), divergingPixels(difference), 'Rebuilt minus original: red brighter, blue darker');
    part(this, 'rebuilt-caption').textContent = `Rebuilt from ${m} component${m === 1 ? '' : 's'}`;
    this.dataset['error'] = error.toFixed(6);
    const said = this.rebuildStatus.update(
      `The ${name}, rebuilt from ${m} numbers instead of ${PIXELS}: mean squared error ${error.toFixed(4)} per pixel ` +
        `(the first ${m} component${m === 1 ? '' : 's'} keep ${formatPercent(cumulativeRatio(loaded.info.explainedRatio, m))} of the variance of all the images).`,
    );
    if (!said) this.scheduleRebuildStatus();
  }

  private pendingStatus = 0;
  /** The status line is thinned while the slider moves: say the last value once it settles. */
  private scheduleRebuildStatus(): void {
    clearTimeout(this.pendingStatus);
    this.pendingStatus = window.setTimeout(() => {
      if (this.loaded && this.isConnected) this.rebuild();
    }, 450);
  }
}

if (!customElements.get('tk-pca-explorer')) customElements.define('tk-pca-explorer', PcaExplorerElement);
