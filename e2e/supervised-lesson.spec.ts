/**
 * The Supervised track's lessons, "Supervised learning with the layers API" and "Inspect, save and tune a
 * classifier": their maths renders, their sections, exercises, free code cells and quizzes are in place, each
 * quiz accepts the answer its explanation gives, every link to a lesson (and to a section of one) leads to a
 * page and a heading that exist, the earlier lessons link to them, the course map lists them in the
 * Supervised track with their exercises and quizzes, their small code cells run as written and print what
 * the prose says, and axe passes with the quiz explanations shown, in both themes.
 * The widgets have their own specs; the exercises' starters and solutions are graded by
 * e2e/code-cell.spec.ts on /dev/exercises/.
 */
import { expect, test, type Page } from '@playwright/test';
import { answerQuiz, expectNoAxeViolations, lessonProse, quizById, watchForProblems } from './helpers.ts';

interface SupervisedLesson {
  path: string;
  slug: string;
  title: string;
  sections: string[];
  exercises: string[];
  freeCells: string[];
  minFigures: number;
  quizzes: [string, Parameters<typeof answerQuiz>[2]][];
}

const LAYERS: SupervisedLesson = {
  path: './lessons/layers-api/',
  slug: 'layers-api',
  title: 'Supervised learning with the layers API',
  sections: [
    'Try it: build a network',
    'What supervised learning is',
    'The layers API: the engine, in a framework',
    'Optimisers, seen',
    'Overfitting and its cures',
    'Your own training loop',
    'Summary',
    "What's next",
  ],
  exercises: ['own-training-loop'],
  freeCells: ['fit-a-line', 'layers-api-mnist'],
  minFigures: 4,
  quizzes: [
    ['which-set', { pick: ['The validation set'] }],
    ['dense-parameters', { type: '100480' }],
    ['dropout-parameters', { type: '101770' }],
    ['rmsprop-step', { type: '0.001' }],
    ['weight-decay-pull', { type: '0.001' }],
  ],
};

const INSPECT: SupervisedLesson = {
  path: './lessons/inspect-and-tune/',
  slug: 'inspect-and-tune',
  title: 'Inspect, save and tune a classifier',
  sections: [
    'Try it: inspect a model',
    'Reading a confusion matrix',
    'Your own handwriting',
    'Save it, load it',
    'Tuning: search instead of guessing',
    'Exercise: beat 98%',
    'Summary',
    "What's next",
  ],
  exercises: ['beat-98'],
  freeCells: ['save-and-load'],
  minFigures: 3,
  quizzes: [
    ['confusion-commonest', { pick: ['It reads a 7 as a 9'] }],
    ['confusion-precision', { type: '95.5' }],
    ['centre-of-mass', { type: '12' }],
    ['successive-halving-cost', { type: '63' }],
  ],
};

const LESSONS = [LAYERS, INSPECT];

async function answerQuizzes(page: Page, lesson: SupervisedLesson) {
  const answered = [];
  for (const [id, answer] of lesson.quizzes) answered.push(await answerQuiz(page, id, answer));
  return answered;
}

/** The lesson links of the page's lesson body: [href as written, absolute URL]. */
async function lessonLinks(page: Page): Promise<string[]> {
  return page.locator('.lesson-body a[href*="/lessons/"]').evaluateAll((links) => [...new Set(links.map((a) => (a as HTMLAnchorElement).href))]);
}

for (const lesson of LESSONS) {
  test.describe(`the lesson "${lesson.title}"`, () => {
    test('has its maths, sections, exercises, code cells and quizzes in place', async ({ page }) => {
      await page.goto(lesson.path);
      await expect(page.locator('h1')).toHaveText(lesson.title);
      await expect(page.locator('.lesson-body .katex').first()).toBeVisible();
      await expect(page.locator('.katex-error')).toHaveCount(0);
      const sections = (await page.locator('.lesson-body h2').allTextContents()).map((s) => s.trim().replace(/’/g, "'"));
      expect(sections).toEqual(lesson.sections);
      for (const id of lesson.exercises) {
        await expect(page.locator(`tk-code-cell[data-cell-id="${id}"][data-kind="exercise"]`), `exercise ${id}`).toHaveCount(1);
      }
      for (const id of lesson.freeCells) {
        await expect(page.locator(`tk-code-cell[data-cell-id="${id}"][data-kind="free"]`), `code cell ${id}`).toHaveCount(1);
      }
      const quizIds = await page.locator('.lesson-body tk-quiz').evaluateAll((qs) => qs.map((q) => q.getAttribute('data-quiz-id') ?? q.id));
      expect(quizIds.length, 'every quiz of the page is answered by this spec').toBe(lesson.quizzes.length);
      for (const [id] of lesson.quizzes) await expect(quizById(page, id), `quiz ${id}`).toHaveAttribute('data-answer', 'unanswered');
      expect(await page.locator('.lesson-body figure figcaption').count()).toBeGreaterThanOrEqual(lesson.minFigures);
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

    test('every link to a lesson, or to a section of one, leads to a page and a heading that exist', async ({ page }) => {
      await page.goto(lesson.path);
      const links = await lessonLinks(page);
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) {
        const url = new URL(href);
        const response = await page.goto(href);
        expect(response?.status(), href).toBe(200);
        if (url.hash) await expect(page.locator(url.hash), `the target of ${href}`).toHaveCount(1);
      }
    });

    test('is listed on the course map in the Supervised track, with its exercises and quizzes', async ({ page }) => {
      await page.goto('./');
      const link = page.getByRole('link', { name: lesson.title, exact: true });
      await expect(link).toBeVisible();
      expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toMatch(new RegExp(`/lessons/${lesson.slug}/$`));
      const card = page.locator(`[data-lesson-progress="${lesson.slug}"]`);
      expect((await card.getAttribute('data-exercises'))?.split(' ')).toEqual(expect.arrayContaining(lesson.exercises));
      expect((await card.getAttribute('data-quizzes'))?.split(' ')).toEqual(expect.arrayContaining(lesson.quizzes.map(([id]) => id)));
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`axe finds no violations with the quizzes answered (${colorScheme})`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.emulateMedia({ colorScheme });
        await page.goto(lesson.path);
        await answerQuizzes(page, lesson);
        await expectNoAxeViolations(page, `lesson "${lesson.title}" (${colorScheme})`);
      });
    }
  });
}

