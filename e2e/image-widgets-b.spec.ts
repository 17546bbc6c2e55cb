/**
 * The colour mangler and the filter lab on the images lesson: sliders, presets, the kernel editor
 * and the border select change the pictures (read back from the canvases), everything works from
 * the keyboard, the filtered pixels equal the library's result computed here in Node, while the
 * sigma slider moves the latest value wins and no queue builds up in the worker (how smoothly the
 * page draws meanwhile is a benchmark figure: npm run bench -- --only responsiveness), and axe
 * finds nothing in either theme.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { fromRgba } from '../src/lib/image/image.ts';
import { gaussianKernel } from '../src/lib/image/kernels.ts';
import { renderFilter } from '../src/workers/image-filter/ops.ts';
import { watchForProblems } from './helpers.ts';

const LESSON = './lessons/images-are-matrices/';

const chelseaPng = PNG.sync.read(readFileSync(new URL('../public/images/samples/chelsea.png', import.meta.url)));
const chelsea = fromRgba(chelseaPng.data, chelseaPng.width, chelseaPng.height, 3);
const cameraPng = PNG.sync.read(readFileSync(new URL('../public/images/samples/camera.png', import.meta.url)));

/** Every pixel of RGBA bytes is grey (R = G = B) and opaque. */
function allGrey(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2] || rgba[i + 3] !== 255) return false;
  }
  return true;
}

/** The RGBA bytes of a canvas in a widget (data-part name), sent over as base64 (quicker than a list of numbers). */
async function pixels(widget: Locator, name: string): Promise<Uint8Array> {
  const base64 = await widget.locator(`canvas[data-part="${name}"]`).evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D context');
    const bytes = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  });
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** How many bytes differ between two RGBA arrays of the same length. */
function differing(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** The largest difference between two byte arrays. */
function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** What gateFilterWorker puts on the page. */
interface FilterGate {
  /** While true, the filter worker's messages wait in `held`. */
  hold: boolean;
  held: Array<() => void>;
  /** Every filter job sent to the worker, in order. */
  filters: Array<{ values: number[] }>;
}

/**
 * An init script: wraps the filter lab's worker (named tinker-image-filter) so that the test sees
 * every filter job the page sends and can hold the worker's answers back.
 */
function gateFilterWorker(): void {
  const gate: FilterGate = { hold: false, held: [], filters: [] };
  (window as unknown as { __filterGate: FilterGate }).__filterGate = gate;
  const Base = window.Worker;
  window.Worker = class extends Base {
    private readonly gated: boolean;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.gated = options?.name === 'tinker-image-filter';
    }
    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      const m = message as { type?: string; job?: { values: number[] } };
      if (this.gated && m.type === 'filter' && m.job) gate.filters.push({ values: Array.from(m.job.values) });
      if (Array.isArray(transfer)) super.postMessage(message, transfer);
      else super.postMessage(message, transfer);
    }
    override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
      if (!this.gated || type !== 'message' || typeof listener !== 'function') return super.addEventListener(type, listener, options);
      super.addEventListener(
        type,
        (event) => {
          if (gate.hold) gate.held.push(() => listener.call(this, event));
          else listener.call(this, event);
        },
        options,
      );
    }
  };
}

/** The 5×5 Gaussian kernel the lab sends for a sigma. */
const kernelValues = (sigma: number): number[] => Array.from(gaussianKernel(sigma, 5).values);
/** Matches a list of numbers to within rounding (the slider adds 0.1 at a time). */
const closeTo = (values: number[]) => values.map((v) => expect.closeTo(v, 6));

async function open(page: Page, tag: 'tk-colour-mangler' | 'tk-filter-lab'): Promise<Locator> {
  await page.goto(LESSON);
  const widget = page.locator(tag);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'done');
  return widget;
}

