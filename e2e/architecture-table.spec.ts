import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers.ts';
import { findOverflow, overflowReport } from './overflow.ts';

/**
 * The architecture tables (src/components/ArchitectureTable.astro, on the test-only page
 * /dev/architecture-table/): built at build time from the specs' shapes and parameter counts; on a
 * phone each scrolls sideways in its own named box that the keyboard reaches, never the page.
 */
test.describe('architecture tables', { tag: '@dev-pages' }, () => {
  test('LeNet-style and VGG-style nets layer by layer with their totals; on a phone they scroll in their own box', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('./dev/architecture-table/');
    const lenet = page.locator('[data-arch="lenet"]');
    await expect(lenet.locator('caption')).toHaveText('LeNet-style network: 61,706 parameters');
    await expect(lenet.locator('tbody tr')).toHaveCount(9);
    await expect(lenet.locator('tbody tr').nth(3)).toHaveText(
      /Conv 5×5, 16 filters, valid padding, ReLU\s*10 × 10 × 16\s*2,416\s*5·5·6·16 \+ 16 = 2,416/,
    );
    await expect(page.locator('[data-arch="vgg"] [data-part="total"]')).toHaveText('467,818');
    await expect(page.locator('[data-arch="default"] [data-part="total"]')).toHaveText('9,098');
    // Too wide for a phone: the region keeps its tab stop and its name.
    await expect(lenet).toHaveAttribute('role', 'group');
    await expect(lenet).toHaveAttribute('tabindex', '0');
    await expect(lenet).toHaveAttribute('aria-label', 'LeNet-style network: 61,706 parameters, layer by layer (table, scrolls sideways)');
    expect(overflowReport(await findOverflow(page))).toEqual([]);
    await expectNoAxeViolations(page, 'architecture tables');
  });
});
