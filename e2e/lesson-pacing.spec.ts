/**
 * Play first, and never a long stretch of prose: measured in the real layout at 1280 × 800.
 *
 * For every lesson of the course map:
 * - the first thing to try (a widget, `tk-*`, that is not a quiz or a code cell) starts within the first screen
 *   below the lesson header: its top is at most FIRST_TRY_MAX px below the top of the lesson body;
 * - between two consecutive "breaks" (a widget, a quiz or a code cell: any `tk-*` element; a `<figure>`; a
 *   `.callout`, which is where worked examples live), and from the last break to the end of the body, there is
 *   at most MAX_GAP px of prose and maths: about two screens.
 * A failure names the lesson, the section heading where the gap starts and the measured size. The limits are
 * generous on purpose (the layout is still moving); the measured values are printed so a change shows.
 */
import { expect, test, type Page } from '@playwright/test';

const VIEWPORT = { width: 1280, height: 800 };
/** The first widget's top, below the top of the lesson body: it must show within the first screen. */
const FIRST_TRY_MAX = 640;
/** About two screens of 800 px. */
const MAX_GAP = 1700;

interface Gap {
  px: number;
  /** The section (h2, and h3 when there is one) where the stretch of prose starts. */
  section: string;
  /** The section where it ends. */
  to: string;
  /** What ends the stretch ("the end of the lesson" for the tail). */
  until: string;
}

interface Pacing {
  height: number;
  firstTry: { top: number; what: string } | null;
  gaps: Gap[];
}

/** Where the breaks are and how much prose lies between them, in CSS px from the top of the lesson body. */
async function measure(page: Page): Promise<Pacing> {
  return page.evaluate(() => {
    const body = document.querySelector<HTMLElement>('.lesson-body');
    if (!body) throw new Error('no .lesson-body on the page');
    const origin = body.getBoundingClientRect().top;
    const top = (el: Element) => el.getBoundingClientRect().top - origin;
    const bottom = (el: Element) => el.getBoundingClientRect().bottom - origin;
    const isBreak = (el: Element) => el.tagName.startsWith('TK-') || el.tagName === 'FIGURE' || el.classList.contains('callout');
    const insideBreak = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== body; p = p.parentElement) if (isBreak(p)) return true;
      return false;
    };
    // The outermost breaks only: a widget inside its figure is one break.
    const breaks = [...body.querySelectorAll('*')].filter((el) => isBreak(el) && !insideBreak(el));
    const headings = [...body.querySelectorAll('h2, h3')];
    /** The h2 (and the h3 under it) in force at a given height. */
    const sectionAt = (y: number): string => {
      let h2 = '(the opening)';
      let h3 = '';
      for (const h of headings) {
        if (top(h) > y + 1) break;
        if (h.tagName === 'H2') {
          h2 = h.textContent?.trim() ?? '';
          h3 = '';
        } else h3 = h.textContent?.trim() ?? '';
      }
      return h3 ? `${h2} › ${h3}` : h2;
    };
    const describe = (el: Element): string => {
      const widget = el.tagName.startsWith('TK-') ? el : el.querySelector('[data-state], tk-quiz, tk-code-cell');
      if (widget) return `<${widget.tagName.toLowerCase()}>`;
      return el.classList.contains('callout')
        ? `callout "${el.querySelector('.callout-title')?.textContent?.trim() ?? ''}"`
        : `<${el.tagName.toLowerCase()}>`;
    };
    const gaps: { px: number; section: string; to: string; until: string }[] = [];
    let end = 0;
    let section = '(the opening)';
    for (const el of breaks) {
      gaps.push({ px: Math.round(top(el) - end), section, to: sectionAt(top(el)), until: describe(el) });
      end = Math.max(end, bottom(el));
      section = sectionAt(end);
    }
    const height = body.getBoundingClientRect().height;
    gaps.push({ px: Math.round(height - end), section, to: sectionAt(height), until: 'the end of the lesson' });
    const first = breaks.find((el) => {
      const widget = el.tagName.startsWith('TK-') ? el : el.querySelector('[data-state]');
      return widget !== null && widget.tagName !== 'TK-QUIZ' && widget.tagName !== 'TK-CODE-CELL';
    });
    return { height: Math.round(height), firstTry: first ? { top: Math.round(top(first)), what: describe(first) } : null, gaps };
  });
}

test.use({ viewport: VIEWPORT });

test('every lesson opens with something to try and never runs two screens without a widget, figure, quiz or worked example', async ({ page }) => {
  await page.goto('./');
  const hrefs = await page
    .locator('a[href*="/lessons/"]')
    .evaluateAll((links) => [
      ...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname).filter((p) => /\/lessons\/[^/]+\/$/.test(p))),
    ]);
  expect(hrefs.length, 'lessons on the course map').toBeGreaterThanOrEqual(4);
  const report: string[] = [];
  const problems: string[] = [];
  const details: string[] = [];
  for (const href of hrefs) {
    await page.goto(href);
    await page.evaluate(() => document.fonts.ready);
    const title = (await page.locator('h1').textContent())?.trim() ?? href;
    const pacing = await measure(page);
    const largest = pacing.gaps.reduce((a, b) => (b.px > a.px ? b : a));
    details.push(`${title}:`, ...pacing.gaps.map((g) => `  ${g.px} px from "${g.section}" to ${g.until} in "${g.to}"`));
    report.push(
      `${title}: ${pacing.height} px; first try ${pacing.firstTry ? `${pacing.firstTry.what} at ${pacing.firstTry.top} px` : 'none'}; ` +
        `largest gap ${largest.px} px from "${largest.section}" to ${largest.until} in "${largest.to}"`,
    );
    if (!pacing.firstTry || pacing.firstTry.top > FIRST_TRY_MAX) {
      problems.push(
        `"${title}": the first widget to try is ${pacing.firstTry ? `${pacing.firstTry.top} px` : 'missing'} below the header (at most ${FIRST_TRY_MAX})`,
      );
    }
    for (const gap of pacing.gaps.filter((g) => g.px > MAX_GAP)) {
      const where = gap.to === gap.section ? `section "${gap.section}"` : `sections "${gap.section}" to "${gap.to}"`;
      problems.push(`"${title}", ${where}: ${gap.px} px of prose before ${gap.until} (at most ${MAX_GAP})`);
    }
  }
  if (process.env.PACING_DETAIL) console.log(details.join('\n'));
  console.log(`Lesson pacing at ${VIEWPORT.width} × ${VIEWPORT.height}:\n  ${report.join('\n  ')}`);
  expect(problems, 'lessons that make the reader read too long before trying something').toEqual([]);
});
