/**
 * The files the view reads, fetched and checked: the test labels (for the colours), each embedding,
 * and each embedding's way back to an image (a Dense decoder run by lib/unsupervised/dense-decoder.ts,
 * or PCA's basis). Each file is fetched once per page.
 */
import { DATASETS, dataFileUrl, splitFiles } from '../../lib/data/manifest.ts';
import { fetchIdxFile } from '../../lib/data/load.ts';
import { parseEmbedding, parsePcaBasis, pcaImage } from '../../lib/latent-view/files.ts';
import { parseDenseModel, runDense } from '../../lib/unsupervised/dense-decoder.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { EMBEDDING_FILES, type EmbeddingId } from './config.ts';

export const TEST_COUNT = 10_000;
const PIXELS = 28 * 28;

/** A position in the latent space → a 28 × 28 image, 0…1. */
export type Decode = (z: ArrayLike<number>) => Float32Array;

/** A file's absolute URL from its path relative to the site base. */
function siteUrl(path: string): string {
  return new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${path}`, location.href).href;
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`Could not download ${url}: is the connection lost?`);
  }
  if (!response.ok) throw new Error(`Could not download ${url} (HTTP ${response.status}).`);
  return response.arrayBuffer();
}

/** The classes of the 10,000 Fashion-MNIST test images, in order. */
export async function loadLabels(): Promise<Uint8Array> {
  const info = DATASETS['fashion-mnist'];
  const file = splitFiles(info, 'test').labels;
  const { idx } = await fetchIdxFile(dataFileUrl(datasetUrl(), info.id, file.name), {
    expectedSha256: file.sha256,
    fileName: `${info.id}/${file.name}.gz`,
  });
  if (idx.kind !== 'labels' || idx.count !== TEST_COUNT) throw new Error('The Fashion-MNIST test labels are not 10,000 labels.');
  return idx.data;
}

const embeddings = new Map<EmbeddingId, Promise<Float32Array>>();
const decoders = new Map<EmbeddingId, Promise<Decode>>();

/** One embedding of the test set: 10,000 × 3 float32. */
export function loadEmbedding(id: EmbeddingId): Promise<Float32Array> {
  let pending = embeddings.get(id);
  if (!pending) {
    const url = siteUrl(EMBEDDING_FILES[id].embedding);
    pending = fetchBytes(url).then((bytes) => parseEmbedding(bytes, TEST_COUNT, 3, url));
    pending.catch(() => embeddings.delete(id)); // a failure may be tried again
    embeddings.set(id, pending);
  }
  return pending;
}

/** The file names a model.json's weightsManifest lists (so weights.bin is found beside it, whatever its name). */
function weightPaths(json: unknown): string[] {
  const manifest = (json as { weightsManifest?: { paths?: unknown }[] } | null)?.weightsManifest;
  return Array.isArray(manifest)
    ? manifest.flatMap((group) => (Array.isArray(group.paths) ? group.paths.filter((p) => typeof p === 'string') : []))
    : [];
}

async function fetchDecoder(id: EmbeddingId): Promise<Decode> {
  const files = EMBEDDING_FILES[id].decoder;
  if ('pca' in files) {
    const url = siteUrl(files.pca);
    const pca = parsePcaBasis(await fetchBytes(url), PIXELS, 3, url);
    return (z) => pcaImage(pca, z);
  }
  const modelUrl = siteUrl(files.dense);
  const json = JSON.parse(new TextDecoder().decode(await fetchBytes(modelUrl))) as unknown;
  const paths = weightPaths(json);
  if (paths.length !== 1) throw new Error(`${modelUrl} should list one weights file, not ${paths.length}.`);
  const weights = await fetchBytes(new URL(paths[0]!, modelUrl).href);
  const model = parseDenseModel(json, weights);
  if (model.inputSize !== 3 || model.outputSize !== PIXELS) {
    throw new Error(`The decoder ${modelUrl} maps ${model.inputSize} numbers to ${model.outputSize}; this view needs 3 → 784.`);
  }
  return (z) => runDense(model, z);
}

/** The embedding's decoder (cached; a failure may be tried again). */
export function loadDecoder(id: EmbeddingId): Promise<Decode> {
  let pending = decoders.get(id);
  if (!pending) {
    pending = fetchDecoder(id);
    pending.catch(() => decoders.delete(id));
    decoders.set(id, pending);
  }
  return pending;
}

/** Draws 28 × 28 images (0…1, light on dark as in the dataset) side by side on one canvas. */
export function drawImages(canvas: HTMLCanvasElement, images: readonly Float32Array[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const data = ctx.createImageData(28 * images.length, 28);
  for (const [k, image] of images.entries()) {
    for (let p = 0; p < PIXELS; p++) {
      const v = Math.round(Math.max(0, Math.min(1, image[p]!)) * 255);
      const o = ((p / 28) | 0) * data.width * 4 + (k * 28 + (p % 28)) * 4;
      data.data[o] = v;
      data.data[o + 1] = v;
      data.data[o + 2] = v;
      data.data[o + 3] = 255;
    }
  }
  ctx.putImageData(data, 0, 0);
}
