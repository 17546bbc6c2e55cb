/**
 * The lesson "A neural network from scratch" as a whole: its maths renders without KaTeX errors,
 * its sections, exercises, free code cell and quizzes are in place, each quiz accepts the answer its
 * explanation gives, the class-imbalance figures in the prose match the test labels the site serves,
 * the one-neuron code cell prints the figures the prose quotes, the course map lists the lesson's
 * exercises and quizzes, and axe passes with the quiz explanations shown, in both themes.
 * The widgets have their own specs (neuron-trainer, nn-playground, scratch-trainer); the exercises'
 * starters and solutions are graded by e2e/code-cell.spec.ts on /dev/exercises/.
 */
import { gunzipSync } from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { answerQuiz, expectNoAxeViolations, lessonProse, quizById, watchForProblems } from './helpers.ts';

const NN_LESSON = './lessons/neural-network-from-scratch/';
const TITLE = 'A neural network from scratch';
const EXERCISES = ['bce', 'dense-backward'];
const QUIZZES = ['neuron-weight-gradient', 'always-not-zero', 'imbalance-metric', 'dense-kernel-shape', 'dense-input-grad-shape', 'linear-collapse'];

/** Answers every quiz of the lesson with the answer its explanation gives. */
async function answerQuizzes(page: Page): Promise<Locator[]> {
  return [
    await answerQuiz(page, 'neuron-weight-gradient', { type: '-0.1' }),
    await answerQuiz(page, 'always-not-zero', { type: '90.2' }),
    await answerQuiz(page, 'imbalance-metric', { pick: ['Recall'] }),
    await answerQuiz(page, 'dense-kernel-shape', { pick: ['784 rows and 128 columns'] }),
    await answerQuiz(page, 'dense-input-grad-shape', { pick: ['64 rows and 784 columns, like the input'] }),
    await answerQuiz(page, 'linear-collapse', { pick: ['Only a straight line, like a single neuron'] }),
  ];
}

test.describe('the lesson "A neural network from scratch"', () => {
  test('renders its maths with KaTeX, inline and display, without errors', async ({ page }) => {
    await page.goto(NN_LESSON);
    await expect(page.locator('h1')).toHaveText(TITLE);
    await expect(page.locator('.lesson-body .katex').first()).toBeVisible();
    expect(await page.locator('.lesson-body .katex-display').count(), 'display formulas').toBeGreaterThanOrEqual(20);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // The key results: dL/dz = ŷ − y, the dense layer's backward, and softmax of [z, 0] = σ(z).
    const display = (tex: string) => page.locator('.lesson-body .katex-display annotation').filter({ hasText: tex });
    await expect(display('= \\hat y - y')).not.toHaveCount(0);
    await expect(display('dW = X^\\top dY')).toHaveCount(1);
    await expect(display('\\operatorname{softmax}([z, 0])_0')).toHaveCount(1);
  });

  test('has its sections, widgets, exercises, code cell and quizzes in place', async ({ page }) => {
    await page.goto(NN_LESSON);
    const sections = (await page.locator('.lesson-body h2').allTextContents()).map((s) => s.trim().replace(/’/g, "'"));
    for (const heading of [
      'Part 1: one neuron',
      'Class imbalance: when accuracy lies',
      'Part 2: layers as classes',
      'Why activations?',
      'Training a real network',
      'Why frameworks look the way they do',
      'Summary',
      "What's next",
    ]) {
      expect(sections, `section "${heading}"`).toContain(heading);
    }
    for (const id of EXERCISES) {
      await expect(page.locator(`tk-code-cell[data-cell-id="${id}"][data-kind="exercise"]`), `exercise ${id}`).toHaveCount(1);
    }
    await expect(page.locator('tk-code-cell[data-cell-id="one-neuron-loop"][data-kind="free"]')).toHaveCount(1);
    for (const id of QUIZZES) {
      await expect(quizById(page, id), `quiz ${id}`).toHaveAttribute('data-answer', 'unanswered');
    }
    // Each widget sits in a figure with a caption.
    expect(await page.locator('.lesson-body figure figcaption').count()).toBeGreaterThanOrEqual(5);
  });

  test('every quiz accepts the answer its explanation gives', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(NN_LESSON);
    for (const q of await answerQuizzes(page)) {
      await expect(q).toHaveAttribute('data-answer', 'correct');
      await expect(q.locator('[data-part="explanation"]')).toBeVisible();
    }
    expect(problems).toEqual([]);
  });

  test('the "always not zero" baseline in the prose matches the test labels the site serves', async ({ page }) => {
    await page.goto(NN_LESSON);
    const response = await page.request.get('./data/mnist/t10k-labels-idx1-ubyte.gz');
    expect(response.status(), 'the MNIST test labels are served (run `npm run datasets` before building)').toBe(200);
    const body = await response.body();
    // The file is gzip as the canonical source ships it (unless the server already undid that).
    const idx = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
    expect(idx.readUInt32BE(0), 'IDX label magic').toBe(0x00000801);
    const labels = idx.subarray(8);
    const count = labels.length;
    const zeros = labels.filter((label) => label === 0).length;
    const baseline = ((100 * (count - zeros)) / count).toFixed(1);
    expect([count, zeros, baseline]).toEqual([10_000, 980, '90.2']);

    const prose = await lessonProse(page);
    expect(prose).toContain(`Among the ${count.toLocaleString('en-US')} test images, ${zeros} are zeros.`);
    expect(prose).toContain(`scores ${baseline}%`);
    expect(prose).toContain(
      `right on the ${(count - zeros).toLocaleString('en-US')} test digits that are not zeros, and wrong on all ${zeros} zeros`,
    );
  });

  test('the one-neuron code cell runs as written and prints what the prose says', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForProblems(page);
    await page.goto(NN_LESSON);
    const cell = page.locator('tk-code-cell[data-cell-id="one-neuron-loop"]');
    await cell.locator('[data-part="run"]').click();
    await expect(cell).toHaveAttribute('data-state', 'done', { timeout: 200_000 });
    const output = cell.locator('[data-part="output"]');
    await expect(output).toContainText('The neuron: 99.1% of the 10000 test digits right.');
    await expect(output).toContainText('"Always not zero": 90.2% (980 of them are zeros).');
    await expect(output.locator('canvas, img, svg').first()).toBeVisible();
    const prose = await lessonProse(page);
    expect(prose).toContain('The neuron gets 99.1% of the test digits right.');
    expect(problems).toEqual([]);
  });

  test('is listed on the course map after "An image is just a matrix", with its exercises and quizzes', async ({ page }) => {
    await page.goto('./');
    const link = page.getByRole('link', { name: TITLE, exact: true });
    await expect(link).toBeVisible();
    expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toMatch(/\/lessons\/neural-network-from-scratch\/$/);
    const titles = (await page.locator('.card-title').allTextContents()).map((t) => t.trim());
    expect(titles.indexOf(TITLE)).toBe(titles.indexOf('An image is just a matrix') + 1);

    const card = page.locator('[data-lesson-progress="neural-network-from-scratch"]');
    expect((await card.getAttribute('data-exercises'))?.split(' ')).toEqual(expect.arrayContaining(EXERCISES));
    expect((await card.getAttribute('data-quizzes'))?.split(' ')).toEqual(expect.arrayContaining(QUIZZES));
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations with the quizzes answered and their explanations shown (${colorScheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await page.goto(NN_LESSON);
      await answerQuizzes(page);
      await expectNoAxeViolations(page, `lesson "${TITLE}" (${colorScheme})`);
    });
  }
});
