/**
 * The lesson's sneaker attacked by FGSM at one ε, on the page's engine CNN (no tfjs): its
 * prediction before and after, for the before/after pairs. Pure: images in, numbers out.
 */
import { fgsm } from '../../lib/adversarial/attacks.ts';
import { inputGradient, probabilities, type CnnModel } from '../../lib/adversarial/cnn-model.ts';

export interface SneakerAttack {
  /** The image and its attacked copy, 784 floats 0–1 each. */
  clean: Float32Array;
  attacked: Float32Array;
  label: number;
  cleanClass: number;
  cleanProbability: number;
  attackedClass: number;
  attackedProbability: number;
}

/** The most likely class and its probability. */
function top(p: Float32Array): { cls: number; probability: number } {
  let cls = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[cls]!) cls = c;
  return { cls, probability: p[cls]! };
}

/** FGSM on one image of class `label`: x + ε·sign(∇x loss of the true class), clipped to [0, 1]. */
export function attackSneaker(model: CnnModel, clean: Float32Array, label: number, epsilon: number): SneakerAttack {
  const attacked = fgsm(clean, inputGradient(model, clean, 1, [label]), epsilon);
  const before = top(probabilities(model, clean, 1));
  const after = top(probabilities(model, attacked, 1));
  return {
    clean,
    attacked,
    label,
    cleanClass: before.cls,
    cleanProbability: before.probability,
    attackedClass: after.cls,
    attackedProbability: after.probability,
  };
}
