/** Shared helpers for the end-to-end tests. Navigation is always relative to baseURL (see playwright.config.ts). */
import AxeBuilder from '@axe-core/playwright';
import { expect, type ConsoleMessage, type Locator, type Page } from '@playwright/test';

/** Every page of the site, as paths relative to the base. */
export const PAGES = [
  { name: 'course map', path: './' },
  { name: 'about', path: './about/' },
  { name: 'style guide', path: './about/style/' },
  { name: 'notation', path: './notation/' },
  { name: 'lesson "Start here"', path: './lessons/start-here/' },
  { name: 'lesson "An image is just a matrix"', path: './lessons/images-are-matrices/' },
  { name: 'lesson "A neuron from scratch"', path: './lessons/neuron-from-scratch/' },
  { name: 'lesson "A network from scratch"', path: './lessons/network-from-scratch/' },
  { name: 'lesson "Supervised learning with the layers API"', path: './lessons/layers-api/' },
  { name: 'lesson "Inspect, save and tune a classifier"', path: './lessons/inspect-and-tune/' },
  { name: 'lesson "Convolutional networks"', path: './lessons/convolutional-networks/' },
  { name: 'lesson "Adversarial examples: fooling the sneaker classifier, and training it to resist"', path: './lessons/adversarial-examples/' },
  { name: 'lesson "Learning without labels: clustering and PCA"', path: './lessons/clustering-and-pca/' },
  { name: 'lesson "Autoencoders: compress, denoise, generate"', path: './lessons/autoencoders/' },
  { name: 'lesson "Q-learning wins Snake"', path: './lessons/q-learning-snake/' },
  { name: 'progress', path: './progress/' },
  { name: 'use Tinker offline', path: './offline/' },
  { name: 'write a lesson (author)', path: './author/' },
] as const;

export const LESSON = './lessons/start-here/';
export const MISSING = './this-page-does-not-exist/';

/**
 * A string tfjs-core's bundle always contains (an engine error message that survives minification).
 * Used to tell whether a script the browser fetched is TensorFlow.js.
 */
export const TFJS_SIGNATURE = 'not found in registry';

/**
 * Records everything that went wrong while a page was in use: console errors (page and workers),
 * uncaught exceptions, failed requests, HTTP errors and tensor-leak warnings. `allow` filters out problems a test expects
 * (for example the 404 status of the missing-page test).
 */
export function watchForProblems(page: Page, allow: (problem: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  const add = (problem: string) => {
    if (!allow(problem)) problems.push(problem);
  };
  const onConsole = (msg: ConsoleMessage) => {
    if (msg.type() === 'error') add(`console error: ${msg.text()} (${msg.location().url})`);
    // The training session warns when tf.memory().numTensors differs after a run: a leak is a failure.
    else if (msg.type() === 'warning' && /tensor\(s\) behind/.test(msg.text())) add(`tensor leak: ${msg.text()}`);
  };
  page.on('console', onConsole);
  page.on('worker', (worker) => worker.on('console', onConsole));
  page.on('pageerror', (error) => add(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? 'unknown';
    // Chromium asks for the favicon after the page has loaded and drops the request when the test
    // moves on to the next page: not a problem of the site (a missing favicon still shows as an HTTP 404).
    if (error === 'net::ERR_ABORTED' && new URL(request.url()).pathname.endsWith('/favicon.svg')) return;
    add(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) add(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Runs axe with the WCAG 2.0/2.1 A and AA rules and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const report = results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(report, `axe violations on ${label}`).toEqual([]);
}

/** Relative luminance (0 = black, 1 = white) of the colour the page is painted with. */
export async function pageBackgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    let rgba: number[] = [255, 255, 255, 1];
    for (const el of [document.body, document.documentElement]) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length >= 3 && (c[3] ?? 1) > 0) {
        rgba = c;
        break;
      }
    }
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(rgba[0] ?? 255) + 0.7152 * lin(rgba[1] ?? 255) + 0.0722 * lin(rgba[2] ?? 255);
  });
}

/** A quiz of the page, by its id (`<Quiz id="...">` renders `tk-quiz#quiz-<id>`). */
export const quizById = (page: Page, id: string): Locator => page.locator(`tk-quiz#quiz-${id}`);

/**
 * How a test answers a quiz: text typed into a numeric quiz, the labels of the options to tick, or
 * the options' positions (for options that are formulas, whose accessible names are KaTeX's).
 */
export type QuizAnswer = { type: string } | { pick: string[] } | { at: number[] };

/** Answers quiz `id` and presses "Check answer"; returns the quiz. */
export async function answerQuiz(page: Page, id: string, answer: QuizAnswer): Promise<Locator> {
  const q = quizById(page, id);
  if ('type' in answer) {
    await q.getByRole('textbox').fill(answer.type);
  } else if ('pick' in answer) {
    for (const name of answer.pick)
      await q
        .getByRole('radio', { name, exact: true })
        .or(q.getByRole('checkbox', { name, exact: true }))
        .check();
  } else {
    for (const i of answer.at) await q.locator('input[data-part="choice"]').nth(i).check();
  }
  await q.getByRole('button', { name: 'Check answer' }).click();
  return q;
}

/** A lesson's text with line breaks and typographic apostrophes made plain. */
export async function lessonProse(page: Page): Promise<string> {
  return ((await page.locator('.lesson-body').textContent()) ?? '').replace(/\s+/g, ' ').replace(/’/g, "'");
}
