/**
 * The pixel inspector and the image-difference widget on the images lesson: the numbers they show
 * match the sample PNG decoded here in Node (pngjs), mouse and keyboard move the cursor, the
 * alpha pitfall shows a transparent result until the fix, a reader's file is used or refused
 * with a clear message, and axe finds nothing in either theme.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { applyEdits, compareImages } from '../src/lib/image/edits.ts';
import { fromRgba } from '../src/lib/image/image.ts';
import { watchForProblems } from './helpers.ts';

const LESSON = './lessons/images-are-matrices/';

const chelsea = PNG.sync.read(readFileSync(new URL('../public/images/samples/chelsea.png', import.meta.url)));
const camera = PNG.sync.read(readFileSync(new URL('../public/images/samples/camera.png', import.meta.url)));

/** The grey value of pixel (x, y) of a grey PNG (pngjs decodes it to RGBA with R = G = B). */
function greyAt(png: PNG, x: number, y: number): number {
  return png.data[(y * png.width + x) * 4]!;
}

/** "R 142, G 98, B 61" for pixel (x, y) of a decoded PNG. */
function rgbText(png: PNG, x: number, y: number): string {
  const i = (y * png.width + x) * 4;
  return `R ${png.data[i]}, G ${png.data[i + 1]}, B ${png.data[i + 2]}`;
}

/** A small PNG whose pixel (x, y) is (6x, 8y, 100). */
function tinyPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = 6 * x;
      png.data[i + 1] = 8 * y;
      png.data[i + 2] = 100;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

async function openInspector(page: Page): Promise<Locator> {
  await page.goto(LESSON);
  const inspector = page.locator('tk-pixel-inspector');
  await expect(inspector).toHaveAttribute('data-state', 'done');
  return inspector;
}

