/**
 * The lesson "Convolutional networks": its maths renders, its sections, exercise, free code cells and
 * quizzes are in place; the arithmetic it teaches (output sizes, parameter counts, receptive fields, im2col
 * sizes) is computed here from src/lib/nn/conv-geometry.ts and found in the prose, and each quiz accepts the
 * number its explanation gives; every link to a lesson (and to a section of one) leads to a page and a
 * heading that exist; the images and inspect lessons link to it; the course map lists it after "Inspect,
 * save and tune a classifier" in the Supervised track; its code cells run as written and print what the
 * prose says; axe passes with the quiz explanations shown, in both themes.
 * The widgets have their own specs; the exercise's starter and solution are graded by
 * e2e/code-cell.spec.ts on /dev/exercises/.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { convGeometry, im2colShape, outputSize, type AxisSetting } from '../src/lib/nn/conv-geometry.ts';
import { answerQuiz, expectNoAxeViolations, lessonProse, quizById, watchForProblems } from './helpers.ts';

const PATH = './lessons/convolutional-networks/';
const TITLE = 'Convolutional networks';

const SECTIONS = [
  'Try it: train a convolutional network',
  'Why dense layers waste parameters on images',
  'Stride, padding and dilation',
  'Pooling',
  'Receptive fields',
  'One giant matrix',
  'Architectures',
  'What the network learned',
  'What the framework does',
  'Exercise: a CNN above 75%',
  'Summary',
  "What's next",
];
const EXERCISES = ['cnn-75'];
const FREE_CELLS = ['sobel-layer', 'im2col-by-hand', 'cnn-shapes'];

const axis = (n: number, k: number, s: number, p: number, d = 1): AxisSetting => ({ n, k, s, p, d });
/** Parameters of a conv layer: k·k·inChannels·filters weights and one bias per filter. */
const convParams = (k: number, inChannels: number, filters: number) => k * k * inChannels * filters + filters;

/**
 * Receptive field side R and jump J after a stack of windows (conv or pool), from R = J = 1:
 * R += d(k − 1)·J, then J *= s.
 */
function receptiveField(layers: { k: number; s: number; d?: number }[]): { r: number; j: number }[] {
  let r = 1;
  let j = 1;
  return layers.map(({ k, s, d = 1 }) => {
    r += d * (k - 1) * j;
    j *= s;
    return { r, j };
  });
}

// The default CNN: conv 8 3×3 same → pool 2/2 → conv 16 3×3 same → pool 2/2 → flatten → dense 10.
const side1 = outputSize(axis(28, 3, 1, 1));
const pooled1 = outputSize(axis(side1, 2, 2, 0));
const side2 = outputSize(axis(pooled1, 3, 1, 1));
const pooled2 = outputSize(axis(side2, 2, 2, 0));
const FLATTENED = pooled2 * pooled2 * 16;
const DEFAULT_CNN_PARAMS = [convParams(3, 1, 8), convParams(3, 8, 16), FLATTENED * 10 + 10];

/** A padding that keeps 28 with a 7 × 7 kernel at stride 1. */
const SAME_PADDING_7 = [0, 1, 2, 3, 4, 5, 6].find((p) => outputSize(axis(28, 7, 1, p)) === 28)!;
const IM2COL_ROWS = im2colShape(convGeometry(64, 1, axis(28, 3, 1, 1), axis(28, 3, 1, 1))).rows;
const SECOND_LAYER_IM2COL = im2colShape(convGeometry(64, 8, axis(14, 3, 1, 1), axis(14, 3, 1, 1)));
const THREE_CONVS = receptiveField([
  { k: 3, s: 1 },
  { k: 3, s: 1 },
  { k: 3, s: 1 },
]);
const DEFAULT_CNN_FIELDS = receptiveField([
  { k: 3, s: 1 },
  { k: 2, s: 2 },
  { k: 3, s: 1 },
  { k: 2, s: 2 },
]);

const QUIZZES: [string, number][] = [
  ['conv-parameters', convParams(5, 6, 16)],
  ['stride-padding-output', outputSize(axis(32, 5, 2, 2))],
  ['same-padding', SAME_PADDING_7],
  ['flatten-size', FLATTENED],
  ['receptive-field', THREE_CONVS[2]!.r],
  ['im2col-size', IM2COL_ROWS],
];

