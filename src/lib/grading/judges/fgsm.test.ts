/**
 * The FGSM exercise's judge on the committed pretrained CNN and the real test images (public/data or
 * $DATASETS_DIR, as scripts/cnn-node.ts finds them): adversarial images made here with the engine
 * (lib/adversarial), the right way and the starter's ways, judged as the page judges them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_DIR, readFashion } from '../../../../scripts/cnn-node.ts';
import { fgsm as engineFgsm } from '../../adversarial/attacks.ts';
import { inputGradient, parseLayersCnn, type CnnModel } from '../../adversarial/cnn-model.ts';
import { PRETRAINED_CNN_URL } from '../../supervised/pretrained.ts';
import { judgeCustom } from '../custom-grader.ts';
import { takeSnapshot } from '../snapshot.ts';
import { checkPerturbation, COUNT, EPSILON, fgsmInput, judgeFgsm, THRESHOLD } from './fgsm.ts';
import type { JudgeContext } from './index.ts';

const input = fgsmInput();
let x: Float32Array;
let gradient: Float32Array;
const siteModelPaths: string[] = [];

function modelFiles() {
  const b = readFileSync(join(MODEL_DIR, 'weights.bin'));
  return {
    modelJson: JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')) as unknown,
    weights: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength),
  };
}

/** What the page gives the judge, from disk. */
const context: JudgeContext = {
  labels: () => Promise.reject(new Error('not used')),
  split: (_dataset, split) => Promise.resolve(readFashion(split)),
  siteModel: (path) => {
    siteModelPaths.push(path);
    return Promise.resolve(modelFiles());
  },
};

beforeAll(() => {
  const model: CnnModel = parseLayersCnn(modelFiles().modelJson, modelFiles().weights);
  const data = readFashion('test', COUNT);
  x = Float32Array.from(data.images, (v) => v / 255);
  gradient = inputGradient(model, x, COUNT, data.labels);
});

const judge = (adversarial: unknown, ctx = context) => judgeFgsm(input, { adversarial }, ctx);

