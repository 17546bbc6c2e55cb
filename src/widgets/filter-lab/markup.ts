/**
 * The filter lab's static markup, as strings: rendered at build time by FilterLab.astro (formula
 * typeset there with KaTeX) or by the element itself when created without it. No DOM here.
 * Parts are found by `data-part`; ids (needed by labels and descriptions) start with `idPrefix`.
 */
import type { SampleImageName } from '../../lib/image/types.ts';
import { escapeHtml, optionsMarkup } from '../shared/html.ts';
import { imageSourceMarkup } from '../shared/image/source.ts';
import {
  BORDER_CHOICES,
  DISPLAY_CHOICES,
  FILTER_PRESETS,
  INITIAL_STATE,
  KERNEL_SIZES,
  PRESET_ORDER,
  SIGMA,
  formatCell,
  kernelSum,
  sumMeaning,
  type LabState,
} from './config.ts';

export const IDLE_STATUS = 'Loading the image…';

/** The convolution as the lab computes it (cross-correlation, as in CNNs). */
export const CONVOLUTION_TEX = "I'(x, y) = \\sum_{i=0}^{k-1} \\sum_{j=0}^{k-1} K_{i,j}\\; I(x + j - r,\\; y + i - r)";

export type TexRenderer = (tex: string) => string;
const plainTex: TexRenderer = (tex) => `<code>${escapeHtml(tex)}</code>`;

/** The kernel's number inputs, row by row (rebuilt when the size changes). */
export function kernelGridMarkup(state: Pick<LabState, 'size' | 'values'>): string {
  const { size, values } = state;
  const cells: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      cells.push(
        `<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" class="tk-filter__cell" data-cell="${i}" ` +
          `value="${escapeHtml(formatCell(values[i] ?? 0))}" aria-label="Weight row ${row + 1}, column ${col + 1}">`,
      );
    }
  }
  return cells.join('');
}

export function filterLabMarkup(idPrefix: string, image: SampleImageName, tex: TexRenderer = plainTex, state: LabState = INITIAL_STATE): string {
  const id = escapeHtml(idPrefix);
  const presets = PRESET_ORDER.map(
    (name) =>
      `<button type="button" class="tk-button tk-filter__preset" data-preset="${name}" aria-pressed="${state.preset === name}">${escapeHtml(FILTER_PRESETS[name].label)}</button>`,
  ).join('');
  const sizes = KERNEL_SIZES.map((n) => ({ value: n, label: `${n}×${n}` }));
  const select = (label: string, name: string, options: { value: string | number; label: string }[], selected: string | number) =>
    `<label class="tk-field"><span class="tk-field__label">${label}</span>` +
    `<select data-part="${name}">${optionsMarkup(options, selected)}</select></label>`;
  const description = state.preset === 'custom' ? '' : FILTER_PRESETS[state.preset].description;
  const sum = kernelSum(state.values);

  return `<div class="tk-widget tk-filter" data-part="root">
<p class="tk-widget__title">Filter lab</p>
<p class="tk-widget__intro">Pick a filter, or type your own weights into the kernel: every output pixel is the sum of the kernel’s weights times the pixels under it.</p>
${imageSourceMarkup(id, image)}
<div class="tk-filter__formula">${tex(CONVOLUTION_TEX)}<p class="tk-filter__where">for a k×k kernel K with r = (k − 1)/2 (r = 1 for 3×3, 2 for 5×5).</p></div>
<div class="tk-filter__presets" role="group" aria-label="Filter presets">${presets}</div>
<p class="tk-note" data-part="description">${escapeHtml(description)}</p>
<div class="tk-filter__editor">
<div class="tk-filter__kernel">
<p class="tk-field__label" id="${id}-kernel-label">Kernel weights K<sub>i,j</sub></p>
<div class="tk-filter__grid" data-part="grid" role="group" aria-labelledby="${id}-kernel-label" aria-describedby="${id}-kernel-help" style="--size: ${state.size}">${kernelGridMarkup(state)}</div>
<p class="tk-filter__help" id="${id}-kernel-help">Type any number, or a fraction like 1/9; ↑ and ↓ step by 1 (with Shift by 0.1). The result updates as you type.</p>
<p class="tk-filter__sum" data-part="sum"><span data-part="sum-value">${escapeHtml(sumMeaning(sum))}</span></p>
<p class="tk-note" data-part="cell-error" hidden></p>
<p class="tk-note" data-part="magnitude-note"${state.kind === 'magnitude' ? '' : ' hidden'}>Output √(gx² + gy²): gx uses this grid, gy its transpose (rows and columns swapped).</p>
</div>
<div class="tk-filter__settings">
<div class="tk-field tk-filter__sigma" data-part="sigma-field"${state.preset === 'gaussian' ? '' : ' hidden'}>
<div class="tk-filter__sigma-head"><label class="tk-field__label" for="${id}-sigma">Sigma σ</label><output for="${id}-sigma" data-part="sigma-value">${state.sigma.toFixed(1)}</output></div>
<input type="range" id="${id}-sigma" data-part="sigma" min="${SIGMA.min}" max="${SIGMA.max}" step="${SIGMA.step}" value="${state.sigma}" aria-valuetext="σ = ${state.sigma.toFixed(1)}">
</div>
${select('Kernel size', 'size', sizes, state.size)}
${select(
  'Border',
  'border',
  BORDER_CHOICES.map((b) => ({ ...b })),
  state.border,
)}
${select(
  'Show values',
  'display',
  DISPLAY_CHOICES.map(({ value, label }) => ({ value, label })),
  state.display,
)}
<label class="tk-filter__check"><input type="checkbox" data-part="grey"${state.grey ? ' checked' : ''}> Filter the grey image (luma)</label>
</div>
</div>
<div class="tk-filter__images">
<figure class="tk-filter__figure"><canvas data-part="original" width="300" height="200" class="tk-filter__canvas" role="img" aria-label="Original image"></canvas><figcaption>Original</figcaption></figure>
<figure class="tk-filter__figure"><div class="tk-filter__frame"><canvas data-part="filtered" width="300" height="200" class="tk-filter__canvas" role="img" aria-label="Filtered image"></canvas><span class="tk-filter__busy" data-part="busy" hidden>Filtering…</span></div><figcaption>Filtered</figcaption></figure>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${IDLE_STATUS}</p>
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