const en = (n: number) => n.toLocaleString('en-GB');

/** Text without spaces, with the maths as rendered (KaTeX's ⋅ and − read as · and -), so formulas compare as written. */
const compact = (text: string) => text.replace(/⋅/g, '·').replace(/−/g, '-').replace(/\s+/g, '');

/** The lesson's text as a reader sees it, maths as rendered (without KaTeX's hidden MathML copy), made compact. */
async function renderedProse(page: Page): Promise<string> {
  const text = await page.locator('.lesson-body').evaluate((body) => {
    const copy = body.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll('.katex-mathml')) el.remove();
    return copy.textContent ?? '';
  });
  return compact(text);
}

async function answerQuizzes(page: Page) {
  const answered = [];
  for (const [id, value] of QUIZZES) answered.push(await answerQuiz(page, id, { type: String(value) }));
  return answered;
}

test.describe(`the lesson "${TITLE}"`, () => {
  test('has its maths, sections, exercise, code cells and quizzes in place', async ({ page }) => {
    await page.goto(PATH);
    await expect(page.locator('h1')).toHaveText(TITLE);
    await expect(page.locator('.lesson-body .katex').first()).toBeVisible();
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // The output-size formula, as a display.
    await expect(page.locator('.lesson-body .katex-display annotation').filter({ hasText: 'n_\\text{out} = \\left\\lfloor' })).toHaveCount(1);
    const sections = (await page.locator('.lesson-body h2').allTextContents()).map((s) => s.trim().replace(/’/g, "'"));
    expect(sections).toEqual(SECTIONS);
    for (const id of EXERCISES)
      await expect(page.locator(`tk-code-cell[data-cell-id="${id}"][data-kind="exercise"]`), `exercise ${id}`).toHaveCount(1);
    for (const id of FREE_CELLS) await expect(page.locator(`tk-code-cell[data-cell-id="${id}"][data-kind="free"]`), `code cell ${id}`).toHaveCount(1);
    const quizIds = await page.locator('.lesson-body tk-quiz').evaluateAll((qs) => qs.map((q) => q.getAttribute('data-quiz-id') ?? q.id));
    expect(quizIds.length, 'every quiz of the page is answered by this spec').toBe(QUIZZES.length);
    for (const [id] of QUIZZES) await expect(quizById(page, id), `quiz ${id}`).toHaveAttribute('data-answer', 'unanswered');
    // The trainer, the explorer, the receptive fields, the architecture table and the comparison.
    expect(await page.locator('.lesson-body figure figcaption').count()).toBeGreaterThanOrEqual(5);
  });

  test('its arithmetic is what conv-geometry computes', async ({ page }) => {
    await page.goto(PATH);
    const prose = await renderedProse(page);
    const has = (text: string) => expect(prose, text).toContain(compact(text));
    // Dense against conv on 28 × 28 → 28 × 28 × 8.
    expect(side1).toBe(28);
    has(`784 · ${en(28 * 28 * 8)} + ${en(28 * 28 * 8)} = ${en(784 * 28 * 28 * 8 + 28 * 28 * 8)} parameters`);
    has(`3 · 3 · 1 · 8 + 8 = ${convParams(3, 1, 8)} parameters`);
    // The table of worked output sizes on a side of 28.
    const rows: [AxisSetting, string][] = [
      [axis(28, 3, 1, 0), '⌊(28 - 2 - 1)/1⌋ + 1'],
      [axis(28, 3, 1, 1), '⌊(28 + 2 - 2 - 1)/1⌋ + 1'],
      [axis(28, 3, 2, 1), '⌊13.5⌋ + 1'],
      [axis(28, 3, 1, 0, 2), '⌊(28 - 4 - 1)/1⌋ + 1'],
      [axis(28, 5, 1, 2), '⌊(28 + 4 - 4 - 1)/1⌋ + 1'],
    ];
    for (const [setting, text] of rows) has(`${text} = ${outputSize(setting)}`);
    // Pooling 28 → 14, and the default CNN's receptive fields 3, 4, 8, 10 with jumps 1, 2, 2, 4.
    expect(pooled1).toBe(14);
    expect(DEFAULT_CNN_FIELDS).toEqual([
      { r: 3, j: 1 },
      { r: 4, j: 2 },
      { r: 8, j: 2 },
      { r: 10, j: 4 },
    ]);
    const DEFAULT_CNN_WINDOWS = [3, 2, 3, 2];
    DEFAULT_CNN_FIELDS.forEach(({ r }, l) => {
      const before = DEFAULT_CNN_FIELDS[l - 1] ?? { r: 1, j: 1 };
      has(`${before.r} + ${DEFAULT_CNN_WINDOWS[l]! - 1} · ${before.j} = ${r}`);
    });
    has('has seen a 10 × 10 patch of the image');
    // The default CNN's parameters, per layer and in all.
    expect(DEFAULT_CNN_PARAMS).toEqual([80, 1168, 7850]);
    has(`3 · 3 · 8 · 16 + 16 = ${en(DEFAULT_CNN_PARAMS[1]!)}`);
    has(`784 · 10 + 10 = ${en(DEFAULT_CNN_PARAMS[2]!)}`);
    has(`has ${en(DEFAULT_CNN_PARAMS.reduce((a, b) => a + b, 0))} parameters`);
    // im2col of the second convolution on a batch of 64.
    expect(SECOND_LAYER_IM2COL).toEqual({ rows: 12544, cols: 72 });
    has(
      `${en(SECOND_LAYER_IM2COL.rows)} · ${SECOND_LAYER_IM2COL.cols} · 16 = ${en(SECOND_LAYER_IM2COL.rows * SECOND_LAYER_IM2COL.cols * 16)} multiply-adds`,
    );
  });

  test('every quiz accepts the answer its explanation gives', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(PATH);
    for (const [id, value] of QUIZZES) {
      const q = await answerQuiz(page, id, { type: String(value) });
      await expect(q, `quiz ${id} with ${value}`).toHaveAttribute('data-answer', 'correct');
      const explanation = q.locator('[data-part="explanation"]');
      await expect(explanation).toBeVisible();
      // The explanation gives the number (written with a thousands separator in the maths).
      expect(((await explanation.textContent()) ?? '').replace(/[\s,]/g, ''), `quiz ${id}`).toContain(String(value));
    }
    expect(problems).toEqual([]);
  });

  test('every link to a lesson, or to a section of one, leads to a page and a heading that exist', async ({ page }) => {
    await page.goto(PATH);
    const links = await page
      .locator('.lesson-body a[href*="/lessons/"]')
      .evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).href))]);
    expect(links.length).toBeGreaterThan(4);
    for (const href of links) {
      const url = new URL(href);
      // From a blank page, so that two sections of one lesson are two real page loads.
      await page.goto('about:blank');
      const response = await page.goto(href);
      expect(response?.status(), href).toBe(200);
      if (url.hash) await expect(page.locator(url.hash), `the target of ${href}`).toHaveCount(1);
    }
  });

  test('is listed on the course map after "Inspect, save and tune a classifier", with its exercise and quizzes', async ({ page }) => {
    await page.goto('./');
    const track = page.locator('li.track#supervised');
    const link = track.getByRole('link', { name: TITLE, exact: true });
    await expect(link).toBeVisible();
    expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toMatch(/\/lessons\/convolutional-networks\/$/);
    const titles = (await page.locator('.card-title').allTextContents()).map((t) => t.trim());
    expect(titles.indexOf(TITLE)).toBe(titles.indexOf('Inspect, save and tune a classifier') + 1);
    const card = page.locator('[data-lesson-progress="convolutional-networks"]');
    expect((await card.getAttribute('data-exercises'))?.split(' ')).toEqual(expect.arrayContaining(EXERCISES));
    expect((await card.getAttribute('data-quizzes'))?.split(' ')).toEqual(expect.arrayContaining(QUIZZES.map(([id]) => id)));
  });

  test('the images lesson and the inspect lesson lead to it', async ({ page }) => {
    const toLesson = '.lesson-body a[href$="/lessons/convolutional-networks/"]';
    await page.goto('./lessons/images-are-matrices/');
    // The promise at the end of "Why this matters for convolutional networks", and What's next.
    await expect(page.locator(toLesson)).toHaveCount(2);
    await page.goto('./lessons/inspect-and-tune/');
    // The small CNN of the Beat 98% section, and What's next.
    await expect(page.locator(toLesson)).toHaveCount(2);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations with the quizzes answered (${colorScheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      await page.goto(PATH);
      await answerQuizzes(page);
      await expectNoAxeViolations(page, `lesson "${TITLE}" (${colorScheme})`);
    });
  }
});

