import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { LESSON, expectNoAxeViolations, watchForProblems } from './helpers.ts';

// Saved progress (src/widgets/shared/saved-progress.ts): one JSON record in localStorage, format 2
// (src/lib/progress/types.ts). Tests seed it by writing localStorage directly.
const KEY = 'tinker-progress';
const KEPT_PREFIX = 'tinker-progress-kept-';
const PROGRESS = './progress/';
const SLUG = 'start-here';
const T = '2025-01-01T00:00:00.000Z';

const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), KEY);
const setStored = (page: Page, text: string) => page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, text] as const);
const keptCopies = (page: Page) =>
  page.evaluate((prefix) => {
    const copies: Record<string, string | null> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix)) copies[key] = localStorage.getItem(key);
    }
    return copies;
  }, KEPT_PREFIX);

/** A format-2 record: the lesson read, and optionally exercises passed and quizzes answered. */
function progressRecord(options: { exercises?: string[]; correct?: string[]; wrong?: string[]; code?: Record<string, string> } = {}) {
  return {
    version: 2,
    lessons: { [SLUG]: { readAt: T } },
    exercises: Object.fromEntries((options.exercises ?? []).map((id) => [id, { passedAt: T, figure: 1 }])),
    quizzes: Object.fromEntries([
      ...(options.correct ?? []).map((id) => [id, { answer: { kind: 'choice', selected: [0] }, correct: true, answeredAt: T }]),
      ...(options.wrong ?? []).map((id) => [id, { answer: { kind: 'choice', selected: [1] }, correct: false, answeredAt: T }]),
    ]),
    cells: Object.fromEntries(Object.entries(options.code ?? {}).map(([id, code]) => [id, { code, starterHash: '', savedAt: T }])),
  };
}

const card = (page: Page) => page.locator(`[data-lesson-progress="${SLUG}"]`);
const ids = (text: string | null) => (text ?? '').split(' ').filter(Boolean);

/** Opens a confirmation dialog with `open`, checks its title, then answers it. */
async function confirmDialog(page: Page, open: () => Promise<void>, title: RegExp, answer: 'confirm' | 'cancel') {
  await open();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText(title);
  if (answer === 'cancel') await dialog.getByRole('button', { name: 'Cancel' }).click();
  else await dialog.locator('[data-part="confirm-yes"]').click();
  await expect(dialog).toBeHidden();
}

test('a lesson read to its end shows as read on the course map @subpath', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('./');
  await expect(card(page)).toHaveText(/Not started/);

  await page.goto(LESSON);
  const mark = page.locator('[data-lesson-read]');
  const status = mark.getByRole('status');
  // Reaching the end of the lesson marks it read.
  await mark.scrollIntoViewIfNeeded();
  await expect(status).toHaveText('You have read this lesson.');
  await expect(mark.getByRole('button', { name: 'Mark as read' })).toBeHidden();
  expect(JSON.parse((await stored(page)) ?? '{}')).toMatchObject({ version: 2, lessons: { [SLUG]: { readAt: expect.any(String) } } });

  await page.goto('./');
  await expect(card(page)).toHaveText(/^Your progress: ✓ Read/);
  await expect(card(page)).not.toHaveText(/Not started/);
  expect(problems).toEqual([]);
});

