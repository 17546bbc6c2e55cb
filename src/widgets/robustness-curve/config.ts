/**
 * The robustness curve's settings and static markup (rendered at build time by
 * RobustnessCurve.astro; no DOM here). Before any script the figure shows the empty axes of the
 * success-rate and robust-accuracy curve against ε, and the empty confusion matrix with the class
 * names (original class → class after the attack).
 */
import { EPSILONS } from '../../lib/adversarial/robustness.ts';
import { ATTACK_IMAGES, LESSON_EPSILON } from '../../lib/adversarial/sneaker.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { epsilonChart, formatEpsilon, type EpsilonChartOptions } from '../../viz/epsilon-chart.ts';
import type { CurvePoint } from '../../workers/adversarial/protocol.ts';
import { matrixMarkup } from '../shared/confusion-matrix/markup.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml, optionsMarkup } from '../shared/html.ts';
import { progressMarkup } from '../shared/progress.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { controlsMarkup, numberChoice, textChoice, type SettingsOf } from '../shared/settings.ts';
import { attackName, curveSeries, imagesLabel, matrixCaption } from './text.ts';

export const SETTINGS = {
  attack: textChoice({ label: 'Attack', choices: ['fgsm', 'pgd'] as const, default: 'fgsm', format: (a) => attackName(a) }),
  images: numberChoice({ label: 'Test images', choices: [100, 250, 500, ATTACK_IMAGES], default: ATTACK_IMAGES, format: imagesLabel }),
};
export type CurveSettings = SettingsOf<typeof SETTINGS>;

/** PGD's iterations (the worker's step size is 2.5·ε / steps). */
export const PGD_STEPS = 10;

export const IDLE_STATUS =
  'Ready. Start attacks the test images at every ε, in a worker: seconds with FGSM, a few minutes with PGD for 1,000 images.';

/** The sentence under the figure before a curve is in. */
export const FLIPS_IDLE = 'Which classes flip most easily, and into what, shows here once the attack has run.';

/** The chart, empty or with the curve; the marker at the ε the matrix shows. */
export function curveChart(points: readonly CurvePoint[], epsilon: number): string {
  const options: EpsilonChartOptions = {
    title: 'Attack success rate and robust accuracy',
    yLabel: 'Share of test images',
    series: curveSeries(points),
    marker: { epsilon, label: `ε = ${formatEpsilon(epsilon)}` },
  };
  return epsilonChart(options);
}

/** The select of the ε the matrix is shown at (outside the settings: it stays usable while a run goes). */
function epsilonSelect(epsilon: number): string {
  const options = EPSILONS.map((e) => ({ value: e, label: `ε = ${formatEpsilon(e)}${e === LESSON_EPSILON ? " (the lesson's)" : ''}` }));
  return `<label class="tk-field tk-robustness__epsilon"><span class="tk-field__label">Matrix at</span><select data-part="epsilon">${optionsMarkup(options, epsilon)}</select></label>`;
}

function matrixPanel(): string {
  return (
    `<div class="tk-matrix-scroll" tabindex="0" role="region" aria-label="Confusion matrix, scrolls sideways on a narrow screen">` +
    matrixMarkup({
      classes: FASHION_CLASS_NAMES,
      columnTitle: 'After the attack →',
      rowTitle: 'Original ↓',
      label: 'Confusion matrix under attack: rows are the original classes, columns the classes after the attack',
    }) +
    `</div>${epsilonSelect(LESSON_EPSILON)}`
  );
}

export function curveMarkup(s: CurveSettings): string {
  return `<div class="tk-widget tk-robustness" data-part="root">
<p class="tk-widget__title">How fragile is the whole test set?</p>
${figureMarkup([
  { caption: 'Attack success rate and robust accuracy against ε', content: curveChart([], LESSON_EPSILON), part: 'chart' },
  { caption: matrixCaption(LESSON_EPSILON), content: matrixPanel(), part: 'matrix-box' },
])}
<p class="tk-robustness__flips" data-part="flips">${escapeHtml(FLIPS_IDLE)}</p>
<p class="tk-note" data-part="cell" hidden></p>
<fieldset class="tk-settings" data-part="settings">
<legend>Attack</legend>
${controlsMarkup(SETTINGS, s)}
</fieldset>
${runControlsMarkup(IDLE_STATUS, '', 'Start the attack')}
<p class="tk-note" data-part="backend" hidden></p>
${progressMarkup('Progress')}
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
