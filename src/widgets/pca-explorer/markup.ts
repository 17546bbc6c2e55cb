/**
 * The PCA explorer's settings and static markup (rendered at build time by PcaExplorer.astro from
 * the committed pca.json, so the class spreads, the explained-variance chart, the components'
 * shares and the scatter in words are on the page before any script runs). No DOM here.
 */
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { formatPercent } from '../../lib/format/numbers.ts';
import { cumulativeRatio, describeSpreads } from '../../lib/unsupervised/pca-summary.ts';
import type { PcaInfo } from '../../lib/unsupervised/pca-files.ts';
import { CLASS_COLOURS } from '../../viz/class-colours.ts';
import { varianceChartSvg } from '../../viz/variance-chart.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { progressMarkup } from '../shared/progress.ts';
import { controlsMarkup, numberRange, type SettingsOf } from '../shared/settings.ts';
import { spreadFigureSvg } from './figure.ts';

/** How many component images the explorer shows. */
export const SHOWN_COMPONENTS = 16;

export const SETTINGS = {
  components: numberRange({ label: 'Components m', min: 1, max: 64, step: 1, default: 10 }),
  image: numberRange({ label: 'Test image', min: 0, max: 9999, step: 1, default: 0 }),
};
export type PcaExplorerSettings = SettingsOf<typeof SETTINGS>;

/** What the markup needs from pca.json. */
export type PcaMarkupInfo = Pick<PcaInfo, 'explainedRatio' | 'testClasses' | 'dimension'>;

export const IDLE_STATUS = 'Press “Load the test images” to place the 10,000 Fashion-MNIST test images on the first two components.';

/** The reconstruction line before the images are there. */
export function reconstructionIdle(info: PcaMarkupInfo, m: number): string {
  return `${m} of ${info.dimension} numbers per image keep ${formatPercent(cumulativeRatio(info.explainedRatio, m))} of the variance. Load the test images to rebuild one.`;
}

function legendMarkup(): string {
  const items = FASHION_CLASS_NAMES.map(
    (name, c) =>
      `<li><svg class="tk-pca__swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill="${CLASS_COLOURS[c]}"/></svg>${escapeHtml(name)}</li>`,
  );
  return `<ul class="tk-pca__legend" aria-label="Classes and their colours">${items.join('')}</ul>`;
}

function scatterMarkup(info: PcaMarkupInfo): string {
  const [r1, r2] = [formatPercent(info.explainedRatio[0] ?? 0), formatPercent(info.explainedRatio[1] ?? 0)];
  const words = describeSpreads(info.testClasses, FASHION_CLASS_NAMES, info.explainedRatio);
  const canvasLabel =
    'Scatter plot of the test images on components 1 and 2, coloured by class. Hover a point to see its image; click it to rebuild it below. ' +
    'From the keyboard: arrow keys move, + and − zoom, 0 resets, Enter picks the point at the centre.';
  return (
    `<div class="tk-pca__scatter">` +
    `<div class="tk-pca__plot" data-part="plot">${spreadFigureSvg(info.testClasses, FASHION_CLASS_NAMES, CLASS_COLOURS)}` +
    `<canvas class="tk-pca__canvas" data-part="scatter" role="application" aria-roledescription="scatter plot" aria-label="${escapeHtml(canvasLabel)}" hidden></canvas></div>` +
    `<p class="tk-pca__axis-note">Across: component 1 (${r1} of the variance). Up: component 2 (${r2}).</p>` +
    `<div class="tk-pca__side">${legendMarkup()}` +
    `<div class="tk-pca__hover"><canvas class="tk-pca__image" width="28" height="28" data-part="hover-image" role="img" aria-label="No image yet"></canvas>` +
    `<p data-part="hover-text">Hover a point (or focus the plot and use the arrow keys) to see its image.</p></div></div>` +
    `<details class="tk-pca__words"><summary>The scatter in words</summary><ul>${words.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></details>` +
    `</div>`
  );
}

function componentsMarkup(info: PcaMarkupInfo): string {
  const cells = Array.from({ length: SHOWN_COMPONENTS }, (_, i) => {
    const share = formatPercent(info.explainedRatio[i] ?? 0);
    return (
      `<li class="tk-pca__pc"><canvas class="tk-pca__image" width="28" height="28" data-part="pc-${i}" role="img" aria-label="Component ${i + 1}: ${share} of the variance"></canvas>` +
      `<span aria-hidden="true">${i + 1} · ${share}</span></li>`
    );
  });
  const key = `<p class="tk-pca__key"><span class="tk-pca__key-bar" aria-hidden="true"></span> blue: darker than the mean image · grey: no change · red: brighter</p>`;
  return `<ol class="tk-pca__pcs" data-part="pc-grid" aria-label="The first ${SHOWN_COMPONENTS} principal components as images">${cells.join('')}</ol>${key}`;
}

function reconstructionMarkup(): string {
  const image = (part: string, caption: string): string =>
    `<figure class="tk-pca__rebuilt"><canvas class="tk-pca__image tk-pca__image--large" width="28" height="28" data-part="${part}" role="img" aria-label="${escapeHtml(caption)}: no image yet"></canvas><figcaption data-part="${part}-caption">${escapeHtml(caption)}</figcaption></figure>`;
  return `<div class="tk-pca__rebuild">${image('original', 'The test image')}${image('rebuilt', 'Rebuilt')}${image('difference', 'Difference')}</div>`;
}

export function pcaExplorerMarkup(info: PcaMarkupInfo, settings: PcaExplorerSettings): string {
  const m = settings.components;
  const imageControl =
    `<label class="tk-field"><span class="tk-field__label">${escapeHtml(SETTINGS.image.label)} (0–9,999)</span>` +
    `<input type="number" name="image" data-part="image" min="0" max="9999" step="1" value="${settings.image}"></label>`;
  return `<div class="tk-widget tk-pca" data-part="root">
<p class="tk-widget__title">Fashion-MNIST through its principal components</p>
${figureMarkup([
  { caption: 'The 10,000 test images on the first two components, coloured by class', content: scatterMarkup(info), wide: true },
  { caption: `The first ${SHOWN_COMPONENTS} components, as images (number · share of the variance)`, content: componentsMarkup(info) },
  { caption: 'How much of the variance the components keep', content: varianceChartSvg({ ratios: info.explainedRatio, m }) },
  { caption: 'One test image rebuilt from its first m components', content: reconstructionMarkup(), wide: true },
])}
<p class="tk-status" role="status" aria-live="polite" data-part="rebuild-status">${escapeHtml(reconstructionIdle(info, m))}</p>
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, settings, { custom: { image: imageControl } })}
</fieldset>
<div class="tk-actions"><button type="button" class="tk-button tk-button--primary" data-part="load">Load the test images</button></div>
${progressMarkup('Download')}
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(IDLE_STATUS)}</p>
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
