/**
 * Screenshot review: every page of a build at 1280 and 375 px in the light and dark themes (full page),
 * and every widget (each top-level `tk-*` element) before and after use, with a contact sheet to flip
 * through (`<out>/index.html`). Take a set before a visual change and one after, and compare.
 *
 *   npm run shots                                   dist-test/ → shots/latest/
 *   npm run shots -- --dist dist-mine --out shots/mine --only snake --widgets-only
 *   npm run shots -- --help                         every option (scripts/shots-plan.ts)
 *
 * It builds nothing unless asked (--build); it serves the build itself with the deployment headers
 * (scripts/serve-headers.ts) on a free port and uses the end-to-end tests' Chromium (scripts/check-browser.ts).
 * "After use" means: press the widget's primary button (Start training, Run, Train, Play…), wait until
 * its data-state is done or error (at most --wait seconds), shoot; each widget is used on a fresh page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_TEST_ARGS, findChromium } from './check-browser.ts';
import { createHeadersServer } from './serve-headers.ts';
import {
  THEMES,
  USAGE,
  WIDTHS,
  contactSheet,
  filterPages,
  isStartButton,
  numberWidgets,
  pageShotName,
  pagesFromFiles,
  parseShotsArgs,
  widgetShotName,
  type PageResult,
  type ShotsOptions,
  type SitePage,
  type Theme,
  type WidgetResult,
} from './shots-plan.ts';

const SHOT_ID = 'data-shot-id';
/** A tall window for widget screenshots, so that nearly every widget fits in it (see shootElement). */
const WIDGET_WINDOW_HEIGHT = 1400;
/** The tallest window a widget screenshot grows to (a taller widget is cut at the bottom). */
const MAX_WINDOW_HEIGHT = 4000;

async function openPage(
  browser: Browser,
  origin: string,
  path: string,
  width: number,
  theme: Theme,
  height = 800,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme, serviceWorkers: 'block', reducedMotion: 'reduce' });
  // The site's own theme choice (src/layouts/theme-init.js reads it before first paint).
  await context.addInitScript((t) => localStorage.setItem('tinker-theme', t), theme);
  const page = await context.newPage();
  page.setDefaultNavigationTimeout(90_000);
  await page.goto(origin + path, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { context, page };
}

/** Scrolls down the page a screen at a time (what draws on sight draws), then back to the top. */
async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, innerHeight - 100);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 40));
    }
    scrollTo(0, 0);
  });
  await page.waitForTimeout(200);
}

/** Marks the page's top-level widgets (a `tk-*` element not inside another) with data-shot-id, in document order; returns their tags and start buttons. */
async function markWidgets(page: Page): Promise<{ tag: string; start: { part: string | null; type: string | null; label: string } | null }[]> {
  return page.evaluate((attr) => {
    const isWidget = (el: Element) => el.tagName.startsWith('TK-');
    const all = [...document.querySelectorAll('body *')].filter(isWidget);
    const top = all.filter((el) => {
      for (let p = el.parentElement; p; p = p.parentElement) if (isWidget(p)) return false;
      return true;
    });
    return top.map((el, i) => {
      el.setAttribute(attr, String(i));
      const primary = [...el.querySelectorAll<HTMLButtonElement>('button.tk-button--primary')].find((b) => !b.closest('[hidden]'));
      return {
        tag: el.tagName.toLowerCase(),
        start: primary ? { part: primary.dataset.part ?? null, type: primary.getAttribute('type'), label: primary.textContent?.trim() ?? '' } : null,
      };
    });
  }, SHOT_ID);
}

async function shootPage(browser: Browser, origin: string, opts: ShotsOptions, site: SitePage, width: number, theme: Theme) {
  const file = pageShotName(site.slug, width, theme);
  const { context, page } = await openPage(browser, origin, site.path, width, theme);
  try {
    await scrollThrough(page);
    await page.screenshot({ path: join(opts.out, file), fullPage: true, animations: 'disabled', timeout: 300_000 });
    return { width, theme, file };
  } finally {
    await context.close();
  }
}

