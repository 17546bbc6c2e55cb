/**
 * The lesson "An image is just a matrix" as a whole: its maths renders, it loads and is read to
 * the end without console errors, the course map lists it with its exercise and quizzes, each
 * quiz accepts the answer the prose explains, and axe passes with the widgets loaded and the quiz
 * explanations shown, in both themes. The widgets have their own specs; the exercise's starter and
 * solution are graded by e2e/code-cell.spec.ts (/dev/exercises/); page-level checks that every page
 * gets (status, 375 px width, links, axe on first load) are in pages.spec.ts and a11y.spec.ts.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { answerQuiz, expectNoAxeViolations, quizById, watchForProblems } from './helpers.ts';

const IMAGE_LESSON = './lessons/images-are-matrices/';
const TITLE = 'An image is just a matrix';

/** Scrolls through the whole lesson (widgets may start loading when they come into view), then waits for quiet. */
async function readToTheEnd(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y <= height; y += 700) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
  }
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState('networkidle');
  // No widget is left half-loaded.
  await expect(page.locator('.lesson-body [data-state="loading"]')).toHaveCount(0);
}

/** Answers every quiz of the lesson with the answer its explanation gives. */
async function answerQuizzes(page: Page): Promise<Locator[]> {
  return [
    await answerQuiz(page, 'image-numbers', { type: '960 000' }),
    await answerQuiz(page, 'kernel-sum', { at: [0] }),
    await answerQuiz(page, 'edge-kernels', { pick: ['Sobel x', 'Laplacian', 'Sobel y'] }),
    await answerQuiz(page, 'valid-output-size', { type: '576' }),
    await answerQuiz(page, 'separable-cost', { type: '18' }),
  ];
}

