/**
 * The two lessons of the Unsupervised track, "Learning without labels: clustering and PCA" and
 * "Autoencoders: compress, denoise, generate": their maths renders, their sections and quizzes are in
 * place, and each quiz accepts the answer its explanation gives, computed here from the quiz's own data
 * (a k-means step, a contingency table matched by majority and one to one, eigenvalues, a KL term); the
 * map of unsupervised algorithms is drawn with its title, its text equivalent and working links, in one
 * column on a phone; every link to a lesson or a section of one leads to a page and a heading that exist;
 * the course map lists both lessons in the Unsupervised track; earlier lessons lead to them; axe passes
 * with the quizzes answered and the map's list open, in both themes.
 * The widgets have their own specs; the exercise is graded by e2e/code-cell.spec.ts on /dev/exercises/.
 */
import { expect, test, type Page } from '@playwright/test';
import { answerQuiz, expectNoAxeViolations, quizById, watchForProblems } from './helpers.ts';
import { MAP_RELATIONS, UNSUPERVISED_MAP, mapAlgorithms } from '../src/lib/unsupervised/algorithm-map.ts';

const CLUSTERING = { path: './lessons/clustering-and-pca/', title: 'Learning without labels: clustering and PCA' };
const AUTOENCODERS = { path: './lessons/autoencoders/', title: 'Autoencoders: compress, denoise, generate' };

/** One k-means step on points of a line: assign each to its nearest centroid (lowest index on a tie), then average. */
function kmeansStep(points: number[], centroids: number[]): number[] {
  const nearest = points.map((x) => centroids.reduce((best, c, j) => (Math.abs(x - c) < Math.abs(x - centroids[best]!) ? j : best), 0));
  return centroids.map((c, j) => {
    const members = points.filter((_, i) => nearest[i] === j);
    return members.length ? members.reduce((a, b) => a + b, 0) / members.length : c;
  });
}

/** The lesson's contingency table: rows are clusters, columns the classes T-shirt, trouser, sneaker. */
const TABLE = [
  [40, 5, 5],
  [30, 15, 5],
  [0, 20, 30],
];
const total = TABLE.flat().reduce((a, b) => a + b, 0);
const purity = TABLE.reduce((sum, row) => sum + Math.max(...row), 0) / total;
/** The best one-to-one matching, by trying every permutation (3! of them). */
function bestMatching(table: number[][]): number {
  const permutations = (items: number[]): number[][] =>
    items.length <= 1 ? [items] : items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
  return Math.max(...permutations(table.map((_, i) => i)).map((p) => p.reduce((sum, c, j) => sum + table[j]![c]!, 0)));
}
const hungarian = bestMatching(TABLE) / total;

const dense = (inputs: number, units: number) => inputs * units + units;
const klTerm = (mu: number[], variance: number[]) => -0.5 * mu.reduce((s, m, j) => s + 1 + Math.log(variance[j]!) - m * m - variance[j]!, 0);

type Answer = { type: string } | { at: number[] };
const round = (v: number, digits: number) => String(Math.round(v * 10 ** digits) / 10 ** digits);

const CLUSTERING_QUIZZES: [string, Answer, string][] = [
  ['kmeans-update', { type: round(kmeansStep([1, 2, 4, 8, 10], [2, 5])[1]!, 4) }, '22/3'],
  ['elbow-zero', { at: [0] }, '0'],
  ['kmeans-boundary', { at: [0] }, 'straight line'],
  ['cluster-purity', { type: round(purity * 100, 2) }, '100/150'],
  ['cluster-hungarian', { type: round(hungarian * 100, 2) }, '85/150'],
  ['purity-singletons', { at: [0] }, '100%'],
  ['explained-variance', { type: round(((6 + 3) / (6 + 3 + 1)) * 100, 2) }, '90%'],
  ['pca-storage', { type: String(10_000 * 50 + 50 * 784 + 784) }, '539,984'],
];
const AUTOENCODER_QUIZZES: [string, Answer, string][] = [
  ['ae-encoder-parameters', { type: String(dense(784, 64) + dense(64, 64) + dense(64, 3)) }, '54,595'],
  ['denoise-target', { at: [0] }, 'clean image'],
  ['why-log-variance', { at: [0] }, 'always positive'],
  ['vae-kl', { type: String(klTerm([1, 0, 0], [1, 1, 1])) }, '0.5'],
  ['interpolate-midpoint', { type: String(0.75 * 0 + 0.25 * 2) }, '0.5'],
];

