import { expect, test } from '@playwright/test';
import { MISSING, PAGES, expectNoAxeViolations } from './helpers.ts';

// Every page, in both themes, on a wide screen and on a phone: one page load per combination.
// The theme is set the way the site keeps a reader's choice (localStorage "tinker-theme", read by
// src/layouts/theme-init.js before first paint); the system setting is emulated to match.
// The lesson page after the MNIST widget has trained is checked in mnist-trainer.spec.ts.
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 375, height: 800 },
] as const;

for (const theme of ['light', 'dark'] as const) {
  for (const viewport of WIDTHS) {
    test.describe(`${theme} theme, ${viewport.width} px`, () => {
      test.use({ colorScheme: theme, viewport });
      // axe over a long lesson takes a while on a busy two-core machine.
      test.describe.configure({ timeout: 120_000 });
      test.beforeEach(async ({ context }) => {
        await context.addInitScript((t) => localStorage.setItem('tinker-theme', t), theme);
      });
      for (const { name, path } of [...PAGES, { name: '404', path: MISSING }]) {
        test(`axe finds no WCAG 2.1 AA violations on ${name}, which does not scroll sideways`, async ({ page }) => {
          await page.goto(path);
          await page.waitForLoadState('networkidle');
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          await expectNoAxeViolations(page, `${name} (${theme}, ${viewport.width} px)`);
          // And the page does not scroll sideways (checked here to load each page once per width, see e2e/README.md).
          const { scrollWidth, clientWidth } = await page.evaluate(() => {
            const el = document.scrollingElement ?? document.documentElement;
            return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
          });
          expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
        });
      }
    });
  }
}