test('the "Mark as read" button marks a lesson read', async ({ page }) => {
  // Without IntersectionObserver, reaching the end does not mark the lesson read: only the button does.
  await page.addInitScript(() => {
    delete (window as { IntersectionObserver?: unknown }).IntersectionObserver;
  });
  await page.goto(LESSON);
  const mark = page.locator('[data-lesson-read]');
  await mark.scrollIntoViewIfNeeded();
  await expect(mark.getByRole('status')).toHaveText('Not marked as read yet.');
  // Nothing marks it read before the button (the visit itself may be saved already, as where the reader is).
  expect(JSON.parse((await stored(page)) ?? '{}').lessons ?? {}).toEqual({});
  const button = mark.getByRole('button', { name: 'Mark as read' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(mark.getByRole('status')).toHaveText('You have read this lesson.');
  await expect(button).toBeHidden();
  await page.reload();
  await expect(mark.getByRole('status')).toHaveText('You have read this lesson.');
});

test('the course map counts the passed exercises and quiz answers of each lesson @subpath', async ({ page }) => {
  await page.goto('./');
  const exercises = ids(await card(page).getAttribute('data-exercises'));
  const quizzes = ids(await card(page).getAttribute('data-quizzes'));
  expect(exercises.length + quizzes.length, 'the first lesson has exercises or quizzes').toBeGreaterThan(0);
  await setStored(
    page,
    JSON.stringify(progressRecord({ exercises: exercises.slice(0, 1), correct: quizzes.slice(0, 1), wrong: quizzes.slice(1, 2) })),
  );
  await page.reload();
  await expect(card(page)).toContainText('Read');
  if (exercises.length > 1) await expect(card(page)).toContainText(`Exercises 1 of ${exercises.length} passed`);
  if (exercises.length === 1) await expect(card(page)).toContainText('Exercise passed');
  if (quizzes.length > 1) await expect(card(page)).toContainText(`Quizzes 1 of ${quizzes.length} answered correctly`);
  if (quizzes.length === 1) await expect(card(page)).toContainText('Quiz answered correctly');
  // The progress page says the same.
  await page.goto(PROGRESS);
  const row = page.locator(`[data-lesson-row="${SLUG}"]`);
  await expect(row).toContainText('Read');
  if (quizzes.length > 1) await expect(row).toContainText(`Quizzes 1 of ${quizzes.length} answered correctly`);
});

test('export, then import in a fresh browser, restores progress @subpath', async ({ page, browser }) => {
  const record = progressRecord({
    exercises: ['sigmoid'],
    correct: ['softmax-sum'],
    code: { sigmoid: 'function sigmoid(x) {\n  return 1 / (1 + Math.exp(-x));\n}\n' },
  });
  await page.goto(PROGRESS);
  await setStored(page, JSON.stringify(record));
  await page.reload();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tinker-progress-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(page.locator('#progress-status')).toContainText('Exported your progress');
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported).toMatchObject({ app: 'tinker', exportedAt: expect.any(String), data: record });

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    const problems = watchForProblems(other);
    await other.goto(PROGRESS);
    expect(await stored(other)).toBeNull();
    const input = other.getByLabel('Progress file to import (.json)');

    // Files that are not Tinker progress are refused, and nothing changes.
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, not json') });
    await expect(other.locator('#progress-status')).toContainText('it is not JSON');
    await input.setInputFiles({ name: 'package.json', mimeType: 'application/json', buffer: Buffer.from('{"name":"x","version":"1.0.0"}') });
    await expect(other.locator('#progress-status')).toContainText('not a Tinker progress file');
    const damaged = JSON.stringify({ app: 'tinker', data: { version: 2, lessons: 'oops' } });
    await input.setInputFiles({ name: 'damaged.json', mimeType: 'application/json', buffer: Buffer.from(damaged) });
    await expect(other.locator('#progress-status')).toContainText('damaged');
    expect(await stored(other)).toBeNull();

    // Cancelling the confirmation changes nothing either.
    await confirmDialog(other, () => input.setInputFiles(file), /Replace your progress\?/, 'cancel');
    await expect(other.locator('#progress-status')).toHaveText('Import cancelled. Your progress is unchanged.');
    expect(await stored(other)).toBeNull();

    await confirmDialog(other, () => input.setInputFiles(file), /Replace your progress\?/, 'confirm');
    await expect(other.locator('#progress-status')).toContainText('Imported your progress');
    expect(JSON.parse((await stored(other)) ?? '{}')).toEqual(record);
    await expect(other.locator(`[data-lesson-row="${SLUG}"]`)).toContainText('Read');

    await other.goto('./');
    await expect(other.locator(`[data-lesson-progress="${SLUG}"]`)).toContainText('Read');
    expect(problems).toEqual([]);
  } finally {
    await fresh.close();
  }
});

test('reset asks first, then forgets progress', async ({ page }) => {
  await page.goto(PROGRESS);
  await setStored(page, JSON.stringify(progressRecord()));
  await page.reload();
  const row = page.locator(`[data-lesson-row="${SLUG}"]`);
  await expect(row).toContainText('Read');
  const reset = page.getByRole('button', { name: 'Reset progress…' });

  await confirmDialog(page, () => reset.click(), /Reset all your progress\?/, 'cancel');
  await expect(page.locator('#progress-status')).toHaveText('Nothing was reset.');
  expect(await stored(page)).not.toBeNull();

  // From the keyboard this time: Enter opens the dialog, Escape closes it without resetting.
  await reset.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(await stored(page)).not.toBeNull();

  await confirmDialog(page, () => reset.click(), /Reset all your progress\?/, 'confirm');
  await expect(page.locator('#progress-status')).toHaveText('Your progress was reset.');
  expect(await stored(page)).toBeNull();
  await expect(row).toContainText('Not started');
});

