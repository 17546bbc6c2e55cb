import { test } from '@playwright/test';
import { MISSING, PAGES, expectNoAxeViolations } from './helpers.ts';

// Every page, in both themes (the site follows the system setting; no stored choice here).
// The lesson page after the MNIST widget has trained is checked in mnist-trainer.spec.ts.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const { name, path } of [...PAGES, { name: '404', path: MISSING }]) {
      test(`axe finds no WCAG 2.1 AA violations on ${name}`, async ({ page }) => {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await expectNoAxeViolations(page, `${name} (${colorScheme})`);
      });
    }
  });
}
