/**
 * The test build: the site plus the hidden harness pages of bench/pages/ (/dev/exercises/, /dev/example-trainer/,
 * /dev/bench/, /dev/code-runner/, /dev/code-cell-parts/), which the end-to-end tests and
 * `npm run bench` use and a production build (`npm run build`) never contains.
 *
 *   node scripts/build-test.ts [--outDir DIR]     (npm run build:test; default dist-test/)
 */
import { spawnSync } from 'node:child_process';

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = process.argv.slice(2);
const outDir = args.includes('--outDir') ? [] : ['--outDir', 'dist-test'];
run('node', ['scripts/datasets.ts', '--if-missing']);
run('npx', ['astro', 'build', ...outDir, ...args], { TINKER_DEV_PAGES: '1' });
