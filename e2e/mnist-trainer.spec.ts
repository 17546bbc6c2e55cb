import { expect, test, type Page } from '@playwright/test';
import { LESSON, TFJS_SIGNATURE, expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The <tk-mnist-trainer> widget on the "Start here" lesson, against the widget contract in DESIGN.md:
 * data-state idle → loading → running → done, a role="status" line that states the key figure in words,
 * real buttons and inputs usable from the keyboard.
 *
 * Both tests train (tfjs on SwiftShader WebGL or wasm is CPU-heavy on a small machine), so they run one
 * after the other in one worker.
 */
test.describe.configure({ mode: 'serial' });

const WIDGET = 'tk-mnist-trainer';

interface Focused {
  tag: string;
  name: string;
  inWidget: boolean;
}

/** The element that has keyboard focus (looking inside shadow roots), described for assertions. */
async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate((widget) => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const host = (el.getRootNode() as ShadowRoot).host as Element | undefined;
    const inWidget = !!el.closest(widget) || !!host?.closest(widget);
    // Accessible name, roughly: aria-label, else the <label> text without the control's own text, else the text.
    let labelText = el.getAttribute('aria-label');
    const label = (el as HTMLInputElement).labels?.[0];
    if (!labelText && label) {
      const copy = label.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('select, input, textarea').forEach((c) => c.remove());
      labelText = copy.textContent;
    }
    labelText ??= el.textContent ?? '';
    return { tag: el.tagName.toLowerCase(), name: labelText.replace(/\s+/g, ' ').trim(), inWidget };
  }, WIDGET);
}

/** Moves focus with Tab (then Shift+Tab) until a widget control whose name matches `name` has it. */
async function tabTo(page: Page, name: RegExp, maxPresses = 40): Promise<void> {
  // Forward first; if that overshoots, walk back twice as far (past the starting point).
  for (const [key, presses] of [
    ['Tab', maxPresses],
    ['Shift+Tab', 2 * maxPresses + 1],
  ] as const) {
    for (let i = 0; i < presses; i++) {
      const f = await focused(page);
      if (f?.inWidget && name.test(f.name)) return;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`Could not reach a widget control named ${name} with the keyboard`);
}

async function state(page: Page): Promise<string | null> {
  return page.locator(WIDGET).getAttribute('data-state');
}

/** Waits until the widget settles in `done` (or `error`, reported with the widget's own message). */
async function waitForDone(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction((w) => ['done', 'error'].includes(document.querySelector(w)?.getAttribute('data-state') ?? ''), WIDGET, {
    timeout,
    polling: 500,
  });
  const status = await page.locator(WIDGET).getByRole('status').first().innerText();
  expect(await state(page), `widget ended in error: ${status}`).toBe('done');
}

async function openLesson(page: Page): Promise<void> {
  await page.goto(LESSON);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  await expect(page.locator(WIDGET)).toHaveAttribute('data-state', 'idle');
  // Record every data-state the widget goes through, so short-lived states are not missed.
  await page.evaluate((w) => {
    const el = document.querySelector(w)!;
    const seen: string[] = [el.getAttribute('data-state') ?? ''];
    (window as unknown as { __states: string[] }).__states = seen;
    new MutationObserver(() => {
      const s = el.getAttribute('data-state') ?? '';
      if (seen[seen.length - 1] !== s) seen.push(s);
    }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
  }, WIDGET);
}

const statesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __states: string[] }).__states);

test('keyboard only: reach the controls, start, watch it run, stop', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const problems = watchForProblems(page);
  await openLesson(page);
  const status = page.locator(WIDGET).getByRole('status').first();
  const initialStatus = (await status.innerText()).trim();

  // Tab from the top of the page through the widget, noting every control that takes focus.
  const stops: Focused[] = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f?.inWidget) stops.push(f);
    else if (stops.length > 0) break; // focus has left the widget
  }
  const names = stops.map((s) => `${s.tag}: ${s.name}`);
  expect(
    names.some((n) => /^button: .*start/i.test(n)),
    `Start button in focus order: ${names.join(' | ')}`,
  ).toBe(true);
  expect(stops.length, `settings reachable too: ${names.join(' | ')}`).toBeGreaterThanOrEqual(3);
  // The backend is a secondary setting: "More settings" is in the focus order, and opening it from the keyboard reaches the picker.
  expect(
    names.some((n) => /^summary: more settings/i.test(n)),
    `"More settings" in focus order: ${names.join(' | ')}`,
  ).toBe(true);
  await tabTo(page, /more settings/i);
  await page.keyboard.press('Enter');
  const inside: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f?.inWidget) inside.push(`${f.tag}: ${f.name}`);
  }
  expect(
    inside.some((n) => /backend/i.test(n)),
    `backend picker reached after opening "More settings": ${inside.join(' | ')}`,
  ).toBe(true);

  await tabTo(page, /start/i);
  await page.keyboard.press('Enter');
  await expect.poll(() => state(page), { timeout: 120_000, message: 'training starts' }).toBe('running');
  const seen = await statesSeen(page);
  expect(seen.indexOf('loading'), `states seen: ${seen.join(' → ')}`).toBeGreaterThan(0);
  expect(seen.indexOf('running')).toBeGreaterThan(seen.indexOf('loading'));
  await expect(status).not.toHaveText(initialStatus);
  await expect(status).toContainText(/epoch \d+ of \d+/i);

  // Stop from the keyboard (focus moves to Stop when Start is pressed from the keyboard).
  await tabTo(page, /^stop$/i);
  await page.keyboard.press('Space');
  await expect.poll(() => state(page), { timeout: 30_000, message: 'training stops' }).toMatch(/^(done|idle)$/);
  await expect(status).toContainText(/stopped/i);
  // Focus is back on a live control, ready to start again.
  expect((await focused(page))?.name).toMatch(/train again|start/i);
  expect(problems).toEqual([]);
});

