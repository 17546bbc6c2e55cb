/**
 * The `adversarial` benchmark's page side: the pretrained CNN fetched from the site into the engine
 * (no tfjs), FGSM on the first test images timed on the page's main thread (bench/shared/adversarial-bench.ts).
 * Loaded on demand by the bench page.
 */
import { parseLayersCnn } from '../../src/lib/adversarial/cnn-model.ts';
import { loadSplit } from '../../src/lib/data/load.ts';
import { PRETRAINED_CNN_URL } from '../../src/lib/supervised/pretrained.ts';
import { engineFgsmBench, type EngineFgsmResult } from '../shared/adversarial-bench.ts';
import { dataUrl } from './training.ts';

export async function adversarialEngineBench(
  options: { images: number; epsilons: number[] } = { images: 1000, epsilons: [0.1] },
): Promise<EngineFgsmResult> {
  const site = new URL(import.meta.env.BASE_URL, location.href);
  const modelUrl = new URL(PRETRAINED_CNN_URL, site);
  const [json, weights] = await Promise.all([
    fetch(modelUrl).then((r) => r.json() as Promise<unknown>),
    fetch(new URL('weights.bin', modelUrl)).then((r) => r.arrayBuffer()),
  ]);
  const model = parseLayersCnn(json, weights);
  const test = await loadSplit(dataUrl(), 'fashion-mnist', 'test', { limit: options.images });
  const x = Float32Array.from(test.images.subarray(0, options.images * 784), (v) => v / 255);
  return engineFgsmBench(model, x, test.labels, options.images, options.epsilons);
}