test.describe('colour mangler', () => {
  test('sliders change the after image, from the keyboard too; Deep fry and Reset', async ({ page }) => {
    const problems = watchForProblems(page);
    const mangler = await open(page, 'tk-colour-mangler');
    const status = mangler.locator('[data-part="status"]');
    await expect(status).toHaveText(/^Coffee, 600 × 400: no changes/);
    const before = await pixels(mangler, 'before');
    expect(differing(await pixels(mangler, 'after'), before)).toBe(0);

    // Brightness from the keyboard: ten steps of +1.
    const brightness = mangler.getByLabel('Brightness');
    await brightness.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect(mangler.locator('[data-part="value-brightness"]')).toHaveText('+10');
    await expect(brightness).toHaveAttribute('aria-valuetext', '+10');
    await expect(status).toHaveText(/brightness \+10\. Mean value \d+ → \d+\./);
    const brighter = await pixels(mangler, 'after');
    expect(differing(brighter, before)).toBeGreaterThan(before.length / 2);
    // Every colour value went up by 10 (or hit 255); alpha stays 255.
    for (let i = 0; i < 4000; i += 4) {
      for (let c = 0; c < 3; c++) expect(brighter[i + c]).toBe(Math.min(255, before[i + c]! + 10));
      expect(brighter[i + 3]).toBe(255);
    }

    // Saturation to 0 from the keyboard (Home): a grey image.
    const saturation = mangler.getByLabel('Saturation');
    await saturation.focus();
    await page.keyboard.press('Home');
    await expect(mangler.locator('[data-part="value-saturation"]')).toHaveText('×0.00');
    await expect(status).toHaveText(/saturation ×0\.00/);
    const grey = await pixels(mangler, 'after');
    for (let i = 0; i < grey.length; i += 4 * 97) {
      expect(Math.abs(grey[i]! - grey[i + 1]!)).toBeLessThanOrEqual(1);
      expect(Math.abs(grey[i + 1]! - grey[i + 2]!)).toBeLessThanOrEqual(1);
    }

    await mangler.getByRole('button', { name: 'Deep fry' }).click();
    await expect(status).toHaveText(/contrast ×1\.80, saturation ×3\.00, gains R ×1\.30 G ×1\.05 B ×0\.70, noise ±28, 12 levels/);
    await expect(mangler.locator('[data-part="value-levels"]')).toHaveText('12');
    const fried = await pixels(mangler, 'after');
    expect(differing(fried, before)).toBeGreaterThan(before.length / 2);
    // Posterized to 12 levels: every colour value is a multiple of 255/11.
    for (let i = 0; i < fried.length; i += 4 * 101) {
      for (let c = 0; c < 3; c++) {
        const level = (fried[i + c]! * 11) / 255;
        expect(Math.abs(level - Math.round(level))).toBeLessThan(0.03);
      }
    }

    // Reset brings back the original exactly; the keyboard reaches the button.
    await mangler.getByRole('button', { name: 'Reset' }).focus();
    await page.keyboard.press('Enter');
    await expect(status).toHaveText(/no changes, the after image equals the original/);
    expect(differing(await pixels(mangler, 'after'), before)).toBe(0);
    expect(problems).toEqual([]);
  });
});

test.describe('grey sample (one channel)', () => {
  test('the mangler and the filter lab draw Camera man, and stay grey', async ({ page }) => {
    const problems = watchForProblems(page);
    const mangler = await open(page, 'tk-colour-mangler');
    await mangler.getByRole('combobox', { name: /^Image/ }).selectOption('camera');
    await expect(mangler.locator('[data-part="status"]')).toHaveText(/^Camera man, 512 × 512: no changes/);
    const before = await pixels(mangler, 'before');
    expect(differing(before, new Uint8Array(cameraPng.data))).toBe(0);
    await mangler.getByRole('button', { name: 'Deep fry' }).click();
    await expect(mangler.locator('[data-part="status"]')).toHaveText(/^Camera man, 512 × 512: .*12 levels/);
    const fried = await pixels(mangler, 'after');
    expect(differing(fried, before)).toBeGreaterThan(before.length / 4);
    // One channel: the colour gains and saturation cannot tint a grey picture.
    expect(allGrey(fried)).toBe(true);

    const lab = page.locator('tk-filter-lab');
    await lab.scrollIntoViewIfNeeded();
    // Its script loads when the reader nears it (loadWhenNear): a choice made before it is ready would be lost.
    await expect(lab).toHaveAttribute('data-state', 'done');
    await lab.getByRole('combobox', { name: /^Image/ }).selectOption('camera');
    await expect(lab.locator('[data-part="status"]')).toHaveText(/^Gaussian blur σ = 1\.0, 5×5, border clamp: 512 × 512 pixels in/);
    await expect(lab).toHaveAttribute('data-state', 'done');
    expect(differing(await pixels(lab, 'original'), new Uint8Array(cameraPng.data))).toBe(0);
    await lab.getByRole('button', { name: 'Sobel x' }).click();
    await expect(lab.locator('[data-part="status"]')).toHaveText(/^Sobel x, 3×3, border clamp, on grey: 512 × 512 pixels in/);
    const sobel = await pixels(lab, 'filtered');
    const camera = fromRgba(cameraPng.data, cameraPng.width, cameraPng.height, 3);
    const expected = renderFilter(camera, {
      kind: 'kernel',
      size: 3,
      values: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
      border: 'clamp',
      display: 'signed',
      grey: true,
    });
    expect(maxDifference(sobel, expected.rgba)).toBeLessThanOrEqual(1);
    expect(allGrey(sobel)).toBe(true);
    expect(problems).toEqual([]);
  });
});