test.describe('the lesson "An image is just a matrix"', () => {
  test('renders its maths with KaTeX, inline and display, without errors', async ({ page }) => {
    await page.goto(IMAGE_LESSON);
    await expect(page.locator('h1')).toHaveText(TITLE);
    await expect(page.locator('.lesson-body .katex').first()).toBeVisible();
    expect(await page.locator('.lesson-body .katex-display').count(), 'display formulas').toBeGreaterThanOrEqual(10);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // The convolution formula itself.
    await expect(page.locator('.lesson-body .katex-display annotation').filter({ hasText: 'O(x, y) = \\sum_{i=0}^{k-1}' })).toHaveCount(1);
  });

  test('has its sections, widgets, code cells, exercise and quizzes in place', async ({ page }) => {
    await page.goto(IMAGE_LESSON);
    const sections = await page.locator('.lesson-body h2').allTextContents();
    for (const heading of ['Pixels', 'Image arithmetic', 'Colour mangling', 'Convolution', 'Filters on a cat', 'Summary', "What's next"]) {
      expect(
        sections.map((s) => s.trim().replace(/’/g, "'")),
        `section "${heading}"`,
      ).toContain(heading);
    }
    await expect(page.locator('tk-code-cell[data-cell-id="convolve-3x3"][data-kind="exercise"]')).toHaveCount(1);
    await expect(page.locator('tk-code-cell[data-kind="free"]')).toHaveCount(2);
    for (const id of ['image-numbers', 'kernel-sum', 'edge-kernels', 'valid-output-size', 'separable-cost']) {
      await expect(quizById(page, id), `quiz ${id}`).toHaveAttribute('data-answer', 'unanswered');
    }
  });

  test('is read to the end without console errors or failed requests', async ({ page }) => {
    const problems = watchForProblems(page);
    const response = await page.goto(IMAGE_LESSON);
    expect(response?.status()).toBe(200);
    await readToTheEnd(page);
    await expect(page.locator('.lesson-body [data-state="error"]')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('every quiz accepts the answer its explanation gives', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(IMAGE_LESSON);
    for (const q of await answerQuizzes(page)) {
      await expect(q).toHaveAttribute('data-answer', 'correct');
      await expect(q.locator('[data-part="explanation"]')).toBeVisible();
    }
    expect(problems).toEqual([]);
  });

  test('is listed on the course map after "Start here", with its exercise and quizzes', async ({ page }) => {
    await page.goto('./');
    const link = page.getByRole('link', { name: TITLE, exact: true });
    await expect(link).toBeVisible();
    expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toMatch(/\/lessons\/images-are-matrices\/$/);
    const titles = await page.locator('.card-title').allTextContents();
    expect(titles.map((t) => t.trim()).indexOf(TITLE)).toBe(titles.map((t) => t.trim()).indexOf('Start here') + 1);

    const card = page.locator('[data-lesson-progress="images-are-matrices"]');
    expect((await card.getAttribute('data-exercises'))?.split(' ')).toContain('convolve-3x3');
    expect((await card.getAttribute('data-quizzes'))?.split(' ')).toEqual(
      expect.arrayContaining(['image-numbers', 'kernel-sum', 'edge-kernels', 'valid-output-size', 'separable-cost']),
    );
  });

  test('the widgets show the numbers the prose quotes', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(IMAGE_LESSON);
    const body = page.locator('.lesson-body');

    // Pixels: the cat's shape, its value range, and the pixel the inspector starts on.
    const inspector = page.locator('tk-pixel-inspector').first();
    await expect(inspector).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(inspector).toHaveAttribute('data-shape', '300x451x3');
    await expect(inspector.locator('[data-part="facts"]')).toContainText('405,900 numbers');
    await expect(inspector.locator('[data-part="facts"]')).toContainText('uses 0 to 231');
    await expect(inspector.getByRole('status')).toHaveText(/\(225, 150\): (R|red) 190, (G|green) 150, (B|blue) 124\b/);
    // The prose, with line breaks and typographic apostrophes made plain.
    const prose = ((await body.textContent()) ?? '').replace(/\s+/g, ' ').replace(/’/g, "'");
    expect(prose).toContain('red 190, green 150, blue 124');
    expect(prose).toContain('from 0 to 231');

    // Image arithmetic: the tinted pixel in A and B, and what the fix finds.
    const difference = page.locator('tk-image-difference').first();
    await expect(difference).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    const cells = async (name: string) => (await difference.locator(`[data-part="row-${name}"] td`).allTextContents()).map((t) => t.trim());
    expect(await cells('a')).toEqual(['134', '95', '64', '255']);
    expect(await cells('b')).toEqual(['174', '95', '64', '255']);
    await expect(difference).toHaveAttribute('data-regions', '3');
    await expect(difference).toHaveAttribute('data-changed', '0.0310');
    expect(prose).toContain("4,201 of the cat's 135,300 pixels changed, 3.1%, in three separate regions");

    // Convolution: Sobel x at (2, 4), and the box blur at the bright corner under each border mode.
    const stepper = page.locator('tk-conv-stepper').first();
    const output = async () => Number(await stepper.getAttribute('data-output'));
    const cell = (x: number, y: number) => stepper.locator(`[role="gridcell"][data-x="${x}"][data-y="${y}"]`).first();
    await stepper.getByRole('combobox', { name: 'Kernel', exact: true }).selectOption('sobelX');
    await cell(2, 4).click();
    await expect(stepper).toHaveAttribute('data-x', '2');
    await expect(stepper).toHaveAttribute('data-y', '4');
    expect(await output()).toBe(670);
    expect(prose).toContain('= 670');
    await stepper.getByRole('combobox', { name: 'Kernel', exact: true }).selectOption('box');
    await cell(7, 7).click();
    await expect(stepper).toHaveAttribute('data-x', '7');
    for (const [border, value] of [
      ['zero', 96.11],
      ['clamp', 216],
      ['reflect', 218],
    ] as const) {
      await stepper.getByRole('combobox', { name: 'Border mode', exact: true }).selectOption(border);
      await expect.poll(output, `box blur at (7, 7) with border ${border}`).toBeCloseTo(value, 2);
    }
    expect(prose).toContain('the output is 96.11 with zero, 216 with clamp and 218 with reflect');
    expect(problems).toEqual([]);
  });

  test('its two free code cells run as written and print what the prose says', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForProblems(page);
    await page.goto(IMAGE_LESSON);
    const runCell = async (id: string) => {
      const cell = page.locator(`tk-code-cell[data-cell-id="${id}"]`);
      await cell.locator('[data-part="run"]').click();
      await expect(cell).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
      return cell.locator('[data-part="output"]');
    };
    const tensors = await runCell('image-tensors');
    await expect(tensors).toContainText(/tiny has shape\s*\[?2,\s*3,\s*3\]?\s*and 18 numbers/);
    await expect(tensors).toContainText('grey:');
    await expect(tensors).toContainText(/a batch of digits has shape\s*\[?8,\s*28,\s*28,\s*1\]?/);
    await expect(tensors.locator('canvas, img').first()).toBeVisible();
    // tf.conv2d with 'same' padding gives the same row as the exercise's solution.
    const conv = await runCell('tf-conv2d');
    await expect(conv).toContainText(/output shape\s*\[?1,\s*12,\s*12,\s*1\]?/);
    await expect(conv).toContainText('row 5: 0 0 1020 1020 0 0 0 0 -1020 -1020 0 0');
    expect(problems).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations with the widgets loaded and the quizzes answered (${colorScheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await page.goto(IMAGE_LESSON);
      await readToTheEnd(page);
      await answerQuizzes(page);
      await expectNoAxeViolations(page, `lesson "${TITLE}" (${colorScheme})`);
    });
  }
});
