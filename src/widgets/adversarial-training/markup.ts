/**
 * The adversarial trainer's static markup, as a string: rendered at build time by
 * AdversarialTraining.astro (so the widget is a figure before any script runs) and by the element
 * when created without it. No DOM.
 *
 * Before Start the figure shows the empty loss and accuracy axes of the adversarial batches, the
 * empty robust-accuracy-against-ε axes, and the two empty slots of the sneaker before and after.
 */
import { escapeHtml } from '../../lib/format/html.ts';
import { epsilonChart, type EpsilonPoint } from '../../viz/epsilon-chart.ts';
import { accuracyFrame, lossFrame } from '../../viz/epoch-frames.ts';
import { backendPickerMarkup } from '../shared/backend-picker.ts';
import { figureMarkup } from '../shared/figure.ts';
import { progressMarkup } from '../shared/progress.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { SETTINGS, type DefenceSettings } from './config.ts';
import { IDLE_STATUS, epsilonText } from './text.ts';

/** The empty loss and accuracy charts of the adversarial batches, for a run of `epochs` epochs. */
export function emptyCharts(epochs: number): string {
  return lossFrame({ epochs, yMax: 2.5 }) + accuracyFrame({ epochs, fullRange: true });
}

/** One image slot of the sneaker pairs: a canvas the element paints, its caption below. */
function slot(name: string, caption: string): string {
  return (
    `<figure class="tk-adv-train__image"><canvas width="28" height="28" class="tk-adv-train__canvas" data-part="${name}" role="img" ` +
    `aria-label="${escapeHtml(`${caption}: drawn when training ends`)}"></canvas>` +
    `<figcaption data-part="${name}-caption">${escapeHtml(caption)}</figcaption></figure>`
  );
}

/** The sneaker before (the standard model) and after (the trained model): each the image and its FGSM attack. */
export function sneakerPairs(epsilon: number): string {
  const pair = (which: 'before' | 'after', title: string) =>
    `<div class="tk-adv-train__pair" data-part="${which}"><p class="tk-adv-train__pair-title">${escapeHtml(title)}</p>` +
    `<div class="tk-adv-train__images">${slot(`${which}-clean`, 'Not attacked')}${slot(`${which}-attacked`, `FGSM, ${epsilonText(epsilon)}`)}</div>` +
    `<p class="tk-note tk-adv-train__verdict" data-part="${which}-verdict"></p></div>`;
  return `<div class="tk-adv-train__pairs">${pair('before', 'Standard model')}${pair('after', 'Adversarially trained')}</div>`;
}

/** The robust accuracy of both models against ε (no points yet: the empty axes), the training ε marked. */
export function curvesChart(
  epsilons: readonly number[],
  epsilon: number,
  points: { standard?: EpsilonPoint[]; trained?: EpsilonPoint[] } = {},
): string {
  return epsilonChart({
    title: 'Accuracy under attack',
    yLabel: 'Accuracy under attack',
    xMax: epsilons.at(-1) ?? 0.3,
    series: [
      { id: 'standard', label: 'standard model', points: points.standard ?? [] },
      { id: 'trained', label: 'adversarially trained', points: points.trained ?? [] },
    ],
    marker: { epsilon, label: `trained at ${epsilonText(epsilon)}` },
  });
}

export const sneakerCaption = (epsilon: number): string => `The same sneaker attacked by FGSM at ${epsilonText(epsilon)}, before and after training`;

export function adversarialTrainingMarkup(settings: DefenceSettings, epsilons: readonly number[]): string {
  return `<div class="tk-widget tk-adv-train" data-part="root">
<p class="tk-widget__title">A defence, trained in the browser</p>
<p class="tk-widget__intro">Adversarial training: the pretrained CNN is fine-tuned on images attacked afresh in every batch, so it learns from its own worst cases. Then both models are attacked again. It runs on your own device; nothing is sent to a server.</p>
${figureMarkup([
  {
    caption: 'Loss and accuracy on the attacked training batches, drawn as it trains',
    content: `<div class="tk-charts" data-part="charts">${emptyCharts(settings.epochs)}</div>`,
    wide: true,
  },
  {
    caption: 'Accuracy under attack against ε: the standard model and the trained one',
    content: curvesChart(epsilons, settings.epsilon),
    part: 'curves',
  },
  { caption: sneakerCaption(settings.epsilon), content: sneakerPairs(settings.epsilon), part: 'sneaker' },
])}
<p class="tk-adv-train__outcome" data-part="outcome" hidden></p>
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, settings, { custom: { backend: backendPickerMarkup(settings.backend) } })}
</fieldset>
<p class="tk-note" data-part="backend-note" hidden></p>
${runControlsMarkup(IDLE_STATUS, '<button type="button" class="tk-button" data-part="pretrained">Use the pretrained robust model</button>')}
${progressMarkup('Progress')}
<p class="tk-note" data-part="backend" hidden></p>
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
