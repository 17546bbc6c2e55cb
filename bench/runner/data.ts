/** Loading a dataset in the browser (fashion-load); the browser side is bench/browser/data.ts. */
import { fmt, type Benchmark } from './types.ts';

export const fashionLoadBench: Benchmark = {
  name: 'fashion-load',
  title: 'Fashion-MNIST train set in the browser: fetch + gunzip + SHA-256 + parse (no cache)',
  async run({ page }) {
    const r = (await page.evaluate(() =>
      (window as unknown as { tinkerBench: { loadFashionTrain(): Promise<unknown> } }).tinkerBench.loadFashionTrain(),
    )) as { ms: number; count: number; bytes: number | null };
    return [
      { label: 'images loaded', value: fmt(r.count) },
      { label: 'bytes downloaded (gzip)', value: r.bytes === null ? 'unknown' : fmt(r.bytes) },
      { label: 'load + parse time', value: `${fmt(r.ms)} ms` },
    ];
  },
};
