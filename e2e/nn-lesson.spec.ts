/**
 * The lessons "A neuron from scratch" and "A network from scratch" (one lesson, "A neural network from
 * scratch", until it was split): their maths renders without KaTeX errors, their sections, exercises,
 * free code cell and quizzes are in place, each quiz accepts the answer its explanation gives, the
 * class-imbalance figures in the prose match the test labels the site serves, the one-neuron code cell
 * prints the figures the prose quotes, the course map lists them in order with their exercises and
 * quizzes, the old lesson's address and saved progress lead to the new ones, and axe passes with the
 * quiz explanations shown, in both themes.
 * The widgets have their own specs (neuron-trainer, nn-playground, scratch-trainer); the exercises'
 * starters and solutions are graded by e2e/code-cell.spec.ts on /dev/exercises/.
 */
import { gunzipSync } from 'node:zlib';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { answerQuiz, expectNoAxeViolations, lessonProse, quizById, watchForProblems } from './helpers.ts';

interface ScratchLesson {
  path: string;
  slug: string;
  title: string;
  /** The lesson just before it on the course map. */
  after: string;
  sections: string[];
  exercises: string[];
  freeCells: string[];
  /** The display formulas it must have (TeX source), each with how many times. */
  display: [string, number | 'some'][];
  minDisplay: number;
  minFigures: number;
  /** Each quiz id, and the answer its explanation gives. */
  quizzes: [string, Parameters<typeof answerQuiz>[2]][];
}

const NEURON: ScratchLesson = {
  path: './lessons/neuron-from-scratch/',
  slug: 'neuron-from-scratch',
  title: 'A neuron from scratch',
  after: 'An image is just a matrix',
  sections: ['Try it: a neuron learns to spot zeros', 'One neuron', 'Class imbalance: when accuracy lies', 'Summary', "What's next"],
  exercises: ['bce'],
  freeCells: ['one-neuron-loop'],
  // dL/dz = ŷ − y, and softmax of [z, 0] = σ(z).
  display: [
    ['= \\hat y - y', 'some'],
    ['\\operatorname{softmax}([z, 0])_0', 1],
  ],
  minDisplay: 15,
  minFigures: 2,
  quizzes: [
    ['neuron-score-zero', { type: '0.5' }],
    ['neuron-weight-gradient', { type: '-0.1' }],
    ['always-not-zero', { type: '90.2' }],
    ['imbalance-metric', { pick: ['Recall'] }],
    ['two-scores-softmax', { type: '0.881' }],
  ],
};

const NETWORK: ScratchLesson = {
  path: './lessons/network-from-scratch/',
  slug: 'network-from-scratch',
  title: 'A network from scratch',
  after: 'A neuron from scratch',
  sections: [
    'Try it: ten digits, no framework',
    'Layers as classes',
    'Why activations?',
    'Training a real network',
    'Why frameworks look the way they do',
    'Summary',
    "What's next",
  ],
  exercises: ['dense-backward'],
  freeCells: [],
  // dW = XᵀdY, in the text and in the worked example.
  display: [['dW = X^\\top dY', 'some']],
  minDisplay: 10,
  minFigures: 3,
  quizzes: [
    ['dense-kernel-shape', { pick: ['784 rows and 128 columns'] }],
    ['dense-input-grad-shape', { pick: ['64 rows and 784 columns, like the input'] }],
    ['momentum-velocity', { type: '3.8' }],
    ['linear-collapse', { pick: ['Only a straight line, like a single neuron'] }],
    ['autodiff-replaces', { pick: ['The backward method of every layer and loss'] }],
  ],
};

/** Answers every quiz of the lesson with the answer its explanation gives. */
async function answerQuizzes(page: Page, lesson: ScratchLesson): Promise<Locator[]> {
  const answered: Locator[] = [];
  for (const [id, answer] of lesson.quizzes) answered.push(await answerQuiz(page, id, answer));
  return answered;
}

