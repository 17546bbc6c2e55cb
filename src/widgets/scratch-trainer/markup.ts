/**
 * The from-scratch trainer's static markup, as a string: rendered at build time by
 * ScratchTrainer.astro (so the widget is visible before any JavaScript runs) and by the
 * element itself when it is created without it. No DOM here.
 *
 * Parts are found by `data-part`; labels wrap their controls, so no ids are needed. The
 * learning-rate radios need a group name unique on the page: the caller passes one.
 */
import { digitSample, type SampleImage } from '../../viz/digit-sample.ts';
import { accuracyFrame, accuracyTarget, lossFrame } from '../../viz/epoch-frames.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { networkParams } from '../../viz/network-layout.ts';
import { figureMarkup, type FigurePanel } from '../shared/figure.ts';
import { escapeHtml } from '../shared/html.ts';
import { controlsMarkup, selectMarkup } from '../shared/settings.ts';
import { progressMarkup } from '../shared/progress.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import {
  MNIST_SETTINGS,
  MNIST_TARGET,
  MNIST_TRAIN_LIMIT,
  MNIST_VALIDATION,
  OVERFIT_FIXED,
  OVERFIT_SETTINGS,
  RATE_PRESETS,
  diagramLayers,
  mnistCode,
  overfitCode,
  rateText,
  type MnistSettings,
  type OverfitSettings,
} from './config.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';

export const MNIST_IDLE_STATUS = 'Ready. Press Start training; the MNIST images (about 11 MB) are downloaded once and training runs on your device.';
export const OVERFIT_IDLE_STATUS = 'Ready. Press Start training to train on 500 images and watch the validation loss.';

function codeMarkup(code: string, label: string): string {
  // Focusable so keyboard users can scroll it sideways on narrow screens.
  return `<pre class="tk-scratch__code" tabindex="0" aria-label="${escapeHtml(label)}"><code data-part="code">${escapeHtml(code)}</code></pre>`;
}

/** The network panel of the figure for `hidden` units (the element redraws it when the settings change). */
export function networkFigure(hidden: number): { svg: string; caption: string } {
  const layers = diagramLayers(hidden);
  return { svg: networkDiagram(layers), caption: `The network: ${formatCount(networkParams(layers))} weights and biases` };
}

/** The empty charts of each variant, before a run draws real ones. */
export function emptyCharts(variant: 'mnist' | 'overfit', epochs: number): string {
  if (variant === 'overfit') return lossFrame({ epochs, yMax: 2.5 }) + accuracyFrame({ epochs, fullRange: true });
  return lossFrame({ epochs, yMax: 2.5 }) + accuracyFrame({ epochs, target: accuracyTarget(MNIST_TARGET) });
}

/** The figure: sample digits (when given), the network and the empty charts. */
function figure(hidden: number, charts: string, samples: readonly SampleImage[]): string {
  const network = networkFigure(hidden);
  const panels: FigurePanel[] = [];
  if (samples.length > 0) {
    panels.push({ caption: 'One test image of each digit', content: digitSample(samples, { description: 'Ten MNIST test images' }) });
  }
  panels.push(
    { caption: network.caption, content: network.svg, part: 'network' },
    { caption: 'Loss and accuracy, drawn as it trains', content: `<div class="tk-charts" data-part="charts">${charts}</div>`, wide: true },
  );
  return figureMarkup(panels);
}

/** Everything below the settings: buttons, status, progress, errors, results. */
function runMarkup(idle: string): string {
  return `${runControlsMarkup(idle)}
${progressMarkup('Progress')}
<p class="tk-note" data-part="speed" hidden></p>
<div class="tk-error" data-part="error" hidden></div>
<p class="tk-note" data-part="summary" hidden></p>
<div class="tk-scratch__confusion" data-part="confusion" hidden></div>`;
}

/** `samples`: a few MNIST images for the figure (the Astro component passes them at build time). */
export function mnistMarkup(s: MnistSettings, samples: readonly SampleImage[] = []): string {
  return `<div class="tk-widget tk-scratch" data-part="root" data-variant="mnist">
<p class="tk-widget__title">Ten digits with a network from scratch</p>
<p class="tk-widget__intro">The engine from this lesson (plain TypeScript, no framework) trains on ${formatCount(MNIST_TRAIN_LIMIT)} MNIST images, checks itself on ${formatCount(MNIST_VALIDATION)} held-out images after each epoch, and is finally tested on 10,000 images it never saw. Everything runs on your device.</p>
${figure(s.hidden, emptyCharts('mnist', s.epochs), samples)}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(MNIST_SETTINGS, s)}
</fieldset>
${codeMarkup(mnistCode(s), 'The code for these settings')}
${runMarkup(MNIST_IDLE_STATUS)}
</div>`;
}

/** `rateGroup`: the name of the learning-rate radio group, unique on the page. */
export function overfitMarkup(s: OverfitSettings, rateGroup: string, samples: readonly SampleImage[] = []): string {
  const radios = RATE_PRESETS.map(
    (p) =>
      `<label class="tk-scratch__radio"><input type="radio" name="${escapeHtml(rateGroup)}" value="${p.value}" data-part="rate-${p.value}"${p.value === s.rate ? ' checked' : ''}> ${escapeHtml(p.label)} <span class="tk-scratch__rate">(${rateText(p.learningRate)})</span></label>`,
  ).join('\n');
  return `<div class="tk-widget tk-scratch" data-part="root" data-variant="overfit">
<p class="tk-widget__title">Overfitting, live</p>
<p class="tk-widget__intro">The same network trains on only ${formatCount(OVERFIT_FIXED.trainLimit)} images, epoch after epoch, and is checked on ${formatCount(OVERFIT_FIXED.validationCount)} other images after every epoch. Watch the two loss curves part ways.</p>
${figure(OVERFIT_FIXED.hidden, emptyCharts('overfit', s.epochs), samples)}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
<fieldset class="tk-scratch__group" data-part="rate">
<legend class="tk-field__label">${OVERFIT_SETTINGS.rate.label}</legend>
${radios}
</fieldset>
${selectMarkup('epochs', OVERFIT_SETTINGS.epochs, s.epochs)}
<div class="tk-scratch__stopping">
<label class="tk-scratch__check"><input type="checkbox" name="earlyStopping" data-part="earlyStopping"${s.earlyStopping ? ' checked' : ''}> Early stopping</label>
${selectMarkup('patience', OVERFIT_SETTINGS.patience, s.patience)}
</div>
</fieldset>
${codeMarkup(overfitCode(s), 'The code for these settings')}
${runMarkup(OVERFIT_IDLE_STATUS)}
</div>`;
}
