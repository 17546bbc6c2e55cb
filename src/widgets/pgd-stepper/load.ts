/**
 * What the PGD stepper needs before its first step: the pretrained CNN (model.json and the weights
 * file its manifest names, parsed into the engine: no tfjs) and the lesson's sneaker from the
 * Fashion-MNIST test set, fetched together.
 */
import type { CnnModel } from '../../lib/adversarial/cnn-model.ts';
import { LESSON_SNEAKER_INDEX } from '../../lib/adversarial/sneaker.ts';
import { loadSplit, type LoadProgress } from '../../lib/data/load.ts';
import { fetchCnn, testImage } from '../shared/cnn-fetch.ts';

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

export async function loadInputs(modelUrl: string, dataUrl: string, onProgress: (p: LoadProgress) => void): Promise<StepperInputs> {
  const modelLoad = fetchCnn(modelUrl);
  modelLoad.catch(() => {}); // awaited below, after the images: not an unhandled rejection meanwhile
  const split = await loadSplit(dataUrl, 'fashion-mnist', 'test', { onProgress });
  const index = LESSON_SNEAKER_INDEX;
  const image = testImage(split.images, index, split.rows * split.cols);
  return { model: await modelLoad, image, label: split.labels[index]!, index, testCount: split.count };
}
