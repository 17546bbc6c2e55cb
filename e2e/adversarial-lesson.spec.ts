/**
 * The lesson "Adversarial examples": its maths renders (FGSM, PGD and the min–max problem as displays), its
 * sections and quizzes are in place, and each quiz accepts the answer its explanation gives, computed here
 * by the lesson's own attack code (an FGSM step and a projection into the ε-ball on one pixel, a success rate); the linear argument's worked
 * numbers are what the arithmetic gives; every widget of the lesson and its exercise are on the page; every
 * link to a lesson (and to a section of one) leads to a page and a heading that exist; the course map lists
 * it after "Convolutional networks" in the Supervised track and the CNN lesson leads to it.
 * The widgets have their own specs; axe in both themes runs on this page through PAGES (e2e/a11y.spec.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { clip01, fgsm, projectLinf } from '../src/lib/adversarial/attacks.ts';
import { attackSummary } from '../src/lib/adversarial/robustness.ts';
import { answerQuiz, quizById, watchForProblems, type QuizAnswer } from './helpers.ts';

const PATH = './lessons/adversarial-examples/';
const TITLE = 'Adversarial examples: fooling the sneaker classifier, and training it to resist';

const SECTIONS = [
  'Try it: one sneaker, one small change',
  'The gradient with respect to the input',
  'The fast gradient sign method',
  'Targeted attacks and PGD',
  'How fragile is the whole test set?',
  'Exercise: implement FGSM',
  'A defence: adversarial training',
  'Why it matters',
  'Summary',
  "What's next",
];

/** The lesson's widgets, in page order, and its exercise. */
const WIDGETS = ['tk-fgsm-explorer', 'tk-pgd-stepper', 'tk-robustness-curve', 'tk-adversarial-training'];
const EXERCISE = 'fgsm';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The lesson's attacks on one pixel (src/lib/adversarial/attacks.ts), as its quizzes pose them. */
const fgsmPixel = (value: number, gradient: number, epsilon: number) => fgsm(Float32Array.of(value), Float32Array.of(gradient), epsilon)[0]!;
const projectedPixel = (original: number, stepped: number, epsilon: number) =>
  clip01(projectLinf(Float32Array.of(original), Float32Array.of(stepped), epsilon))[0]!;
/** The success-rate quiz: 1,000 images, 870 right, 609 of those made wrong (robustness.ts counts them). */
function quizAttack() {
  const labels = new Int32Array(1000);
  const clean = Int32Array.from(labels, (_, i) => (i < 870 ? 0 : 1));
  const adversarial = Int32Array.from(labels, (_, i) => (i < 609 ? 2 : clean[i]!));
  return attackSummary(labels, clean, adversarial);
}

const QUIZZES: [string, QuizAnswer, string][] = [
  ['input-gradient-shape', { type: String(32 * 28 * 28 * 1) }, '25,088'],
  ['fgsm-one-pixel', { type: String(fgsmPixel(0.98, 1, 0.05)) }, 'brings back to 1'],
  ['pgd-projection', { type: String(round(projectedPixel(0.3, 0.43, 0.1), 4)) }, 'sets it to 0.40'],
  ['attack-success-rate', { type: String(round(quizAttack().successRate * 100, 2)) }, '70%'],
  ['min-max-inner', { at: [0] }, 'an attack'],
  ['accuracy-limits', { at: [0] }, 'threat model'],
];

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

