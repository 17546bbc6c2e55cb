/**
 * What the PGD stepper needs before its first step: the pretrained CNN (model.json and the weights
 * file its manifest names, parsed into the engine: no tfjs) and the lesson's sneaker from the
 * Fashion-MNIST test set, fetched together.
 */
import { parseLayersCnn, type CnnModel } from '../../lib/adversarial/cnn-model.ts';
import { LESSON_SNEAKER_INDEX } from '../../lib/adversarial/sneaker.ts';
import { loadSplit, type LoadProgress } from '../../lib/data/load.ts';
import { fetchBytes } from '../shared/dense-model-fetch.ts';

export interface StepperInputs {
  model: CnnModel;
  /** The sneaker, 784 values in 0..1. */
  image: Float32Array;
  label: number;
  /** Its index in the test set. */
  index: number;
  /** Images in the test set. */
  testCount: number;
}

/** The CNN at `modelUrl` (absolute): the weights file is the one its manifest names, beside it. */
export async function fetchCnn(modelUrl: string): Promise<CnnModel> {
  const json = JSON.parse(new TextDecoder().decode(await fetchBytes(modelUrl))) as { weightsManifest?: { paths?: unknown[] }[] } | null;
  const path = json?.weightsManifest?.[0]?.paths?.[0];
  const weights = await fetchBytes(new URL(typeof path === 'string' ? path : 'weights.bin', modelUrl).href);
  return parseLayersCnn(json, weights);
}

export async function loadInputs(modelUrl: string, dataUrl: string, onProgress: (p: LoadProgress) => void): Promise<StepperInputs> {
  const modelLoad = fetchCnn(modelUrl);
  modelLoad.catch(() => {}); // awaited below, after the images: not an unhandled rejection meanwhile
  const split = await loadSplit(dataUrl, 'fashion-mnist', 'test', { onProgress });
  const index = LESSON_SNEAKER_INDEX;
  const pixels = split.rows * split.cols;
  const image = Float32Array.from(split.images.subarray(index * pixels, (index + 1) * pixels), (v) => v / 255);
  return { model: await modelLoad, image, label: split.labels[index]!, index, testCount: split.count };
}
