import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_TEST_ARGS, findChromium } from './scripts/check-browser.ts';

/**
 * The site under the headers a deployment sends: serves a build with scripts/serve-headers.ts (the
 * security headers, types and caching of deploy/nginx.conf, from src/lib/csp/policy.ts), or with
 * nginx and deploy/nginx.conf itself when E2E_SERVER=nginx (scripts/serve-nginx.ts), and runs
 * e2e/headers.run.ts and e2e/csp.spec.ts (but its per-page load, @page-load) against it.
 *   npm run test:headers                       (the production build in dist/)
 *   E2E_DIST=dist-subpath BASE_PATH=/tinker/ npx playwright test -c playwright.headers.config.ts
 * npm run test:subpath runs it on its sub-path production build, under nginx too when nginx is installed.
 */
const base = process.env.BASE_PATH ?? '/';
const port = Number(process.env.E2E_PORT ?? 4324);
const baseURL = `http://127.0.0.1:${port}${base.endsWith('/') ? base : `${base}/`}`;
const dist = process.env.E2E_DIST ?? 'dist';
const server = process.env.E2E_SERVER === 'nginx' ? 'scripts/serve-nginx.ts' : 'scripts/serve-headers.ts';
const choice = findChromium();
const executablePath = choice.kind === 'env' || choice.kind === 'system' ? choice.path : undefined;

export default defineConfig({
  testDir: 'e2e',
  testMatch: ['headers.run.ts', 'csp.spec.ts'],
  // csp.spec.ts's per-page load (tagged @page-load) is left out: headers.run.ts loads every page here, with the
  // same checks plus the headers (one load per page, see e2e/README.md).
  grepInvert: /@page-load/,
  workers: 2,
  // Every test here stands alone: spread them over both workers (headers.run.ts alone would keep one busy while
  // the other waits).
  fullyParallel: true,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: { baseURL, trace: 'retain-on-failure' },
  projects: [
    {
      name: process.env.E2E_SERVER === 'nginx' ? 'chromium-nginx' : 'chromium-headers',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_TEST_ARGS },
      },
    },
  ],
  webServer: {
    command: `node ${server} --dir ${JSON.stringify(dist)} --base ${JSON.stringify(base)} --port ${port}`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
