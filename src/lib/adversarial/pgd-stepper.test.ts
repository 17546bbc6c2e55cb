import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_DIR, readFashion } from '../../../scripts/cnn-node.ts';
import { FASHION_CLASS_NAMES } from '../data/manifest.ts';
import { parseLayersCnn } from './cnn-model.ts';
import { formatProbability, PgdStepper, stepperSentence, type PgdStepperSettings } from './pgd-stepper.ts';
import { LESSON_EPSILON, LESSON_SNEAKER_INDEX, TARGET_CLASS } from './sneaker.ts';

const buffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const model = parseLayersCnn(JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')), buffer(readFileSync(join(MODEL_DIR, 'weights.bin'))));

const SNEAKER = 7;
const settings = (over: Partial<PgdStepperSettings> = {}): PgdStepperSettings => ({
  epsilon: LESSON_EPSILON,
  stepSize: LESSON_EPSILON / 4,
  target: TARGET_CLASS,
  steps: 20,
  randomStart: false,
  seed: 1,
  ...over,
});

/** A made-up bright shoe-like blob: half its pixels at 1, so a step up must be clipped. */
function blob(): Float32Array {
  const x = new Float32Array(784);
  for (let r = 14; r < 24; r++) for (let c = 2; c < 26; c++) x[r * 28 + c] = c < 14 ? 1 : 0.5;
  return x;
}

describe('PgdStepper on the pretrained CNN', () => {
  it('starts at the original, then every step stays in the ε-ball and in [0, 1]', () => {
    const x0 = blob();
    const stepper = new PgdStepper(model, x0, SNEAKER, settings({ steps: 6 }));
    expect(stepper.current.step).toBe(0);
    expect(stepper.current.x).toEqual(x0);
    expect(stepper.current.projectedCount).toBe(0);
    for (let i = 1; i <= 6; i++) {
      const s = stepper.step();
      expect(s.step).toBe(i);
      expect(s.distance).toBeLessThanOrEqual(LESSON_EPSILON + 1e-6);
      expect(Math.min(...s.x)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...s.x)).toBeLessThanOrEqual(1);
      expect(s.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(stepper.finished).toBe(true);
    expect(stepper.step().step).toBe(6); // no step past the last
    expect(stepper.history).toHaveLength(7);
  });

  it('marks exactly the pixels the projection and the clipping moved, and counts them', () => {
    // α = 2ε: every pixel the gradient moves overshoots the ball, so the projection pulls each one back.
    const stepper = new PgdStepper(model, blob(), SNEAKER, settings({ stepSize: 2 * LESSON_EPSILON }));
    const s = stepper.step();
    const marked = (m: Uint8Array) => m.reduce((a, b) => a + b, 0);
    expect(s.projectedCount).toBeGreaterThan(0);
    expect(marked(s.projected)).toBe(s.projectedCount);
    expect(marked(s.clipped)).toBe(s.clippedCount);
    // The pixels at 1 that the step pushed up are clipped back to 1 (the projection kept them at 1 + ε).
    expect(s.clippedCount).toBeGreaterThan(0);
    for (let p = 0; p < 784; p++) if (s.clipped[p]) expect([0, 1]).toContain(s.x[p]);
  });

  it('an untargeted run ends once the prediction leaves the true class; the rival is the likeliest other class', () => {
    const x0 = blob();
    const stepper = new PgdStepper(model, x0, SNEAKER, settings({ target: null, epsilon: 0.3, stepSize: 0.05 }));
    const rival = stepper.rival();
    const p = stepper.current.probabilities;
    expect(rival).not.toBe(SNEAKER);
    for (let c = 0; c < 10; c++) if (c !== SNEAKER) expect(p[c]).toBeLessThanOrEqual(p[rival]!);
    if (stepper.current.predicted !== SNEAKER) return; // the blob may not look like a sneaker at all
    stepper.run();
    expect(stepper.reached || stepper.finished).toBe(true);
    if (stepper.reached) expect(stepper.current.predicted).not.toBe(SNEAKER);
  });

  it('a random start lies in the ball and depends on the seed', () => {
    const x0 = blob();
    const a = new PgdStepper(model, x0, SNEAKER, settings({ randomStart: true, seed: 1 }));
    const b = new PgdStepper(model, x0, SNEAKER, settings({ randomStart: true, seed: 2 }));
    expect(a.current.distance).toBeGreaterThan(0);
    expect(a.current.distance).toBeLessThanOrEqual(LESSON_EPSILON + 1e-6);
    expect(a.current.x).not.toEqual(b.current.x);
  });

  it('refuses a target equal to the true class, and bad settings, in words', () => {
    expect(() => new PgdStepper(model, blob(), SNEAKER, settings({ target: SNEAKER }))).toThrow(/other than the true class/);
    expect(() => new PgdStepper(model, blob(), SNEAKER, settings({ stepSize: 0 }))).toThrow(/α > 0/);
    expect(() => new PgdStepper(model, blob(), SNEAKER, settings({ steps: 0 }))).toThrow(/steps/);
  });
});

describe('stepperSentence', () => {
  it('says what Step will do at step 0, then the odds and the two counts', () => {
    const stepper = new PgdStepper(model, blob(), SNEAKER, settings({ stepSize: 2 * LESSON_EPSILON }));
    expect(stepperSentence(stepper, FASHION_CLASS_NAMES)).toMatch(/^Step 0: .*Bag .*\. Step takes one step of PGD towards Bag\.$/);
    const s = stepper.step();
    const text = stepperSentence(stepper, FASHION_CLASS_NAMES);
    expect(text).toContain(`Step 1: ${FASHION_CLASS_NAMES[s.predicted]} `);
    expect(text).toContain(`the projection pulled back ${s.projectedCount} pixels, clipping ${s.clippedCount}.`);
    // With α = ε/4 the first step cannot leave the ball: the sentence says why the projection did nothing.
    const small = new PgdStepper(model, blob(), SNEAKER, settings());
    small.step();
    expect(stepperSentence(small, FASHION_CLASS_NAMES)).toMatch(/the projection pulled back 0 pixels \(no step went past ε yet\), clipping \d+\./);
  });

  it('formats probabilities for reading', () => {
    expect(formatProbability(0.713)).toBe('71%');
    expect(formatProbability(0.0512)).toBe('5.1%');
    expect(formatProbability(0.00001)).toBe('<0.1%');
  });
});

// The figures the lesson may quote (/work/wt/FIGURES-pgd.md): the lesson's sneaker, test image LESSON_SNEAKER_INDEX.
describe('the lesson’s sneaker under targeted PGD', () => {
  const test = readFashion('test', LESSON_SNEAKER_INDEX + 1);
  const x0 = Float32Array.from(test.images.subarray(LESSON_SNEAKER_INDEX * 784, (LESSON_SNEAKER_INDEX + 1) * 784), (v) => v / 255);
  const label = test.labels[LESSON_SNEAKER_INDEX]!;

  it('is a sneaker the model is sure of', () => {
    expect(label).toBe(SNEAKER);
    expect(new PgdStepper(model, x0, label, settings()).current.predicted).toBe(SNEAKER);
  });

  it('becomes a Bag in 3 steps at ε = 0.1, α = ε/4 (the widget’s defaults), before any pixel reaches the ball’s edge', () => {
    const stepper = new PgdStepper(model, x0, label, settings());
    stepper.run();
    const s = stepper.current;
    expect({ reached: stepper.reached, steps: s.step }).toEqual({ reached: true, steps: 3 });
    // 3 steps of ε/4 move a pixel by 0.075 at most: the projection has nothing to do yet; clipping at 0 does.
    expect(stepper.history.map((h) => h.projectedCount)).toEqual([0, 0, 0, 0]);
    expect(s.clippedCount).toBeGreaterThan(100);
    expect(formatProbability(s.probabilities[TARGET_CLASS]!)).toBe('81%');
    expect(formatProbability(s.probabilities[label]!)).toBe('12%');
    expect(s.clippedCount).toBe(212);
    // Stepping on past the goal: at step 4 (4α = ε) pixels reach the edge and the projection starts pulling back.
    while (!stepper.finished) stepper.step();
    expect(stepper.history[4]!.projectedCount).toBeGreaterThan(0);
  });

  it('stays a Sneaker at ε = 0.05 after 20 steps; the smallest ε on the slider that makes it a Bag in 20 steps is 0.055', () => {
    const at = (epsilon: number) => {
      const stepper = new PgdStepper(model, x0, label, settings({ epsilon, stepSize: epsilon / 4 }));
      stepper.run();
      return stepper;
    };
    const small = at(0.05);
    expect(small.reached).toBe(false);
    expect(small.current.predicted).toBe(SNEAKER);
    const p = small.current.probabilities;
    expect([formatProbability(p[label]!), formatProbability(p[TARGET_CLASS]!)]).toEqual(['56%', '35%']);
    // The slider's grid: 0.005 apart.
    let smallest = 0;
    for (let k = 1; k <= 20; k++) {
      const stepper = at(k * 0.005);
      if (stepper.reached) {
        smallest = k * 0.005;
        expect(stepper.current.step).toBe(6);
        break;
      }
    }
    expect(smallest).toBeCloseTo(0.055, 6);
  });

  it('untargeted at ε = 0.1, α = ε/4: no longer a Sneaker after 3 steps (a Sandal)', () => {
    const stepper = new PgdStepper(model, x0, label, settings({ target: null }));
    stepper.run();
    expect({ reached: stepper.reached, steps: stepper.current.step, predicted: FASHION_CLASS_NAMES[stepper.current.predicted] }).toEqual({
      reached: true,
      steps: 3,
      predicted: 'Sandal',
    });
  });
});
