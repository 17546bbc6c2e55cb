import { describe, expect, it } from 'vitest';
import { EPSILONS } from '../../lib/adversarial/robustness.ts';
import { LESSON_EPSILON } from '../../lib/adversarial/sneaker.ts';
import type { CurveMessage } from '../../workers/adversarial/protocol.ts';
import { BATCH_SIZE, EVALUATION_PGD_STEPS, SEED, parseEpsilons, settingsFromAttributes, trainRequest } from './config.ts';
import { adversarialTrainingMarkup, curvesChart } from './markup.ts';
import type { RobustMetrics } from '../../lib/adversarial/pretrained.ts';
import { metricsOutcome, outcomeOf } from './outcome.ts';
import { batchStatus, doneStatus, imageLabel, outcomeSentence, pairVerdict, pretrainedSentence, stoppedStatus, type Outcome } from './text.ts';

const attrs = (values: Record<string, string>) => (name: string) => values[name] ?? null;
const urls = { dataUrl: 'http://x/data/', modelUrl: 'http://x/models/fashion-cnn/model.json' };

describe('adversarial trainer settings', () => {
  it('fine-tunes on 2,000 images for one epoch at the lesson’s ε by default, and falls back on values it does not offer', () => {
    expect(settingsFromAttributes(attrs({}))).toEqual({
      method: 'fgsm-rs',
      epsilon: LESSON_EPSILON,
      images: 2000,
      epochs: 1,
      steps: 5,
      learningRate: 0.003,
      evaluationAttack: 'fgsm',
      evaluationImages: 1000,
      backend: 'auto',
    });
    const s = settingsFromAttributes(
      attrs({ 'data-method': 'deepfool', 'data-epsilon': '0.7', 'data-images': '200', 'data-evaluation-images': '100' }),
    );
    expect([s.method, s.epsilon, s.images, s.evaluationImages]).toEqual(['fgsm-rs', LESSON_EPSILON, 200, 100]);
  });

  it('asks the worker for a training run, PGD steps only when training or measuring with PGD', () => {
    const fgsm = trainRequest(settingsFromAttributes(attrs({ 'data-images': '200' })), [0, 0.1], urls);
    expect(fgsm).toEqual({
      task: 'train',
      method: 'fgsm-rs',
      epsilon: LESSON_EPSILON,
      images: 200,
      epochs: 1,
      batchSize: BATCH_SIZE,
      learningRate: 0.003,
      seed: SEED,
      evaluate: { attack: 'fgsm', epsilons: [0, 0.1], images: 1000 },
      backend: 'auto',
      ...urls,
    });
    const pgd = trainRequest(
      settingsFromAttributes(attrs({ 'data-method': 'pgd', 'data-steps': '10', 'data-evaluation-attack': 'pgd' })),
      EPSILONS,
      urls,
    );
    expect(pgd.steps).toBe(10);
    expect(pgd.evaluate.steps).toBe(EVALUATION_PGD_STEPS);
  });

  it('reads an author’s ε grid, or keeps the lesson’s', () => {
    expect(parseEpsilons('0.2, 0, 0.1,0.1')).toEqual([0, 0.1, 0.2]);
    expect(parseEpsilons(null)).toEqual(EPSILONS);
    expect(parseEpsilons('0.1')).toEqual(EPSILONS); // one point is no curve
    expect(parseEpsilons('0, 0.1, big')).toEqual(EPSILONS);
    expect(parseEpsilons('0, 0.9')).toEqual(EPSILONS); // past 0.5
  });
});

const curve = (model: 'standard' | 'trained', clean: number, robust: number[], epsilons = [0, 0.05, 0.1, 0.2]): CurveMessage => ({
  type: 'curve',
  model,
  attack: 'fgsm',
  images: 1000,
  points: epsilons.map((epsilon, i) => ({ epsilon, successRate: 0, robustAccuracy: robust[i]!, confusion: [] })),
  cleanAccuracy: clean,
  secondsPerImage: 0.001,
});