/**
 * Screenshots one element: scrolled into the window (made taller for a tall element), then its box
 * clipped from the window. Never a full-page capture, which lays out a long page at full height (minutes),
 * and never Playwright's locator.screenshot, which waits for the element to stand still (a running widget may not).
 */
async function shootElement(page: Page, selector: string, path: string): Promise<void> {
  const window = page.viewportSize() ?? { width: 1280, height: 800 };
  const locate = () =>
    page.locator(selector).evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      let r = el.getBoundingClientRect();
      if (r.bottom > innerHeight && r.height <= innerHeight) {
        el.scrollIntoView({ block: 'end' }); // near the end of the page it cannot come to the top
        r = el.getBoundingClientRect();
      }
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    });
  let box = await locate();
  if (box.width < 1 || box.height < 1) throw new Error('not visible (no box on the page)');
  const tall = box.height > window.height;
  if (tall) {
    await page.setViewportSize({ width: window.width, height: Math.min(MAX_WINDOW_HEIGHT, Math.ceil(box.height) + 2) });
    box = await locate();
  }
  try {
    await page.waitForTimeout(300); // what draws on sight draws
    const y = Math.max(0, box.y);
    const clip = { x: Math.max(0, box.x), y, width: box.width, height: Math.min(box.height, (page.viewportSize()?.height ?? window.height) - y) };
    await page.screenshot({ path, clip, animations: 'disabled', timeout: 60_000 });
  } finally {
    if (tall) await page.setViewportSize(window);
  }
}

/** Presses the start button, then waits for done/error, for the state to come back to where it was, or for the time limit. */
async function useWidget(page: Page, selector: string, part: string | null, waitSeconds: number): Promise<string | null> {
  const widget = page.locator(selector);
  const button = part
    ? widget.locator(`button.tk-button--primary[data-part="${part}"]`).first()
    : widget.locator('button.tk-button--primary').first();
  const initial = await widget.getAttribute('data-state');
  await button.click({ timeout: 15_000 });
  const pressed = Date.now();
  const deadline = pressed + waitSeconds * 1000;
  let changed = false;
  let state = initial;
  while (Date.now() < deadline) {
    await page.waitForTimeout(250);
    state = await widget.getAttribute('data-state');
    if (state === 'done' || state === 'error') break;
    if (state !== initial) changed = true;
    else if (changed)
      break; // it ran and came back (a step, a game)
    else if (Date.now() > pressed + 1500) break; // nothing to wait for: it answered at once
  }
  return state;
}

async function shootWidgets(browser: Browser, origin: string, opts: ShotsOptions, site: SitePage): Promise<WidgetResult[]> {
  const width = opts.widgetWidth;
  const theme = opts.widgetTheme;
  const { context, page } = await openPage(browser, origin, site.path, width, theme, WIDGET_WINDOW_HEIGHT);
  const results: WidgetResult[] = [];
  let found: Awaited<ReturnType<typeof markWidgets>>;
  try {
    found = await markWidgets(page);
    const names = numberWidgets(found.map((w) => w.tag));
    for (const [i, w] of found.entries()) {
      const { tag, n } = names[i]!;
      const start = w.start && isStartButton(w.start) ? w.start : null;
      const result: WidgetResult = { tag, n, before: null, after: null, pressed: start?.label ?? null, state: null };
      try {
        const file = widgetShotName(site.slug, tag, n, 'before');
        await shootElement(page, `[${SHOT_ID}="${i}"]`, join(opts.out, file));
        result.before = file;
      } catch (error) {
        result.note = `before: ${(error as Error).message.split('\n')[0]}`;
      }
      results.push(result);
    }
  } finally {
    await context.close();
  }
  // Each widget is used on a fresh page, so that no other widget is still running.
  for (const [i, w] of found.entries()) {
    const result = results[i]!;
    if (!result.pressed) continue;
    const fresh = await openPage(browser, origin, site.path, width, theme, WIDGET_WINDOW_HEIGHT);
    try {
      await markWidgets(fresh.page);
      const selector = `[${SHOT_ID}="${i}"]`;
      result.state = await useWidget(fresh.page, selector, w.start?.part ?? null, opts.wait);
      const file = widgetShotName(site.slug, result.tag, result.n, 'after');
      await shootElement(fresh.page, selector, join(opts.out, file));
      result.after = file;
    } catch (error) {
      result.note = [result.note, `after: ${(error as Error).message.split('\n')[0]}`].filter(Boolean).join('; ');
    } finally {
      await fresh.context.close();
    }
  }
  return results;
}

