/**
 * The inspector's markup as a string (rendered at build time by ModelInspector.astro, and by the
 * element when created without it): the figure (the empty confusion matrix with its axis labels,
 * the drawing pad, the 28×28 input and the empty probability bars), the model actions, the test
 * image picker and the status lines. No DOM here.
 */
import { matrixMarkup as sharedMatrixMarkup } from '../shared/confusion-matrix/markup.ts';
import { figureMarkup } from '../shared/figure.ts';
import { classBarsSvg } from '../../viz/class-bars.ts';
import { progressMarkup } from '../shared/progress.ts';

export const IDLE_STATUS = 'Looks for the model you trained in this browser when it comes into view.';
export const PAD_IDLE = 'Draw a digit in the pad, or open a test image in it.';

const DIGITS = Array.from({ length: 10 }, (_, d) => String(d));

/** The ten digits' probabilities as bars (viz/class-bars.ts), each digit under its bar; null draws the empty chart. */
export function barsSvg(probs: ArrayLike<number> | null): string {
  return classBarsSvg({ classes: DIGITS, series: [{ name: 'Probability', values: probs }], noun: 'digit' });
}

/** The 10×10 table, empty: its rows are the true digits, its columns the predicted ones. */
export function matrixMarkup(): string {
  return sharedMatrixMarkup({
    classes: DIGITS,
    columnTitle: 'Predicted digit →',
    rowTitle: 'True ↓',
    label: 'Confusion matrix of the test set: rows are the true digits, columns the predicted ones',
  });
}

export function padMarkup(): string {
  return `<div class="tk-pad">
<div class="tk-pad__frame"><canvas class="tk-pad__canvas tk-ink" width="280" height="280" tabindex="0" role="application" aria-roledescription="drawing pad" aria-label="Drawing pad, 28 by 28 cells. Draw with a mouse, finger or pen; or move with the arrow keys, Space paints a cell, Enter erases it." data-part="pad"></canvas><span class="tk-pad__cursor" data-part="cursor" hidden></span></div>
<button type="button" class="tk-button" data-part="clear">Clear</button>
</div>`;
}

export function inspectorMarkup(testLimit: number): string {
  return `<div class="tk-widget tk-inspector" data-part="root">
<p class="tk-widget__title">Inspect your model</p>
${figureMarkup([
  { caption: 'Confusion matrix: how often each true digit (row) was predicted as each digit (column)', content: matrixMarkup(), part: 'matrix-box' },
  { caption: 'Draw a digit', content: padMarkup() },
  {
    caption: 'What the model sees (28 × 28) and what it says',
    content: `<div class="tk-verdict"><canvas class="tk-verdict__input tk-ink" width="28" height="28" role="img" aria-label="The drawing as the model sees it: nothing yet" data-part="preview"></canvas><div data-part="bars">${barsSvg(null)}</div></div>`,
  },
])}
<div class="tk-inspector__pair" data-part="pair" hidden>
<p data-part="pair-caption"></p>
<ul class="tk-thumbs" data-part="thumbs"></ul>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="pad-status">${PAD_IDLE}</p>
<fieldset class="tk-settings" data-part="settings">
<legend>Model and test images</legend>
<div class="tk-controls-box"><div class="tk-controls">
<label class="tk-field"><span class="tk-field__label">Load model files (model.json and its weights)</span><input type="file" multiple accept=".json,.bin,application/json,application/octet-stream" data-part="files"></label>
<label class="tk-field"><span class="tk-field__label">Test image (0–${(testLimit - 1).toLocaleString('en-US')})</span><input type="number" min="0" max="${testLimit - 1}" step="1" value="0" data-part="index" disabled></label>
</div></div>
<div class="tk-actions">
<button type="button" class="tk-button tk-button--primary" data-part="quick" hidden>Train a quick model</button>
<button type="button" class="tk-button" data-part="open" disabled>Open test image in the pad</button>
<button type="button" class="tk-button" data-part="download" disabled>Download model files</button>
<button type="button" class="tk-button" data-part="save" hidden>Save in this browser</button>
</div>
</fieldset>
<div class="tk-inspector__confirm" data-part="confirm" hidden>
<p data-part="confirm-text"></p>
<div class="tk-actions"><button type="button" class="tk-button tk-button--primary" data-part="confirm-yes">Replace the saved model</button><button type="button" class="tk-button" data-part="confirm-no">Keep the saved model</button></div>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${IDLE_STATUS}</p>
${progressMarkup('Progress')}
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}

/** A positive whole number of images from an attribute, else `fallback`; at most `max`. */
export function parseLimit(raw: string | undefined, fallback: number, max = 10_000): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}
