/**
 * The convolution stepper's markup, as strings: rendered at build time by ConvolutionStepper.astro
 * (so the whole first step is visible before any script runs) and re-rendered by the element on
 * every step. No DOM here. Parts are found by `data-part`; no ids, so several steppers can share a page.
 */
import { convolutionAt, convolve } from '../../lib/image/convolve.ts';
import { toRgba } from '../../lib/image/image.ts';
import { KERNEL_PRESETS } from '../../lib/image/kernels.ts';
import type { BorderMode, Img } from '../../lib/image/types.ts';
import { escapeHtml, optionsMarkup } from '../shared/html.ts';
import {
  BORDER_CHOICES,
  borderDescription,
  STEPPER_KERNELS,
  borderSource,
  coords,
  formatValue,
  formatWeight,
  indexOf,
  productTerm,
  sourceCaption,
  sourceNote,
  stepStatus,
  type Position,
  type StepperSettings,
} from './model.ts';

/** Everything one step shows. */
export interface StepView {
  img: Img;
  settings: StepperSettings;
  pos: Position;
  /** patch, products, sum, outside: from convolutionAt. */
  step: ReturnType<typeof convolutionAt>;
  /** For each patch cell, the pixel it reads (null: zero padding). */
  sources: (Position | null)[];
  /** The whole output image (the widget reveals it up to the current pixel). */
  output: Img;
}

export function computeView(img: Img, settings: StepperSettings, pos: Position): StepView {
  const kernel = KERNEL_PRESETS[settings.kernel].kernel;
  const step = convolutionAt(img, kernel, pos.x, pos.y, 0, settings.border);
  const r = (kernel.size - 1) / 2;
  const sources: (Position | null)[] = [];
  for (let i = 0; i < kernel.size; i++) {
    for (let j = 0; j < kernel.size; j++) {
      sources.push(borderSource(pos.x + j - r, pos.y + i - r, img.width, img.height, settings.border));
    }
  }
  return { img, settings, pos, step, sources, output: convolve(img, kernel, settings.border) };
}

export function statusFor(view: StepView): string {
  const outsideCount = view.step.outside.filter(Boolean).length;
  return stepStatus(view.pos, view.step.sum, view.step.products.length, outsideCount, view.settings.border);
}

/** Inline colours of a cell showing grey level `g` (0–255): black or white text, whichever reads at 4.5:1. */
function greyStyle(g: number): string {
  const s = g / 255;
  const lum = s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  return `background-color:rgb(${g} ${g} ${g});color:${lum > 0.179 ? '#000' : '#fff'}`;
}

function greyOf(value: number): number {
  return Math.round(Math.min(255, Math.max(0, value)));
}

/**
 * The input image with a one-cell ring of border cells around it (what the 3×3 kernel can read
 * outside), axis labels, and the kernel's outline over the current pixel. Pixels are grid cells
 * (arrow keys move, one cell is in the tab order); the ring and labels are decoration for sight,
 * told in words by the worked sum below.
 */
export function inputGridMarkup(img: Img, border: BorderMode, pos: Position): string {
  const { width, height } = img;
  const rows: string[] = [];
  // x labels above the ring (column 1 is the y-label column).
  const xLabels = ['<span class="tk-conv__axis tk-conv__axis--corner">y\u2193 x\u2192</span>', '<span></span>'];
  for (let x = 0; x < width; x++) xLabels.push(`<span class="tk-conv__axis">${x}</span>`);
  xLabels.push('<span></span>');
  rows.push(`<div class="tk-conv__row" aria-hidden="true">${xLabels.join('')}</div>`);
  for (let y = -1; y <= height; y++) {
    const inside = y >= 0 && y < height;
    const cells: string[] = [`<span class="tk-conv__axis" aria-hidden="true">${inside ? y : ''}</span>`];
    for (let x = -1; x <= width; x++) {
      const src = borderSource(x, y, width, height, border);
      const value = src === null ? 0 : img.data[src.y * width + src.x]!;
      const style = greyStyle(greyOf(value));
      if (inside && x >= 0 && x < width) {
        const current = x === pos.x && y === pos.y;
        cells.push(
          `<span role="gridcell" class="tk-conv__cell${current ? ' is-current' : ''}" data-x="${x}" data-y="${y}"` +
            ` tabindex="${current ? 0 : -1}" aria-selected="${current}" aria-label="${escapeHtml(`${coords({ x, y })}: ${formatValue(value)}`)}"` +
            ` style="${style}">${formatValue(value)}</span>`,
        );
      } else {
        const title = src === null ? 'outside the image: 0 (zero padding)' : `outside the image: ${sourceNote(src, border)}`;
        cells.push(
          `<span class="tk-conv__cell tk-conv__cell--pad" aria-hidden="true" title="${escapeHtml(title)}" style="${style}">${formatValue(value)}</span>`,
        );
      }
    }
    rows.push(`<div class="tk-conv__row"${inside ? ' role="row"' : ' aria-hidden="true"'}>${cells.join('')}</div>`);
  }
  // The kernel outline spans 3 columns and rows starting one cell left of and above the pixel
  // (grid column 1 is the y labels, 2 the left ring, so pixel x sits in column x + 3).
  const kernelBox = `<span class="tk-conv__kernel" aria-hidden="true" style="grid-column:${pos.x + 2} / span 3;grid-row:${pos.y + 2} / span 3"></span>`;
  return (
    `<div class="tk-conv__grid tk-conv__grid--input" role="grid" data-part="input" style="--cols:${width + 2};--rows:${height + 2}"` +
    ` aria-label="${escapeHtml(`Input image, ${width} by ${height} pixels. The kernel is centred on the selected pixel; arrow keys move it.`)}">` +
    rows.join('') +
    `</div><div class="tk-conv__grid tk-conv__grid--overlay" aria-hidden="true" style="--cols:${width + 2};--rows:${height + 2}">${kernelBox}</div>`
  );
}

