/**
 * The NeuronTrainer's static markup, as a string: rendered at build time by
 * NeuronTrainer.astro (visible before any script runs) and by the element when it is
 * created without it. No DOM here. Parts are found by `data-part`; the threshold
 * slider's label wraps it, so no ids are needed.
 */
import { digitSample, type SampleImage } from '../../viz/digit-sample.ts';
import { accuracyFrame, lossFrame } from '../../viz/epoch-frames.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { figureMarkup, type FigurePanel } from '../shared/figure.ts';
import { progressMarkup } from '../shared/progress.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { BASELINE, NEURON_LAYERS, SETTINGS, type NeuronSettings } from './config.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';

export const IDLE_STATUS = 'Ready. Press Start training; the MNIST images (about 11 MB) are downloaded once.';

/** The diverging colours of the weight map (also used by the legend): blue negative, light zero, red positive. */
export const NEGATIVE_RGB = [33, 102, 172] as const;
export const ZERO_RGB = [247, 247, 247] as const;
export const POSITIVE_RGB = [178, 24, 43] as const;

const rgb = (c: readonly number[]) => `rgb(${c.join(' ')})`;

/** The empty loss and accuracy charts for `epochs` epochs, the baseline to beat drawn on the accuracy axes. */
export function emptyCharts(epochs: number): string {
  return lossFrame({ epochs }) + accuracyFrame({ epochs, target: BASELINE });
}

/** `samples`: a few MNIST images to show (the Astro component passes them at build time). */
export function neuronMarkup(settings: NeuronSettings, samples: readonly SampleImage[] = []): string {
  const panels: FigurePanel[] = [];
  if (samples.length > 0) {
    panels.push({
      caption: 'Which of these is a zero? One test image of each digit',
      content: digitSample(samples, { description: 'Ten MNIST test images' }),
    });
  }
  panels.push({ caption: 'One neuron: 784 weights and a bias', content: networkDiagram(NEURON_LAYERS, { columnGap: 150 }) });
  const gradient = `linear-gradient(to right, ${rgb(NEGATIVE_RGB)}, ${rgb(ZERO_RGB)}, ${rgb(POSITIVE_RGB)})`;
  return `<div class="tk-widget tk-neuron" data-part="root">
<p class="tk-widget__title">One neuron: is this digit a zero?</p>
<p class="tk-widget__intro">A single neuron (784 weights and a bias, a sigmoid and binary cross-entropy) learns from all 60,000 MNIST training images, with plain gradient descent written in TypeScript. It runs on your device; nothing is sent to a server.</p>
${figureMarkup(panels)}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, settings)}
</fieldset>
${runControlsMarkup(IDLE_STATUS)}
${progressMarkup('Progress')}
<div class="tk-error" data-part="error" hidden></div>
<div class="tk-neuron__live" data-part="live">
<div class="tk-charts" data-part="charts">${emptyCharts(settings.epochs)}</div>
<figure class="tk-neuron__weights" data-part="weights" hidden>
<canvas width="28" height="28" class="tk-neuron__canvas" data-part="heatmap" role="img" aria-label="The neuron's 784 weights as a 28 by 28 image (not trained yet)"></canvas>
<figcaption>
<span>The 784 weights, one per pixel. Red pixels push the answer towards “zero”, blue pixels away from it.</span>
<span class="tk-neuron__legend" aria-hidden="true"><span data-part="legend-min">−</span><span class="tk-neuron__ramp" style="background:${gradient}"></span><span data-part="legend-max">+</span></span>
<span class="tk-note" data-part="weights-text"></span>
</figcaption>
</figure>
</div>
<p class="tk-note" data-part="summary" hidden></p>
<section class="tk-neuron__imbalance" data-part="imbalance" aria-label="Accuracy is not the whole story" hidden>
<p class="tk-neuron__heading">Accuracy is not the whole story</p>
<p data-part="baseline"></p>
<div class="tk-neuron__threshold">
<label><span class="tk-field__label">Decision threshold</span>
<input type="range" min="0.01" max="0.99" step="0.01" value="0.5" data-part="threshold"></label>
<span>Answer “zero” when the neuron's P(zero) is at least <span data-part="threshold-value">0.50</span>.</span>
</div>
<table class="tk-neuron__confusion">
<caption>Confusion matrix on the <span data-part="test-count">10,000</span> test images</caption>
<thead><tr><td></td><th scope="col">Answered “zero”</th><th scope="col">Answered “not zero”</th></tr></thead>
<tbody>
<tr><th scope="row">Really a zero</th><td data-part="tp">–</td><td data-part="fn">–</td></tr>
<tr><th scope="row">Really not a zero</th><td data-part="fp">–</td><td data-part="tn">–</td></tr>
</tbody>
</table>
<dl class="tk-neuron__scores">
<div><dt>Accuracy</dt><dd data-part="accuracy">–</dd></div>
<div><dt>Precision</dt><dd data-part="precision">–</dd></div>
<div><dt>Recall</dt><dd data-part="recall">–</dd></div>
<div><dt>F1</dt><dd data-part="f1">–</dd></div>
</dl>
<p class="tk-note" data-part="scores-text" aria-live="polite"></p>
</section>
</div>`;
}
