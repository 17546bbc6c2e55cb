/**
 * The engine's FGSM timed over many images (the `adversarial` benchmark, bench/runner/adversarial.ts):
 * one input gradient per image reused for every ε, then the predictions; the same code the sneaker
 * widgets run on the page (src/lib/adversarial/cnn-model.ts). Run in the page and in Node.
 */
import { fgsm } from '../../src/lib/adversarial/attacks.ts';
import { inputGradient, predictClasses, type CnnModel } from '../../src/lib/adversarial/cnn-model.ts';
import { attackSummary } from '../../src/lib/adversarial/robustness.ts';

export interface EngineFgsmResult {
  /** (clean predictions + gradient + FGSM and predictions at every ε) ÷ (images × ε values), seconds. */
  secondsPerImage: number;
  successRates: number[];
}

export function engineFgsmBench(
  model: CnnModel,
  x: Float32Array,
  labels: ArrayLike<number>,
  n: number,
  epsilons: readonly number[],
): EngineFgsmResult {
  const truth = Array.from(labels).slice(0, n);
  const t0 = performance.now();
  const clean = predictClasses(model, x, n);
  const gradient = inputGradient(model, x, n, truth);
  const adversarial = epsilons.map((e) => predictClasses(model, fgsm(x.subarray(0, n * 784), gradient, e), n));
  const seconds = (performance.now() - t0) / 1000;
  return {
    secondsPerImage: seconds / (n * epsilons.length),
    successRates: adversarial.map((a) => attackSummary(truth, clean, a).successRate),
  };
}
