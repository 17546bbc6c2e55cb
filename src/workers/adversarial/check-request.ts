/** What an adversarial request may ask for (./protocol.ts), checked before anything loads: each problem in words. */
import type { AdversarialRequest } from './protocol.ts';

const TEST_IMAGES = 10_000;
const TRAIN_IMAGES = 60_000;
const MAX_EPSILON = 0.5;
const MAX_EPSILONS = 30;
const MAX_STEPS = 100;

const whole = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const inRange = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const count = (n: number): string => n.toLocaleString('en-US');

function attackProblems(attack: unknown, epsilons: unknown, images: unknown, steps: unknown): string[] {
  const problems: string[] = [];
  if (attack !== 'fgsm' && attack !== 'pgd') problems.push('The attack must be FGSM or PGD.');
  if (!Array.isArray(epsilons) || epsilons.length === 0 || epsilons.length > MAX_EPSILONS || !epsilons.every((e) => inRange(e, 0, MAX_EPSILON))) {
    problems.push(`Give 1 to ${MAX_EPSILONS} values of ε, each from 0 to ${MAX_EPSILON}.`);
  }
  if (!whole(images, 1, TEST_IMAGES)) problems.push(`Attack 1 to ${count(TEST_IMAGES)} test images.`);
  if (steps !== undefined && !whole(steps, 1, MAX_STEPS)) problems.push(`PGD takes 1 to ${MAX_STEPS} steps.`);
  return problems;
}

export function requestProblems(request: AdversarialRequest): string[] {
  if (request.task === 'curve') {
    const problems = attackProblems(request.attack, request.epsilons, request.images, request.steps);
    const model = request.model;
    if (model !== 'standard' && !(Array.isArray(model?.weights) && model.weights.every((w) => w instanceof Float32Array))) {
      problems.push('The model must be the standard one or a list of weight arrays.');
    }
    return problems;
  }
  const problems: string[] = [];
  if (request.method !== 'fgsm-rs' && request.method !== 'pgd') problems.push('Train with FGSM (random start) or PGD.');
  if (!(inRange(request.epsilon, 0, MAX_EPSILON) && request.epsilon > 0)) problems.push(`Train at an ε above 0 and at most ${MAX_EPSILON}.`);
  if (request.steps !== undefined && !whole(request.steps, 1, MAX_STEPS)) problems.push(`PGD takes 1 to ${MAX_STEPS} steps.`);
  if (!whole(request.images, 1, TRAIN_IMAGES)) problems.push(`Train on 1 to ${count(TRAIN_IMAGES)} images.`);
  if (!whole(request.epochs, 1, 50)) problems.push('Train for 1 to 50 epochs.');
  if (!whole(request.batchSize, 1, 1024)) problems.push('Use batches of 1 to 1,024 images.');
  if (!(inRange(request.learningRate, 0, 1) && request.learningRate > 0)) problems.push('The learning rate must be above 0 and at most 1.');
  if (!whole(request.seed, 0, 2 ** 32 - 1)) problems.push('The seed must be a whole number from 0.');
  const e = request.evaluate;
  problems.push(...attackProblems(e?.attack, e?.epsilons, e?.images, e?.steps));
  return problems;
}

/** The first n images' pixels 0–255 as 0..1. */
export function unitPixels(images: Uint8Array, n: number): Float32Array {
  const out = new Float32Array(n * 784);
  for (let i = 0; i < out.length; i++) out[i] = images[i]! / 255;
  return out;
}
