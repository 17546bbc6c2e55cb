/**
 * Fetches a pretrained Dense-only tfjs Layers model (model.json and the weights file its manifest
 * names, beside it) and checks it with lib/unsupervised/dense-model.ts, so the pages run the pretrained
 * autoencoders' encoders and decoders without loading tfjs.
 */
import { denseAutoencoder, parseDenseModel, type DenseAutoencoder, type DenseModel } from '../../lib/unsupervised/dense-model.ts';

/** A file's bytes; the error says which URL failed and how. */
export async function fetchBytes(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new Error(`Could not download ${url}: is the connection lost?`);
  }
  if (!response.ok) throw new Error(`Could not download ${url} (HTTP ${response.status}).`);
  return response.arrayBuffer();
}

/** The file names a model.json's weightsManifest lists (so weights.bin is found beside it, whatever its name). */
function weightPaths(json: unknown): string[] {
  const manifest = (json as { weightsManifest?: { paths?: unknown }[] } | null)?.weightsManifest;
  return Array.isArray(manifest)
    ? manifest.flatMap((group) => (Array.isArray(group.paths) ? group.paths.filter((p) => typeof p === 'string') : []))
    : [];
}

/** A tfjs Layers model's files: model.json at `modelUrl` (absolute) and the one weights file its manifest names, beside it. */
export async function fetchLayersFiles(modelUrl: string, signal?: AbortSignal): Promise<{ json: unknown; weights: ArrayBuffer }> {
  const json = JSON.parse(new TextDecoder().decode(await fetchBytes(modelUrl, signal))) as unknown;
  const paths = weightPaths(json);
  if (paths.length !== 1) throw new Error(`${modelUrl} should list one weights file, not ${paths.length}.`);
  return { json, weights: await fetchBytes(new URL(paths[0]!, modelUrl).href, signal) };
}

/** The model at `modelUrl` (absolute), checked. */
export async function fetchDenseModel(modelUrl: string): Promise<DenseModel> {
  const { json, weights } = await fetchLayersFiles(modelUrl);
  return parseDenseModel(json, weights);
}

/** A pretrained autoencoder from its encoder's and decoder's model.json URLs (absolute). */
export async function fetchDenseAutoencoder(encoderUrl: string, decoderUrl: string): Promise<DenseAutoencoder> {
  const [encoder, decoder] = await Promise.all([fetchDenseModel(encoderUrl), fetchDenseModel(decoderUrl)]);
  return denseAutoencoder(encoder, decoder);
}