/** Move the mouse over the centre of image pixel (x, y) of the inspector's canvas. */
async function hoverPixel(page: Page, inspector: Locator, x: number, y: number, width: number, height: number) {
  const canvas = inspector.locator('[data-part="canvas"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('The inspector canvas is not visible');
  await page.mouse.move(box.x + ((x + 0.5) / width) * box.width, box.y + ((y + 0.5) / height) * box.height);
}

test.describe('pixel inspector', () => {
  test('shows the shape and the numbers under the mouse and the arrow keys', async ({ page }) => {
    const problems = watchForProblems(page);
    const inspector = await openInspector(page);
    const status = inspector.locator('[data-part="status"]');
    await expect(inspector.locator('[data-part="facts"]')).toContainText('shape 300 × 451 × 3 (height × width × channels');
    await expect(inspector.locator('[data-part="facts"]')).toContainText('whole number from 0 to 255');

    // Mouse: hover a pixel.
    await hoverPixel(page, inspector, 120, 85, chelsea.width, chelsea.height);
    await expect(status).toHaveText(`Pixel (120, 85): ${rgbText(chelsea, 120, 85)}`);
    await expect(inspector).toHaveAttribute('data-x', '120');

    // Click, then keys: one pixel right, ten down (Shift), one up.
    await inspector.locator('[data-part="canvas"]').click({
      position: await (async () => {
        const box = (await inspector.locator('[data-part="canvas"]').boundingBox())!;
        return { x: ((200 + 0.5) / chelsea.width) * box.width, y: ((150 + 0.5) / chelsea.height) * box.height };
      })(),
    });
    await expect(status).toHaveText(`Pixel (200, 150): ${rgbText(chelsea, 200, 150)}`);
    await page.mouse.move(0, 0); // leave the picture so hovering does not move the cursor again
    const frame = inspector.getByRole('application');
    await expect(frame).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(status).toHaveText(`Pixel (201, 159): ${rgbText(chelsea, 201, 159)}`);
    await page.keyboard.press('End');
    await expect(status).toHaveText(`Pixel (450, 159): ${rgbText(chelsea, 450, 159)}`);
    await page.keyboard.press('ArrowRight'); // stays inside the image
    await expect(status).toHaveText(`Pixel (450, 159): ${rgbText(chelsea, 450, 159)}`);

    // The sliders are labelled and move the cursor too.
    await inspector.getByLabel('Row y').fill('3');
    await expect(status).toHaveText(`Pixel (450, 3): ${rgbText(chelsea, 450, 3)}`);

    // The magnified centre cell shows the same numbers.
    const centre = inspector.locator('.tk-pi__cell--centre span');
    const i = (3 * chelsea.width + 450) * 4;
    await expect(centre).toHaveText([String(chelsea.data[i]), String(chelsea.data[i + 1]), String(chelsea.data[i + 2])]);
    expect(problems).toEqual([]);
  });

  test('choosing Camera man shows a 512 × 512 × 1 image and one grey value per pixel', async ({ page }) => {
    const problems = watchForProblems(page);
    const inspector = await openInspector(page);
    await inspector.getByRole('combobox', { name: /^Image/ }).selectOption('camera');
    await expect(inspector).toHaveAttribute('data-shape', '512x512x1');
    await expect(inspector.locator('[data-part="facts"]')).toContainText(
      'Camera man: shape 512 × 512 × 1 (height × width × channels: grey), 262,144 numbers',
    );
    await expect(inspector.locator('[data-part="legend"]')).toContainText('its grey value');

    const status = inspector.locator('[data-part="status"]');
    await inspector.getByLabel('Column x').fill('100');
    await inspector.getByLabel('Row y').fill('40');
    await expect(status).toHaveText(`Pixel (100, 40): grey ${greyAt(camera, 100, 40)}`);
    await inspector.getByRole('application').focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect(status).toHaveText(`Pixel (110, 40): grey ${greyAt(camera, 110, 40)}`);

    // The magnified cells show one number each (in the middle line): the centre and its left neighbour.
    await expect(inspector.locator('.tk-pi__cell--centre span')).toHaveText(['', String(greyAt(camera, 110, 40)), '']);
    const left = inspector
      .locator('.tk-pi__cell')
      .nth(3 * 7 + 2)
      .locator('span');
    await expect(left).toHaveText(['', String(greyAt(camera, 109, 40)), '']);

    // Back to a colour picture: three channels again.
    await inspector.getByRole('combobox', { name: /^Image/ }).selectOption('chelsea');
    await expect(inspector).toHaveAttribute('data-shape', '300x451x3');
    await expect(status).toHaveText(/^Pixel \(110, 40\): R \d+, G \d+, B \d+$/);
    expect(problems).toEqual([]);
  });

  test('refuses a file that is not an image and keeps the picture', async ({ page }) => {
    const problems = watchForProblems(page);
    const inspector = await openInspector(page);
    await inspector.getByLabel('Use your own image').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('these are my notes, not a picture'),
    });
    await expect(inspector.getByRole('alert')).toHaveText('“notes.txt” is not an image this browser can read. Choose a PNG, JPEG, GIF or WebP file.');
    await expect(inspector).toHaveAttribute('data-state', 'done');
    await expect(inspector).toHaveAttribute('data-shape', '300x451x3');
    await expect(inspector.getByRole('combobox', { name: /^Image/ })).toHaveValue('chelsea');

    // A text file named like an image is refused too (decoding fails).
    await inspector.getByLabel('Use your own image').setInputFiles({
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not really a png'),
    });
    await expect(inspector.getByRole('alert')).toHaveText(/^“fake.png” is not an image this browser can read/);
    await expect(inspector).toHaveAttribute('data-shape', '300x451x3');
    expect(problems).toEqual([]);
  });

  test('uses a PNG from the file input or dropped on the widget', async ({ page }) => {
    const problems = watchForProblems(page);
    const inspector = await openInspector(page);
    await inspector.getByLabel('Use your own image').setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: tinyPng(40, 30) });
    await expect(inspector).toHaveAttribute('data-shape', '30x40x3');
    await expect(inspector.locator('[data-part="facts"]')).toContainText('tiny.png: shape 30 × 40 × 3');
    await expect(inspector.getByRole('combobox', { name: /^Image/ })).toHaveValue('own');
    await expect(inspector.locator('[data-part="source-error"]')).toBeEmpty();

    await inspector.getByRole('application').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const y = Number(await inspector.getAttribute('data-y'));
    await expect(inspector.locator('[data-part="status"]')).toHaveText(`Pixel (0, ${y}): R 0, G ${8 * y}, B 100`);
    await page.keyboard.press('ArrowRight');
    await expect(inspector.locator('[data-part="status"]')).toHaveText(`Pixel (1, ${y}): R 6, G ${8 * y}, B 100`);

    // Back to a sample, then a drop (as the browser delivers it).
    await inspector.getByRole('combobox', { name: /^Image/ }).selectOption('coffee');
    await expect(inspector).toHaveAttribute('data-shape', '400x600x3');
    const bytes = [...tinyPng(20, 10)];
    await inspector.evaluate((el, data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'dropped.png', { type: 'image/png' }));
      el.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    await expect(inspector).toHaveAttribute('data-shape', '10x20x3');
    await expect(inspector).not.toHaveClass(/tk-drop-active/);
    expect(problems).toEqual([]);
  });
});

