import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The run comparison (src/widgets/run-compare/, on the test-only page /dev/run-compare/): before Start
 * empty axes with the legend and the table of runs; a tiny run of each preset (a few hundred images)
 * trains its four runs one after another in the builder's worker, draws one curve per run and reports
 * the numbers in the status and the table.
 */
const PAGE = './dev/run-compare/';

async function open(page: Page, id: string): Promise<Locator> {
  await page.goto(PAGE);
  await page.waitForFunction(() => customElements.get('tk-run-compare') !== undefined);
  const widget = page.locator(`#${id} tk-run-compare`);
  await expect(widget).toHaveAttribute('data-state', 'idle');
  return widget;
}

test.describe('run comparison', { tag: '@dev-pages' }, () => {
  test('before Start: empty axes, the legend and the runs in a table', async ({ page }) => {
    const widget = await open(page, 'optimizers-tiny');
    await expect(widget.locator('svg.tk-chart__svg--empty')).toHaveCount(1);
    await expect(widget.locator('.tk-compare__legend li')).toHaveText([/^SGD \(learning rate 0\.1\)/, /^Momentum/, /^RMSProp/, /^Adam/]);
    await expect(widget.locator('tbody tr')).toHaveCount(4);
    await expect(widget.getByRole('status')).toHaveText(
      'Ready: 4 runs, one after another, each 2 epochs on 1,000 training images. Press Start training.',
    );
    const reg = page.locator('#regularisation-tiny tk-run-compare');
    await expect(reg.locator('svg.tk-chart__svg--empty')).toHaveCount(4);
    await expectNoAxeViolations(page, 'run comparison');
  });

  test('optimisers, tiny: four runs, one validation curve each, the accuracies in words and in the table', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForProblems(page);
    const widget = await open(page, 'optimizers-tiny');
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 200_000 });
    await expect(widget).toHaveAttribute('data-runs-done', '4');
    const status = widget.getByRole('status');
    await expect(status).toHaveText(
      /^Validation accuracy after 2 epochs on 1,000 images: SGD \d+\.\d%, Momentum \d+\.\d%, RMSProp \d+\.\d%, Adam \d+\.\d%\. Best: .+\. Trained on (WebGPU|WebGL|WebAssembly|CPU)( and [A-Za-z]+)?\.$/,
    );
    // One line per run, each with a point per epoch.
    const lines = widget.locator('path.tk-chart__line');
    await expect(lines).toHaveCount(4);
    for (const d of await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''))) expect(d.split('L')).toHaveLength(2);
    // Better than chance (10%) on 1,000 images after 2 epochs, every optimiser.
    const accuracies = [...((await status.textContent()) ?? '').matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]));
    expect(accuracies).toHaveLength(4);
    accuracies.forEach((a) => expect(a).toBeGreaterThan(50));
    await expect(widget.locator('tbody tr').first()).toHaveText(/SGD.*learning rate 0\.1.*\d+\.\d%.*\d+\.\d%.*\d+\.\d s/);
    expect(problems).toEqual([]);
  });

  test('regularisation, tiny: training and validation curves per run, the gaps in words and in the table', async ({ page }) => {
    test.setTimeout(240_000);
    const widget = await open(page, 'regularisation-tiny');
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 200_000 });
    const status = widget.getByRole('status');
    await expect(status).toHaveText(
      /^After 10 epochs on 250 images, training minus validation accuracy: Plain -?\d+\.\d points \(\d+\.\d% vs \d+\.\d%\), Dropout .*, L2 .*, Dropout \+ L2 .*\. Smallest gap: .+; best validation accuracy: .+\. Trained on .+\.$/,
    );
    // Four charts, two lines each (training, validation), ten epochs.
    const lines = widget.locator('path.tk-chart__line');
    await expect(lines).toHaveCount(8);
    for (const d of await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''))) expect(d.split('L')).toHaveLength(10);
    // On 250 images the plain network overfits: it fits its training images better than unseen ones.
    const plain = /Plain (-?\d+\.\d) points/.exec((await status.textContent()) ?? '');
    expect(Number(plain![1])).toBeGreaterThan(5);
    await expect(widget.locator('tbody tr[data-run="plain"] td').nth(3)).toHaveText(/^\d+\.\d points$/);
  });

  test('MLP against CNN, tiny: two runs on Fashion-MNIST, both curves, the test accuracies in words and in the table', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchForProblems(page);
    const widget = await open(page, 'mlp-vs-cnn-tiny');
    await expect(widget.locator('.tk-compare__legend li')).toHaveText([/^MLP \(784-128-10, 101,770 parameters\)$/, /^CNN \(.*9,098 parameters\)$/]);
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 200_000 });
    await expect(widget).toHaveAttribute('data-runs-done', '2');
    const status = widget.getByRole('status');
    await expect(status).toHaveText(
      /^Test accuracy after 1 epoch on 250 Fashion-MNIST images: MLP \d+\.\d%, CNN \d+\.\d%\. Best: (MLP|CNN|MLP and CNN)\. Trained on CPU\.$/,
    );
    await expect(widget.locator('path.tk-chart__line')).toHaveCount(2);
    // Better than chance (10%) after only four batches of 64: both learned something of the clothes.
    const accuracies = [...((await status.textContent()) ?? '').matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]));
    expect(accuracies).toHaveLength(2);
    accuracies.forEach((a) => expect(a).toBeGreaterThan(15));
    await expect(widget.locator('tbody tr[data-run="cnn"]')).toHaveText(/CNN.*9,098 parameters.*\d+\.\d%.*\d+\.\d%.*\d+\.\d s/);
    expect(problems).toEqual([]);
  });

  test('Stop during the first run ends the comparison, keeping what finished', async ({ page }) => {
    test.setTimeout(120_000);
    const widget = await open(page, 'regularisation-tiny');
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget.getByRole('status')).toHaveText(/^Run 1 of 4, Plain: epoch/, { timeout: 60_000 });
    await widget.getByRole('button', { name: 'Stop' }).click();
    await expect(widget).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
    await expect(widget.getByRole('status')).toHaveText(/^Stopped during run 1 of 4 \(Plain\)/);
    await expect(widget.getByRole('button', { name: 'Train again' })).toBeEnabled();
  });
});
