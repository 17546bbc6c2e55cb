/** Filtering an image: naive loops, separable TypeScript and tf.conv2d (bench/browser/image-filter.ts). */
import type { ImageFilterBenchResult, TimedRuns } from '../browser/image-filter.ts';
import { fmt, type Benchmark } from './types.ts';

export const imageFilterBench: Benchmark = {
  name: 'image-filter',
  title: 'Filtering an RGB image with a 5×5 Gaussian (σ = 1, zero border): naive 2D loops vs separable TypeScript vs tf.conv2d',
  async run({ page }) {
    const r = (await page.evaluate(() =>
      (window as unknown as { tinkerBench: { imageFilter(): Promise<unknown> } }).tinkerBench.imageFilter(),
    )) as ImageFilterBenchResult;
    const ms = (t: TimedRuns) => `${fmt(t.medianMs, 1)} ms`;
    const runs = (t: TimedRuns) => `(best ${fmt(Math.min(...t.runsMs), 1)}; runs ${t.runsMs.map((v) => fmt(v, 1)).join(', ')} ms)`;
    const vsNaive = (t: TimedRuns) => `${fmt(r.naive.medianMs / t.medianMs, 1)}× naive`;
    const px = `${r.size}×${r.size}`;
    const backend = r.backend + (r.fallbackReason ? ` (${r.fallbackReason})` : '');
    return [
      { label: 'setup', value: `${px} RGB synthetic image (seeded), median of ${r.runs} runs each; tf backend ${backend}` },
      { label: `${px} naive 2D loops (convolve)`, value: `${ms(r.naive)}  1.0× naive  ${runs(r.naive)}` },
      { label: `${px} separable TypeScript (convolveSeparable)`, value: `${ms(r.separable)}  ${vsNaive(r.separable)}  ${runs(r.separable)}` },
      {
        label: `${px} tf.conv2d on ${r.backend}, Img → Img`,
        value: `${ms(r.tf)}  ${vsNaive(r.tf)}  ${runs(r.tf)}; warm-up run ${fmt(r.tfWarmupMs)} ms`,
      },
      {
        label: `${px} tf.conv2d on ${r.backend}, tensor resident`,
        value: `${ms(r.tfResident)}  ${vsNaive(r.tfResident)}  ${runs(r.tfResident)}, conv2d + await data() only`,
      },
      {
        label: 'max |difference| from naive',
        value: `separable ${r.maxDiffSeparable.toExponential(1)}, tf.conv2d ${r.maxDiffTf.toExponential(1)} (0–255 scale)`,
      },
      { label: `${r.widgetSize}×${r.widgetSize} RGB 5×5 naive (widget redraw)`, value: `${ms(r.widgetNaive)}  ${runs(r.widgetNaive)}` },
      { label: `${r.widgetSize}×${r.widgetSize} RGB 5×5 separable`, value: `${ms(r.widgetSeparable)}  ${runs(r.widgetSeparable)}` },
      { label: `${r.widgetSize}×${r.widgetSize} toRgba (to draw it)`, value: `${ms(r.widgetToRgba)}` },
    ];
  },
};