test.describe(`the lesson "${TITLE}"`, () => {
  // One page load: the maths, the sections, the worked numbers, then every quiz answered.
  test('renders its maths, has its sections, works its numbers out right, and every quiz accepts the answer its explanation gives', async ({
    page,
  }) => {
    const problems = watchForProblems(page);
    await page.goto(PATH);
    await expect(page.locator('h1')).toHaveText(TITLE);
    await expect(page.locator('.lesson-body .katex').first()).toBeVisible();
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // FGSM, the targeted step, PGD and adversarial training, each as a display formula.
    const display = (tex: string) => page.locator('.lesson-body .katex-display annotation').filter({ hasText: tex });
    await expect(display("\\mathbf x' = \\operatorname{clip}_{[0,1]}\\Big(\\mathbf x + \\varepsilon")).toHaveCount(1);
    await expect(display("\\mathbf x' = \\operatorname{clip}_{[0,1]}\\Big(\\mathbf x - \\varepsilon")).toHaveCount(1);
    await expect(display('\\operatorname{clip}_{[\\mathbf x - \\varepsilon,\\; \\mathbf x + \\varepsilon]}')).toHaveCount(1);
    await expect(display('\\max_{\\lVert \\boldsymbol\\delta \\rVert_\\infty \\le \\varepsilon}')).toHaveCount(1);
    const sections = (await page.locator('.lesson-body h2').allTextContents()).map((s) => s.trim().replace(/’/g, "'"));
    expect(sections).toEqual(SECTIONS);

    // The worked numbers (the sneaker's and PGD's are checked by scripts/adversarial-lesson-figures.test.ts).
    const prose = await renderedProse(page);
    const has = (text: string) => expect(prose, text).toContain(compact(text));
    // A linear score over 784 pixels, weights of size 0.05, ε = 0.1: ε·‖w‖₁ = 784 · 0.1 · 0.05.
    expect(round(0.1 * 0.05, 6)).toBe(0.005);
    has('0.1 · 0.05 = 0.005');
    expect(round(784 * 0.1 * 0.05, 6)).toBe(3.92);
    has('784 · 0.1 · 0.05 = 3.92');
    // A probability of 0.98 between two classes is a gap of log(0.98 / 0.02) between their scores; 3.92 overturns it.
    expect(round(Math.log(0.98 / 0.02), 2)).toBe(3.89);
    expect(784 * 0.1 * 0.05).toBeGreaterThan(Math.log(0.98 / 0.02));
    has('log(0.98/0.02) ≈ 3.89');
    // The success-rate quiz's robust accuracy, as robustness.ts counts it.
    expect(round(quizAttack().robustAccuracy * 100, 1)).toBe(26.1);
    has('(870 - 609)/1,000 = 26.1%');

    const quizIds = await page.locator('.lesson-body tk-quiz').evaluateAll((qs) => qs.map((q) => q.id.replace(/^quiz-/, '')));
    expect(quizIds, 'every quiz of the page is answered by this spec, in page order').toEqual(QUIZZES.map(([id]) => id));
    for (const [id, answer, explains] of QUIZZES) {
      await expect(quizById(page, id), `quiz ${id}`).toHaveAttribute('data-answer', 'unanswered');
      const q = await answerQuiz(page, id, answer);
      await expect(q, `quiz ${id} with ${JSON.stringify(answer)}`).toHaveAttribute('data-answer', 'correct');
      const explanation = q.locator('[data-part="explanation"]');
      await expect(explanation).toBeVisible();
      expect((await explanation.textContent()) ?? '', `quiz ${id}`).toContain(explains);
    }
    expect(problems).toEqual([]);
  });

  // Fails until the widgets' and the exercise's branches are merged and their comments in the lesson are enabled.
  test('every widget of the lesson, and its exercise, is on the page', async ({ page }) => {
    await page.goto(PATH);
    // Each widget once, in page order.
    const found = await page
      .locator('.lesson-body')
      .evaluate((body, tags) => [...body.querySelectorAll(tags.join(', '))].map((el) => el.tagName.toLowerCase()), WIDGETS);
    expect(found, 'the lesson’s widgets, in page order').toEqual(WIDGETS);
    for (const tag of WIDGETS) await expect(page.locator(`.lesson-body figure ${tag}`), `${tag} in a figure with a caption`).toHaveCount(1);
    await expect(page.locator(`tk-code-cell[data-cell-id="${EXERCISE}"][data-kind="exercise"]`)).toHaveCount(1);
  });

  test('every link to a lesson, or to a section of one, leads to a page and a heading that exist', async ({ page }) => {
    await page.goto(PATH);
    const links = await page
      .locator('.lesson-body a[href*="/lessons/"]')
      .evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).href))]);
    expect(links.length).toBeGreaterThan(3);
    for (const href of links) {
      const url = new URL(href);
      await page.goto('about:blank');
      const response = await page.goto(href);
      expect(response?.status(), href).toBe(200);
      if (url.hash) await expect(page.locator(url.hash), `the target of ${href}`).toHaveCount(1);
    }
  });

  test('is listed on the course map after "Convolutional networks", with its quizzes, and the CNN lesson leads to it', async ({ page }) => {
    await page.goto('./');
    const track = page.locator('li.track#supervised');
    const link = track.getByRole('link', { name: TITLE, exact: true });
    await expect(link).toBeVisible();
    expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toMatch(/\/lessons\/adversarial-examples\/$/);
    const titles = (await track.locator('.card-title').allTextContents()).map((t) => t.trim());
    expect(titles.indexOf(TITLE)).toBe(titles.indexOf('Convolutional networks') + 1);
    const card = page.locator('[data-lesson-progress="adversarial-examples"]');
    expect((await card.getAttribute('data-quizzes'))?.split(' ')).toEqual(expect.arrayContaining(QUIZZES.map(([id]) => id)));
    await page.goto('./lessons/convolutional-networks/');
    await expect(page.locator('.lesson-body a[href$="/lessons/adversarial-examples/"]')).toHaveCount(1);
  });
});
