/**
 * The adversarial widgets' CNN on the page without tfjs: a tfjs Layers model.json and its weights
 * file fetched (dense-model-fetch.ts) and read into the from-scratch engine (lib/adversarial/cnn-model.ts);
 * and a test image as the engine's input.
 */
import { parseLayersCnn, type CnnModel } from '../../lib/adversarial/cnn-model.ts';
import { fetchLayersFiles } from './dense-model-fetch.ts';

/** The CNN at `modelUrl` (absolute); an error says which file failed, or which layer the engine cannot run. */
export async function fetchCnn(modelUrl: string, signal?: AbortSignal): Promise<CnnModel> {
  const { json, weights } = await fetchLayersFiles(modelUrl, signal);
  return parseLayersCnn(json, weights);
}

/** Image `index` of a split's bytes (0..255, `pixels` per image) as the engine's input: `pixels` values in 0..1. */
export function testImage(images: Uint8Array, index: number, pixels = 784): Float32Array {
  const out = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) out[p] = images[index * pixels + p]! / 255;
  return out;
}
