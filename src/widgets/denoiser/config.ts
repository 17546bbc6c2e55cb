/**
 * The denoiser's settings and static markup (rendered at build time by Denoiser.astro; no DOM here).
 *
 * Two forms: the corruption (kind, strength, the blur's σ), which redraws at once and never locks,
 * and the retraining run's settings (`data-part="settings"`, the kit's lifecycle locks it while a
 * run goes). Before any script the figure shows the denoising autoencoder and the four image slots.
 */
import { CORRUPTION_KINDS, CORRUPTION_LABELS, type CorruptionKind } from '../../lib/unsupervised/corrupt.ts';
import { DEFAULT_CORRUPTION, PRETRAINED_SPECS, autoencoderParameters, decoderLayers, encoderLayers } from '../../lib/unsupervised/ae-spec.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { figureMarkup } from '../shared/figure.ts';
import { progressMarkup } from '../shared/progress.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { controlsMarkup, numberChoice, numberRange, textChoice, type SettingsOf } from '../shared/settings.ts';

export type DenoiseKind = CorruptionKind | 'none';

/** The damage done to the image; redrawn on every change. */
export const CORRUPTION_SETTINGS = {
  kind: textChoice<DenoiseKind>({
    label: 'Corruption',
    choices: [...CORRUPTION_KINDS, 'none'],
    default: DEFAULT_CORRUPTION.kind,
    format: (k) => (k === 'none' ? 'None (scribble only)' : CORRUPTION_LABELS[k]),
  }),
  strength: numberRange({ label: 'Strength', min: 0, max: 1, step: 0.05, default: DEFAULT_CORRUPTION.strength }),
  blurSigma: numberChoice({ label: 'Blur σ (pixels)', choices: [0.5, 1, 1.5, 2], default: 1, secondary: true }),
};
export type CorruptionSettings = SettingsOf<typeof CORRUPTION_SETTINGS>;

/** Retraining the denoising autoencoder here (a short run; the pretrained one saw 60,000 images). */
export const TRAIN_SETTINGS = {
  images: numberChoice({ label: 'Training images', choices: [1000, 10000, 60000], default: 10000, format: formatCount }),
  epochs: numberChoice({ label: 'Epochs', choices: [1, 2, 5], default: 2 }),
};
export type TrainSettings = SettingsOf<typeof TRAIN_SETTINGS>;

export const IDLE_STATUS = 'Loads a test image and the pretrained denoising autoencoder when you reach it.';

/** The denoising autoencoder's layers as a diagram (the pretrained spec). */
export function daeDiagram(): string {
  const spec = PRETRAINED_SPECS.dae;
  const enc = encoderLayers(spec);
  const dec = decoderLayers(spec);
  return networkDiagram([
    { name: 'Noisy image', units: 784 },
    ...enc.map((l, i) => ({ name: i === enc.length - 1 ? 'Code' : 'Encoder', units: l.units, activation: l.activation })),
    ...dec.map((l, i) => ({ name: i === dec.length - 1 ? 'Clean image' : 'Decoder', units: l.units, activation: l.activation })),
  ]);
}

const slot = (name: string, label: string) =>
  `<canvas class="tk-denoiser__image" data-part="${name}" width="28" height="28" role="img" aria-label="${label}"></canvas>`;

/** The corrupted image is also the scribble pad: pointer, touch, and keys (see pad.ts). */
const pad = () =>
  `<div class="tk-denoiser__pad">` +
  `<canvas class="tk-denoiser__image tk-denoiser__canvas" data-part="corrupted" width="28" height="28" tabindex="0" role="application" ` +
  `aria-label="The corrupted image, a drawing pad: arrow keys move the pen, Space draws a dot, Shift with an arrow draws a line"></canvas>` +
  `<span class="tk-denoiser__cursor" data-part="cursor" hidden></span></div>`;

export function denoiserMarkup(c: CorruptionSettings, t: TrainSettings): string {
  const params = formatCount(autoencoderParameters(PRETRAINED_SPECS.dae).total);
  return `<div class="tk-widget tk-denoiser" data-part="root">
<p class="tk-widget__title">Restore a damaged image</p>
<p class="tk-widget__intro">Damage a Fashion-MNIST test image, then compare two repairs: a denoising autoencoder, trained to turn damaged images back into clean ones, and the Gaussian blur of the images lesson. Draw on the damaged image to scribble over it.</p>
${figureMarkup([
  { caption: 'Clean test image', content: slot('clean', 'The clean test image'), part: 'clean-box' },
  { caption: 'Corrupted: draw on it', content: pad(), part: 'corrupted-box' },
  {
    caption: 'Restored by the denoising autoencoder',
    content: slot('restored', 'The image restored by the denoising autoencoder'),
    part: 'restored-box',
  },
  { caption: 'Gaussian blur of the corrupted image', content: slot('blurred', 'The corrupted image, blurred'), part: 'blurred-box' },
  {
    caption: `The denoising autoencoder: ${params} parameters, trained on damaged images to give back the clean ones`,
    content: daeDiagram(),
    wide: true,
  },
])}
<p class="tk-note">Scribble with the mouse or a finger. With the keyboard: focus the corrupted image, move the pen with the arrow keys, press Space to draw a dot; Shift with an arrow draws as it moves.</p>
<fieldset class="tk-settings" data-part="corruption">
<legend>Corruption</legend>
${controlsMarkup(CORRUPTION_SETTINGS, c)}
<div class="tk-actions">
<button type="button" class="tk-button" data-part="previous">Previous image</button>
<button type="button" class="tk-button" data-part="next">Next image</button>
<button type="button" class="tk-button" data-part="reseed">New noise</button>
<button type="button" class="tk-button" data-part="clear">Clear scribble</button>
</div>
</fieldset>
<fieldset class="tk-settings" data-part="settings">
<legend>Retrain the denoiser in your browser</legend>
<p class="tk-note">Start trains a new denoising autoencoder on training images with ${DEFAULT_CORRUPTION.kind === 'gaussian' ? `Gaussian noise of σ = ${DEFAULT_CORRUPTION.strength}` : 'damage'} and shows it restoring test images as it learns.</p>
${controlsMarkup(TRAIN_SETTINGS, t)}
</fieldset>
${runControlsMarkup(IDLE_STATUS)}
${progressMarkup('Progress')}
<div class="tk-error" data-part="error" hidden></div>
<figure class="tk-denoiser__live" data-part="live" hidden>
<div class="tk-denoiser__samples" data-part="samples"></div>
<figcaption class="tk-figure__caption" data-part="live-caption">Your denoiser on test images: damaged (top), restored (bottom)</figcaption>
</figure>
</div>`;
}