const LESSONS = [
  {
    ...CLUSTERING,
    sections: [
      'Try it: sort points into clusters',
      'Learning without labels',
      'k-means',
      'Judging clusters with hidden labels',
      'Principal component analysis',
      'Exercise: an unsupervised image classifier',
      'Summary',
      "What's next",
    ],
    displays: [
      'J = \\sum_{i=0}^{N-1}',
      '\\text{purity} = \\frac{1}{N}',
      '\\text{NMI} = \\frac{I}',
      '\\Sigma\\, \\mathbf u_j = \\lambda_j',
      '\\hat{\\mathbf x} = \\bar{\\mathbf x} + \\sum',
    ],
    quizzes: CLUSTERING_QUIZZES,
  },
  {
    ...AUTOENCODERS,
    sections: ['Try it: squeeze and rebuild', 'Encoder, bottleneck, decoder', 'Denoising', 'The variational autoencoder', 'Summary', "What's next"],
    displays: [
      'L_\\text{rec}(\\mathbf x, \\hat{\\mathbf x}) = -\\sum',
      '\\mathbf z = \\boldsymbol\\mu + \\boldsymbol\\sigma \\odot \\boldsymbol\\epsilon',
      '\\mathrm{KL} = -\\frac12 \\sum_{j}',
    ],
    quizzes: AUTOENCODER_QUIZZES,
  },
];

async function answerAll(page: Page, quizzes: [string, Answer, string][]) {
  for (const [id, answer] of quizzes) await answerQuiz(page, id, answer);
}

for (const lesson of LESSONS) {
  test.describe(`the lesson "${lesson.title}"`, () => {
    test('has its maths, sections and quizzes in place', async ({ page }) => {
      await page.goto(lesson.path);
      await expect(page.locator('h1')).toHaveText(lesson.title);
      await expect(page.locator('.katex-error')).toHaveCount(0);
      for (const tex of lesson.displays) {
        await expect(page.locator('.lesson-body .katex-display annotation').filter({ hasText: tex }), tex).toHaveCount(1);
      }
      const sections = (await page.locator('.lesson-body h2').allTextContents()).map((s) => s.trim().replace(/’/g, "'"));
      expect(sections).toEqual(lesson.sections);
      const ids = await page.locator('.lesson-body tk-quiz').evaluateAll((qs) => qs.map((q) => q.getAttribute('data-quiz-id') ?? q.id));
      expect(ids.length, 'every quiz of the page is answered by this spec').toBe(lesson.quizzes.length);
      for (const [id] of lesson.quizzes) await expect(quizById(page, id), `quiz ${id}`).toHaveAttribute('data-answer', 'unanswered');
    });

    test('every quiz accepts the answer its explanation gives', async ({ page }) => {
      const problems = watchForProblems(page);
      await page.goto(lesson.path);
      for (const [id, answer, shown] of lesson.quizzes) {
        const q = await answerQuiz(page, id, answer);
        await expect(q, `quiz ${id}`).toHaveAttribute('data-answer', 'correct');
        const explanation = q.locator('[data-part="explanation"]');
        await expect(explanation).toBeVisible();
        expect(((await explanation.textContent()) ?? '').replace(/\s+/g, ' '), `quiz ${id}`).toContain(shown);
      }
      expect(problems).toEqual([]);
    });

    test('every link to a lesson, or to a section of one, leads to a page and a heading that exist', async ({ page }) => {
      await page.goto(lesson.path);
      // HTML links and the map's SVG links (whose href is an attribute, not a URL property).
      const links = await page
        .locator('.lesson-body a[href*="lessons/"]')
        .evaluateAll((as) => [...new Set(as.map((a) => new URL(a.getAttribute('href') ?? '', location.href).href))]);
      expect(links.length).toBeGreaterThan(3);
      for (const href of links) {
        await page.goto('about:blank');
        const response = await page.goto(href);
        expect(response?.status(), href).toBe(200);
        const hash = new URL(href).hash;
        if (hash) await expect(page.locator(`[id="${decodeURIComponent(hash.slice(1))}"]`), `the target of ${href}`).toHaveCount(1);
      }
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`axe finds no violations with the quizzes answered (${colorScheme})`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.emulateMedia({ colorScheme });
        await page.goto(lesson.path);
        await answerAll(page, lesson.quizzes);
        const list = page.locator('[data-part="map-text"]');
        if (await list.count()) await list.locator('summary').click();
        await expectNoAxeViolations(page, `lesson "${lesson.title}" (${colorScheme})`);
      });
    }
  });
}

