/**
 * The trainer's static markup, as a string: rendered at build time by
 * MnistTrainer.astro (so the widget is visible before any JavaScript runs) and by
 * the element itself when it is created without it. No DOM here.
 *
 * The figure shows, before Start: ten sample digits (only from the Astro component, which has the
 * sample at build time), the network for the chosen settings, and the empty loss and accuracy axes
 * with the target line. The element redraws the network when the settings change.
 *
 * The element finds its parts by `data-part`; ids are avoided so several widgets
 * can share a page (labels wrap their controls instead).
 */
import { formatCount } from '../../lib/format/numbers.ts';
import { digitSample, type SampleImage } from '../../viz/digit-sample.ts';
import { accuracyFrame, accuracyTarget, lossFrame } from '../../viz/epoch-frames.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { networkParams } from '../../viz/network-layout.ts';
import { backendPickerMarkup } from '../shared/backend-picker.ts';
import { figureMarkup, type FigurePanel } from '../shared/figure.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { progressMarkup } from '../shared/progress.ts';
import { SETTINGS, TARGET_ACCURACY, networkLayers, type TrainerSettings } from './config.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';

export const IDLE_STATUS = 'Ready. Press Start training; the MNIST images (about 11 MB) are downloaded once.';

/** The network panel's drawing and caption for these settings. */
export function networkFigure(settings: Pick<TrainerSettings, 'hidden'>): { svg: string; caption: string } {
  const layers = networkLayers(settings);
  return { svg: networkDiagram(layers), caption: `The network: ${formatCount(networkParams(layers))} weights and biases to learn` };
}

/** The empty loss and accuracy charts for a run of `epochs` epochs. */
export function emptyCharts(epochs: number): string {
  return lossFrame({ epochs, yMax: 2.5 }) + accuracyFrame({ epochs, fullRange: true, target: accuracyTarget(TARGET_ACCURACY) });
}

export function trainerMarkup(settings: TrainerSettings, samples: readonly SampleImage[] = []): string {
  const network = networkFigure(settings);
  const panels: FigurePanel[] = [];
  if (samples.length > 0) {
    panels.push({ caption: 'One test image of each digit; 70,000 in all', content: digitSample(samples, { description: 'Ten MNIST test images' }) });
  }
  panels.push(
    { caption: network.caption, content: network.svg, part: 'network' },
    {
      caption: 'Loss and accuracy, drawn as it trains',
      content: `<div class="tk-charts" data-part="charts">${emptyCharts(settings.epochs)}</div>`,
      wide: true,
    },
  );
  return `<div class="tk-widget tk-mnist" data-part="root">
<p class="tk-widget__title">Train a digit reader</p>
<p class="tk-widget__intro">A network with one hidden layer learns to read handwritten digits from the MNIST images, on your own device. Nothing is sent to a server.</p>
${figureMarkup(panels)}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, settings, { custom: { backend: backendPickerMarkup(settings.backend) } })}
</fieldset>
<p class="tk-note" data-part="backend-note" hidden></p>
${runControlsMarkup(IDLE_STATUS)}
${progressMarkup('Progress')}
<p class="tk-note" data-part="backend" hidden></p>
<div class="tk-error" data-part="error" hidden></div>
<p class="tk-note" data-part="summary" hidden></p>
<div data-part="digits" hidden></div>
</div>`;
}