test('a full run with the defaults reaches at least 85% test accuracy', async ({ page }) => {
  test.setTimeout(7 * 60_000);
  const problems = watchForProblems(page);
  // Scripts that are TensorFlow.js (page or worker): none before Start, some after.
  const tfjsScripts: string[] = [];
  page.on('response', async (response) => {
    if (!/\.m?js$/.test(new URL(response.url()).pathname)) return;
    const body = await response.body().catch(() => null);
    if (body?.includes(TFJS_SIGNATURE)) tfjsScripts.push(response.url());
  });
  await openLesson(page);
  await page.waitForLoadState('networkidle');
  expect(tfjsScripts, 'no TensorFlow.js before Start').toEqual([]);
  const widget = page.locator(WIDGET);
  const status = widget.getByRole('status').first();

  const started = Date.now();
  await widget.getByRole('button', { name: /start/i }).click();
  await waitForDone(page, 6 * 60_000);
  const seconds = (Date.now() - started) / 1000;

  const text = (await status.innerText()).replace(/\s+/g, ' ');
  const match = /Test accuracy (\d+(?:\.\d+)?)% after (\d+) epochs?/.exec(text);
  expect(match, `status states the test accuracy in words: "${text}"`).not.toBeNull();
  const accuracy = Number(match![1]);
  const backend = /Running on (WebGPU|WebGL|WebAssembly|CPU)( \([^)]*\))?/.exec(await widget.innerText())?.[0];
  const summary = `MNIST trainer: test accuracy ${accuracy}% after ${match![2]} epoch(s); ${seconds.toFixed(1)} s from Start to done; ${backend ?? 'backend not stated'}`;
  console.log(summary);
  test.info().annotations.push({ type: 'mnist-trainer', description: summary });

  expect(accuracy).toBeGreaterThanOrEqual(85);
  expect(tfjsScripts.length, 'TensorFlow.js is loaded once Start is pressed').toBeGreaterThan(0);
  expect(backend, 'the widget says which backend it ran on').toBeDefined();
  expect(await statesSeen(page)).toEqual(expect.arrayContaining(['loading', 'running', 'done']));

  // The grid of test digits with the network's predictions, mistakes marked.
  const grid = widget.getByRole('figure', { name: /test digits/i });
  await expect(grid).toBeVisible();
  await expect(grid).toContainText(/mistake/i);
  const digits = grid.getByRole('listitem');
  expect(await digits.count(), 'test digits are shown').toBeGreaterThan(0);
  await expect(digits.first()).toContainText(/predicted \d/);
  expect(Number(await widget.getAttribute('data-test-accuracy'))).toBeCloseTo(accuracy / 100, 3);

  await expectNoAxeViolations(page, 'lesson after training');
  expect(problems).toEqual([]);
});

test('a lost GPU context keeps the finished epochs and training continues on another backend', async ({ page }) => {
  test.setTimeout(5 * 60_000);
  const problems = watchForProblems(page);
  await openLesson(page);
  const widget = page.locator(WIDGET);
  const status = widget.getByRole('status').first();

  // WebGL by name (honoured even where it runs in software), a small run of two epochs. The backend and
  // the number of images are secondary settings, under "More settings".
  await widget.getByText('More settings').click();
  await widget.getByLabel('Backend').selectOption('webgl');
  await widget.getByLabel('Training images').selectOption('10000');
  await widget.getByLabel('Epochs').selectOption('2');
  await widget.getByRole('button', { name: /start/i }).click();
  await expect(status).toContainText(/epoch 2 of 2/i, { timeout: 180_000 });
  await expect(widget).toContainText(/Running on WebGL/);

  // The browser reclaims the GPU: the run stops and says so in plain words.
  await widget.evaluate((el) => (el as HTMLElement & { loseContext(): void }).loseContext());
  await expect(widget).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await expect(status).toContainText(/error/i);
  await expect(widget).toContainText(/weights after 1 epoch are kept/i);

  // Continue from the kept weights on WebAssembly: only the second epoch is left to train.
  await widget.getByRole('button', { name: /continue on webassembly/i }).click();
  await waitForDone(page, 180_000);
  await expect(widget).toContainText(/Running on WebAssembly/);
  const text = (await status.innerText()).replace(/\s+/g, ' ');
  const match = /Test accuracy (\d+(?:\.\d+)?)% after 2 epochs/.exec(text);
  expect(match, `status after resuming: "${text}"`).not.toBeNull();
  expect(Number(match![1])).toBeGreaterThanOrEqual(85);
  expect(problems).toEqual([]);
});