describe('adversarial trainer outcome', () => {
  it('reads both curves at the grid point nearest the training ε', () => {
    const o = outcomeOf(curve('standard', 0.872, [0.872, 0.3, 0.09, 0.01]), curve('trained', 0.839, [0.839, 0.7, 0.61, 0.3]), 0.1);
    expect(o).toEqual({ attack: 'FGSM', epsilon: 0.1, cleanBefore: 0.872, cleanAfter: 0.839, robustBefore: 0.09, robustAfter: 0.61, images: 1000 });
    // ε = 0 is no attack: never the point read, even for a tiny training ε.
    expect(outcomeOf(curve('standard', 0.9, [0.9, 0.3, 0.1, 0]), curve('trained', 0.8, [0.8, 0.6, 0.4, 0.2]), 0.001)?.epsilon).toBe(0.05);
  });

  it('refuses curves that do not match', () => {
    expect(outcomeOf(curve('standard', 0.9, [0.9, 0.1], [0, 0.1]), curve('trained', 0.8, [0.8, 0.6, 0.5, 0.4]), 0.1)).toBeNull(); // grid lengths differ
    expect(outcomeOf(curve('standard', 0.9, [0.9, 0.1], [0, 0.1]), curve('trained', 0.8, [0.8, 0.6], [0, 0.2]), 0.1)).toBeNull();
    expect(outcomeOf(curve('standard', 0.9, [0.9], [0]), curve('trained', 0.8, [0.8], [0]), 0.1)).toBeNull(); // no attacked point
  });

  it('says the cost and the gain in words, with the run’s numbers', () => {
    const o: Outcome = { attack: 'FGSM', epsilon: 0.1, cleanBefore: 0.872, cleanAfter: 0.839, robustBefore: 0.09, robustAfter: 0.61, images: 1000 };
    expect(outcomeSentence(o)).toBe(
      'Clean accuracy fell from 87.2% to 83.9%; at ε = 0.1 it now classifies 61% of 1,000 FGSM-attacked test images correctly, against 9% before.',
    );
    expect(outcomeSentence({ ...o, cleanAfter: 0.88 })).toMatch(/^Clean accuracy rose from 87\.2% to 88\.0%;/);
    expect(outcomeSentence({ ...o, cleanAfter: 0.8721 })).toMatch(/^Clean accuracy stayed at 87\.2%;/);
    expect(doneStatus(o)).toBe('Robust accuracy at ε = 0.1 (FGSM) 61%, was 9%; clean accuracy 83.9%, was 87.2%');
  });

  it('says how training goes, a stop, and what the sneaker pairs show', () => {
    expect(batchStatus(1, 2, 0.5123, 0.713)).toBe('Epoch 1 of 2 · adversarial batches: loss 0.51, accuracy 71.3%');
    expect(stoppedStatus(0)).toBe('Stopped before a full epoch; no curves measured');
    expect(stoppedStatus(2)).toBe('Stopped after 2 full epochs; no curves measured');
    expect(stoppedStatus(1, true)).toBe('Stopped while measuring the curves, after 1 epoch of training');
    expect(pairVerdict(7, 7)).toBe('Still a sneaker: the attack failed.');
    expect(pairVerdict(7, 9)).toBe('Fooled: it now sees an ankle boot.');
    expect(imageLabel('attacked', 0.1, 8, 0.62)).toBe('The sneaker attacked by FGSM at ε = 0.1; the model sees Bag (62.0%).');
  });
});

describe('the pretrained robust model', () => {
  const point = (epsilon: number, robustAccuracy: number) => ({ epsilon, successRate: 0, robustAccuracy });
  const metrics: RobustMetrics = {
    dataset: 'fashion-mnist',
    method: 'fgsm-rs',
    epsilon: 0.1,
    trainImages: 60000,
    epochs: 3,
    batchSize: 100,
    learningRate: 0.001,
    seed: 1,
    trainSeconds: 412.3,
    backend: 'wasm',
    trainedAt: '2026-12-05T18:50:00Z',
    testImages: 10000,
    attackImages: 1000,
    pgdSteps: 10,
    robust: { cleanAccuracy: 0.84, fgsm: [point(0, 0.85), point(0.1, 0.62)], pgd: [] },
    standard: { cleanAccuracy: 0.8717, fgsm: [point(0, 0.875), point(0.1, 0.2)], pgd: [] },
  };

  it('says how it was trained and what it cost, from its metrics', () => {
    expect(pretrainedSentence(metrics)).toBe(
      'The pretrained robust model: the same CNN fine-tuned on FGSM with a random start at ε = 0.1, 60,000 images, 3 epochs (412 s on wasm).',
    );
    expect(metricsOutcome(metrics)).toEqual({
      attack: 'FGSM',
      epsilon: 0.1,
      cleanBefore: 0.8717,
      cleanAfter: 0.84,
      robustBefore: 0.2,
      robustAfter: 0.62,
      images: 1000,
    });
    expect(pretrainedSentence({ ...metrics, method: 'pgd', trainSteps: 7 })).toContain('fine-tuned on PGD with 7 steps at ε = 0.1');
  });
});

describe('adversarial trainer markup', () => {
  it('is a figure before Start: empty training axes, empty ε axes for both models, the sneaker slots', () => {
    const html = adversarialTrainingMarkup(settingsFromAttributes(attrs({})), EPSILONS);
    expect(html).toContain('data-part="charts"');
    expect(html.match(/tk-chart__svg--empty/g)?.length).toBe(3); // loss, accuracy, and against ε
    expect(html).toContain('standard model');
    expect(html).toContain('adversarially trained');
    for (const slot of ['before-clean', 'before-attacked', 'after-clean', 'after-attacked']) expect(html).toContain(`data-part="${slot}"`);
    expect(html).toContain('name="method"');
    expect(html).toContain('data-part="backend-picker"');
  });

  it('draws the curves it is given', () => {
    const html = curvesChart([0, 0.1], 0.1, {
      standard: [
        { epsilon: 0, value: 0.9 },
        { epsilon: 0.1, value: 0.1 },
      ],
    });
    expect(html).toContain('<table');
    expect(html).toContain('10.0%');
  });
});
