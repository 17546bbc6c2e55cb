/**
 * adversarial: FGSM and PGD (10 steps of 2.5ε/10, no random start) on the first 1,000 Fashion-MNIST
 * test images, measured in this Node process with the adversarial worker's code (src/tf/adversarial.ts
 * on tfjs wasm with our kernels, the worker's CPU backend): time per image of each attack; the
 * on-page engine's FGSM (src/lib/adversarial/cnn-model.ts, pure TypeScript, the same code the
 * sneaker widgets run) timed side by side on the same images, on the bench page (bench/browser/adversarial.ts)
 * and in Node (bench/shared/adversarial-bench.ts); and the attack success rate and
 * robust accuracy at ε = 0.05, 0.1, 0.2 of the standard CNN and the committed adversarially trained
 * one (public/models/fashion-cnn-robust/).
 *
 *   npm run bench -- --only adversarial
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseLayersCnn } from '../../src/lib/adversarial/cnn-model.ts';
import { robustnessCurve, type CurveResult } from '../../src/tf/adversarial.ts';
import { MODEL_DIR, folderLoadHandler, readFashion } from '../../scripts/cnn-node.ts';
import { ROBUST_DIR, useWasm } from '../../scripts/train-robust.ts';
import { engineFgsmBench, type EngineFgsmResult } from '../shared/adversarial-bench.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

const IMAGES = 1000;
const EPSILONS = [0.05, 0.1, 0.2];
const PGD_STEPS = 10;

const pct = (v: number): string => `${fmt(v * 100, 1)}%`;
const ms = (seconds: number): string => `${fmt(seconds * 1000, 3)} ms`;

/** The pretrained CNN's files read into the engine. */
function engineModel(dir: string) {
  const bytes = readFileSync(join(dir, 'weights.bin'));
  return parseLayersCnn(
    JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')),
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}

export const adversarialBench: Benchmark = {
  name: 'adversarial',
  title: `FGSM and PGD-${PGD_STEPS} on ${fmt(IMAGES)} Fashion-MNIST test images: time per image (Node: tfjs wasm, the engine), success rates of the standard and the robust CNN`,
  async run({ page }) {
    const before = tf.getBackend();
    await useWasm();
    const test = readFashion('test', IMAGES);
    const x = Float32Array.from(test.images, (v) => v / 255);
    const rows: Row[] = [
      {
        label: 'setup',
        value: `this Node process, tfjs ${tf.getBackend()} (no threads, our conv kernels), batches of 100; ε = ${EPSILONS.join(', ')}; time per image = attack + predictions ÷ (images × ε values)`,
      },
    ];
    const curves: Record<string, { fgsm: CurveResult; pgd: CurveResult }> = {};
    for (const [name, dir] of [
      ['standard', MODEL_DIR],
      ['robust', ROBUST_DIR],
    ] as const) {
      const model = await tf.loadLayersModel(folderLoadHandler(tf, dir));
      try {
        const fgsmCurve = (await robustnessCurve(tf, model, x, test.labels, IMAGES, { attack: 'fgsm', epsilons: EPSILONS }))!;
        const pgdCurve = (await robustnessCurve(tf, model, x, test.labels, IMAGES, { attack: 'pgd', epsilons: EPSILONS, steps: PGD_STEPS }))!;
        curves[name] = { fgsm: fgsmCurve, pgd: pgdCurve };
      } finally {
        model.dispose();
      }
    }
    const engine = engineFgsmBench(engineModel(MODEL_DIR), x, test.labels, IMAGES, EPSILONS);
    const onPage = (await page.evaluate(
      (o) => (window as unknown as { tinkerBench: { adversarialEngine(o: object): Promise<unknown> } }).tinkerBench.adversarialEngine(o),
      { images: IMAGES, epsilons: EPSILONS },
    )) as EngineFgsmResult;
    const standard = curves['standard']!;
    rows.push(
      { label: `FGSM per image, tfjs ${tf.getBackend()} (worker code)`, value: ms(standard.fgsm.secondsPerImage) },
      { label: 'FGSM per image, engine on the page (Chromium main thread)', value: ms(onPage.secondsPerImage) },
      { label: 'FGSM per image, engine in this Node process', value: ms(engine.secondsPerImage) },
      { label: `PGD-${PGD_STEPS} per image, tfjs ${tf.getBackend()} (worker code)`, value: ms(standard.pgd.secondsPerImage) },
      {
        label: 'FGSM success, engine page / engine Node / tfjs (standard)',
        value: engine.successRates
          .map((r, i) => `ε ${EPSILONS[i]}: ${pct(onPage.successRates[i]!)} / ${pct(r)} / ${pct(standard.fgsm.points[i]!.successRate)}`)
          .join(', '),
      },
    );
    for (const [name, c] of Object.entries(curves)) {
      rows.push({ label: `${name}: clean accuracy`, value: pct(c.fgsm.cleanAccuracy) });
      for (const attack of ['fgsm', 'pgd'] as const) {
        const label = attack === 'fgsm' ? 'FGSM' : `PGD-${PGD_STEPS}`;
        rows.push({
          label: `${name}: ${label} success rate / robust accuracy`,
          value: c[attack].points.map((p) => `ε ${p.epsilon}: ${pct(p.successRate)} / ${pct(p.robustAccuracy)}`).join(', '),
        });
      }
    }
    if (before && before !== tf.getBackend()) await tf.setBackend(before);
    return rows;
  },
};
