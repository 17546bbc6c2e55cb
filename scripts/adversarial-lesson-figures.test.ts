/**
 * The measured figures that "Adversarial examples" (content/lessons/10-adversarial-examples.mdx) quotes
 * about the pretrained CNN and the lesson's sneaker, recomputed here from the committed model
 * (public/models/fashion-cnn/, run by the engine as the pages run it: src/lib/adversarial/) and the
 * Fashion-MNIST test set, and found in the lesson's prose as printed. When the model is retrained, the
 * sneaker changes or an attack's code changes, this test says which sentence to update.
 *
 * FGSM over the first ATTACK_IMAGES test images is recomputed here too (the engine agrees with the tfjs
 * benchmark `adversarial` that the lesson names); PGD's figures over those images and the robust model's
 * are read from public/models/fashion-cnn-robust/metrics.json (measured by `npm run train:robust`, checked
 * by scripts/train-robust.test.ts) and found in the prose here too (PGD-10 on 1,000 images is too slow for
 * the engine in a unit test). Nothing is trained here. Data: public/data or $DATASETS_DIR (set in CI), as
 * scripts/cnn-node.ts finds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fgsm, pgdStep, type PgdStep } from '../src/lib/adversarial/attacks.ts';
import { inputGradient, parseLayersCnn, predictClasses, probabilities, type CnnModel } from '../src/lib/adversarial/cnn-model.ts';
import { leastFragile, mostFragile, pluralClass } from '../src/lib/adversarial/flips.ts';
import { attackSummary, smallestFlipEpsilon } from '../src/lib/adversarial/robustness.ts';
import { ATTACK_IMAGES, LESSON_EPSILON, LESSON_SNEAKER_INDEX, TARGET_CLASS } from '../src/lib/adversarial/sneaker.ts';
import { FASHION_CLASS_NAMES } from '../src/lib/data/manifest.ts';
import { readRobustMetrics } from '../src/lib/adversarial/pretrained.ts';
import { readPretrainedMetrics } from '../src/lib/supervised/pretrained.ts';
import { MODEL_DIR, ROOT, readFashion } from './cnn-node.ts';

/** The lesson's prose: MDX comments removed (a figure only in a comment is not quoted), white space collapsed. */
const lesson = readFileSync(join(ROOT, 'content', 'lessons', '10-adversarial-examples.mdx'), 'utf8')
  .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
  .replace(/\s+/g, ' ');

/** The lesson says `sentence` word for word (a shorter failure message than toContain's, which prints the whole lesson). */
function expectQuoted(sentence: string): void {
  expect(lesson.includes(sentence), `the lesson should say: ${sentence}`).toBe(true);
}

const percent = (p: number, digits: number): string => `${(100 * p).toFixed(digits)}%`;
const SNEAKER = 7;
const name = (c: number): string => FASHION_CLASS_NAMES[c]!;

const weights = readFileSync(join(MODEL_DIR, 'weights.bin'));
const model: CnnModel = parseLayersCnn(
  JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')),
  weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
);
const test = readFashion('test', Math.max(ATTACK_IMAGES, LESSON_SNEAKER_INDEX + 1));
const pixels = (index: number): Float32Array => Float32Array.from(test.images.subarray(index * 784, (index + 1) * 784), (v) => v / 255);
const sneaker = pixels(LESSON_SNEAKER_INDEX);
const top = (p: Float32Array): number => Array.from(p).indexOf(Math.max(...p));

describe('lesson 10: the pretrained network', () => {
  it('gets the test accuracy metrics.json states (scripts/train-cnn.test.ts re-measures it with tfjs; the engine agrees with tfjs by src/tf/cnn-model-reference.test.ts)', () => {
    const metrics = readPretrainedMetrics(JSON.parse(readFileSync(join(MODEL_DIR, 'metrics.json'), 'utf8')));
    if (!metrics.ok) throw new Error(metrics.problem);
    expect(metrics.metrics.testImages).toBe(10_000);
    const accuracy = percent(metrics.metrics.testAccuracy, 2);
    expectQuoted(`and got ${accuracy} of the Fashion-MNIST test images right.`);
    expectQuoted(`a network that is right on ${accuracy} of the whole test set`);
    expectQuoted(`against ${accuracy} for the standard network`);
    expectQuoted(`${accuracy} on the test set says how the network does on images drawn like the test set`);
  });

  it('has 9,098 parameters (the quiz on the input gradient’s shape names them)', () => {
    const count = model.network.params().reduce((sum, p) => sum + p.value.length, 0);
    expectQuoted(`It does not depend on the ${count.toLocaleString('en-GB')} parameters of the network`);
  });
});