for (const lesson of [NEURON, NETWORK]) {
  test.describe(`the lesson "${lesson.title}"`, () => {
    test('renders its maths with KaTeX, inline and display, without errors', async ({ page }) => {
      await page.goto(lesson.path);
      await expect(page.locator('h1')).toHaveText(lesson.title);
      await expect(page.locator('.lesson-body .katex').first()).toBeVisible();
      expect(await page.locator('.lesson-body .katex-display').count(), 'display formulas').toBeGreaterThanOrEqual(lesson.minDisplay);
      await expect(page.locator('.katex-error')).toHaveCount(0);
      const display = (tex: string) => page.locator('.lesson-body .katex-display annotation').filter({ hasText: tex });
      for (const [tex, count] of lesson.display) {
        if (count === 'some') await expect(display(tex), tex).not.toHaveCount(0);
        else await expect(display(tex), tex).toHaveCount(count);
      }
    });

    test('has its sections, widgets, exercises, code cells and quizzes in place', async ({ page }) => {
      await page.goto(lesson.path);
      const sections = (await page.locator('.lesson-body h2').allTextContents()).map((s) => s.trim().replace(/’/g, "'"));
      for (const heading of lesson.sections) expect(sections, `section "${heading}"`).toContain(heading);
      for (const id of lesson.exercises) {
        await expect(page.locator(`tk-code-cell[data-cell-id="${id}"][data-kind="exercise"]`), `exercise ${id}`).toHaveCount(1);
      }
      for (const id of lesson.freeCells) {
        await expect(page.locator(`tk-code-cell[data-cell-id="${id}"][data-kind="free"]`), `code cell ${id}`).toHaveCount(1);
      }
      for (const [id] of lesson.quizzes) {
        await expect(quizById(page, id), `quiz ${id}`).toHaveAttribute('data-answer', 'unanswered');
      }
      // Each widget sits in a figure with a caption.
      expect(await page.locator('.lesson-body figure figcaption').count()).toBeGreaterThanOrEqual(lesson.minFigures);
      // Links inside the lesson to its own sections lead somewhere.
      for (const href of await page.locator('.lesson-body a[href^="#"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
        await expect(page.locator(href), `the target of the link ${href}`).toHaveCount(1);
      }
    });

    test('every quiz accepts the answer its explanation gives', async ({ page }) => {
      const problems = watchForProblems(page);
      await page.goto(lesson.path);
      for (const q of await answerQuizzes(page, lesson)) {
        await expect(q).toHaveAttribute('data-answer', 'correct');
        await expect(q.locator('[data-part="explanation"]')).toBeVisible();
      }
      expect(problems).toEqual([]);
    });

    test(`is listed on the course map after "${lesson.after}", with its exercises and quizzes`, async ({ page }) => {
      await page.goto('./');
      const link = page.getByRole('link', { name: lesson.title, exact: true });
      await expect(link).toBeVisible();
      expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toMatch(new RegExp(`/lessons/${lesson.slug}/$`));
      const titles = (await page.locator('.card-title').allTextContents()).map((t) => t.trim());
      expect(titles.indexOf(lesson.title)).toBe(titles.indexOf(lesson.after) + 1);

      const card = page.locator(`[data-lesson-progress="${lesson.slug}"]`);
      expect((await card.getAttribute('data-exercises'))?.split(' ')).toEqual(expect.arrayContaining(lesson.exercises));
      expect((await card.getAttribute('data-quizzes'))?.split(' ')).toEqual(expect.arrayContaining(lesson.quizzes.map(([id]) => id)));
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`axe finds no violations with the quizzes answered and their explanations shown (${colorScheme})`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.emulateMedia({ colorScheme });
        await page.goto(lesson.path);
        await answerQuizzes(page, lesson);
        await expectNoAxeViolations(page, `lesson "${lesson.title}" (${colorScheme})`);
      });
    }
  });
}

test.describe('the lesson "A neuron from scratch", against the data and its code cell', () => {
  const NN_LESSON = NEURON.path;
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
});

test.describe('the former lesson "A neural network from scratch"', () => {
  test('its address leads to "A neuron from scratch"', async ({ page }) => {
    await page.goto('./lessons/neural-network-from-scratch/');
    await expect(page).toHaveURL(/\/lessons\/neuron-from-scratch\/$/);
    await expect(page.locator('h1')).toHaveText(NEURON.title);
  });

  test('a reader who had read it finds both new lessons read', async ({ page }) => {
    await page.goto('./');
    const record = {
      version: 2,
      lessons: { 'neural-network-from-scratch': { readAt: '2026-01-02T03:04:05.000Z' } },
      exercises: {},
      quizzes: {},
      cells: {},
    };
    await page.evaluate((text) => localStorage.setItem('tinker-progress', text), JSON.stringify(record));
    for (const lesson of [NEURON, NETWORK]) {
      await page.goto(lesson.path);
      await expect(page.locator(`[data-lesson-read="${lesson.slug}"]`)).toContainText('You have read this lesson.');
    }
  });
});
