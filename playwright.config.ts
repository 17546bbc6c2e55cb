import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_TEST_ARGS, findChromium } from './scripts/check-browser.ts';

/**
 * End-to-end tests run against `astro preview` of the test build in dist-test/ (the site plus its hidden
 * /dev/ harness pages: run `npm run build:test` first; `npm test` does). Tests navigate with relative URLs ('./lessons/start-here/'), so the same suite
 * checks a sub-path build: `BASE_PATH=/tinker/ npm run build && BASE_PATH=/tinker/ npx playwright test --grep @subpath`
 * (npm run test:subpath runs the tests tagged @subpath there). Tests that need the /dev/ pages are tagged @dev-pages
 * (a production build has none: `--grep-invert @dev-pages`). The rules every spec follows (tags, one load per page,
 * small training, no fixed waits) are in e2e/README.md.
 * Environment: BASE_PATH (the build's base), E2E_DIST (serve another build folder), E2E_PORT (default 4321),
 * CHROMIUM_PATH (see scripts/check-browser.ts), CI (never reuse a running server).
 */
const base = process.env.BASE_PATH ?? '/';
const port = Number(process.env.E2E_PORT ?? 4321);
const origin = `http://127.0.0.1:${port}`;
const baseURL = `${origin}${base.endsWith('/') ? base : `${base}/`}`;
// The build to serve: dist-test/ unless E2E_DIST names another `astro build --outDir` folder.
const outDir = ` --outDir ${JSON.stringify(process.env.E2E_DIST ?? 'dist-test')}`;

// A system Chromium (CHROMIUM_PATH, else /usr/bin/chromium) when there is one; otherwise
// Playwright launches its own managed browser (no executablePath).
const choice = findChromium();
const executablePath = choice.kind === 'env' || choice.kind === 'system' ? choice.path : undefined;

export default defineConfig({
  testDir: 'e2e',
  // Two cores: the MNIST training test is CPU-heavy under SwiftShader and runs serially in its file.
  workers: 2,
  fullyParallel: false,
  retries: 0, // a flaky test is a bug to fix, not to retry
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    // The offline service worker precaches the whole site (about 18 MB) in every new browser context;
    // only e2e/offline.spec.ts, which tests it, lets it run (test.use({ serviceWorkers: 'allow' })).
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: CHROMIUM_TEST_ARGS,
        },
      },
    },
  ],
  webServer: {
    // --ignore-lock: serve even when another `astro preview` of this project runs (Astro 7 keeps one per
    // project otherwise), and stay in the foreground so Playwright can stop it.
    command: `npx astro preview --port ${port} --host 127.0.0.1 --ignore-lock${outDir}`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