test('corrupt stored data never breaks a page: it is reported, kept aside, downloadable and discardable', async ({ page }) => {
  await page.goto(PROGRESS);
  await setStored(page, '{not json');

  const problems = watchForProblems(page);
  await page.goto(LESSON);
  await expect(page.locator('h1')).toHaveCount(1);
  await page.locator('[data-lesson-read]').scrollIntoViewIfNeeded();
  await expect(page.locator('[data-lesson-read]').getByRole('status')).toHaveText('You have read this lesson.');
  expect(problems).toEqual([]);
  const kept = await keptCopies(page);
  expect(Object.values(kept)).toEqual(['{not json']);
  expect(JSON.parse((await stored(page)) ?? '{}')).toMatchObject({ version: 2, lessons: { [SLUG]: {} } });

  await page.goto(PROGRESS);
  const item = page.locator('[data-kept]');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('could not be read');
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: 'Download copy' }).click()]);
  expect(await readFile(await download.path(), 'utf8')).toBe('{not json');

  await confirmDialog(page, () => item.getByRole('button', { name: 'Discard copy' }).click(), /Discard this copy\?/, 'confirm');
  await expect(page.locator('[data-kept]')).toHaveCount(0);
  await expect(page.getByText('No problems: your progress is saved')).toBeVisible();
  expect(await keptCopies(page)).toEqual({});
  expect(problems).toEqual([]);
});

test('progress from a newer version is kept aside unchanged, not overwritten', async ({ page }) => {
  const future = JSON.stringify({ version: 99, lessons: { 'some-lesson': { readAt: T } }, somethingNew: [1, 2, 3] });
  await page.goto(PROGRESS);
  await setStored(page, future);
  await page.goto(LESSON);
  await page.locator('[data-lesson-read]').scrollIntoViewIfNeeded();
  await expect(page.locator('[data-lesson-read]').getByRole('status')).toHaveText('You have read this lesson.');
  // The reader's new progress is saved, and the newer record survives byte for byte.
  expect(Object.values(await keptCopies(page))).toEqual([future]);
  expect(JSON.parse((await stored(page)) ?? '{}')).toMatchObject({ version: 2, lessons: { [SLUG]: {} } });

  await page.goto(PROGRESS);
  await expect(page.locator('[data-kept]')).toContainText('newer version of Tinker (format 99)');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download copy' }).click()]);
  expect(await readFile(await download.path(), 'utf8')).toBe(future);
});

test('a version-1 record whose conversion leaves fields out is kept whole, and the progress page says what was left out', async ({ page }) => {
  const v1 = JSON.stringify({ version: 1, read: [SLUG, 'constructor'], passed: [], quiz: {}, code: { ['__proto__']: 'kept = 1' }, theme: 'dark' });
  await page.goto(PROGRESS);
  await setStored(page, v1);
  await page.goto(PROGRESS);
  const item = page.locator('[data-kept]');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('older version of Tinker (format 1)');
  await expect(item).toContainText('"theme" (a field format 1 did not define)');
  await expect(item.getByRole('button', { name: 'Restore it' })).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: 'Download copy' }).click()]);
  expect(await readFile(await download.path(), 'utf8')).toBe(v1);
  // The converted record keeps every id, __proto__ and constructor included.
  const converted = JSON.parse((await stored(page)) ?? '{}') as { version: number; lessons: object; cells: object };
  expect(converted.version).toBe(2);
  expect(Object.keys(converted.lessons)).toEqual([SLUG, 'constructor']);
  expect(Object.keys(converted.cells)).toEqual(['__proto__']);
});

test('when the browser blocks storage, pages still work and the progress page says progress is not kept', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const problems = watchForProblems(page);
  await page.goto(LESSON);
  await page.locator('[data-lesson-read]').scrollIntoViewIfNeeded();
  // Progress still works for this page, in memory.
  await expect(page.locator('[data-lesson-read]').getByRole('status')).toHaveText('You have read this lesson.');
  await page.goto(PROGRESS);
  await expect(page.locator('[data-problem="unavailable"]')).toContainText('does not let this site keep data');
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the progress page (${colorScheme}), with progress and a kept copy listed`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(PROGRESS);
    await setStored(page, 'not json at all');
    await page.reload(); // keeps the text aside
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, JSON.stringify(progressRecord())] as const);
    await page.reload();
    await expect(page.locator('[data-kept]')).toHaveCount(1);
    await expect(page.locator(`[data-lesson-row="${SLUG}"]`)).toContainText('Read');
    await page.getByRole('button', { name: 'Export progress' }).click();
    await expect(page.locator('#progress-status')).not.toBeEmpty();
    await expectNoAxeViolations(page, `progress page (${colorScheme})`);
    await page.getByRole('button', { name: 'Reset progress…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoAxeViolations(page, `progress page with its dialog open (${colorScheme})`);
  });
}

test('the progress page and the header fit a 375 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(PROGRESS);
  await page.waitForLoadState('networkidle');
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Progress' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Progress' })).toBeInViewport();
});