/** Runs `jobs` with at most `limit` at a time. */
async function pool(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

async function main(): Promise<void> {
  let opts: ShotsOptions;
  try {
    opts = parseShotsArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  if (opts.build) {
    const built = spawnSync('npm', ['run', 'build:test', '--', '--outDir', opts.dist], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const dist = resolve(opts.dist);
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No build in ${opts.dist}/: run \`npm run build:test\`, pass --dist <folder>, or add --build.`);
    process.exit(1);
  }
  const sitePages = filterPages(pagesFromFiles(readdirSync(dist, { recursive: true, encoding: 'utf8' })), opts.only);
  if (sitePages.length === 0) {
    console.error(`No page of ${opts.dist}/ matches --only ${opts.only}.`);
    process.exit(1);
  }
  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(opts.out, { recursive: true });

  const server = createHeadersServer(dist, '/');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const choice = findChromium();
  const executablePath = choice.kind === 'env' || choice.kind === 'system' ? choice.path : undefined;
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_TEST_ARGS });

  const began = Date.now();
  const results: PageResult[] = sitePages.map((page) => ({ page, shots: [], widgets: [] }));
  const jobs: (() => Promise<void>)[] = [];
  let done = 0;
  const log = (what: string) => console.log(`[${String(++done).padStart(3)}/${jobs.length}] ${what} (${Math.round((Date.now() - began) / 1000)} s)`);
  for (const result of results) {
    // Widget jobs first: they are the longest, so the pool ends together.
    if (opts.widgets)
      jobs.push(async () => {
        try {
          result.widgets = await shootWidgets(browser, origin, opts, result.page);
          log(`${result.page.path}: ${result.widgets.length} widgets`);
        } catch (error) {
          log(`${result.page.path}: widgets FAILED ${(error as Error).message.split('\n')[0]}`);
        }
      });
  }
  for (const result of results)
    for (const width of opts.pages ? WIDTHS : [])
      for (const theme of THEMES)
        jobs.push(async () => {
          try {
            result.shots.push(await shootPage(browser, origin, opts, result.page, width, theme));
            log(`${result.page.path} ${width} ${theme}`);
          } catch (error) {
            const note = (error as Error).message.split('\n')[0] ?? 'failed';
            result.shots.push({ width, theme, file: null, note });
            log(`${result.page.path} ${width} ${theme} FAILED ${note}`);
          }
        });
  try {
    await pool(jobs, opts.concurrency);
  } finally {
    await browser.close();
    server.close();
  }
  const order = (s: { width: number; theme: string }) => WIDTHS.indexOf(s.width as (typeof WIDTHS)[number]) * 2 + THEMES.indexOf(s.theme as Theme);
  for (const result of results) result.shots.sort((a, b) => order(a) - order(b));
  const seconds = (Date.now() - began) / 1000;
  writeFileSync(join(opts.out, 'index.html'), contactSheet(results, { dist: opts.dist, date: new Date().toISOString(), seconds }));
  const failed = results.flatMap((r) => [...r.shots.filter((s) => !s.file), ...r.widgets.filter((w) => w.note)]).length;
  console.log(`Wrote ${join(opts.out, 'index.html')} in ${Math.round(seconds)} s${failed ? `; ${failed} screenshot(s) failed, see the sheet` : ''}.`);
}

await main();