describe('lesson 10: FGSM on the sneaker', () => {
  const gradient = inputGradient(model, sneaker, 1, [SNEAKER]);
  const before = probabilities(model, sneaker, 1);
  const adversarial = fgsm(sneaker, gradient, LESSON_EPSILON);
  const after = probabilities(model, adversarial, 1);

  it('names the sneaker, its confidence and what FGSM at LESSON_EPSILON makes of it', () => {
    expect(test.labels[LESSON_SNEAKER_INDEX]).toBe(SNEAKER);
    expectQuoted(
      `The sneaker is test image ${LESSON_SNEAKER_INDEX} (counting from 0), and the network gives it ${percent(before[SNEAKER]!, 2)} for Sneaker.`,
    );
    const [first, second] = Array.from(after.keys()).sort((a, b) => after[b]! - after[a]!);
    expectQuoted(
      `At $\\varepsilon = ${LESSON_EPSILON}$ no pixel moves by more than a tenth of its range from 0 to 1, and the network answers ` +
        `${name(first!)}, with ${percent(after[first!]!, 1)}, then ${name(second!)} with ${percent(after[second!]!, 1)}; ` +
        `Sneaker is down to ${percent(after[SNEAKER]!, 1)}.`,
    );
  });

  it('counts the pixels that clipping keeps from moving the whole ε', () => {
    let short = 0;
    for (let i = 0; i < 784; i++) if (Math.abs(adversarial[i]! - sneaker[i]!) < LESSON_EPSILON - 1e-6) short++;
    expectQuoted(`On the lesson's sneaker at $\\varepsilon = ${LESSON_EPSILON}$ that happens to ${short} of its 784 pixels`);
  });

  it('finds the smallest flipping ε on the 0.001 grid and the class it flips into', () => {
    const predictAt = (epsilon: number): number => predictClasses(model, fgsm(sneaker, gradient, epsilon), 1)[0]!;
    const epsilon = smallestFlipEpsilon(predictAt, SNEAKER)!;
    expectQuoted(`the smallest $\\varepsilon$ at which FGSM flips the answer is ${epsilon}, and it flips into ${name(predictAt(epsilon))}.`);
    expectQuoted(`That is a change of at most $${epsilon} \\cdot 255 \\approx ${Math.round(epsilon * 255)}$ of the 255 grey levels`);
  });

  it('draws a saliency map brightest at the top of the shoe and far from dark on the background', () => {
    const size = gradient.map(Math.abs);
    // Most of the ten largest |∂L/∂x| lie in rows 7 to 9: the opening at the top of the shoe.
    const largest = Array.from(size.keys())
      .sort((a, b) => size[b]! - size[a]!)
      .slice(0, 10);
    expect(largest.filter((i) => Math.floor(i / 28) >= 7 && Math.floor(i / 28) <= 9).length).toBeGreaterThan(5);
    // The empty background (pixels at 0) still carries at least half the shoe's mean |∂L/∂x|.
    const mean = (keep: (i: number) => boolean): number => {
      const values = Array.from(size).filter((_, i) => keep(i));
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(mean((i) => sneaker[i] === 0)).toBeGreaterThan(0.5 * mean((i) => sneaker[i]! > 0));
    expectQuoted('brightest around the opening at the top of the shoe, and far from blank on the empty background');
  });
});

describe('lesson 10: targeted PGD on the sneaker (the stepper’s settings: α = ε/4, from the original, stop at the target)', () => {
  /** Steps of targeted PGD towards Bag until the model says Bag or `limit` steps; each step's stages and probabilities. */
  const run = (epsilon: number, limit: number): { steps: PgdStep[]; p: Float32Array[] } => {
    const steps: PgdStep[] = [];
    const p: Float32Array[] = [];
    let x = sneaker;
    while (steps.length < limit) {
      const step = pgdStep(sneaker, x, inputGradient(model, x, 1, [TARGET_CLASS]), { epsilon, stepSize: epsilon / 4, targeted: true });
      x = step.next;
      steps.push(step);
      p.push(probabilities(model, x, 1));
      if (top(p[p.length - 1]!) === TARGET_CLASS) break;
    }
    return { steps, p };
  };
  const reached = (r: { p: Float32Array[] }): boolean => top(r.p[r.p.length - 1]!) === TARGET_CLASS;

  it('at ε = LESSON_EPSILON: Bag after 3 steps, nothing projected before step 4, clipping from the first step', () => {
    const { steps, p } = run(LESSON_EPSILON, 20);
    const last = p[p.length - 1]!;
    expect(top(last)).toBe(TARGET_CLASS);
    const alpha = LESSON_EPSILON / 4;
    expectQuoted(
      `With $\\varepsilon = ${LESSON_EPSILON}$ and the stepper's steps of $\\alpha = \\varepsilon / 4 = ${alpha}$, targeted PGD turns the sneaker into ` +
        `a bag in ${steps.length} steps: Bag ${percent(last[TARGET_CLASS]!, 0)}, Sneaker ${percent(last[SNEAKER]!, 0)}.`,
    );
    expect(steps.map((s) => s.projectedCount)).toEqual([0, 0, 0]);
    expectQuoted(
      `no pixel has moved more than $3 \\cdot ${alpha} = ${(3 * alpha).toFixed(3)} < \\varepsilon$; from step 4, $4\\alpha = \\varepsilon$, it starts to pull pixels back`,
    );
    // Past step 3 (not stopping at Bag), step 4 is the first to project.
    const fourth = pgdStep(sneaker, steps[2]!.next, inputGradient(model, steps[2]!.next, 1, [TARGET_CLASS]), {
      epsilon: LESSON_EPSILON,
      stepSize: alpha,
      targeted: true,
    });
    expect(fourth.projectedCount).toBeGreaterThan(0);
    expect(steps[0]!.clippedCount).toBeGreaterThan(0);
    expectQuoted(`at step 3 it holds ${steps[2]!.clippedCount} pixels at 0 or 1`);
  });

  it('at ε = 0.05 twenty steps fail; 0.055 is the smallest ε on the 0.005 grid that reaches Bag within twenty', () => {
    const small = run(0.05, 20);
    expect(reached(small)).toBe(false);
    const last = small.p[19]!;
    expectQuoted(
      `at $\\varepsilon = 0.05$, twenty steps leave the sneaker a sneaker (Sneaker ${percent(last[SNEAKER]!, 0)}, Bag ${percent(last[TARGET_CLASS]!, 0)})`,
    );
    let smallest: { epsilon: number; steps: number } | null = null;
    for (let k = 1; k <= 20 && smallest === null; k++) {
      const epsilon = Number((0.005 * k).toFixed(3));
      const r = run(epsilon, 20);
      if (reached(r)) smallest = { epsilon, steps: r.steps.length };
    }
    expect(smallest).not.toBeNull();
    expectQuoted(
      `the smallest $\\varepsilon$ on the stepper's slider that reaches Bag within twenty steps is ${smallest!.epsilon}, after ${smallest!.steps} steps.`,
    );
  });
});

describe('lesson 10: FGSM over the first ATTACK_IMAGES test images', () => {
  it('the clean count, the success rates at ε = 0.05, 0.1 and 0.2 and the robust accuracy at 0.1', () => {
    const n = ATTACK_IMAGES;
    const x = Float32Array.from(test.images.subarray(0, n * 784), (v) => v / 255);
    const labels = test.labels.subarray(0, n);
    const clean = predictClasses(model, x, n);
    const gradient = inputGradient(model, x, n, labels);
    const at = (epsilon: number) => attackSummary(labels, clean, predictClasses(model, fgsm(x, gradient, epsilon), n));
    const [a, b, c] = [at(0.05), at(0.1), at(0.2)];
    expectQuoted(
      `Over those ${n.toLocaleString('en-GB')} images the pretrained network gets ${a.cleanCorrect} right, ${percent(a.cleanCorrect / n, 1)}.`,
    );
    expectQuoted(
      `FGSM flips ${percent(a.successRate, 1)}, ${percent(b.successRate, 1)} and ${percent(c.successRate, 1)} of them at $\\varepsilon = 0.05$, $0.1$ and $0.2$`,
    );
    expectQuoted(`At $\\varepsilon = 0.1$ the robust accuracy is ${percent(b.robustAccuracy, 1)} against FGSM`);
    // Which classes flip most and into what, at ε = 0.1 (the robustness curve's sentence, lib/adversarial/flips.ts).
    const most = mostFragile(b.confusion, 5)!;
    const least = leastFragile(b.confusion, 5)!;
    const tops = b.confusion[0]!;
    expect(most.rate).toBe(1);
    expectQuoted(
      `At $\\varepsilon = 0.1$ FGSM flips all ${most.total} ${pluralClass(name(most.classIndex)).toLowerCase()} the network had right, ` +
        `${most.intoCount} of them into ${name(most.into!)}, and ${tops[6]} of its ${tops.reduce((s, v) => s + v, 0)} T-shirts and tops become shirts too; ` +
        `${pluralClass(name(least.classIndex)).toLowerCase()} hold out best, ${percent(least.rate, 0)} flipped, most of those into ${name(least.into!)}.`,
    );
  });
});

describe('lesson 10: the lesson’s sneaker against the pretrained robust network (public/models/fashion-cnn-robust/)', () => {
  const dir = join(ROOT, 'public', 'models', 'fashion-cnn-robust');
  const bytes = readFileSync(join(dir, 'weights.bin'));
  const robust = parseLayersCnn(
    JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')),
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );

  it('stays a sneaker under FGSM at LESSON_EPSILON, and needs a larger ε to flip', () => {
    const before = probabilities(robust, sneaker, 1);
    const gradient = inputGradient(robust, sneaker, 1, [SNEAKER]);
    const after = probabilities(robust, fgsm(sneaker, gradient, LESSON_EPSILON), 1);
    const [first, second] = Array.from(after.keys()).sort((a, b) => after[b]! - after[a]!);
    expect(first).toBe(SNEAKER);
    const predictAt = (epsilon: number): number => predictClasses(robust, fgsm(sneaker, gradient, epsilon), 1)[0]!;
    const flip = smallestFlipEpsilon(predictAt, SNEAKER)!;
    const gradientStandard = inputGradient(model, sneaker, 1, [SNEAKER]);
    const flipStandard = smallestFlipEpsilon((e) => predictClasses(model, fgsm(sneaker, gradientStandard, e), 1)[0]!, SNEAKER)!;
    expect(flip).toBeGreaterThan(flipStandard);
    expectQuoted(
      `now stays a sneaker: Sneaker ${percent(after[SNEAKER]!, 1)}, ${name(second!)} ${percent(after[second!]!, 1)}. ` +
        `It takes more to flip it: the smallest $\\varepsilon$ that does is ${flip}, into ${name(predictAt(flip))}, against ${flipStandard} before, ` +
        `and the clean image is less sure of itself, ${percent(before[SNEAKER]!, 2)} Sneaker instead of ` +
        `${percent(probabilities(model, sneaker, 1)[SNEAKER]!, 2)}.`,
    );
  });
});

describe('lesson 10: PGD over the test set and the robust network, as public/models/fashion-cnn-robust/metrics.json records them', () => {
  // npm run train:robust measured these with the worker's tfjs code (scripts/train-robust.test.ts checks the file and
  // re-measures FGSM at LESSON_EPSILON; the benchmark `adversarial` measures the same rates again).
  const read = readRobustMetrics(JSON.parse(readFileSync(join(ROOT, 'public', 'models', 'fashion-cnn-robust', 'metrics.json'), 'utf8')));
  if (!read.ok) throw new Error(read.problem);
  const m = read.metrics;
  const at = (points: readonly { epsilon: number; successRate: number; robustAccuracy: number }[], epsilon: number) =>
    points.find((p) => Math.abs(p.epsilon - epsilon) < 1e-9)!;

  it('PGD-10 on the standard network: success rates at 0.05, 0.1, 0.2 and the robust accuracy at 0.1', () => {
    const pgd = m.standard.pgd;
    expect(m.pgdSteps).toBe(10);
    expectQuoted(
      `PGD with 10 steps (each of $2.5\\varepsilon / 10$, from the original image) flips ${percent(at(pgd, 0.05).successRate, 1)}, ` +
        `${percent(at(pgd, 0.1).successRate, 1)} and ${Math.round(100 * at(pgd, 0.2).successRate)}%.`,
    );
    expectQuoted(`and ${percent(at(pgd, 0.1).robustAccuracy, 1)} against PGD`);
  });

  it('the robust network: how it was trained, its clean accuracy and its robust accuracy', () => {
    expect(m.method).toBe('fgsm-rs');
    expectQuoted(
      `fine-tuned by FGSM from a random start at $\\varepsilon = ${m.epsilon}$, on the first ${m.trainImages.toLocaleString('en-GB')} training images for ${m.epochs} epochs, ` +
        `which took ${Math.round(m.trainSeconds)} seconds on WebAssembly`,
    );
    expectQuoted(`Its clean accuracy is ${percent(m.robust.cleanAccuracy, 2)} on the 10,000 test images`);
    expectQuoted(
      `its robust accuracy is ${percent(at(m.robust.pgd, 0.1).robustAccuracy, 1)} against PGD and ${percent(at(m.robust.fgsm, 0.1).robustAccuracy, 1)} against FGSM, ` +
        `where the standard network keeps ${percent(at(m.standard.pgd, 0.1).robustAccuracy, 1)} and ${percent(at(m.standard.fgsm, 0.1).robustAccuracy, 1)}.`,
    );
    expectQuoted(`at $\\varepsilon = 0.2$ PGD leaves it ${percent(at(m.robust.pgd, 0.2).robustAccuracy, 1)}.`);
  });
});