test.describe('the map of unsupervised algorithms', () => {
  test('is drawn with a title and a description, the built algorithms linked, and a list that says the same', async ({ page }) => {
    await page.goto(CLUSTERING.path);
    const map = page.locator('.lesson-body figure [data-part="unsupervised-map"]');
    await expect(map).toHaveCount(1);
    const svg = map.locator('svg[data-layout="wide"]');
    await expect(svg).toBeVisible();
    await expect(map.locator('svg[data-layout="narrow"]')).toBeHidden();
    await expect(svg).toHaveAccessibleName('A map of unsupervised algorithms');
    await expect(svg).toHaveAccessibleDescription(/^Four families of unsupervised algorithms/);
    for (const group of UNSUPERVISED_MAP) await expect(svg.locator(`[data-group="${group.id}"]`)).toContainText(group.title);
    const built = mapAlgorithms().filter((a) => a.built);
    for (const a of built) {
      const link = svg.locator(`a[data-algorithm="${a.id}"]`);
      await expect(link).toHaveAttribute('href', new RegExp(`/lessons/${a.built!.lesson}/#${a.built!.section}$`));
    }
    // Keyboard: the first built algorithm is a tab stop with a visible name.
    await svg.locator(`a[data-algorithm="${built[0]!.id}"]`).focus();
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', new RegExp(`^${built[0]!.name}: built in this course`));

    // The text equivalent: every algorithm, its note, and a real link for each built one.
    const list = map.locator('[data-part="map-text"]');
    await list.locator('summary').click();
    for (const a of mapAlgorithms()) await expect(list.locator(`li[data-algorithm="${a.id}"]`)).toContainText(a.note);
    for (const r of MAP_RELATIONS) await expect(list).toContainText(r.sentence);
    await expect(list.getByRole('link')).toHaveCount(built.length);
  });

  test('is drawn in one column on a phone, without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(CLUSTERING.path);
    const map = page.locator('[data-part="unsupervised-map"]');
    await expect(map.locator('svg[data-layout="wide"]')).toBeHidden();
    const narrow = map.locator('svg[data-layout="narrow"]');
    await expect(narrow).toBeVisible();
    const box = (await narrow.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    // Drawn at about its natural size, so its 13 px text stays 13 px or near it.
    expect(box.width).toBeGreaterThan(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test.describe('the Unsupervised track', () => {
  test('the course map lists both lessons, in order, in the Unsupervised track', async ({ page }) => {
    await page.goto('./');
    const track = page.locator('li.track#unsupervised');
    const links = track.getByRole('link');
    await expect(track.getByRole('link', { name: CLUSTERING.title, exact: true })).toBeVisible();
    await expect(track.getByRole('link', { name: AUTOENCODERS.title, exact: true })).toBeVisible();
    const titles = (await track.locator('.card-title').allTextContents()).map((t) => t.trim());
    expect(titles).toEqual([CLUSTERING.title, AUTOENCODERS.title]);
    expect(await links.count()).toBeGreaterThanOrEqual(2);
    // Every track has lessons now: the map promises no track "still to come".
    await expect(page.locator('.roadmap')).toHaveCount(0);
  });

  test('earlier lessons lead to it where it continues them', async ({ page }) => {
    await page.goto('./lessons/convolutional-networks/');
    await expect(page.locator('.lesson-body a[href$="/lessons/clustering-and-pca/"]')).toHaveCount(1);
    await page.goto('./lessons/layers-api/');
    await expect(page.locator('.lesson-body a[href$="/lessons/clustering-and-pca/"]')).toHaveCount(1);
    await page.goto('./lessons/images-are-matrices/');
    await expect(page.locator('.lesson-body a[href$="/lessons/autoencoders/#denoising"]')).toHaveCount(1);
  });
});
