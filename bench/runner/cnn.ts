/**
 * cnn: the default CNN (conv 8 → pool → conv 16 → pool → dense 10; Adam 0.001, batch 64) built with
 * plain tf.layers calls and trained on Fashion-MNIST in the same headless Chromium
 * (bench/browser/cnn.ts on the hidden page /dev/cnn/): examples/s on wasm with our training kernels
 * (src/tf/wasm-kernels.ts), cpu and webgl; time to 85% test accuracy on the fastest CPU path; one
 * realistic layer forward and backward as naive loops, im2col + gemm (TypeScript) and tfjs on wasm.
 *
 *   npm run bench -- --only cnn
 */
import type { CnnBenchOptions, CnnBenchResult, ThroughputResult } from '../browser/cnn.ts';
import type { LayerTimes } from '../browser/cnn-layer.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

const ms = (t: LayerTimes): string =>
  `forward ${fmt(t.forward, 1)} ms, filter gradient ${fmt(t.filterGrad, 1)} ms, input gradient ${fmt(t.inputGrad, 1)} ms`;
const ratio = (a: number, b: number): string => (b > 0 ? `${fmt(a / b, 1)}×` : '—');

export function cnnRows(r: CnnBenchResult): Row[] {
  const rows: Row[] = [
    {
      label: 'setup',
      value: `Fashion-MNIST, batch 64, model.trainOnBatch on the page's main thread; WebGL ${r.webglSoftware ? 'in software (SwiftShader/llvmpipe)' : 'on a GPU'}`,
    },
  ];
  const by = (name: string): ThroughputResult | undefined => r.throughput.find((t) => t.backend === name && !t.error);
  for (const t of r.throughput) {
    const label = t.backend === 'wasm' ? 'wasm + our kernels' : t.backend;
    rows.push({ label: `examples/s, ${label}`, value: t.error ? `FAILED: ${t.error}` : `${fmt(t.examplesPerSecond)}  (${t.batches} batches)` });
  }
  const best = r.bestCpuPath ? by(r.bestCpuPath) : undefined;
  const cpu = by('cpu');
  const webgl = by('webgl');
  if (best && cpu) {
    const x = best.examplesPerSecond / cpu.examplesPerSecond;
    rows.push({
      label: `best CPU path (${best.backend}) ÷ tfjs cpu`,
      value: ratio(best.examplesPerSecond, cpu.examplesPerSecond),
      goal: '>= 5×',
      met: x >= 5,
    });
  }
  if (best && webgl) {
    const x = best.examplesPerSecond / webgl.examplesPerSecond;
    rows.push({
      label: `best CPU path (${best.backend}) ÷ webgl`,
      value: ratio(best.examplesPerSecond, webgl.examplesPerSecond),
      goal: '>= 2×',
      met: x >= 2,
    });
  }
  if (r.history.length) {
    const pct = (v: number): string => `${fmt(v * 100, 1)}%`;
    rows.push({
      label: `time to ${pct(r.target)} test accuracy (${r.bestCpuPath})`,
      value: r.reached
        ? `${fmt(r.reached.trainSeconds, 1)} s of training, ${fmt(r.reached.batch * 64)} examples (${fmt(r.wallSeconds, 1)} s with the tests)`
        : `not reached after ${fmt(r.history.at(-1)!.trainSeconds, 1)} s`,
    });
    rows.push({ label: 'test accuracy per check', value: r.history.map((p) => `${p.batch}: ${pct(p.accuracy)}`).join(', ') });
  }
  if (r.layer) {
    const { naive, im2colGemm, wasm } = r.layer;
    rows.push({ label: 'layer', value: r.layer.shape });
    rows.push({ label: 'layer, naive loops (TS)', value: ms(naive) });
    rows.push({ label: 'layer, im2col + gemm (TS)', value: ms(im2colGemm) });
    rows.push({ label: 'layer, tfjs wasm (XNNPACK + our kernels)', value: ms(wasm) });
    const total = (t: LayerTimes): number => t.forward + t.filterGrad + t.inputGrad;
    rows.push({ label: 'layer, naive ÷ im2col + gemm (all three)', value: ratio(total(naive), total(im2colGemm)) });
    rows.push({ label: 'layer, im2col + gemm ÷ tfjs wasm (all three)', value: ratio(total(im2colGemm), total(wasm)) });
  }
  return rows;
}

export const cnnBench: Benchmark = {
  name: 'cnn',
  title: 'Default CNN on Fashion-MNIST: wasm with our training kernels vs cpu vs webgl; time to 85%; one layer three ways',
  async run({ page, url }) {
    // A page of its own (the bench's page comes from browser.newPage(), whose context takes no second page).
    const browser = page.context().browser();
    const cnnPage = browser ? await browser.newPage() : await page.context().newPage();
    try {
      await cnnPage.goto(`${url}dev/cnn/`);
      await cnnPage.waitForFunction(() => document.documentElement.dataset['benchReady'] === 'true', null, { timeout: 30_000 });
      const options: CnnBenchOptions = {};
      const r = (await cnnPage.evaluate(
        (o) => (window as unknown as { tinkerCnnBench(o: object): Promise<unknown> }).tinkerCnnBench(o),
        options,
      )) as CnnBenchResult;
      return cnnRows(r);
    } finally {
      await cnnPage.close();
    }
  },
};
