/**
 * Why the lesson attacks test image LESSON_SNEAKER_INDEX, checked against the committed pretrained CNN
 * (run by the engine, as the pages run it) and the Fashion-MNIST test set.
 *
 * The rule: the FIRST sneaker of the test set that the model calls Sneaker with over 99% and that FGSM
 * at LESSON_EPSILON leaves below 10% Sneaker (clearly fooled, not a coin toss). It must also flip well
 * inside the slider, and a targeted PGD must turn it into a Bag at the same ε in a few steps, so each
 * widget has something to show. The figures printed in sneaker.ts's comment and /work/wt/FIGURES-core.md
 * are asserted here. Data: public/data or $DATASETS_DIR (set in CI), as scripts/cnn-node.ts finds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_DIR, readFashion } from '../../../scripts/cnn-node.ts';
import { fgsm, pgd } from './attacks.ts';
import { inputGradient, parseLayersCnn, predictClasses, probabilities, type CnnModel } from './cnn-model.ts';
import { smallestFlipEpsilon } from './robustness.ts';
import { ATTACK_IMAGES, LESSON_EPSILON, LESSON_SNEAKER_INDEX, TARGET_CLASS } from './sneaker.ts';

const SNEAKER = 7;
const SANDAL = 5;

const b = readFileSync(join(MODEL_DIR, 'weights.bin'));
const model: CnnModel = parseLayersCnn(
  JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')),
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength),
);
const test = readFashion('test', LESSON_SNEAKER_INDEX + 1);

function image(index: number): Float32Array {
  return Float32Array.from(test.images.subarray(index * 784, (index + 1) * 784), (v) => v / 255);
}

/** P(class) before and after FGSM at ε, for one image (the gradient of its true class's loss). */
function attacked(index: number, epsilon: number): { before: Float32Array; after: Float32Array } {
  const x = image(index);
  const g = inputGradient(model, x, 1, [test.labels[index]!]);
  return { before: probabilities(model, x, 1), after: probabilities(model, fgsm(x, g, epsilon), 1) };
}

const qualifies = (index: number): boolean => {
  if (test.labels[index] !== SNEAKER) return false;
  const { before, after } = attacked(index, LESSON_EPSILON);
  return before[SNEAKER]! > 0.99 && after[SNEAKER]! < 0.1;
};

describe('the lesson’s sneaker', () => {
  it('is the first test image the rule picks: a sneaker the model is over 99% sure of, fooled at LESSON_EPSILON', () => {
    expect(test.labels[LESSON_SNEAKER_INDEX]).toBe(SNEAKER);
    // One of the robustness curves' images, so the lesson's sneaker is in the set the curves attack.
    expect(LESSON_SNEAKER_INDEX).toBeLessThan(ATTACK_IMAGES);
    expect(qualifies(LESSON_SNEAKER_INDEX)).toBe(true);
    for (let i = 0; i < LESSON_SNEAKER_INDEX; i++) expect(qualifies(i), `test image ${i}`).toBe(false);
  });

  it('is classified right with 99.42% and, at ε = 0.1, left with 5.1% Sneaker, the top class then Sandal', () => {
    const { before, after } = attacked(LESSON_SNEAKER_INDEX, LESSON_EPSILON);
    expect(predictClasses(model, image(LESSON_SNEAKER_INDEX), 1)[0]).toBe(SNEAKER);
    expect(before[SNEAKER]).toBeGreaterThan(0.9);
    expect(before[SNEAKER]!.toFixed(4)).toBe('0.9942');
    expect(after[SNEAKER]!.toFixed(3)).toBe('0.051');
    expect(Array.from(after).indexOf(Math.max(...after))).toBe(SANDAL);
    expect(LESSON_EPSILON).toBe(0.1);
  });

  it('first flips at ε = 0.073 on the 0.001 grid (into Sandal): well inside the slider', () => {
    const x = image(LESSON_SNEAKER_INDEX);
    const g = inputGradient(model, x, 1, [SNEAKER]);
    const predictAt = (epsilon: number): number => predictClasses(model, fgsm(x, g, epsilon), 1)[0]!;
    const epsilon = smallestFlipEpsilon(predictAt, SNEAKER);
    expect(epsilon).toBe(0.073);
    expect(epsilon!).toBeLessThan(LESSON_EPSILON);
    expect(predictAt(epsilon!)).toBe(SANDAL);
  });

  it('becomes a Bag after 3 steps of targeted PGD at ε = LESSON_EPSILON, step ε/4', async () => {
    const x0 = image(LESSON_SNEAKER_INDEX);
    const classes: number[] = [];
    // The target's loss, −log P(Bag), falls at every step: targeted steps descend it.
    const targetLoss = (x: Float32Array): number => -Math.log(probabilities(model, x, 1)[TARGET_CLASS]!);
    const losses = [targetLoss(x0)];
    await pgd(x0, 1, (x) => inputGradient(model, x, 1, [TARGET_CLASS]), {
      epsilon: LESSON_EPSILON,
      stepSize: LESSON_EPSILON / 4,
      steps: 3,
      targeted: true,
      onStep: (_, x) => {
        classes.push(predictClasses(model, x, 1)[0]!);
        losses.push(targetLoss(x));
      },
    });
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]!);
    expect(classes[1]).not.toBe(TARGET_CLASS);
    expect(classes[2]).toBe(TARGET_CLASS);
  });
});