test('the course map lists the two lessons in order in the Supervised track', async ({ page }) => {
  await page.goto('./');
  const titles = (await page.locator('.card-title').allTextContents()).map((t) => t.trim());
  expect(titles.indexOf(INSPECT.title)).toBe(titles.indexOf(LAYERS.title) + 1);
  const track = page.locator('li.track#supervised');
  await expect(track.getByRole('link', { name: LAYERS.title, exact: true })).toBeVisible();
  await expect(track.getByRole('link', { name: INSPECT.title, exact: true })).toBeVisible();
});

test('Start here and A network from scratch lead to the new lessons', async ({ page }) => {
  await page.goto('./lessons/start-here/');
  await expect(page.locator('.lesson-body a[href$="/lessons/layers-api/"]', { hasText: 'Supervised learning' })).toHaveCount(1);
  await page.goto('./lessons/network-from-scratch/');
  // The overfitting section's promise of dropout and regularisation, and What's next.
  await expect(page.locator('.lesson-body a[href$="/lessons/layers-api/#overfitting-and-its-cures"]')).toHaveCount(1);
  // And What's next.
  await expect(page.locator('.lesson-body a[href$="/lessons/layers-api/"]')).toHaveCount(1);
  await page.goto('./lessons/layers-api/');
  await expect(page.locator('.lesson-body a[href$="/lessons/inspect-and-tune/"]').first()).toBeVisible();
});

test.describe('the code cells run as written and print what the prose says', () => {
  test('"Fit a line" learns w close to 2 and b close to −1', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForProblems(page);
    await page.goto(LAYERS.path);
    const cell = page.locator('tk-code-cell[data-cell-id="fit-a-line"]');
    await cell.locator('[data-part="run"]').click();
    await expect(cell).toHaveAttribute('data-state', 'done', { timeout: 100_000 });
    const text = (await cell.locator('[data-part="output"]').textContent()) ?? '';
    const m = /learned w = (-?[\d.]+)\s+b = (-?[\d.]+)/.exec(text);
    expect(m, text).not.toBeNull();
    expect(Math.abs(Number(m![1]) - 2)).toBeLessThan(0.15);
    expect(Math.abs(Number(m![2]) + 1)).toBeLessThan(0.15);
    expect(await lessonProse(page)).toMatch(/The learned \S+ and \S+ land close to 2 and/);
    expect(problems).toEqual([]);
  });

  test('"Save and load" saves 101,800 bytes of weights and the loaded copy answers as the original', async ({ page }) => {
    test.setTimeout(180_000);
    const problems = watchForProblems(page);
    await page.goto(INSPECT.path);
    const cell = page.locator('tk-code-cell[data-cell-id="save-and-load"]');
    await cell.locator('[data-part="run"]').click();
    await expect(cell).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
    const output = cell.locator('[data-part="output"]');
    await expect(output).toContainText('saved 101800 bytes of weights');
    await expect(output).toContainText('tinker-save-demo');
    const text = ((await output.textContent()) ?? '').replace(/\s+/g, ' ');
    const answers = (label: string) => new RegExp(`${label}:? Tensor int32 \\[5\\] \\[([\\d, ]+)\\]`).exec(text)?.[1];
    expect(answers('original'), text).toBeDefined();
    expect(answers('loaded'), text).toBe(answers('original'));
    expect(await lessonProse(page)).toContain('101,800 bytes, the figure the cell prints');
    expect(problems).toEqual([]);
  });
});
