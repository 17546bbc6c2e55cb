/**
 * The exercise "Implement FGSM" end to end in Node, as a code cell runs it: the starter's and the
 * solution's code (tfjs, cpu backend) with the cells' `datasets` and `models` on the real files, then
 * the exercise's measure.js and the page's judge (the engine on the committed model). Data: public/data
 * or $DATASETS_DIR (set in CI), as scripts/cnn-node.ts finds it. The browser run is in e2e/code-cell.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderLoadHandler, MODEL_DIR, readFashion, ROOT } from '../../scripts/cnn-node.ts';
import { compileReaderCode, readExposed, type ExposeGetters } from '../lib/code/wrap.ts';
import type { CustomGraderSpec } from '../lib/exercises/types.ts';
import { gradeCustom } from '../lib/grading/custom-grader.ts';
import type { JudgeContext } from '../lib/grading/judges/index.ts';
import { createDatasets } from './code-datasets.ts';
import { createModels } from './code-models.ts';

const DIR = join(ROOT, 'content', 'exercises', 'fgsm');
const file = (name: string) => readFileSync(join(DIR, name), 'utf8');
const spec: CustomGraderSpec = { kind: 'custom', source: file('measure.js'), judge: 'fgsm', expose: ['fgsm'] };

/** What the page gives the judge, from disk. */
const page: JudgeContext = {
  labels: (_dataset, split) => Promise.resolve(readFashion(split).labels),
  split: (_dataset, split) => Promise.resolve(readFashion(split)),
  siteModel: () => {
    const b = readFileSync(join(MODEL_DIR, 'weights.bin'));
    return Promise.resolve({
      modelJson: JSON.parse(readFileSync(join(MODEL_DIR, 'model.json'), 'utf8')) as unknown,
      weights: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength),
    });
  },
};

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

/** Runs `code` as the code worker does (its APIs, output dropped), then grades it with the exercise's grader. */
async function runAndGrade(code: string) {
  const datasets = createDatasets(tf, { dataUrl: 'http://site/data/', loadSplit: (_url, _dataset, split) => Promise.resolve(readFashion(split)) });
  const models = createModels(tf, { siteUrl: 'http://site/', loadModel: () => tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR)) });
  const sink = () => {};
  let getters: ExposeGetters | null = null;
  tf.engine().startScope();
  try {
    const returned = await compileReaderCode(code, spec.expose)(
      tf,
      datasets,
      sink,
      { line: sink, scatter: sink },
      { images: sink, table: sink },
      sink,
      console,
      models,
      (g: ExposeGetters) => (getters = g),
    );
    return await gradeCustom(spec, { returned, exports: readExposed(getters), tf, datasets, models, print: sink }, page);
  } finally {
    tf.engine().endScope();
    tf.disposeVariables();
  }
}

describe('the FGSM exercise, run as a code cell runs it', () => {
  it('fails the starter on all three checks and passes the solution', async () => {
    const started = await runAndGrade(file('starter.js'));
    expect(started.pass).toBe(false);
    expect(started.figureText).toBe('7.1% of 84 images fooled');
    expect(started.details![0]).toMatch(/pixels outside \[0, 1\]/);
    expect(started.details![1]).toMatch(/^max \|δ\| = 0\.145 > ε = 0\.1/);
    const solved = await runAndGrade(file('solution.js'));
    expect(solved.message).toMatch(/Passed\.$/);
    expect(solved.figureText).toBe('77.4% of 84 images fooled');
  });

  it('says what is wrong when fgsm is missing, throws, or returns the wrong thing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['const attack = 1;', /^Define a function named `fgsm`/],
      ["function fgsm() { throw new Error('not done'); }", /threw an error: Error: not done/],
      [
        'function fgsm(model, images) { return images.reshape([100, 784]); }',
        /returned a tensor of shape \[100, 784\]; return one of the same shape as `images`, \[100, 28, 28, 1\]/,
      ],
      ['function fgsm() { return [1, 2]; }', /returned an array; return a tensor/],
      ['function fgsm(model, images) { return images.clone(); }', /^The attack fools the model on 0\.0% of the images, below 60%/],
    ];
    for (const [code, message] of cases) {
      const result = await runAndGrade(code);
      expect(result.pass, code).toBe(false);
      expect(result.message, code).toMatch(message);
    }
  });
});
