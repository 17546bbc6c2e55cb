/**
 * `npm run train:robust` (scripts/train-robust.ts): its core on a tiny subset (100 training images,
 * 2 ε values, 50 attacked images) writes a loadable model and metrics that readRobustMetrics
 * accepts; and the committed public/models/fashion-cnn-robust/ lives where pretrained.ts says, is as
 * small as the standard CNN, its metrics cover EPSILONS on ATTACK_IMAGES images, it resists PGD
 * better than the standard model, and a fresh FGSM curve at the lesson's ε gives the figure its
 * metrics state. Data: public/data or $DATASETS_DIR (set in CI), as scripts/cnn-node.ts finds it.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROBUST_CNN_METRICS_URL, ROBUST_CNN_URL, ROBUST_CNN_WEIGHTS_URL, readRobustMetrics } from '../src/lib/adversarial/pretrained.ts';
import { EPSILONS } from '../src/lib/adversarial/robustness.ts';
import { ATTACK_IMAGES, LESSON_EPSILON } from '../src/lib/adversarial/sneaker.ts';
import { robustnessCurve } from '../src/tf/adversarial.ts';
import { MODEL_DIR, ROOT, folderLoadHandler, readFashion } from './cnn-node.ts';
import { DEFAULT_OPTIONS, PGD_STEPS, ROBUST_DIR, parseRobustArgs, trainRobust, useWasm } from './train-robust.ts';

const out = mkdtempSync(join(tmpdir(), 'train-robust-'));

beforeAll(useWasm);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const committed = () => {
  const read = readRobustMetrics(JSON.parse(readFileSync(join(ROBUST_DIR, 'metrics.json'), 'utf8')));
  if (!read.ok) throw new Error(read.problem);
  return read.metrics;
};

describe('trainRobust', () => {
  it('fine-tunes on a tiny subset and writes a loadable model with metrics for both models', async () => {
    const lines: string[] = [];
    const metrics = await trainRobust(
      { ...DEFAULT_OPTIONS, images: 100, epochs: 1, batchSize: 50, attackImages: 50, testImages: 200, epsilons: [0, 0.1], outDir: out },
      (line) => lines.push(line),
    );
    const read = readRobustMetrics(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')));
    expect(read).toEqual({ ok: true, metrics });
    expect(metrics).toMatchObject({
      method: 'fgsm-rs',
      epsilon: 0.1,
      trainImages: 100,
      epochs: 1,
      testImages: 200,
      attackImages: 50,
      pgdSteps: PGD_STEPS,
    });
    for (const m of [metrics.robust, metrics.standard]) {
      expect(m.fgsm.map((p) => p.epsilon)).toEqual([0, 0.1]);
      expect(m.pgd.map((p) => p.epsilon)).toEqual([0, 0.1]);
      expect(m.fgsm[0]!.successRate).toBe(0);
      // PGD finds at least what FGSM finds.
      expect(m.pgd[1]!.robustAccuracy).toBeLessThanOrEqual(m.fgsm[1]!.robustAccuracy);
    }
    const model = await tf.loadLayersModel(folderLoadHandler(tf, out));
    const standard = await tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR));
    expect(model.getWeights().map((w) => w.shape)).toEqual(standard.getWeights().map((w) => w.shape));
    expect(model.getWeights()[0]!.dataSync()).not.toEqual(standard.getWeights()[0]!.dataSync());
    model.dispose();
    standard.dispose();
    expect(lines.some((l) => l.startsWith('fine-tuned in'))).toBe(true);
  });

  it('reads its options, and refuses unknown ones in words', () => {
    expect(parseRobustArgs(['--method', 'pgd', '--steps', '5', '--images', '500'])).toMatchObject({ method: 'pgd', steps: 5, images: 500 });
    expect(() => parseRobustArgs(['--images', '-3'])).toThrow(/bad value: --images -3/);
    expect(() => parseRobustArgs(['--fast', '1'])).toThrow(/Unknown option/);
  });
});

describe('the committed robust CNN', () => {
  it('lives where pretrained.ts says, as small as the standard CNN', () => {
    expect(join(ROOT, 'public', ROBUST_CNN_URL)).toBe(join(ROBUST_DIR, 'model.json'));
    expect(join(ROOT, 'public', ROBUST_CNN_WEIGHTS_URL)).toBe(join(ROBUST_DIR, 'weights.bin'));
    expect(join(ROOT, 'public', ROBUST_CNN_METRICS_URL)).toBe(join(ROBUST_DIR, 'metrics.json'));
    expect(statSync(join(ROBUST_DIR, 'weights.bin')).size).toBe(statSync(join(MODEL_DIR, 'weights.bin')).size);
  });

  it('has FGSM and PGD-10 curves at every ε of EPSILONS on ATTACK_IMAGES images, and resists PGD better than the standard model', () => {
    const m = committed();
    expect(m).toMatchObject({ testImages: 10_000, attackImages: ATTACK_IMAGES, pgdSteps: 10 });
    for (const model of [m.robust, m.standard]) for (const curve of [model.fgsm, model.pgd]) expect(curve.map((p) => p.epsilon)).toEqual(EPSILONS);
    const at = (curve: { epsilon: number; robustAccuracy: number }[]) => curve.find((p) => p.epsilon === LESSON_EPSILON)!.robustAccuracy;
    expect(at(m.robust.pgd)).toBeGreaterThan(at(m.standard.pgd));
    expect(at(m.robust.fgsm)).toBeGreaterThan(at(m.standard.fgsm));
  });

  it('gives, attacked afresh with FGSM at the lesson’s ε, the robust accuracy its metrics state', async () => {
    const test = readFashion('test', ATTACK_IMAGES);
    const x = Float32Array.from(test.images, (v) => v / 255);
    const model = await tf.loadLayersModel(folderLoadHandler(tf, ROBUST_DIR));
    const curve = await robustnessCurve(tf, model, x, test.labels, test.count, { attack: 'fgsm', epsilons: [LESSON_EPSILON] });
    model.dispose();
    const stated = committed().robust.fgsm.find((p) => p.epsilon === LESSON_EPSILON)!;
    // Another backend may round a gradient's sign differently on a few pixels: within 0.5 point.
    expect(curve!.points[0]!.robustAccuracy).toBeCloseTo(stated.robustAccuracy, 2);
  });
});
