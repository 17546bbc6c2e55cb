import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lessonPath } from '../src/lib/content/course.ts';
import { MIN_FORMULA_SCALE } from '../src/lib/markup/scroll-rules.ts';
import { PAGES } from './helpers.ts';
import { findOverflow, formulaCounts, overflowReport } from './overflow.ts';

/**
 * A phone (375 px wide): nothing runs past the edge of the window. What is wider than the screen (a
 * display formula, a table, a code block, a chart) scrolls sideways inside its own box, and that box
 * can be reached with the keyboard and has a name (e2e/overflow.ts states the rule and finds offenders).
 * The lessons are the files of content/lessons/ (a new lesson is checked without editing this file).
 */

const PHONE = { width: 375, height: 800 };

const LESSONS = readdirSync(new URL('../content/lessons/', import.meta.url))
  .filter((file) => file.endsWith('.mdx'))
  .sort()
  .map((file) => ({ name: `lesson ${lessonPath(file.replace(/\.mdx$/, ''))}`, path: `./${lessonPath(file.replace(/\.mdx$/, ''))}` }));

const OTHER_PAGES = PAGES.filter((p) => !p.path.includes('/lessons/'));

/** Loads a page and waits until it has its final widths: fonts in, scripts run (scroll regions measured). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

test.describe('at 375 px', () => {
  test.use({ viewport: PHONE });

  for (const { name, path } of [...LESSONS, ...OTHER_PAGES]) {
    test(`nothing on ${name} runs past the window, except in a focusable, named scroll box`, async ({ page }) => {
      await open(page, path);
      expect(overflowReport(await findOverflow(page)), `elements wider than the ${PHONE.width} px window on ${path}`).toEqual([]);
    });
  }

  test('a formula too wide for a phone shrinks to a readable size, then scrolls from the keyboard, with a cue on the side that has more', async ({
    page,
  }) => {
    await open(page, './lessons/neuron-from-scratch/');
    const regions = page.locator('.lesson-body [data-scroll-region="formula"]');
    expect(await regions.count(), 'display formulas in scroll regions').toBeGreaterThanOrEqual(15);
    // Every display formula that still runs past its box can be reached and is named (before this page was split out of
    // the from-scratch lesson, that lesson had 15 of its 26 cut off).
    const counts = await formulaCounts(page);
    expect(counts.overflowing).toBeGreaterThan(0);
    expect(counts.reachable).toBe(counts.overflowing);
    const measured = await regions.evaluateAll((els) =>
      els.map((el) => ({
        overflows: el.scrollWidth > el.clientWidth,
        scale: Number((el as HTMLElement).style.getPropertyValue('--formula-scale') || 1),
        tabindex: el.getAttribute('tabindex'),
      })),
    );
    // Some formulas are shrunk, none below the minimum; the ones that still overflow are tab stops, the others are not.
    expect(measured.some((m) => m.scale < 1)).toBe(true);
    expect(Math.min(...measured.map((m) => m.scale))).toBeGreaterThanOrEqual(MIN_FORMULA_SCALE);
    for (const m of measured) expect(m.tabindex).toBe(m.overflows ? '0' : null);
    const index = measured.findIndex((m) => m.overflows);
    expect(index, 'a formula that still scrolls at 375 px').toBeGreaterThanOrEqual(0);
    expect(measured[index]!.scale).toBe(MIN_FORMULA_SCALE);

    const region = regions.nth(index);
    await expect(region).toHaveAttribute('role', 'group');
    await expect(region).toHaveAccessibleName('Formula, scrolls sideways');
    await expect(region).toHaveAttribute('data-more', 'end');
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect(region).toHaveAttribute('data-more', /start/);
  });

  test('a table scrolls in its own named box, which is a tab stop only while it overflows', async ({ page }) => {
    await open(page, './notation/');
    const tables = page.locator('[data-scroll-region="table"]');
    expect(await tables.count()).toBeGreaterThanOrEqual(5);
    for (const table of await tables.all()) {
      const overflows = await table.evaluate((el) => el.scrollWidth > el.clientWidth);
      if (overflows) {
        await expect(table).toHaveAttribute('tabindex', '0');
        await expect(table).toHaveAccessibleName('Table, scrolls sideways');
      } else {
        await expect(table).not.toHaveAttribute('tabindex');
      }
    }
  });
});

test('on a wide screen, formulas that fit are no tab stops and keep their full size', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, './lessons/images-are-matrices/');
  const regions = page.locator('.lesson-body [data-scroll-region="formula"]');
  expect(await regions.count()).toBeGreaterThanOrEqual(10);
  const state = await regions.evaluateAll((els) =>
    els.map((el) => ({
      overflows: el.scrollWidth > el.clientWidth,
      tabindex: el.getAttribute('tabindex'),
      role: el.getAttribute('role'),
      scale: (el as HTMLElement).style.getPropertyValue('--formula-scale'),
    })),
  );
  expect(state.filter((s) => !s.overflows).length).toBeGreaterThan(0);
  for (const s of state.filter((x) => !x.overflows)) expect(s).toEqual({ overflows: false, tabindex: null, role: null, scale: '' });
});