/** The output image, filled in up to the current pixel (raster order), the current one outlined. */
export function outputGridMarkup(view: StepView): string {
  const { output, pos, settings } = view;
  const { width, height } = output;
  const display = KERNEL_PRESETS[settings.kernel].display;
  const rgba = toRgba(output, display);
  const upTo = indexOf(pos, width);
  const rows: string[] = [];
  const xLabels = ['<span class="tk-conv__axis tk-conv__axis--corner"></span>'];
  for (let x = 0; x < width; x++) xLabels.push(`<span class="tk-conv__axis">${x}</span>`);
  rows.push(`<div class="tk-conv__row">${xLabels.join('')}</div>`);
  for (let y = 0; y < height; y++) {
    const cells = [`<span class="tk-conv__axis">${y}</span>`];
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (i > upTo) {
        cells.push('<span class="tk-conv__cell tk-conv__cell--empty"></span>');
        continue;
      }
      const current = i === upTo ? ' is-current' : '';
      cells.push(`<span class="tk-conv__cell${current}" style="${greyStyle(rgba[i * 4]!)}">${formatValue(output.data[i]!, 0)}</span>`);
    }
    rows.push(`<div class="tk-conv__row">${cells.join('')}</div>`);
  }
  const shown = upTo + 1;
  const label = `Output image: ${shown} of ${width * height} pixels computed so far, the last at ${coords(pos)}.`;
  return `<div class="tk-conv__grid tk-conv__grid--output" role="img" aria-label="${escapeHtml(label)}" style="--cols:${width};--rows:${height}">${rows.join('')}</div>`;
}

/** A 3×3 matrix as a small table (tables up to 3×3 need no headers). */
function matrixMarkup(caption: string, cells: string[], className: string): string {
  const rows: string[] = [];
  for (let i = 0; i < 3; i++) rows.push(`<tr>${cells.slice(i * 3, i * 3 + 3).join('')}</tr>`);
  return `<table class="tk-conv__matrix ${className}"><caption>${caption}</caption><tbody>${rows.join('')}</tbody></table>`;
}

/** The worked computation at the current pixel: patch × kernel = products, their sum, and where outside cells came from. */
export function workedMarkup(view: StepView): string {
  const { step, sources, pos, settings } = view;
  const kernel = KERNEL_PRESETS[settings.kernel].kernel;
  const r = (kernel.size - 1) / 2;
  const offset = (k: number) => ({ dx: (k % kernel.size) - r, dy: Math.floor(k / kernel.size) - r });

  const patchCells = step.patch.map((v, k) => {
    if (!step.outside[k]) return `<td>${formatValue(v)}</td>`;
    return `<td class="is-pad">${formatValue(v)}<span class="tk-conv__src">${escapeHtml(sourceCaption(sources[k] ?? null))}</span></td>`;
  });
  const kernelCells = Array.from(kernel.values, (w) => `<td>${formatWeight(w)}</td>`);
  const productCells = step.products.map((p, k) => `<td${step.outside[k] ? ' class="is-pad"' : ''}>${formatValue(p)}</td>`);

  const terms = step.patch.map(
    (v, k) => `<span class="tk-conv__term${step.outside[k] ? ' is-pad' : ''}">${productTerm(v, kernel.values[k]!)}</span>`,
  );
  const sum =
    `<p class="tk-conv__sum" data-part="sum"><span class="visually-hidden">Worked sum: </span>` +
    `${terms.join('<span class="tk-conv__plus"> + </span>')}` +
    ` <span class="tk-conv__equals">= <strong data-part="result">${formatValue(step.sum)}</strong></span></p>`;

  const outsideNotes = step.outside
    .map((out, k) => {
      if (!out) return '';
      const { dx, dy } = offset(k);
      const cell = coords({ x: pos.x + dx, y: pos.y + dy });
      const src = sources[k] ?? null;
      const read = src === null ? 'reads 0 (zero padding)' : `reads ${formatValue(step.patch[k]!)}, ${sourceNote(src, settings.border)}`;
      return `<li>I${escapeHtml(cell.replace(/-/g, '\u2212'))} ${read}</li>`;
    })
    .filter(Boolean);
  const notes =
    outsideNotes.length === 0
      ? '<p class="tk-note">All nine cells are inside the image, so the border mode does not matter here.</p>'
      : `<p class="tk-note">${outsideNotes.length} ${outsideNotes.length === 1 ? 'cell lies' : 'cells lie'} outside the image (dashed); the border mode (${settings.border}) fills ${outsideNotes.length === 1 ? 'it' : 'them'}:</p><ul class="tk-conv__notes">${outsideNotes.join('')}</ul>`;

  return (
    `<p class="tk-conv__heading">At pixel ${coords(pos)}</p>` +
    `<div class="tk-conv__mats">` +
    `<div class="tk-conv__group">` +
    matrixMarkup('Patch of the image', patchCells, 'tk-conv__matrix--patch') +
    '<span class="tk-conv__op" aria-hidden="true">×</span>' +
    matrixMarkup('Kernel K', kernelCells, 'tk-conv__matrix--kernel') +
    `</div><div class="tk-conv__group">` +
    '<span class="tk-conv__op" aria-hidden="true">→</span>' +
    matrixMarkup('Products', productCells, 'tk-conv__matrix--products') +
    '<span class="tk-conv__op" aria-hidden="true">→</span>' +
    `<div class="tk-conv__total"><span class="tk-conv__total-label">Sum = output</span><span class="tk-conv__total-value">${formatValue(step.sum)}</span></div>` +
    `</div>` +
    `</div>` +
    sum +
    notes
  );
}

