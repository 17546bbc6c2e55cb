/**
 * The files the view reads, fetched and checked: the test labels (for the colours), each embedding,
 * and each embedding's way back to an image (a Dense decoder run by lib/unsupervised/dense-model.ts,
 * or PCA's mean and components, lib/unsupervised/pca-files.ts). Each file is fetched once per page.
 */
import { DATASETS, dataFileUrl, splitFiles } from '../../lib/data/manifest.ts';
import { fetchIdxFile } from '../../lib/data/load.ts';
import { readEmbedding } from '../../lib/unsupervised/embedding-file.ts';
import { runDense } from '../../lib/unsupervised/dense-model.ts';
import { reconstruct } from '../../lib/unsupervised/pca.ts';
import { pcaFromFiles, readPcaInfo } from '../../lib/unsupervised/pca-files.ts';
import { fetchBytes, fetchDenseModel } from '../shared/dense-model-fetch.ts';
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
    pending = fetchBytes(url).then((bytes) => readEmbedding(bytes, TEST_COUNT, 3, url));
    pending.catch(() => embeddings.delete(id)); // a failure may be tried again
    embeddings.set(id, pending);
  }
  return pending;
}

async function fetchDecoder(id: EmbeddingId): Promise<Decode> {
  const files = EMBEDDING_FILES[id].decoder;
  if ('pca' in files) {
    const [infoBytes, weights] = await Promise.all([fetchBytes(siteUrl(files.pca.info)), fetchBytes(siteUrl(files.pca.weights))]);
    const read = readPcaInfo(JSON.parse(new TextDecoder().decode(infoBytes)));
    if (!read.ok) throw new Error(read.problem);
    const pca = pcaFromFiles(read.info, weights);
    if (read.info.dimension !== PIXELS || read.info.components < 3) {
      throw new Error(
        `${siteUrl(files.pca.weights)} holds ${read.info.components} components of ${read.info.dimension} pixels; this view needs 3 of 784.`,
      );
    }
    return (z) => reconstruct(pca, Float32Array.from(z), 1, 3);
  }
  const modelUrl = siteUrl(files.dense);
  const model = await fetchDenseModel(modelUrl);
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
