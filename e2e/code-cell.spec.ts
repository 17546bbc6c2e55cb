import { readFileSync, readdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSON, expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * Code cells (<tk-code-cell>) and exercises, end to end: editing, running, output, errors with
 * their line, Stop and the time limit (the page stays responsive), saved code, shared links,
 * and every exercise's solution passing and starter failing its grader.
 */

const EXERCISES_PAGE = './dev/exercises/';
const EXERCISE_IDS = readdirSync(new URL('../content/exercises/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/**
 * How long one run of an exercise may take here: its own time limit (timeLimitSeconds in exercise.yaml,
 * default 300 s) plus a minute for loading and grading, and never less than the 180 s the quick ones get.
 */
function runTimeoutMs(id: string): number {
  const yaml = readFileSync(new URL(`../content/exercises/${id}/exercise.yaml`, import.meta.url), 'utf8');
  const seconds = Number(/^timeLimitSeconds:\s*(\d+)/m.exec(yaml)?.[1] ?? 300);
  return Math.max(180, seconds + 60) * 1000;
}

/** What the starter's grade must list, for exercises whose grade says which checks failed. */
const STARTER_DETAILS: Record<string, RegExp[]> = {
  fgsm: [/^[\d,]+ pixels outside \[0, 1\]/, /^max \|δ\| = 0\.1\d* > ε = 0\.1 on image \d+/, /^Success \d+\.\d% < 60%/],
};

const cell = (page: Page, id: string) => page.locator(`tk-code-cell[data-cell-id="${id}"]`);
const statusOf = (c: Locator) => c.locator('[data-part="status"]');

/** Replace the code in a cell's editor by typing (select all, then insert the text). */
async function typeCode(c: Locator, code: string): Promise<void> {
  await c.locator('[data-part="static"], .cm-content').first().click();
  await expect(c).toHaveAttribute('data-editor', 'ready');
  const content = c.locator('.cm-content');
  await content.focus();
  await c.page().keyboard.press('ControlOrMeta+A');
  await c.page().keyboard.insertText(code);
}

async function run(c: Locator): Promise<void> {
  await c.locator('[data-part="run"]').click();
}

/** Choose a secondary action from the cell's "More actions" menu. */
async function fromMenu(c: Locator, part: string): Promise<void> {
  await c.getByRole('button', { name: 'More actions' }).click();
  await c.locator(`[data-part="${part}"]`).click();
}

test.describe('a free code cell', () => {
  test('runs typed code in a worker and streams its output as it is produced @subpath', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    await typeCode(
      c,
      "print('start');\nfor (let i = 1; i <= 3; i++) {\n  print('step ' + i);\n  await new Promise((r) => setTimeout(r, 700));\n}\nreturn 42;",
    );
    await run(c);
    // The first line shows while the code is still running.
    await expect(c.locator('[data-part="output"]')).toContainText('step 1');
    await expect(c).toHaveAttribute('data-state', 'running');
    await expect(c).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(c.locator('[data-part="output"]')).toContainText('step 3');
    await expect(statusOf(c)).toContainText(/Ran in .*returned .*42/);
    expect(problems).toEqual([]);
  });

  test('reports a syntax error with its line before running anything', async ({ page }) => {
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    await typeCode(c, "print('this must not run');\nconst x = ;\n");
    await run(c);
    await expect(c).toHaveAttribute('data-state', 'error');
    await expect(statusOf(c)).toContainText('Syntax error on line 2');
    await expect(c.locator('[data-part="output"]')).not.toContainText('this must not run');
    await expect(c.locator('.cm-line.tk-cm-error-line')).toHaveCount(1);
    await expect(c.locator('.cm-line.tk-cm-error-line')).toContainText('const x = ;');
  });

  test('reports an exception with the line it came from, highlighted in the editor', async ({ page }) => {
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    await typeCode(c, "print('before');\nconst a = 1;\nundefinedFunction(a);\n");
    await run(c);
    await expect(c).toHaveAttribute('data-state', 'error');
    await expect(statusOf(c)).toContainText(/ReferenceError on line 3: undefinedFunction is not defined/);
    await expect(c.locator('.cm-line.tk-cm-error-line')).toContainText('undefinedFunction(a);');
    await expect(c.locator('[data-part="output"]')).toContainText('before');
  });

  test('Stop ends `while (true) {}` at once and the page stays responsive', async ({ page }) => {
    // The frame gaps meanwhile are a benchmark figure (npm run bench -- --only responsiveness).
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    await typeCode(c, "print('spinning');\nwhile (true) {}\n");
    await run(c);
    await expect(c.locator('[data-part="output"]')).toContainText('spinning');
    await page.waitForTimeout(1500);
    // The loop spins in the worker: the page's own script still answers (a frozen page would not),
    // and other controls on the page still respond.
    expect(await c.evaluate((el) => el.getAttribute('data-state'))).toBe('running');
    await page.locator('[data-part="stop"]').first().focus();
    await c.locator('[data-part="stop"]').click();
    await expect(c).toHaveAttribute('data-state', 'idle', { timeout: 2_000 });
    await expect(statusOf(c)).toContainText(/^Stopped after/);
  });

  test('the time limit stops runaway code and says so', { tag: '@dev-pages' }, async ({ page }) => {
    await page.goto(EXERCISES_PAGE);
    const c = cell(page, 'dev-time-limit');
    await run(c);
    await expect(c).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
    await expect(statusOf(c)).toContainText(/still running after 2(\.0)? s, the time limit of this cell, so it was stopped/);
  });

  test('saves code as it is typed and restores it after a reload', async ({ page }) => {
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    await typeCode(c, "print('kept across reloads');\n");
    await page.waitForTimeout(800); // the save is debounced
    await page.reload();
    await expect(c.locator('[data-part="static"]')).toContainText("print('kept across reloads');");
    await expect(statusOf(c)).toContainText('Your code from last time is back');
  });

  test('reset asks first, and the starter comes back only after Yes', async ({ page }) => {
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    await typeCode(c, "print('mine');\n");
    await fromMenu(c, 'reset');
    await expect(c.locator('[data-part="confirm"]')).toBeVisible();
    await c.locator('[data-part="confirm-no"]').click();
    // Cancel returns focus to the menu button (the menu closed when the action was chosen).
    await expect(c.getByRole('button', { name: 'More actions' })).toBeFocused();
    await expect(c.locator('.cm-content')).toContainText("print('mine');");
    await fromMenu(c, 'reset');
    await c.locator('[data-part="confirm-yes"]').click();
    await expect(c.locator('.cm-content')).not.toContainText("print('mine');");
    await expect(statusOf(c)).toContainText('The starter code is back');
  });

  test('code from a shared link is shown but does not run, and the reader can go back to their own @subpath', async ({ page, context }) => {
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    await typeCode(c, "print('my own code');\n");
    await page.waitForTimeout(800);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await typeCode(c, "globalThis.ranFromLink = true;\nprint('from a link');\n");
    await fromMenu(c, 'share');
    await expect(statusOf(c)).toContainText('A link to this code is copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    // Go back to the reader's own code before opening the link.
    await typeCode(c, "print('my own code');\n");
    await page.waitForTimeout(800);

    const other = await context.newPage();
    await other.goto(link);
    const shared = cell(other, 'first-tensors');
    await expect(shared.locator('[data-part="notice"]')).toContainText('This code came from a link');
    await expect(shared.locator('[data-part="static"]')).toContainText("print('from a link');");
    await other.waitForTimeout(1000);
    await expect(shared).toHaveAttribute('data-state', 'idle');
    await expect(shared.locator('[data-part="output"]')).toBeHidden();
    await shared.getByRole('button', { name: 'Go back to my own code' }).click();
    await expect(shared.locator('[data-part="static"], .cm-content').first()).toContainText("print('my own code');");
  });

  test('from the keyboard: Tab walks through the cell, typing makes Tab indent, Esc then Tab leaves, Ctrl+Enter runs', async ({ page }) => {
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    // Focus the control before the code, then Tab into it: the editor opens and takes focus.
    await c.locator('.cell-head').evaluate((el) => {
      el.setAttribute('tabindex', '-1');
      (el as HTMLElement).focus();
    });
    await page.keyboard.press('Tab');
    await expect(c).toHaveAttribute('data-editor', 'ready');
    const editor = c.locator('[data-part="editor"] .cm-content');
    await expect(editor).toBeFocused();
    // Passing through: the next Tab leaves the editor without changing the code.
    await page.keyboard.press('Tab');
    await expect(editor).not.toBeFocused();
    await expect(c.locator('[data-part="run"]')).toBeFocused();

    // Back in, typing: now Tab indents, and Esc then Tab moves on.
    await page.keyboard.press('Shift+Tab');
    await expect(editor).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText("print('typed');");
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    await expect(editor).toBeFocused();
    await expect(editor).toContainText("  print('typed');");
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(c).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(c.locator('[data-part="output"]')).toContainText('typed');
    await editor.focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(c.locator('[data-part="run"]')).toBeFocused();
  });

  test('reader code cannot reach the page, its storage or its cookies', async ({ page }) => {
    await page.goto(LESSON);
    const c = cell(page, 'first-tensors');
    await typeCode(c, 'print(typeof document, typeof window, typeof localStorage, typeof sessionStorage);\n');
    await run(c);
    await expect(c).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(c.locator('[data-part="output"]')).toContainText('undefined undefined undefined undefined');
    // Nothing returned, so the status says only how long it ran.
    await expect(statusOf(c)).toHaveText(/^Ran in [\d.]+ ?m?s\.$/);
  });
});

test.describe('a calm cell: one Run, the rest in a menu', () => {
  test('the "More actions" menu opens and closes from the keyboard, and Escape puts focus back', async ({ page }) => {
    await page.goto(LESSON);
    const c = cell(page, 'sigmoid');
    const more = c.getByRole('button', { name: 'More actions' });
    await expect(c.getByRole('button')).toHaveText(['Run', 'Hint (1 of 3)', /^More/]);
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(c.locator('[data-part="reset"]')).toBeHidden();
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    const panel = c.locator(`#${await more.getAttribute('aria-controls')}`);
    await expect(panel).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(c.locator('[data-part="reset"]')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(c.locator('[data-part="show-solution"]')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toBeFocused();
    // A click elsewhere closes it too.
    await more.click();
    await expect(panel).toBeVisible();
    await c.locator('.cell-instructions').click();
    await expect(panel).toBeHidden();
    await expectNoAxeViolations(page, 'lesson with a code cell menu');
  });

  test('plain JavaScript has no backend setting and no backend notice; TensorFlow.js cells have both where it matters @subpath', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(LESSON);
    const plain = cell(page, 'sigmoid');
    await expect(plain).toHaveAttribute('data-tfjs', 'false');
    await expect(plain.locator('select')).toHaveCount(0);
    await run(plain);
    await expect(plain).toHaveAttribute('data-result', 'fail', { timeout: 60_000 });
    await expect(plain.locator('[data-part="backend-notice"]')).toBeHidden();
    await expect(plain).not.toContainText('was not used');

    await page.goto('./lessons/images-are-matrices/');
    const tfCell = cell(page, 'tf-conv2d');
    await expect(tfCell).toHaveAttribute('data-tfjs', 'true');
    const backend = tfCell.getByLabel('Backend');
    await expect(backend).toBeHidden(); // under the menu's settings
    await run(tfCell);
    await expect(tfCell).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    // Auto took the fastest path there is: nothing to say in the cell; the settings say where it ran.
    await expect(tfCell.locator('[data-part="backend-notice"]')).toBeHidden();
    await tfCell.getByRole('button', { name: 'More actions' }).click();
    await expect(tfCell.locator('[data-part="backend-detail"]')).toContainText(/^Ran on /);
    // Asking for WebGL under SwiftShader: the run is slow (software) or falls back; either way the cell says so.
    await backend.selectOption('webgl');
    await run(tfCell);
    await expect(tfCell).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(tfCell.locator('[data-part="backend-notice"]')).toContainText(/draws in software|WebGL could not be used/);
  });

  test(
    'the solution shows once: taken into the editor, its view closes and the reader can put their own code back',
    { tag: '@dev-pages' },
    async ({ page }) => {
      await page.goto(EXERCISES_PAGE);
      const c = cell(page, 'sigmoid');
      await typeCode(c, '// my draft\nfunction sigmoid(x) { return x; }\n');
      await fromMenu(c, 'show-solution');
      await c.locator('[data-part="confirm-yes"]').click();
      await expect(c.locator('[data-part="solution"]')).toBeVisible();
      await c.locator('[data-part="use-solution"]').click();
      await expect(c.locator('[data-part="solution"]')).toBeHidden();
      const editor = c.locator('[data-part="editor"] .cm-content');
      await expect(editor).toContainText('Math.exp(-x)');
      await expect(c.locator('.cell-static--readonly:visible')).toHaveCount(0);
      await fromMenu(c, 'restore-draft');
      await expect(editor).toContainText('// my draft');
      await expect(c.locator('[data-part="restore-draft"]')).toBeHidden();
      // Undo still works too: the solution comes back, then the draft again.
      await editor.focus();
      await page.keyboard.press('ControlOrMeta+Z');
      await expect(editor).toContainText('Math.exp(-x)');
    },
  );

  test('at 375 px the cell is as wide as the screen, long lines wrap, and nothing overflows the page', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(LESSON);
    const c = cell(page, 'mnist-90');
    const box = await c.boundingBox();
    expect(box?.x).toBe(0);
    expect(box?.width).toBe(375);
    const code = c.locator('[data-part="static"] pre');
    expect(await code.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await c.locator('[data-part="static"]').click();
    await expect(c).toHaveAttribute('data-editor', 'ready');
    const scroller = c.locator('.cm-scroller');
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await c.getByRole('button', { name: 'More actions' }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  });
});

test('a new starter never overwrites what the reader typed: they can compare, then choose the new one', async ({ page }) => {
  await page.goto(LESSON);
  // The reader's code grew from an older starter (its hash differs from today's).
  await page.evaluate(() => {
    const now = new Date().toISOString();
    localStorage.setItem(
      'tinker-progress',
      JSON.stringify({
        version: 2,
        lessons: {},
        exercises: {},
        quizzes: {},
        cells: { sigmoid: { code: 'function sigmoid(x) {\n  return 0.5; // my attempt\n}\n', starterHash: '0badc0de', savedAt: now } },
      }),
    );
  });
  await page.reload();
  const c = cell(page, 'sigmoid');
  await expect(c.locator('[data-part="notice"]')).toContainText('The starter code of this exercise has changed');
  await expect(c.locator('[data-part="static"]')).toContainText('// my attempt');
  await c.getByRole('button', { name: 'Compare with the new starter' }).click();
  await expect(c.locator('.cell-compare')).toContainText('Your code');
  await expect(c.locator('.cell-compare')).toContainText('New starter');
  await expectNoAxeViolations(page, 'lesson with a starter comparison');
  await c.getByRole('button', { name: 'Use the new starter' }).click();
  await c.locator('[data-part="confirm-yes"]').click();
  const editor = c.locator('[data-part="editor"] .cm-content');
  await expect(editor).not.toContainText('// my attempt');
  await expect(editor).toContainText('function sigmoid(x)');
  await expect(c.locator('[data-part="notice"]')).toBeHidden();
  // Undo brings the reader's code back: nothing typed is lost.
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(editor).toContainText('// my attempt');
});

test.describe('exercises', { tag: '@dev-pages' }, () => {
  test.describe.configure({ mode: 'serial' });

  test('the exercise page lists every exercise folder', async ({ page }) => {
    await page.goto(EXERCISES_PAGE);
    const ids = await page.locator('tk-code-cell[data-kind="exercise"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-id')));
    expect(ids.sort()).toEqual(EXERCISE_IDS);
  });

  for (const id of EXERCISE_IDS) {
    test(`"${id}": the starter fails its grader and the solution passes`, async ({ page }) => {
      const runTimeout = runTimeoutMs(id);
      test.setTimeout(2 * runTimeout + 60_000);
      const problems = watchForProblems(page);
      await page.goto(EXERCISES_PAGE);
      const c = cell(page, id);

      await run(c);
      await expect(c).toHaveAttribute('data-result', 'fail', { timeout: runTimeout });
      await expect(statusOf(c)).toContainText(/^Not passed yet/);
      for (const [i, detail] of (STARTER_DETAILS[id] ?? []).entries()) await expect(c.locator('.tk-grade__details li').nth(i)).toHaveText(detail);

      await fromMenu(c, 'show-solution');
      await c.locator('[data-part="confirm-yes"]').click();
      await c.locator('[data-part="use-solution"]').click();
      await expect(statusOf(c)).toContainText('The solution is in the editor');
      // One copy of the solution on the page: its view closes once it is in the editor.
      await expect(c.locator('[data-part="solution"]')).toBeHidden();
      await run(c);
      await expect(c).toHaveAttribute('data-result', 'pass', { timeout: runTimeout });
      await expect(statusOf(c)).toContainText(/^Passed/);
      await expect(statusOf(c)).toHaveAttribute('data-verdict', 'pass');
      await expect(c.locator('[data-part="badge"]')).toContainText('Passed');
      expect(problems).toEqual([]);
    });
  }

  test('hints appear one at a time; a passed exercise shows on the course map; axe passes', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(LESSON);
    const c = cell(page, 'sigmoid');
    const hints = c.locator('[data-hint]');
    const total = await hints.count();
    expect(total).toBeGreaterThan(1);
    await expect(hints.first()).toBeHidden();
    await c.locator('[data-part="hint"]').click();
    await expect(hints.nth(0)).toBeVisible();
    await expect(hints.nth(1)).toBeHidden();
    await expect(hints.nth(0)).toBeFocused();

    // A wrong answer: the verdict is said once, in the status line; the output lists the checks.
    await typeCode(c, 'function sigmoid(x) {\n  return 0.5;\n}\n');
    await run(c);
    await expect(c).toHaveAttribute('data-result', 'fail', { timeout: 60_000 });
    await expect(statusOf(c)).toHaveAttribute('data-verdict', 'fail');
    await expect(statusOf(c)).toContainText(/^Not passed yet/);
    await expect(c.getByText(/Not passed yet\./)).toHaveCount(1);
    await expect(c.locator('.tk-grade__verdict')).toHaveCount(0);
    await expect(c.locator('.tk-grade__details li', { hasText: 'Fail: sigmoid(2)' })).toBeVisible();
    await expect(c.locator('[data-part="hint"]')).toBeVisible();

    await typeCode(c, 'function sigmoid(x) {\n  return 1 / (1 + Math.exp(-x));\n}\n');
    await run(c);
    await expect(c).toHaveAttribute('data-result', 'pass', { timeout: 60_000 });
    await expect(statusOf(c)).toHaveAttribute('data-verdict', 'pass');
    await expect(c.getByText(/^Passed\./)).toHaveCount(1);
    await expect(c.locator('.tk-grade__verdict')).toHaveCount(0);
    // A passed exercise shows its success, not more hints.
    await expect(c.locator('[data-part="hint"]')).toBeHidden();
    await expect(hints.nth(0)).toBeHidden();
    await expectNoAxeViolations(page, 'lesson with a graded code cell');
    // Still passed after a reload: no hints offered.
    await page.reload();
    await expect(c.locator('[data-part="badge"]')).toContainText('Passed');
    await expect(c.locator('[data-part="hint"]')).toBeHidden();

    await page.goto('./');
    const card = page.locator('.card', { hasText: 'Start here' });
    await expect(card).toContainText(/Exercises?:? 1 of \d+/);
  });
});