export const FORMULA_TEX = String.raw`\mathrm{out}(x, y) = \sum_{i=-1}^{1} \sum_{j=-1}^{1} K(i, j)\,\cdot\, I(x + j,\; y + i)`;

/** The whole widget. `formulaHtml` is the formula typeset by KaTeX at build time (plain TeX otherwise). */
export function stepperMarkup(img: Img, settings: StepperSettings, formulaHtml?: string): string {
  const pos = { x: 0, y: 0 };
  const view = computeView(img, settings, pos);
  const kernelOptions = STEPPER_KERNELS.map((name) => ({ value: name, label: KERNEL_PRESETS[name].label }));
  const borderOptions = BORDER_CHOICES.map((b) => ({ value: b.value, label: b.label }));
  const formula = formulaHtml ?? `<code>${escapeHtml(FORMULA_TEX)}</code>`;
  return `<div class="tk-widget tk-conv" data-part="root">
<p class="tk-widget__title">Slide a kernel over an image</p>
<p class="tk-widget__intro">A tiny ${img.width}×${img.height} grey image: every cell is one pixel, its number the brightness (0 black, 255 white). The 3×3 kernel sits on one pixel at a time; the nine numbers under it are multiplied by the kernel's weights and summed, and that sum is the output pixel.</p>
<fieldset class="tk-settings">
<legend>Settings</legend>
<label class="tk-field"><span class="tk-field__label">Kernel</span><select data-part="kernel">${optionsMarkup(kernelOptions, settings.kernel)}</select></label>
<label class="tk-field"><span class="tk-field__label">Border mode</span><select data-part="border">${optionsMarkup(borderOptions, settings.border)}</select></label>
</fieldset>
<p class="tk-note" data-part="kernel-note">${escapeHtml(KERNEL_PRESETS[settings.kernel].description)}</p>
<p class="tk-note" data-part="border-note">${escapeHtml(borderDescription(settings.border))}</p>
<div class="tk-conv__boards">
<div class="tk-conv__panel"><p class="tk-conv__panel-title">Input</p><div class="tk-conv__stack" data-part="input-wrap">${inputGridMarkup(img, settings.border, pos)}</div></div>
<div class="tk-conv__panel"><p class="tk-conv__panel-title">Output</p><div class="tk-conv__stack" data-part="output">${outputGridMarkup(view)}</div></div>
</div>
<p class="tk-note tk-conv__legend">The framed 3×3 block is the kernel; click a pixel or use the arrow keys to move it. Dashed cells lie outside the image and show what the border mode reads there. The output fills in as the kernel slides, left to right, top to bottom.</p>
<div class="tk-actions">
<button type="button" class="tk-button" data-part="back" disabled>Back</button>
<button type="button" class="tk-button tk-button--primary" data-part="step">Step</button>
<button type="button" class="tk-button" data-part="play">Play</button>
<button type="button" class="tk-button" data-part="reset">Reset</button>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(statusFor(view))}</p>
<div class="tk-conv__worked" data-part="worked">${workedMarkup(view)}</div>
<div class="tk-conv__formula">
<div class="tk-conv__tex">${formula}</div>
<p class="tk-note">K(i, j) is the weight i rows and j columns from the kernel's centre, I(x, y) the pixel in column x, row y. This is cross-correlation, as in CNNs and <code>tf.conv2d</code>; mathematicians' convolution flips the kernel first, K(−i, −j), which changes nothing for symmetric kernels such as the blurs and only flips the sign of Sobel's output.</p>
</div>
</div>`;
}
