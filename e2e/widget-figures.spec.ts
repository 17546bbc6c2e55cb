import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lessonPath } from '../src/lib/content/course.ts';

/**
 * Widgets are figures (issue 15, src/widgets/README.md "The figure"): every `tk-*` widget of every lesson
 * shows what it is about before the reader presses anything — sample images, the network, empty axes
 * with the target line, the board. Checked with JavaScript on, after the widgets' scripts ran, before any
 * click: each widget holds a drawing at least FIGURE_MIN CSS pixels large that is not blank, either
 *   - a <canvas> with at least two different colours in its pixels, or
 *   - an <svg> with a drawn shape (path, rect, circle, ellipse, line, polyline, polygon) of non-zero size.
 *
 * Not figures, and so not checked here (each keeps its own tests):
 *   - tk-code-cell: a code editor; what it shows before it runs is its code, and its output is the result of running it;
 *   - tk-quiz: a question with answers to choose;
 *   - tk-state-count: a table of numbers computed at build time, with no script and nothing to start.
 * Any other tk-* element, present or future, must have a figure.
 */

const LESSONS = readdirSync(new URL('../content/lessons/', import.meta.url))
  .filter((file) => file.endsWith('.mdx'))
  .sort()
  .map((file) => `./${lessonPath(file.replace(/\.mdx$/, ''))}`);

const NOT_FIGURES = new Set(['tk-code-cell', 'tk-quiz', 'tk-state-count']);

/** Smallest drawing that counts as a figure (an icon or a legend swatch does not). */
const FIGURE_MIN = { width: 80, height: 60 };

interface Finding {
  tag: string;
  state: string | null;
  /** The widget starts by itself when it comes into view (data-autoplay), like the Snake player. */
  autoplay: boolean;
  /** What was found, e.g. "svg 402×276 (circle 14×14)" or "canvas 320×320 (2 colours+)"; empty when nothing. */
  figure: string;
  /** The drawings looked at and why each did not count. */
  rejected: string[];
}

/** Runs in the page: the widget's first drawing that counts as a figure. */
function findFigure(el: Element, min: { width: number; height: number }): Finding {
  const rejected: string[] = [];
  const big = (node: Element) => {
    const r = node.getBoundingClientRect();
    return { ok: r.width >= min.width && r.height >= min.height, size: `${Math.round(r.width)}×${Math.round(r.height)}` };
  };
  const visible = (node: Element) => (node as HTMLElement).checkVisibility?.({ visibilityProperty: true, opacityProperty: true }) ?? true;
  const result = (figure: string): Finding => ({
    tag: el.localName,
    state: el.getAttribute('data-state'),
    autoplay: el.hasAttribute('data-autoplay'),
    figure,
    rejected,
  });

  for (const svg of el.querySelectorAll('svg')) {
    if (svg.parentElement?.closest('svg')) continue;
    const { ok, size } = big(svg);
    if (!ok || !visible(svg)) {
      rejected.push(`svg ${size}${visible(svg) ? '' : ' (hidden)'}`);
      continue;
    }
    const shape = [...svg.querySelectorAll<SVGGraphicsElement>('path, rect, circle, ellipse, line, polyline, polygon')].find((s) => {
      const box = s.getBBox();
      return (box.width > 0 || box.height > 0) && visible(s);
    });
    if (shape) {
      const box = shape.getBBox();
      return result(`svg ${size} (${shape.localName} ${Math.round(box.width)}×${Math.round(box.height)})`);
    }
    rejected.push(`svg ${size} (no drawn shape)`);
  }

  for (const grid of el.querySelectorAll<HTMLElement>('[role="img"]:not(svg, canvas), [role="grid"]')) {
    const { ok, size } = big(grid);
    const colours = new Set(
      [...grid.querySelectorAll('*')].map((c) => getComputedStyle(c).backgroundColor).filter((c) => c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent'),
    );
    if (ok && visible(grid) && colours.size >= 2)
      return result(`${grid.localName}[role=${grid.getAttribute('role')}] ${size} (${colours.size} cell colours)`);
    rejected.push(`${grid.localName}[role=${grid.getAttribute('role')}] ${size} (${colours.size} cell colours)`);
  }

  for (const canvas of el.querySelectorAll('canvas')) {
    const { ok, size } = big(canvas);
    if (!ok || !visible(canvas) || canvas.width === 0 || canvas.height === 0) {
      rejected.push(`canvas ${size}${visible(canvas) ? '' : ' (hidden)'}`);
      continue;
    }
    // Copy it into a 2D canvas (it may hold a WebGL context) and look for two different pixels.
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(canvas, 0, 0);
    const px = new Uint32Array(ctx.getImageData(0, 0, copy.width, copy.height).data.buffer);
    if (px.some((v) => v !== px[0])) return result(`canvas ${size} (2 colours+)`);
    rejected.push(`canvas ${size} (one flat colour)`);
  }
  return result('');
}

async function widgetTags(page: Page): Promise<string[]> {
  return page.evaluate(() => [...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => n.startsWith('tk-')))]);
}

