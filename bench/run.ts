/**
 * Benchmarks, measured side by side in one browser session (npm run bench).
 *
 *   node bench/run.ts [--dist DIR] [--only NAME[,NAME]] [--examples N] [--headed]
 *
 * Builds the test site (npm run build:test: the site plus its /dev/ pages) if DIR (default dist-test) has no build, serves it with a tiny static server,
 * opens the hidden page /dev/bench/ (bench/pages/bench.astro) in Chromium (CHROMIUM_PATH, else /usr/bin/chromium, else
 * Playwright's own) and runs each named benchmark. Prints a table.
 * Each benchmark is a module of bench/runner/ (its browser side is in bench/browser/, code shared by
 * both in bench/shared/); add one by appending it to BENCHMARKS below. The `nn`, `rl` and `author`
 * benchmarks also measure in this Node process (same code).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_TEST_ARGS, findChromium } from '../scripts/check-browser.ts';
import { adversarialBench } from './runner/adversarial.ts';
import { authorBench } from './runner/author.ts';
import { cnnBench } from './runner/cnn.ts';
import { codeCellsBench } from './runner/code-cells.ts';
import { fashionLoadBench } from './runner/data.ts';
import { imageFilterBench } from './runner/image-filter.ts';
import { nnBench } from './runner/nn.ts';
import { responsivenessBench } from './runner/responsiveness.ts';
import { rlBench } from './runner/rl.ts';
import { unsupervisedEncodeBench } from './runner/unsupervised-encode.ts';
import { serveStatic } from './runner/serve.ts';
import { supervisedBench } from './runner/supervised.ts';
import { unsupervisedExerciseBench } from './runner/unsupervised-exercise.ts';
import { unsupervisedKmeansBench } from './runner/unsupervised-kmeans.ts';
import { autoBackendBench, backendsBench, workerVsMainBench } from './runner/training.ts';
import { unsupervisedScatterBench } from './runner/unsupervised-scatter.ts';
import { fmt, type Benchmark, type Row } from './runner/types.ts';
import { errorText } from '../src/lib/format/error-text.ts';

export type { BenchContext, Benchmark, Row } from './runner/types.ts';
export { serveStatic } from './runner/serve.ts';

/** The browser flags the end-to-end tests use, plus WebGPU so the bench can measure it too. */
export const CHROMIUM_ARGS = [...CHROMIUM_TEST_ARGS, '--enable-unsafe-webgpu'];

export const BENCHMARKS: Benchmark[] = [
  workerVsMainBench,
  backendsBench,
  autoBackendBench,
  fashionLoadBench,
  codeCellsBench,
  imageFilterBench,
  nnBench,
  rlBench,
  supervisedBench,
  authorBench,
  responsivenessBench,
  cnnBench,
  unsupervisedKmeansBench,
  unsupervisedExerciseBench,
  unsupervisedEncodeBench,
  unsupervisedScatterBench,
  adversarialBench,
];

function printSection(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.label.length));
  for (const r of rows) {
    const goal = r.goal ? `   goal ${r.goal}: ${r.met ? 'met' : 'NOT met'}` : '';
    console.log(`  ${r.label.padEnd(width)}  ${r.value}${goal}`);
  }
}

/**
 * A group name stands for every benchmark named `<group>-…`: `--only unsupervised` runs unsupervised-kmeans, unsupervised-exercise,
 * unsupervised-encode and unsupervised-scatter. A name that is itself a benchmark stays as it is; each runs once.
 */
export function expandGroups(names: string[], benchmarks: Pick<Benchmark, 'name'>[]): string[] {
  const expanded = names.flatMap((name) => {
    if (benchmarks.some((b) => b.name === name)) return [name];
    const members = benchmarks.filter((b) => b.name.startsWith(`${name}-`)).map((b) => b.name);
    return members.length ? members : [name];
  });
  return [...new Set(expanded)];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist-test' },
      only: { type: 'string' },
      examples: { type: 'string', default: '6400' },
      headed: { type: 'boolean', default: false },
    },
  });
  const dist = resolve(values.dist!);
  const examples = Number(values.examples);
  if (!Number.isInteger(examples) || examples < 64) {
    console.error(`--examples must be a whole number >= 64, got ${values.examples}.`);
    return 2;
  }
  const wanted = values.only ? expandGroups(values.only.split(','), BENCHMARKS) : BENCHMARKS.map((b) => b.name);
  const unknown = wanted.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
    return 2;
  }

  if (!existsSync(join(dist, 'index.html'))) {
    if (values.dist !== 'dist-test') {
      console.error(`No build in ${dist}. Build there first (npm run build:test -- --outDir ${values.dist}) or omit --dist.`);
      return 1;
    }
    console.log('No build found in dist-test/: running `npm run build:test` first…');
    const built = spawnSync('npm', ['run', 'build:test'], { stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('The build failed; fix it and run the benchmark again.');
      return 1;
    }
  }
  if (!existsSync(join(dist, 'dev', 'bench', 'index.html'))) {
    console.error(
      `${dist} has no dev/bench/ page: it is a production build or an old one. Rebuild with the /dev/ pages (npm run build:test) and try again.`,
    );
    return 1;
  }
  if (!existsSync(join(dist, 'data', 'mnist', 'train-images-idx3-ubyte.gz'))) {
    console.error(`${dist} has no data/mnist/: run \`npm run datasets\`, then rebuild (npm run build:test).`);
    return 1;
  }

  const choice = findChromium();
  if (choice.kind === 'none') {
    console.error(`${choice.reason} Set CHROMIUM_PATH or run \`npx playwright install chromium\`.`);
    return 1;
  }
  const base = process.env.BASE_PATH ?? '/';
  const { server, url } = await serveStatic(dist, base.endsWith('/') ? base : `${base}/`);
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    headless: !values.headed,
    args: CHROMIUM_ARGS,
    ...(choice.kind === 'env' || choice.kind === 'system' ? { executablePath: choice.path } : {}),
  });
  let failures = 0;
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`  [browser console error] ${m.text()}`);
    });
    page.on('pageerror', (e) => console.log(`  [page error] ${e.message}`));
    await page.goto(`${url}dev/bench/`);
    await page.waitForFunction(() => document.documentElement.dataset['benchReady'] === 'true', null, { timeout: 30_000 });
    console.log(`Tinker benchmarks — ${browser.browserType().name()} ${browser.version()} (${choice.path}), site ${url}`);
    for (const bench of BENCHMARKS.filter((b) => wanted.includes(b.name))) {
      const t0 = performance.now();
      try {
        const rows = await bench.run({ page, url, examples, dist });
        printSection(`[${bench.name}] ${bench.title}  (${fmt((performance.now() - t0) / 1000, 1)} s)`, rows);
      } catch (err) {
        failures++;
        printSection(`[${bench.name}] ${bench.title}`, [{ label: 'FAILED', value: errorText(err) }]);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log('');
  return failures === 0 ? 0 : 1;
}

// Run only when executed directly (not when a test imports the helpers above).
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main();
}
