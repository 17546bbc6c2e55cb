/**
 * The image-difference widget's static markup (rendered at build time by ImageDifference.astro).
 * No DOM here. The pixel whose numbers are shown is chosen with a labelled <select> (keyboard)
 * or by clicking any of the three pictures.
 */
import { escapeHtml } from '../shared/html.ts';

export const LOADING_STATUS = 'Loading the photo…';

/** The pixels the reader can pick from the select: one inside each edit, and one untouched. */
export const PROBES = [
  { value: 'tint', label: 'In the square with more red' },
  { value: 'clone', label: 'In the copied patch' },
  { value: 'dot', label: 'On the blue dot' },
  { value: 'same', label: 'Where nothing changed' },
] as const;
export type ProbeName = (typeof PROBES)[number]['value'];

export const FIX_LABEL = 'Fix: keep alpha at 255 (and take |A − B|)';

export function imageDifferenceMarkup(idPrefix: string): string {
  const figure = (name: string, caption: string, extra = '') =>
    `<figure class="tk-diff__figure"><div class="tk-diff__frame${extra}" data-part="${name}-frame">` +
    `<canvas class="tk-diff__canvas" data-part="${name}" width="1" height="1"></canvas>` +
    `<div class="tk-diff__marker" data-part="${name}-marker" aria-hidden="true" hidden></div></div>` +
    `<figcaption data-part="${name}-caption">${caption}</figcaption></figure>`;
  const options = PROBES.map((p) => `<option value="${p.value}">${escapeHtml(p.label)}</option>`).join('');
  const head = ['R', 'G', 'B', 'A (alpha)'].map((c) => `<th scope="col">${c}</th>`).join('');
  const row = (name: string, label: string) => `<tr data-part="row-${name}"><th scope="row">${label}</th><td></td><td></td><td></td><td></td></tr>`;
  return `<div class="tk-widget tk-diff" data-part="root">
<p class="tk-widget__title">Subtract two pictures to see what changed</p>
<p class="tk-widget__intro">B is photo A with three small edits. Subtracting one from the other should show where they are: where the pictures agree the difference is 0. Both are stored as RGBA, with an alpha (opacity) channel of 255.</p>
<div class="tk-diff__figures">
${figure('a', 'A: the photo')}
${figure('b', 'B: the photo with three edits')}
${figure('diff', 'A − B on all four channels', ' tk-diff__frame--result')}
</div>
<div class="tk-actions">
<button type="button" class="tk-button tk-button--primary" data-part="fix" aria-pressed="false" disabled>${escapeHtml(FIX_LABEL)}</button>
</div>
<div class="tk-diff__numbers">
<label class="tk-field tk-diff__probe"><span class="tk-field__label">Pixel to read</span><select data-part="probe" aria-describedby="${escapeHtml(idPrefix)}-hint">${options}</select></label>
<p class="tk-note" id="${escapeHtml(idPrefix)}-hint">Or click a picture to read the pixel under the pointer.</p>
<div class="tk-diff__table-wrap">
<table class="tk-diff__table">
<caption data-part="caption">Numbers at one pixel</caption>
<thead><tr><td></td>${head}</tr></thead>
<tbody>
${row('a', 'A')}
${row('b', 'B')}
${row('diff', 'A − B')}
</tbody>
</table>
</div>
<p data-part="explain"></p>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${LOADING_STATUS}</p>
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