test.describe('widgets are figures before Start', () => {
  for (const path of LESSONS) {
    test(`every tk-* widget on ${path} shows a figure before anything is pressed`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const tags = (await widgetTags(page)).filter((t) => !NOT_FIGURES.has(t));
      // The element scripts load lazily: give each tag five seconds to be defined, as the widget contract does.
      await page.evaluate(
        (names) => Promise.all(names.map((n) => Promise.race([customElements.whenDefined(n), new Promise((resolve) => setTimeout(resolve, 5_000))]))),
        tags,
      );
      const widgets = page.locator(tags.join(', ') || 'tk-none');
      const count = await widgets.count();
      const found: Finding[] = [];
      for (let i = 0; i < count; i++) {
        const widget = widgets.nth(i);
        await widget.scrollIntoViewIfNeeded();
        // A widget far down its lesson loads its script only when scrolled near (loadWhenNear): give it five
        // seconds to be defined and to finish its first drawing (server markup may say "loading" until then).
        await widget.evaluate(async (el) => {
          await Promise.race([customElements.whenDefined(el.localName), new Promise((resolve) => setTimeout(resolve, 5_000))]);
          for (let t = 0; t < 50 && el.getAttribute('data-state') === 'loading' && !el.hasAttribute('data-autoplay'); t++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        });
        // Drawings made on upgrade or when scrolled into view get two frames.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        found.push(await widget.evaluate(findFigure, FIGURE_MIN));
      }
      const missing = found
        .filter((f) => !f.figure)
        .map((f) => `${f.tag} (data-state ${f.state}): no figure; looked at ${f.rejected.join(', ') || 'no svg or canvas at all'}`);
      test.info().annotations.push({ type: 'figures', description: found.map((f) => `${f.tag}: ${f.figure || 'none'}`).join('; ') });
      // Nothing was pressed, so nothing is training (a widget that computes at once, like the gradient check, may be "done"),
      // except a widget that says it starts by itself (data-autoplay) — and even that one must not have failed.
      for (const f of found) if (f.autoplay) expect(f.state, `${f.tag} failed`).not.toBe('error');
      for (const f of found.filter((w) => !w.autoplay))
        expect(['loading', 'running', 'error'], `${f.tag} is not running or failed`).not.toContain(f.state);
      expect(missing, `widgets without a figure on ${path}`).toEqual([]);
    });
  }

  test('a widget with no drawing is caught', async ({ page }) => {
    // The check itself can fail: an empty svg, a blank canvas, a legend-sized icon and a one-colour grid are not figures.
    await page.setContent(
      `<tk-test><svg width="300" height="200"></svg><canvas width="300" height="200"></canvas>` +
        `<svg width="14" height="14"><circle cx="7" cy="7" r="5"/></svg>` +
        `<div role="grid" style="width:300px;height:200px"><span style="display:block;height:20px;background:#fff"></span></div></tk-test>` +
        `<tk-drawn><svg width="300" height="200"><circle cx="50" cy="50" r="20"/></svg></tk-drawn>` +
        `<tk-painted><canvas width="300" height="200"></canvas></tk-painted>`,
    );
    await page.evaluate(() => {
      const ctx = document.querySelector('tk-painted canvas') as HTMLCanvasElement;
      ctx.getContext('2d')!.fillRect(10, 10, 20, 20);
    });
    expect((await page.locator('tk-test').evaluate(findFigure, FIGURE_MIN)).figure).toBe('');
    expect((await page.locator('tk-drawn').evaluate(findFigure, FIGURE_MIN)).figure).toMatch(/^svg 300×200 \(circle 40×40\)$/);
    expect((await page.locator('tk-painted').evaluate(findFigure, FIGURE_MIN)).figure).toMatch(/^canvas 300×200/);
  });
});
