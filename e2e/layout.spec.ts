import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSON } from './helpers.ts';

// The lesson grid (src/styles/lesson-layout.css): the prose column keeps its measure, page figures
// and widgets use the right margin, screen figures the window, margin notes sit in the margin on a
// wide screen and in the text on a phone. The style guide uses the same grid with one figure of
// each width and a margin note.
const STYLE = './about/style/';

type Box = { x: number; y: number; width: number; height: number };
async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  expect(b, 'element is laid out').not.toBeNull();
  return b!;
}

/** 40rem, the --measure token, in px. */
async function measurePx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.width = 'var(--measure)';
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  });
}

test.describe('at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('a page figure is wider than the prose column, which stays within its measure; a screen figure spans the window', async ({ page }) => {
    await page.goto(STYLE);
    const measure = await measurePx(page);
    expect(measure).toBeGreaterThan(500);
    const prose = await box(page.locator('.lesson-body > p').first());
    expect(prose.width).toBeLessThanOrEqual(measure + 0.5);
    expect(prose.width).toBeGreaterThan(measure * 0.9);

    const pageFigure = await box(page.locator('.figure-page'));
    expect(pageFigure.width, 'page figure wider than the prose').toBeGreaterThan(prose.width + 150);
    expect(pageFigure.x, 'page figure starts with the prose').toBeCloseTo(prose.x, 0);

    const clientWidth = await page.evaluate(() => document.documentElement.clientWidth);
    const screenFigure = await box(page.locator('.figure-screen'));
    expect(screenFigure.x).toBeCloseTo(0, 0);
    expect(screenFigure.width).toBeCloseTo(clientWidth, 0);
  });

  test('a margin note sits in the right margin beside the paragraph before it', async ({ page }) => {
    await page.goto(STYLE);
    const note = page.locator('.margin-note');
    const paragraph = note.locator('xpath=preceding-sibling::p[1]');
    const n = await box(note);
    const p = await box(paragraph);
    expect(n.x, 'right of the prose').toBeGreaterThan(p.x + p.width);
    expect(n.y, 'level with its paragraph').toBeGreaterThanOrEqual(p.y - 1);
    expect(n.y).toBeLessThan(p.y + p.height);
  });

  test('in a lesson, widgets use the page width and the table of contents stays in view, marking the current section', async ({ page }) => {
    await page.goto(LESSON);
    const prose = await box(page.locator('.lesson-body > p').first());
    expect(prose.width).toBeLessThanOrEqual((await measurePx(page)) + 0.5);
    const widget = await box(page.locator('.lesson-body > .tk-widget:not(.tk-quiz), .lesson-body > .figure-page').first());
    expect(widget.width).toBeGreaterThan(prose.width + 150);

    const toc = page.getByRole('navigation', { name: 'On this page' });
    const tocBox = await box(toc);
    expect(tocBox.x + tocBox.width, 'the contents are left of the prose').toBeLessThanOrEqual(prose.x);
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight / 2, behavior: 'instant' }));
    await expect.poll(async () => (await box(toc)).y, 'sticky in view').toBeLessThan(100);
    expect((await box(toc)).y).toBeGreaterThanOrEqual(0);

    // The scroll spy (another script) sets aria-current="location"; its look is not colour alone.
    const links = toc.locator('a');
    const style = (link: Locator) =>
      link.evaluate((a) => {
        const s = getComputedStyle(a);
        return { border: s.borderLeftWidth, weight: s.fontWeight };
      });
    const plain = await style(links.nth(1));
    await links.nth(1).evaluate((a) => a.setAttribute('aria-current', 'location'));
    const current = await style(links.nth(1));
    expect(Number.parseFloat(current.border)).toBeGreaterThan(Number.parseFloat(plain.border));
    expect(Number(current.weight)).toBeGreaterThan(Number(plain.weight));
  });
});

test.describe('at 375 px', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('figures of every width and margin notes stay in the one column', async ({ page }) => {
    await page.goto(STYLE);
    const prose = await box(page.locator('.lesson-body > p').first());
    const pageFigure = await box(page.locator('.figure-page'));
    expect(pageFigure.x).toBeCloseTo(prose.x, 0);
    expect(pageFigure.width).toBeCloseTo(prose.width, 0);
    const note = await box(page.locator('.margin-note'));
    const before = await box(page.locator('.margin-note').locator('xpath=preceding-sibling::p[1]'));
    expect(note.y, 'below its paragraph').toBeGreaterThanOrEqual(before.y + before.height);
    expect(note.x + note.width).toBeLessThanOrEqual(375);
  });
});
