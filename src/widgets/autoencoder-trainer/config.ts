/**
 * The autoencoder trainer's settings and static markup (rendered at build time by
 * AutoencoderTrainer.astro; no DOM here). Before any script the figure shows the network for the
 * chosen bottleneck, the empty rows of test images and reconstructions, and the empty latent plane
 * with its class legend.
 */
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { escapeHtml } from '../../lib/format/html.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import {
  LATENT_MAX,
  LATENT_MIN,
  TRAINING_DEFAULTS,
  autoencoderParameters,
  autoencoderSpec,
  decoderLayers,
  encoderLayers,
} from '../../lib/unsupervised/ae-spec.ts';
import { chartFrame } from '../../viz/chart-frame.ts';
import { CLASS_COLOURS } from '../../viz/class-colours.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { figureMarkup } from '../shared/figure.ts';
import { progressMarkup } from '../shared/progress.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { controlsMarkup, numberChoice, numberRange, type SettingsOf } from '../shared/settings.ts';

export const SETTINGS = {
  latent: numberRange({ label: 'Bottleneck size', min: LATENT_MIN, max: LATENT_MAX, step: 1, default: 2 }),
  images: numberChoice({ label: 'Training images', choices: [1000, 10000, 60000], default: 10000, format: formatCount }),
  epochs: numberChoice({ label: 'Epochs', choices: [1, 2, 5, 10], default: 2 }),
  learningRate: numberChoice({ label: 'Learning rate', choices: [0.0003, 0.001, 0.003], default: TRAINING_DEFAULTS.learningRate, secondary: true }),
};
export type AeSettings = SettingsOf<typeof SETTINGS>;

/** Test images shown beside their reconstructions. */
export const PAIR_COUNT = 8;

export const IDLE_STATUS = 'Loads the pretrained autoencoder and the test images when you reach it. Start trains your own.';

/** The network for a bottleneck of `latent` numbers. */
export function aeDiagram(latent: number): string {
  const spec = autoencoderSpec('ae', latent);
  const enc = encoderLayers(spec);
  const dec = decoderLayers(spec);
  return networkDiagram([
    { name: 'Image', units: 784 },
    ...enc.map((l, i) => ({ name: i === enc.length - 1 ? 'Bottleneck' : 'Encoder', units: l.units, activation: l.activation })),
    ...dec.map((l, i) => ({ name: i === dec.length - 1 ? 'Rebuilt' : 'Decoder', units: l.units, activation: l.activation })),
  ]);
}

export function networkCaption(latent: number): string {
  const params = formatCount(autoencoderParameters(autoencoderSpec('ae', latent)).total);
  return `Encoder → a bottleneck of ${latent} number${latent === 1 ? '' : 's'} → decoder: ${params} parameters`;
}

/** Two rows of empty image slots: the test images above their reconstructions (the element paints them). */
function emptyPairs(): string {
  const row = (label: string) =>
    `<div class="tk-image-row" role="img" aria-label="${label}: not loaded yet">${'<canvas class="tk-image-row__image" width="28" height="28"></canvas>'.repeat(PAIR_COUNT)}</div>`;
  return `<div class="tk-ae__pairs" data-part="pairs">${row('Test images')}${row('Reconstructions')}</div>`;
}

/** The class legend: a swatch of each class's colour and its name. */
function legend(): string {
  const items = FASHION_CLASS_NAMES.map(
    (name, c) => `<li><span class="tk-ae__swatch" style="background:${CLASS_COLOURS[c]}" aria-hidden="true"></span>${escapeHtml(name)}</li>`,
  );
  return `<ul class="tk-ae__legend" aria-label="Colours of the classes">${items.join('')}</ul>`;
}

function latentPanel(): string {
  const frame = chartFrame({ title: 'Latent space', xLabel: 'Code, direction 1', yLabel: 'Code, direction 2', xDomain: [-1, 1], yDomain: [-1, 1] });
  return (
    `<div class="tk-ae__latent">` +
    `<div class="tk-ae__plot" data-part="plot">${frame}</div>` +
    `<div class="tk-ae__side">${legend()}` +
    `<div class="tk-ae__hover"><canvas class="tk-image-row__image" data-part="hover-image" width="28" height="28" aria-hidden="true"></canvas>` +
    `<p class="tk-note" data-part="hover-text">Point at a dot to see its image; with the keyboard, focus the plot: the image nearest its centre shows here.</p></div>` +
    `</div></div>`
  );
}

export function autoencoderMarkup(s: AeSettings): string {
  return `<div class="tk-widget tk-ae" data-part="root">
<p class="tk-widget__title">Train an autoencoder on Fashion-MNIST</p>
<p class="tk-widget__intro">The encoder squeezes each 784-pixel image into a few numbers, the bottleneck; the decoder rebuilds the image from them. No labels are used: the colours below are only for us to see what it found.</p>
${figureMarkup([
  { caption: networkCaption(s.latent), content: aeDiagram(s.latent), part: 'network', wide: true },
  { caption: 'Test images (top) and what the autoencoder rebuilds from their codes (bottom)', content: emptyPairs(), part: 'pairs-box', wide: true },
  {
    caption:
      'The 10,000 test images placed by their codes, coloured by class. Drag to move; pinch, double-click or the wheel (once the plot has focus) to zoom.',
    content: latentPanel(),
    part: 'latent-box',
    wide: true,
  },
])}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, s)}
</fieldset>
${runControlsMarkup(IDLE_STATUS)}
${progressMarkup('Progress')}
<div class="tk-error" data-part="error" hidden></div>
</div>`;
}
