import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The model builder (src/widgets/model-builder/, on the test-only page /dev/model-builder/, set to
 * 2,000 training images and 1 epoch): it trains in its worker and reports test accuracy on the
 * 10,000 test images, leaves no tensor behind and saves the model; the layer editor changes the
 * code and the parameter counts, works from the keyboard, and names a bad value.
 */
const PAGE = './dev/model-builder/';
const WIDGET = 'tk-model-builder';

async function open(page: Page) {
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  const widget = page.locator(WIDGET);
  await expect(widget).toHaveAttribute('data-state', 'idle');
  return widget;
}

test.describe('model builder', { tag: '@dev-pages' }, () => {
  test('trains in its worker, reports test accuracy on the 10,000 test images, leaves no tensor and saves the model', async ({ page }) => {
    test.setTimeout(180_000);
    const problems = watchForProblems(page);
    const widget = await open(page);
    const status = widget.getByRole('status');
    await expect(status).toHaveText(/^Ready/);
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
    await expect(status).toHaveText(/^Test accuracy \d{2}\.\d% on 10,000 test images after 1 epoch$/);
    // 2,000 images, one epoch of Adam: far better than guessing (10%), far from the 97% goal.
    expect(Number(await widget.getAttribute('data-test-accuracy'))).toBeGreaterThan(0.7);
    await expect(widget, 'tf.memory().numTensors after the run minus before').toHaveAttribute('data-tensors-left', '0');
    await expect(widget.getByText(/^Saved in this browser/)).toBeVisible();
    // The curves were drawn: training batches and the validation point.
    await expect(widget.locator('[data-part="charts"] svg').first()).toBeVisible();
    await expect(widget.getByRole('button', { name: 'Train again' })).toBeEnabled();
    expect(problems).toEqual([]);
  });

  test('Stop ends a long run within a batch: tested, not saved, no tensor left', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForProblems(page);
    const widget = await open(page);
    await widget.getByLabel('Epochs').fill('20');
    await widget.getByRole('button', { name: 'Start training' }).click();
    // Training: per batch ("Epoch 1 of 20 · batch …") or, when an epoch of these few images ends before
    // the first batch report is due (a fast machine), per epoch ("Training: epoch 2 of 20").
    await expect(widget.getByRole('status')).toHaveText(/^(Epoch \d+ of 20 · batch|Training: epoch \d+ of 20)/, { timeout: 90_000 });
    await widget.getByRole('button', { name: 'Stop' }).click();
    await expect(widget).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
    await expect(widget.getByRole('status')).toHaveText(/^Stopped after \d+ full epochs?; test accuracy \d+\.\d% on 10,000 test images$/);
    await expect(widget).toHaveAttribute('data-tensors-left', '0');
    await expect(widget.locator('[data-part="saved"]')).toBeHidden();
    expect(problems).toEqual([]);
  });

  test('adding a dropout layer changes the code and the parameter table; a dense layer changes the total', async ({ page }) => {
    const widget = await open(page);
    const code = widget.locator('[data-part="code"]');
    const total = widget.locator('[data-part="params-total"]');
    const rows = widget.locator('[data-part="params"] tbody tr');
    await expect(total).toHaveText('101,770');
    await expect(rows).toHaveText([/784 → 128.*784·128 \+ 128 = 100,480/, /128 → 10.*128·10 \+ 10 = 1,290/]);
    await expect(code).not.toContainText('dropout');

    await widget.getByRole('button', { name: 'Add dropout layer' }).click();
    await expect(code).toContainText('model.add(tf.layers.dropout({ rate: 0.2 }));');
    await expect(rows).toHaveText([/100,480/, /Dropout.*128 → 128.*0 \(no parameters\)/, /1,290/]);
    await expect(total, 'dropout has no parameters').toHaveText('101,770');
    await expect(widget.getByRole('status')).toHaveText('Added layer 2 (dropout 0.2).');

    await widget.getByRole('button', { name: 'Add dense layer' }).click();
    await expect(code).toContainText("model.add(tf.layers.dense({ units: 64, activation: 'relu' }));");
    // 784·128 + 128, then 128·64 + 64, then 64·10 + 10.
    await expect(total).toHaveText('109,386');
    await expect(widget.locator('[data-part="network-caption"]')).toHaveText('The network: 109,386 weights and biases to learn');
  });

  test('layers are reordered and removed from the keyboard; focus stays on the layer', async ({ page }) => {
    const widget = await open(page);
    const status = widget.getByRole('status');
    const titles = widget.locator('.tk-layer__title');
    await widget.getByRole('button', { name: 'Add dropout layer' }).focus();
    await page.keyboard.press('Enter');
    await expect(titles).toHaveText(['Layer 1: dense', 'Layer 2: dropout']);

    await widget.getByRole('button', { name: 'Move up layer 2 (dropout 0.2)' }).focus();
    await page.keyboard.press('Enter');
    await expect(titles).toHaveText(['Layer 1: dropout', 'Layer 2: dense']);
    await expect(status).toHaveText('Moved layer 2 (dropout 0.2) up; it is now layer 1.');
    // At the top, Move up is disabled: the focus is on the same layer's Move down.
    await expect(widget.getByRole('button', { name: 'Move down layer 1 (dropout 0.2)' })).toBeFocused();
    await expect(widget.locator('[data-part="code"]')).toContainText(
      "model.add(tf.layers.dropout({ inputShape: [784], rate: 0.2 }));\nmodel.add(tf.layers.dense({ units: 128, activation: 'relu' }));",
    );

    await page.keyboard.press('Tab'); // Remove layer 1
    await expect(widget.getByRole('button', { name: 'Remove layer 1 (dropout 0.2)' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(titles).toHaveText(['Layer 1: dense']);
    await expect(status).toHaveText('Removed layer 1 (dropout 0.2); 1 hidden layer left.');
    await expect(widget.getByRole('button', { name: 'Remove layer 1 (dense, 128 units)' })).toBeFocused();
    await expect(widget.locator('[data-part="code"]')).not.toContainText('dropout');
  });

  test('a bad value is named, its field marked, and Start says what to fix', async ({ page }) => {
    const widget = await open(page);
    const units = widget.getByLabel('Units of layer 1');
    await units.fill('0');
    const message = 'Layer 1 (dense) needs a whole number of units from 1 to 2048, not 0.';
    await expect(widget.locator('[data-part="problems"]')).toHaveText(message);
    await expect(units).toHaveAttribute('aria-invalid', 'true');
    await widget.getByLabel('Learning rate').fill('');
    await widget.getByRole('button', { name: 'Start training' }).click();
    await expect(widget).toHaveAttribute('data-state', 'error');
    const error = widget.locator('[data-part="error"]');
    await expect(error).toContainText('This model cannot be trained yet');
    await expect(error).toContainText(message);
    await expect(error).toContainText('The learning rate must be from 0.000001 to 2, not an empty or unreadable value.');
    await units.fill('32');
    await expect(units).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('opens a spec sent with tk-open-in-builder: fills the form, focuses it, says so', async ({ page }) => {
    const widget = await open(page);
    await page.evaluate(() => {
      const spec = {
        layers: [
          { kind: 'dense', units: 256, activation: 'tanh' },
          { kind: 'dropout', rate: 0.3 },
        ],
        l2: 0.0001,
        optimizer: 'momentum',
        learningRate: 0.0123,
        momentum: 0.8,
        batchSize: 32,
        epochs: 2,
      };
      document.dispatchEvent(new CustomEvent('tk-open-in-builder', { detail: spec }));
    });
    await expect(widget.getByRole('status')).toHaveText('The model was opened in the builder: check the settings and press Start training.');
    await expect(widget.getByLabel('Units of layer 1')).toBeFocused();
    await expect(widget.getByLabel('Units of layer 1')).toHaveValue('256');
    await expect(widget.getByLabel('Rate of layer 2')).toHaveValue('0.3');
    await expect(widget.getByLabel('Learning rate')).toHaveValue('0.0123');
    await expect(widget.getByLabel('Momentum', { exact: true })).toHaveValue('0.8');
    await expect(widget.locator('[data-part="code"]')).toContainText('tf.train.momentum(0.0123, 0.8)');

    await page.evaluate(() => document.dispatchEvent(new CustomEvent('tk-open-in-builder', { detail: { layers: 'many' } })));
    await expect(widget.getByRole('status')).toHaveText('That model could not be opened: The model description has no list of layers.');

    // A convolutional spec is refused in words; the form keeps the model it had.
    await page.evaluate(() => {
      const layers = [{ kind: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }, { kind: 'flatten' }];
      const detail = { layers, l2: 0, optimizer: 'adam', learningRate: 0.001, momentum: 0.9, batchSize: 64, epochs: 1 };
      document.dispatchEvent(new CustomEvent('tk-open-in-builder', { detail }));
    });
    await expect(widget.getByRole('status')).toHaveText(
      /^That model has convolution, pooling or flatten layers \(layer 1 is conv2d\); the model builder builds dense networks only\./,
    );
    await expect(widget.getByLabel('Units of layer 1')).toHaveValue('256');
  });

  test('passes axe in both themes', async ({ page }) => {
    await open(page);
    await expectNoAxeViolations(page, 'model builder, light');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expectNoAxeViolations(page, 'model builder, dark');
  });
});
