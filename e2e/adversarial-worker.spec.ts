import { expect, test, type Page } from '@playwright/test';
import { watchForProblems } from './helpers.ts';

/**
 * The adversarial worker in a real browser (on the test-only page /dev/adversarial-worker/): the
 * pretrained CNN's files load into a Web Worker, FGSM on 100 test images gives a curve that rises
 * with ε, and a short adversarial fine-tune sends its weights and both models' curves; no tensor left.
 */
const PAGE = './dev/adversarial-worker/';

type Message = { type: string; [key: string]: unknown };
type Summary = { mode: string; types: string[]; messages: Message[] };

async function run(page: Page, request: object): Promise<Summary> {
  return page.evaluate(
    (r) => (window as unknown as { tinkerAdversarialRun(r: object): Promise<Summary> }).tinkerAdversarialRun(r),
    request,
  ) as Promise<Summary>;
}

test.describe('adversarial worker', { tag: '@dev-pages' }, () => {
  test('an FGSM curve of the pretrained CNN, and a short adversarial fine-tune', async ({ page }) => {
    test.setTimeout(90_000);
    const problems = watchForProblems(page);
    await page.goto(PAGE);
    await expect(page.locator('html')).toHaveAttribute('data-adversarial-ready', 'true');

    const curve = await run(page, {});
    expect(curve.mode).toBe('worker');
    expect(curve.messages.at(-1)).toMatchObject({ type: 'done', stopped: false, tensorsLeft: 0 });
    const [points] = curve.messages.filter((m) => m.type === 'curve').map((m) => m['points'] as Array<{ successRate: number }>);
    expect(points!.map((p) => p.successRate)[0]).toBe(0);
    expect(points![1]!.successRate).toBeGreaterThan(0.3);
    expect(points![1]!.successRate).toBeLessThanOrEqual(1);

    const train = await run(page, {
      task: 'train',
      method: 'fgsm-rs',
      epsilon: 0.1,
      images: 128,
      epochs: 1,
      batchSize: 64,
      learningRate: 1e-3,
      seed: 1,
      evaluate: { attack: 'fgsm', epsilons: [0.1], images: 100 },
    });
    expect(train.messages.at(-1)).toMatchObject({ type: 'done', stopped: false, tensorsLeft: 0 });
    const trained = train.messages.find((m) => m.type === 'trained')!;
    expect((trained['weights'] as Float32Array[]).map((w) => Object.keys(w).length)).toEqual([72, 8, 1152, 16, 7840, 10]);
    expect(train.messages.filter((m) => m.type === 'curve').map((m) => m['model'])).toEqual(['trained', 'standard']);
    expect(problems).toEqual([]);
  });
});
