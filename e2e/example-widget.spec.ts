import { expect, test, type Page } from '@playwright/test';
import { watchForProblems } from './helpers.ts';

/**
 * The example widget of src/widgets/README.md (src/widgets/example-trainer/, on the test-only page
 * /dev/example-trainer/) against the widget contract: data-state idle → loading → running → done,
 * a role="status" line in words, labelled controls reached and used from the keyboard, and Stop.
 * It is the kit's smallest user, so this also checks the kit (src/widgets/shared/trainer.ts) end to end.
 */
const PAGE = './dev/example-trainer/';
const WIDGET = 'tk-example-trainer';

async function open(page: Page): Promise<void> {
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  await expect(page.locator(WIDGET)).toHaveAttribute('data-state', 'idle');
  // Record every data-state, so short-lived states are not missed.
  await page.evaluate((w) => {
    const el = document.querySelector(w)!;
    const seen = [el.getAttribute('data-state') ?? ''];
    (window as unknown as { __states: string[] }).__states = seen;
    new MutationObserver(() => {
      const s = el.getAttribute('data-state') ?? '';
      if (seen.at(-1) !== s) seen.push(s);
    }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
  }, WIDGET);
}

const statesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __states: string[] }).__states);

test.describe('example widget', { tag: '@dev-pages' }, () => {
  test('Start trains to done: idle → loading → running → done, the fitted line in words', async ({ page }) => {
    const problems = watchForProblems(page);
    await open(page);
    const widget = page.locator(WIDGET);
    const status = widget.getByRole('status');
    await expect(status).toHaveText(/^Ready/);
    await expect(widget.getByLabel('Epochs')).toHaveValue('500');
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    expect(await statesSeen(page)).toEqual(['idle', 'loading', 'running', 'done']);
    // y = 2x + 1 with a little noise: gradient descent finds it.
    await expect(status).toHaveText(/^Fitted y = (1\.9\d|2\.0\d)x \+ (0\.9\d|1\.0\d) \(loss 0\.\d{4}\) after 500 epochs$/);
    await expect(widget.getByRole('button', { name: 'Train again' })).toBeEnabled();
    await expect(widget.getByRole('button', { name: 'Stop' })).toBeDisabled();
    expect(problems).toEqual([]);
  });

  test('keyboard only: choose a setting, start, stop; focus follows the run', async ({ page }) => {
    await open(page);
    const widget = page.locator(WIDGET);
    const status = widget.getByRole('status');
    const epochs = widget.getByLabel('Epochs');
    await epochs.focus();
    await page.keyboard.press('ArrowDown'); // 500 → 5000 epochs: long enough to stop
    await expect(epochs).toHaveValue('5000');
    await page.keyboard.press('Tab'); // learning rate
    await page.keyboard.press('Tab'); // Start
    await expect(widget.getByRole('button', { name: 'Start training' })).toBeFocused();
    await page.keyboard.press('Enter');
    const stop = widget.getByRole('button', { name: 'Stop' });
    await expect(stop).toBeFocused(); // focus moves to Stop when Start is pressed from the keyboard
    await expect(widget).toHaveAttribute('data-state', 'running');
    await expect(status).toHaveText(/^Training: epoch \d+ of 5000 · loss \d+\.\d{4}$/);
    await expect(widget.getByLabel('Epochs')).toBeDisabled();
    await page.keyboard.press('Space');
    await expect(widget).toHaveAttribute('data-state', 'idle');
    await expect(status).toHaveText(/^Stopped after \d+ epochs: y = -?\d+\.\d{2}x \+ -?\d+\.\d{2} \(loss \d+\.\d{4}\)$/);
    await expect(widget.getByRole('button', { name: 'Train again' })).toBeFocused(); // back on Start
  });

  test('removed from the page mid-run: one message, back to idle, nothing more happens', async ({ page }) => {
    await open(page);
    const widget = page.locator(WIDGET);
    await widget.getByLabel('Epochs').selectOption('5000');
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'running');
    const after = await page.evaluate(async (w) => {
      const el = document.querySelector(w)!;
      const parent = el.parentElement!;
      el.remove();
      await new Promise((r) => setTimeout(r, 300)); // the run would have sent messages meanwhile
      parent.append(el);
      return { state: el.getAttribute('data-state'), status: el.querySelector('[role="status"]')!.textContent };
    }, WIDGET);
    expect(after).toEqual({ state: 'idle', status: 'Stopped: the widget was removed from the page' });
  });
});