describe('the fgsm judge', () => {
  it('passes FGSM done right: success over the bar, every pixel within ε and inside [0, 1]', async () => {
    const result = await judge(engineFgsm(x, gradient, EPSILON));
    expect(result.pass).toBe(true);
    expect(result.figure).toBeGreaterThan(THRESHOLD + 0.1);
    expect(result.figureText).toMatch(/^\d+\.\d% of 84 images fooled$/);
    expect(result.message).toMatch(
      /^At ε = 0.1, your FGSM fooled the pretrained CNN on \d+\.\d% of the test images it classified correctly .* Passed\.$/,
    );
    expect(result.detailsTitle).toBe('The three checks');
    expect(result.details![0]).toBe('Every pixel is inside [0, 1].');
    expect(result.details![1]).toMatch(/^Every perturbation stays within ε = 0.1: max \|δ\| = 0.1\.$/);
    expect(result.details![2]).toMatch(/^Success \d+\.\d% ≥ 60%: \d+ of the 84 images the model classified correctly are now misclassified\.$/);
    expect(siteModelPaths).toContain(PRETRAINED_CNN_URL);
  });

  it("fails the starter's step (ε times the gradient, not clipped) on all three checks and says where", async () => {
    const starter = x.map((v, i) => v + EPSILON * gradient[i]!);
    const result = await judge(starter);
    expect(result.pass).toBe(false);
    expect(result.figure).toBeLessThan(0.2);
    expect(result.message).toMatch(
      /^Some pixels leave \[0, 1\]; some pixels move further than ε; the attack fools the model on \d+\.\d% of the images, below 60%\./,
    );
    expect(result.details![0]).toMatch(/^[\d,]+ pixels outside \[0, 1\], the first in image \d+ \(row \d+, column \d+\): -\d/);
    expect(result.details![1]).toMatch(/^max \|δ\| = 0\.1\d+ > ε = 0.1 on image \d+; \d+ of the 100 images move a pixel further than ε\.$/);
    expect(result.details![2]).toMatch(/^Success \d+\.\d% < 60%: only \d+ of the 84 images/);
  });

  it('fails the sign without the clip on the range alone, though it fools the model more', async () => {
    const unclipped = x.map((v, i) => v + EPSILON * Math.sign(gradient[i]!));
    const result = await judge(unclipped);
    expect(result.pass).toBe(false);
    expect(result.figure).toBeGreaterThan(THRESHOLD);
    expect(result.message).toMatch(/^Some pixels leave \[0, 1\]\. The checks below say where/);
    expect(result.details![1]).toMatch(/^Every perturbation stays within ε/);
  });

  it('measures perturbations from its own originals: images attacked from other images fail the ε rule', async () => {
    const shifted = new Float32Array(x.length);
    shifted.set(x.subarray(784)); // image i replaced by image i + 1
    const result = await judge(shifted);
    expect(result.pass).toBe(false);
    expect(result.details![1]).toMatch(/^max \|δ\| = 1 > ε = 0.1 on image \d+/);
  });

  it('refuses malformed answers with a message that says what to return', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /nothing it could read/],
      [{ problem: 'Define a function named `fgsm`' }, /Define a function named `fgsm`/],
      [{ threw: 'TypeError: model.predict is not a function' }, /threw an error: TypeError: model.predict is not a function/],
      [{}, /returned no images. Return a tensor of the same shape as `images`, \[100, 28, 28, 1\]/],
      [{ adversarial: new Float32Array(784) }, /returned 784 pixels; it must return 78,400 \(100 images of 28 × 28\)/],
      [{ adversarial: Float32Array.from(x, (v, i) => (i === 5000 ? NaN : v)) }, /a pixel that is NaN \(image 6\)/],
      [{ adversarial: Array.from(x, (v, i) => (i === 0 ? '0.5' : v)) }, /a pixel that is 0.5 \(image 0\)/],
    ];
    for (const [measured, message] of cases) {
      const result = await judgeFgsm(input, measured, context);
      expect(result.pass, JSON.stringify(measured)?.slice(0, 60)).toBe(false);
      expect(result.message).toMatch(message);
    }
  });

  it('does not grade when the images or the model cannot be loaded, and says so', async () => {
    const offline: JudgeContext = { ...context, siteModel: () => Promise.reject(new Error('HTTP 404')) };
    expect((await judge(x, offline)).message).toMatch(
      /could not load the images and the model it checks with \(HTTP 404\), so this run is not graded/,
    );
    const noData: JudgeContext = { labels: context.labels };
    expect((await judge(x, noData)).message).toMatch(/no dataset or model files are available here/);
  });

  it('grades through judgeCustom from a snapshot, as the page does', async () => {
    const spec = { kind: 'custom' as const, source: '', judge: 'fgsm' };
    const measured = { kind: 'custom', measured: takeSnapshot({ adversarial: engineFgsm(x, gradient, EPSILON) }) };
    const result = await judgeCustom(spec, structuredClone(measured), context);
    expect(result.message).toMatch(/Passed/);
    // Without the page's files (a Node run of the generic harness) it never passes.
    expect((await judgeCustom(spec, structuredClone(measured))).pass).toBe(false);
  });
});

describe('checkPerturbation', () => {
  it('finds the largest change, the images over ε and the pixels outside [0, 1], with a 1e-6 tolerance', () => {
    const original = new Float32Array(2 * 784).fill(0.5);
    original[0] = 0;
    const adversarial = Float32Array.from(original);
    adversarial[1] = 0.5 + 0.1 + 5e-7; // within the tolerance
    adversarial[0] = -5e-7; // within the tolerance
    expect(checkPerturbation(original, adversarial, 0.1)).toEqual({
      maxDelta: expect.closeTo(0.1 + 5e-7, 6),
      worstImage: 0,
      imagesOverEpsilon: 0,
      outside: 0,
      firstOutside: null,
    });
    adversarial[784 + 30] = 0.7; // image 1, row 1, column 2: 0.2 away
    adversarial[784 + 31] = 1.05;
    adversarial[3] = -0.02;
    const check = checkPerturbation(original, adversarial, 0.1);
    expect(check.maxDelta).toBeCloseTo(0.55, 6);
    expect(check.worstImage).toBe(1);
    expect(check.imagesOverEpsilon).toBe(2);
    expect(check.outside).toBe(2);
    expect(check.firstOutside).toEqual({ image: 0, row: 0, col: 3, value: expect.closeTo(-0.02, 6) });
  });
});
