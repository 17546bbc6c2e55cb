import { expect, test, type Page } from '@playwright/test';
import { watchForProblems } from './helpers.ts';

/**
 * The autoencoder worker in a real browser (on the test-only page /dev/autoencoder-worker/): a VAE
 * trains from scratch in a Web Worker on 640 Fashion-MNIST images and sends samples, latents (3-D
 * means) and test losses with no tensor left; the pretrained AE's files load into the worker and a
 * run starts from them; a pretrained model that does not fit the request gets its message.
 */
const PAGE = './dev/autoencoder-worker/';

type Summary = {
  mode: string;
  types: string[];
  last: { type: string; [key: string]: unknown };
  samples: Array<{ count: number; inputs: number; outputs: number; max: number }>;
  latents: Array<{ count: number; dimensions: number; values: number; finite: boolean; epochsCompleted: number }>;
};

async function run(page: Page, request: object): Promise<Summary> {
  return page.evaluate(
    (r) => (window as unknown as { tinkerAutoencoderRun(r: object): Promise<Summary> }).tinkerAutoencoderRun(r),
    request,
  ) as Promise<Summary>;
}

test.describe('autoencoder worker', { tag: '@dev-pages' }, () => {
  test('a VAE from scratch, the pretrained AE, and a pretrained model that does not fit', async ({ page }) => {
    test.setTimeout(90_000);
    const problems = watchForProblems(page);
    await page.goto(PAGE);
    await expect(page.locator('html')).toHaveAttribute('data-autoencoder-ready', 'true');

    const vae = await run(page, { kind: 'vae' });
    expect(vae.last).toMatchObject({ type: 'done', stopped: false, epochsCompleted: 1, tensorsLeft: 0 });
    expect(vae.mode).toBe('worker');
    expect(vae.last['testKl']).toBeGreaterThan(0);
    expect(vae.types.slice(0, 2)).toEqual(['phase', 'backend']);
    expect(vae.samples[0]).toMatchObject({ count: 4, inputs: 4 * 784, outputs: 4 * 784 });
    expect(vae.samples[0]!.max).toBeLessThanOrEqual(1);
    expect(vae.latents.map((l) => l.epochsCompleted)).toEqual([0, 1]);
    expect(vae.latents[1]).toMatchObject({ count: 200, dimensions: 3, values: 600, finite: true });

    // The committed pretrained AE: its test loss starts far below a fresh model's.
    const pretrained = await run(page, { kind: 'ae', pretrainedKind: 'ae', images: 128, learningRate: 1e-5 });
    expect(pretrained.last).toMatchObject({ type: 'done', tensorsLeft: 0 });
    expect(pretrained.last['testLoss']).toBeLessThan(280);

    const mismatch = await run(page, { kind: 'ae', latent: 8, pretrainedKind: 'ae' });
    expect(mismatch.last).toMatchObject({ type: 'error' });
    expect(mismatch.last['message']).toMatch(/does not fit this run.*784 → 64 → 64 → 8/);
    expect(problems).toEqual([]);
  });
});