test.describe('the code cells run as written and print what the prose says', () => {
  async function runCell(page: Page, id: string): Promise<string> {
    const cell = page.locator(`tk-code-cell[data-cell-id="${id}"]`);
    await cell.locator('[data-part="run"]').click();
    await expect(cell).toHaveAttribute('data-state', 'done', { timeout: 100_000 });
    return ((await cell.locator('[data-part="output"]').textContent()) ?? '').replace(/\s+/g, ' ');
  }

  test('"Sobel layer" filters the ankle boot into two 28 × 28 feature maps', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForProblems(page);
    await page.goto(PATH);
    const text = await runCell(page, 'sobel-layer');
    expect(text).toContain('test image 0: Ankle boot');
    expect(text).toMatch(/feature maps \[1, ?28, ?28, ?2\]/);
    expect(await lessonProse(page)).toContain('runs it on an ankle boot');
    expect(problems).toEqual([]);
  });

  test('"im2col by hand" gives 37, 47, 67, 77 as a product and as tf.conv2d', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForProblems(page);
    await page.goto(PATH);
    const text = await runCell(page, 'im2col-by-hand');
    const grid = /\[\[37, ?47\], ?\[67, ?77\]\]/g;
    expect(text.match(grid)?.length, text).toBe(2);
    expect(await lessonProse(page)).toMatch(/\b37\b.*\b47\b.*\b67\b.*\b77\b/);
    expect(problems).toEqual([]);
  });

  test('"The default CNN, layer by layer" prints the parameter counts of the table', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForProblems(page);
    await page.goto(PATH);
    const text = await runCell(page, 'cnn-shapes');
    for (const [shape, params] of [
      ['[null,28,28,8]', DEFAULT_CNN_PARAMS[0]],
      ['[null,14,14,8]', 0],
      ['[null,14,14,16]', DEFAULT_CNN_PARAMS[1]],
      ['[null,7,7,16]', 0],
      [`[null,${FLATTENED}]`, 0],
      ['[null,10]', DEFAULT_CNN_PARAMS[2]],
    ] as const) {
      expect(text).toMatch(new RegExp(`${shape.replace(/[[\]]/g, '\\$&')}\\s*${params} parameters`));
    }
    expect(text).toContain(`in all: ${DEFAULT_CNN_PARAMS.reduce((a, b) => a + b, 0)} parameters`);
    expect(text).toMatch(/predictions \[4, ?10\]/);
    expect(text).toMatch(/stride 2, same: \[4, ?14, ?14, ?8\]/);
    expect(await lessonProse(page)).toContain('The cell prints 80, 1,168 and 7,850 parameters for the three layers that have any, and 9,098 in all.');
    expect(problems).toEqual([]);
  });
});

test('the trainer loads the pretrained model the prose quotes and scores what its metrics.json records on the 10,000 test images @subpath', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems = watchForProblems(page);
  const metrics = JSON.parse(readFileSync(new URL('../public/models/fashion-cnn/metrics.json', import.meta.url), 'utf8')) as { testAccuracy: number };
  await page.goto(PATH);
  const widget = page.locator('tk-cnn-trainer');
  await widget.getByRole('button', { name: 'Use the pretrained model' }).click();
  await expect(widget).toHaveAttribute('data-model', 'pretrained', { timeout: 150_000 });
  const status = widget.getByRole('status');
  await expect(status).toHaveText(/^The pretrained model: test accuracy \d+\.\d% on 10,000 test images\.$/);
  const shown = Number(/(\d+\.\d)%/.exec((await status.textContent()) ?? '')![1]);
  expect(Math.abs(shown - metrics.testAccuracy * 100)).toBeLessThanOrEqual(0.1);
  // The lesson quotes the same figure.
  await expect(page.locator('.prose').first()).toContainText(`${(metrics.testAccuracy * 100).toFixed(2)}%`);
  expect(problems).toEqual([]);
});
