/** The explorer's own output values (src/lib/conv-explorer/grids.ts) against tfjs on the cpu backend. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tfRefusal } from '../lib/conv-explorer/code.ts';
import { demoInput, kernelWeights, outputValues } from '../lib/conv-explorer/grids.ts';
import { EXPLORER_MODES, settingProblem } from '../lib/conv-explorer/setting.ts';
import { outputSize } from '../lib/nn/conv-geometry.ts';
import { runExplorerOp } from './explorer-conv.ts';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('runExplorerOp', () => {
  it('gives the shape of the formula and the values of the explorer’s grids, for every mode over a grid of settings tfjs accepts', () => {
    let checked = 0;
    for (const mode of EXPLORER_MODES)
      for (const n of [1, 4, 7])
        for (const k of [1, 2, 3])
          for (const s of [1, 2, 3])
            for (const p of [0, 1, 2])
              for (const d of [1, 2]) {
                const setting = { n, k, s, p, d };
                if (settingProblem(setting) !== null || tfRefusal(setting, mode) !== null) continue;
                const input = demoInput(n);
                const weights = kernelWeights('edgeV', k);
                const expected = outputValues(setting, mode, input, weights);
                const before = tf.memory().numTensors;
                const { shape, values } = runExplorerOp(tf, input, n, setting, mode, weights);
                expect(tf.memory().numTensors).toBe(before);
                const out = outputSize(setting);
                const where = `${mode} ${JSON.stringify(setting)}`;
                expect(shape, where).toEqual([1, out, out, 1]);
                // A pooling window over padding only has no value of ours; tfjs says something there.
                expected.forEach((v, i) => v !== null && expect(values[i], where).toBeCloseTo(v, 4));
                checked++;
              }
    expect(checked).toBeGreaterThan(100);
  });

  it('is refused by tf.conv2d exactly where tfRefusal says so (stride and dilation both above 1)', () => {
    const setting = { n: 7, k: 2, s: 2, p: 0, d: 2 };
    expect(tfRefusal(setting, 'conv')).toMatch(/stride above 1 together with a dilation above 1/);
    expect(() => runExplorerOp(tf, demoInput(7), 7, setting, 'conv', kernelWeights('blur', 2))).toThrow(/Either strides or dilations must be 1/);
  });

  it('tf.pool drops a numeric padding when dilated, so the explorer refuses that too', () => {
    const setting = { n: 5, k: 2, s: 1, p: 1, d: 2 };
    expect(tfRefusal(setting, 'max')).toMatch(/ignores a numeric padding/);
    expect(runExplorerOp(tf, demoInput(5), 5, setting, 'max', new Float32Array()).shape).not.toEqual([
      1,
      outputSize(setting),
      outputSize(setting),
      1,
    ]);
  });
});