test.describe('image difference', () => {
  test('shows a transparent (blank) A − B, then the edits after the fix', async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(LESSON);
    const widget = page.locator('tk-image-difference');
    await expect(widget).toHaveAttribute('data-state', 'done');
    const status = widget.getByRole('status');
    await expect(status).toHaveText(/alpha is 255 − 255 = 0 everywhere, so the difference is fully transparent \(blank\)/);

    const diffPixels = () =>
      widget.locator('[data-part="diff"]').evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let maxAlpha = 0;
        let lit = 0;
        for (let i = 0; i < data.length; i += 4) {
          maxAlpha = Math.max(maxAlpha, data[i + 3]!);
          if (data[i]! + data[i + 1]! + data[i + 2]! > 0 && data[i + 3]! > 0) lit++;
        }
        return { maxAlpha, lit, width: canvas.width };
      });
    expect(await diffPixels()).toEqual({ maxAlpha: 0, lit: 0, width: 451 });

    // The numbers at the tinted pixel: alpha 255 − 255 = 0.
    const a = fromRgba(chelsea.data, chelsea.width, chelsea.height, 4);
    const { img: b, edits } = applyEdits(a);
    const tint = edits[0]!.probe;
    const rowCells = (name: string) => widget.locator(`[data-part="row-${name}"] td`);
    const at = (img: typeof a, c: number) => img.data[(tint.y * img.width + tint.x) * 4 + c]!;
    await expect(widget.locator('[data-part="caption"]')).toHaveText(`Numbers at pixel (${tint.x}, ${tint.y})`);
    await expect(rowCells('a')).toHaveText([0, 1, 2, 3].map((c) => String(at(a, c))));
    await expect(rowCells('b')).toHaveText([0, 1, 2, 3].map((c) => String(at(b, c))));
    const red = at(a, 0) - at(b, 0);
    await expect(rowCells('diff')).toHaveText([red < 0 ? `−${-red}` : String(red), '0', '0', '0']);

    // The fix: opaque |A − B|, the three edits light up.
    const fix = widget.getByRole('button', { name: /Fix: keep alpha at 255/ });
    await fix.press('Enter');
    await expect(fix).toHaveAttribute('aria-pressed', 'true');
    const { regions, fraction } = compareImages(a, b);
    expect(regions).toHaveLength(3);
    await expect(status).toHaveText(`Showing |A − B| with alpha 255: 3 regions differ; ${(fraction * 100).toFixed(1)}% of pixels changed.`);
    const after = await diffPixels();
    expect(after.maxAlpha).toBe(255);
    expect(after.lit).toBeGreaterThan(0);
    await expect(rowCells('diff')).toHaveText([String(Math.abs(red)), '0', '0', '255']);

    // Keyboard: choose the unchanged pixel; every difference is 0.
    await widget.getByLabel('Pixel to read').selectOption('same');
    await expect(rowCells('diff')).toHaveText(['0', '0', '0', '255']);
    expect(problems).toEqual([]);
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing in the two widgets (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(LESSON);
    await expect(page.locator('tk-pixel-inspector')).toHaveAttribute('data-state', 'done');
    await expect(page.locator('tk-image-difference')).toHaveAttribute('data-state', 'done');
    // Also with the fix on and an error showing.
    await page.locator('tk-image-difference').getByRole('button', { name: /Fix/ }).click();
    await page
      .locator('tk-pixel-inspector')
      .getByLabel('Use your own image')
      .setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('notes'),
      });
    await expect(page.locator('tk-pixel-inspector').getByRole('alert')).not.toBeEmpty();
    const results = await new AxeBuilder({ page })
      .include('tk-pixel-inspector')
      .include('tk-image-difference')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const report = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(report).toEqual([]);
  });
}