test.describe('filter lab', () => {
  test('presets fill the kernel and filter exactly as the library does', async ({ page }) => {
    const problems = watchForProblems(page);
    const lab = await open(page, 'tk-filter-lab');
    const status = lab.locator('[data-part="status"]');
    await expect(status).toHaveText(/^Gaussian blur σ = 1\.0, 5×5, border clamp: 451 × 300 pixels in (<1|\d+) ms\./);
    await expect(lab.locator('[data-cell]')).toHaveCount(25);
    await expect(lab).toHaveAttribute('data-mode', 'worker');
    const blurred = await pixels(lab, 'filtered');
    const original = await pixels(lab, 'original');

    await lab.getByRole('button', { name: 'Sobel x' }).click();
    await expect(lab.getByRole('button', { name: 'Sobel x' })).toHaveAttribute('aria-pressed', 'true');
    await expect(status).toHaveText(/^Sobel x, 3×3, border clamp, on grey: 451 × 300 pixels in (<1|\d+) ms\. Values −\d+ to \d+, shown signed/);
    const cells = lab.locator('[data-cell]');
    await expect(cells).toHaveCount(9);
    expect(await cells.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      '-1',
      '0',
      '1',
      '-2',
      '0',
      '2',
      '-1',
      '0',
      '1',
    ]);
    await expect(lab.locator('[data-part="sum"]')).toHaveText(/^Sum 0: .*edge/);
    await expect(lab.getByLabel('Show values')).toHaveValue('signed');
    const sobel = await pixels(lab, 'filtered');
    expect(differing(sobel, blurred)).toBeGreaterThan(sobel.length / 2);

    // The same numbers computed in Node with src/lib/image.
    const expected = renderFilter(chelsea, {
      kind: 'kernel',
      size: 3,
      values: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
      border: 'clamp',
      display: 'signed',
      grey: true,
    });
    expect(maxDifference(sobel, expected.rgba)).toBeLessThanOrEqual(1);

    // Identity shows the original unchanged.
    await lab.getByRole('button', { name: 'Identity' }).click();
    await expect(status).toHaveText(/^Identity, 3×3, border clamp: 451 × 300/);
    await expect.poll(async () => differing(await pixels(lab, 'filtered'), original)).toBe(0);
    expect(problems).toEqual([]);
  });

  test('editing a kernel number updates the result; keyboard and border select work', async ({ page }) => {
    const problems = watchForProblems(page);
    const lab = await open(page, 'tk-filter-lab');
    const status = lab.locator('[data-part="status"]');

    // Presets from the keyboard: Tab order reaches the buttons, Enter presses them.
    await lab.getByRole('button', { name: 'Identity' }).focus();
    await page.keyboard.press('Enter');
    await expect(status).toHaveText(/^Identity, 3×3/);
    const original = await pixels(lab, 'original');
    await expect.poll(async () => differing(await pixels(lab, 'filtered'), original)).toBe(0);

    // Type a new centre weight: the result doubles (cut at 255) and the kernel is now custom.
    const centre = lab.getByLabel('Weight row 2, column 2');
    await centre.fill('2');
    await expect(status).toHaveText(/^Custom kernel, 3×3, border clamp: 451 × 300/);
    await expect(lab.locator('[data-part="sum"]')).toHaveText(/^Sum 2\.00: .*brighter/);
    await expect(lab.getByRole('button', { name: 'Identity' })).toHaveAttribute('aria-pressed', 'false');
    const doubled = await pixels(lab, 'filtered');
    for (let i = 0; i < 6000; i++) {
      if (i % 4 !== 3) expect(doubled[i]).toBe(Math.min(255, 2 * original[i]!));
    }

    // Keyboard in a cell: ArrowDown steps the weight back to 1, giving the original again.
    await centre.focus();
    await page.keyboard.press('ArrowDown');
    await expect(centre).toHaveValue('1');
    await expect(lab.locator('[data-part="sum"]')).toHaveText(/^Sum 1:/);
    await expect.poll(async () => differing(await pixels(lab, 'filtered'), original)).toBe(0);

    // A fraction is accepted; text that is not a number is named and ignored.
    await lab.getByLabel('Weight row 1, column 1').fill('1/2');
    await expect(lab.locator('[data-part="sum"]')).toHaveText(/^Sum 1\.50:/);
    await lab.getByLabel('Weight row 1, column 1').fill('abc');
    await expect(lab.locator('[data-part="cell-error"]')).toHaveText(/Not a number: Weight row 1, column 1/);
    await expect(lab.getByLabel('Weight row 1, column 1')).toHaveAttribute('aria-invalid', 'true');

    // Border select: with Sobel x, a zero border makes the left and right columns strong edges; clamp does not.
    await lab.getByRole('button', { name: 'Sobel x' }).click();
    await expect(lab.locator('[data-part="cell-error"]')).toBeHidden();
    await expect(status).toHaveText(/^Sobel x, 3×3, border clamp/);
    const clamped = await pixels(lab, 'filtered');
    await lab.getByLabel('Border').selectOption('zero');
    await expect(status).toHaveText(/^Sobel x, 3×3, border zero/);
    const zero = await pixels(lab, 'filtered');
    const width = 451;
    const leftColumn = (rgba: Uint8Array) => Array.from({ length: 300 }, (_, y) => rgba[y * width * 4]!);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    // Zero outside: the left edge goes from black (0) to the image, a bright positive response.
    expect(mean(leftColumn(zero))).toBeGreaterThan(mean(leftColumn(clamped)) + 40);
    const expected = renderFilter(chelsea, {
      kind: 'kernel',
      size: 3,
      values: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
      border: 'zero',
      display: 'signed',
      grey: true,
    });
    expect(maxDifference(zero, expected.rgba)).toBeLessThanOrEqual(1);
    await lab.getByLabel('Border').selectOption('reflect');
    await expect(status).toHaveText(/^Sobel x, 3×3, border reflect/);

    // Kernel size 5×5 pads the Sobel kernel with zeros: the same result.
    await lab.getByLabel('Kernel size').selectOption('5');
    await expect(lab.locator('[data-cell]')).toHaveCount(25);
    await expect(status).toHaveText(/^Sobel x, 5×5, border reflect/);
    expect(problems).toEqual([]);
  });

  test('while the sigma slider moves, the latest value wins and no queue builds up (a 512 × 512 image, 5×5 kernel)', async ({ page }) => {
    // How smoothly the page draws meanwhile is measured by `npm run bench -- --only responsiveness`.
    const problems = watchForProblems(page);
    await page.addInitScript(gateFilterWorker);
    const lab = await open(page, 'tk-filter-lab');
    const status = lab.locator('[data-part="status"]');
    await lab.locator('[data-part="source-sample"]').selectOption('astronaut');
    await expect(status).toHaveText(/^Gaussian blur σ = 1\.0, 5×5, border clamp: 512 × 512 pixels/);
    await expect(lab).toHaveAttribute('data-state', 'done');
    // The filtering runs in the worker, off the page's main thread.
    await expect(lab).toHaveAttribute('data-mode', 'worker');

    // Hold the worker's results back, then move the slider 15 steps (σ 1.0 → 2.5).
    const before = await page.evaluate(() => (window as unknown as { __filterGate: FilterGate }).__filterGate.filters.length);
    await page.evaluate(() => {
      (window as unknown as { __filterGate: FilterGate }).__filterGate.hold = true;
    });
    const sigma = lab.getByLabel('Sigma σ');
    await sigma.focus();
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    await expect(lab.locator('[data-part="sigma-value"]')).toHaveText('2.5');
    // The first step's result is back at the page (held): still only that one filter was sent. The
    // other 14 steps did not queue up behind it in the worker.
    await page.waitForFunction(() => (window as unknown as { __filterGate: FilterGate }).__filterGate.held.length > 0);
    const sent = () => page.evaluate(() => (window as unknown as { __filterGate: FilterGate }).__filterGate.filters.map((job) => job.values));
    expect((await sent()).slice(before)).toEqual([kernelValues(1.1)].map(closeTo));
    await expect(lab).toHaveAttribute('data-state', 'running');

    // Let the results through: the newest request (σ = 2.5) runs next, and nothing in between.
    await page.evaluate(() => {
      const gate = (window as unknown as { __filterGate: FilterGate }).__filterGate;
      gate.hold = false;
      for (const deliver of gate.held.splice(0)) deliver();
    });
    await expect(lab).toHaveAttribute('data-state', 'done');
    await expect(status).toHaveText(/^Gaussian blur σ = 2\.5, 5×5, border clamp: 512 × 512 pixels/);
    expect((await sent()).slice(before)).toEqual([kernelValues(1.1), kernelValues(2.5)].map(closeTo));
    expect(problems).toEqual([]);
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the mangler and the filter lab (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const mangler = await open(page, 'tk-colour-mangler');
    await mangler.getByRole('button', { name: 'Deep fry' }).click();
    const lab = page.locator('tk-filter-lab');
    await lab.scrollIntoViewIfNeeded();
    await expect(lab).toHaveAttribute('data-state', 'done');
    await lab.getByRole('button', { name: 'Gradient magnitude' }).click();
    await lab.getByLabel('Weight row 1, column 1').fill('x'); // shows the cell error line too
    await expect(lab.locator('[data-part="cell-error"]')).toBeVisible();
    const results = await new AxeBuilder({ page })
      .include('tk-colour-mangler')
      .include('tk-filter-lab')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const report = results.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
    expect(report).toEqual([]);
  });
}
