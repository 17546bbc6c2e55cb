/**
 * Proves the site works under a sub-path of a static host: builds with BASE_PATH=/tinker/ into
 * dist-subpath/ and runs the page, accessibility and budget end-to-end tests against it, plus
 * code cells and the progress page (workers, data URLs and stored progress must honour the base),
 * search (result links) and offline use (service worker scope, manifest start URL).
 * Part of `npm test`; run alone with `npm run test:subpath`.
 */
import { spawnSync } from 'node:child_process';

const BASE_PATH = '/tinker/';
const OUT_DIR = 'dist-subpath';

function run(command: string, args: string[], env: Record<string, string>): void {
  console.log(`\n> ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')} ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', ['astro', 'build', '--outDir', OUT_DIR], { BASE_PATH });
run('npx', ['playwright', 'test', 'e2e/pages.spec.ts', 'e2e/a11y.spec.ts', 'e2e/budget.spec.ts', 'e2e/progress.spec.ts', 'e2e/code-cell.spec.ts', 'e2e/search.spec.ts', 'e2e/offline.spec.ts', '--grep-invert', 'starter fails its grader'], {
  BASE_PATH,
  E2E_DIST: OUT_DIR,
  E2E_PORT: '4322',
});
