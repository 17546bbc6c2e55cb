/**
 * The CNN trainer's static markup, as a string: rendered at build time by CnnTrainer.astro (so the
 * widget is a figure before any script runs) and by the element when created without it. No DOM.
 *
 * Before Start the figure shows the default CNN (a drawing of its layer shapes and a table of its
 * layers with their parameters), the eight empty filter slots and the empty loss and accuracy axes
 * with the 75% target. The results (confusion matrix, mistakes, feature maps) appear once a model
 * is loaded: the pretrained one on request, the reader's own after a run.
 */
import { escapeHtml } from '../../lib/format/html.ts';
import { formatCount } from '../../lib/format/numbers.ts';
import type { ModelSpec } from '../../lib/supervised/model-spec.ts';
import { paramCounts, type LayerCount } from '../../lib/supervised/param-counts.ts';
import { shapeText } from '../../lib/supervised/shapes.ts';
import { accuracyFrame, accuracyTarget, lossFrame } from '../../viz/epoch-frames.ts';
import { backendPickerMarkup } from '../shared/backend-picker.ts';
import { figureMarkup } from '../shared/figure.ts';
import { progressMarkup } from '../shared/progress.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { SETTINGS, TARGET_ACCURACY, specFor, type CnnSettings } from './config.ts';
import { IDLE_STATUS, className, filtersCaption } from './text.ts';

/** A layer's name in the table: "Convolution, 8 filters 3×3, ReLU". */
function layerLabel(spec: ModelSpec, count: LayerCount, index: number): string {
  const layer = spec.layers[index];
  if (!layer) return 'Dense output, 10 classes, softmax';
  switch (layer.kind) {
    case 'conv2d':
      return `Convolution, ${layer.filters} filters ${layer.kernelSize}×${layer.kernelSize}, ${layer.padding} padding, ${layer.activation === 'relu' ? 'ReLU' : layer.activation}`;
    case 'maxPool':
      return `Max pool ${layer.poolSize}×${layer.poolSize}, stride ${layer.strides}`;
    case 'flatten':
      return 'Flatten';
    case 'dense':
      return `Dense, ${layer.units} units`;
    case 'dropout':
      return `Dropout ${layer.rate}`;
  }
  return count.kind;
}

/** The table of layers: each one's output shape and parameters. */
export function layersTable(spec: ModelSpec): string {
  const counts = paramCounts(spec);
  const rows = counts.layers.map(
    (c, i) =>
      `<tr><th scope="row">${escapeHtml(layerLabel(spec, c, i))}</th><td>${shapeText(c.outputShape)}</td><td>${formatCount(c.params)}</td></tr>`,
  );
  return (
    `<table class="tk-cnn__layers"><caption class="visually-hidden">The layers of the network, their output and their parameters</caption>` +
    `<thead><tr><th scope="col">Layer</th><th scope="col">Output</th><th scope="col">Parameters</th></tr></thead>` +
    `<tbody><tr><th scope="row">Input image</th><td>28 × 28 × 1</td><td>0</td></tr>${rows.join('')}</tbody>` +
    `<tfoot><tr><th scope="row">Total</th><td></td><td>${formatCount(counts.total)}</td></tr></tfoot></table>`
  );
}

/** The layer shapes as a drawing: each image-shaped output a stack of squares (side ∝ its size), the vectors as bars. */
export function shapesDiagram(spec: ModelSpec): string {
  const shapes = [[28, 28, 1], ...paramCounts(spec).layers.map((c) => c.outputShape)];
  const scale = 2;
  const gap = 16;
  const height = 28 * scale + 40;
  let x = 4;
  const parts: string[] = [];
  for (const shape of shapes) {
    if (shape.length === 3) {
      const side = shape[0]! * scale;
      const stack = Math.min(3, shape[2]!);
      const y = (28 * scale - side) / 2 + 8;
      for (let k = stack - 1; k >= 0; k--)
        parts.push(
          `<rect x="${x + k * 3}" y="${y - k * 3}" width="${side}" height="${side}" class="tk-cnn__map${k === 0 ? ' tk-cnn__map--front' : ''}"/>`,
        );
      parts.push(`<text x="${x + side / 2}" y="${height - 6}" text-anchor="middle">${shape[2]}@${shape[0]}²</text>`);
      x += side + (stack - 1) * 3 + gap;
    } else {
      const units = shape[0]!;
      const barHeight = Math.max(12, Math.min(28 * scale, units / 14));
      parts.push(`<rect x="${x}" y="${8 + (28 * scale - barHeight) / 2}" width="8" height="${barHeight}" class="tk-cnn__map tk-cnn__map--front"/>`);
      parts.push(`<text x="${x + 4}" y="${height - 6}" text-anchor="middle">${formatCount(units)}</text>`);
      x += 8 + gap + 8;
    }
  }
  const description = `The shapes the image takes through the network: ${shapes.map(shapeText).join(', then ')}.`;
  return `<svg class="tk-cnn__shapes" viewBox="0 0 ${x} ${height}" role="img" aria-label="${escapeHtml(description)}">${parts.join('')}</svg>`;
}

/** The empty slots of the first layer's filters (canvases drawn by the element). */
export function filterSlots(count: number): string {
  const slots = Array.from(
    { length: count },
    (_, i) => `<li><canvas width="3" height="3" class="tk-cnn__filter" aria-hidden="true" data-filter="${i}"></canvas></li>`,
  );
  return `<ol class="tk-cnn__filters" data-part="filter-list">${slots.join('')}</ol>`;
}

/** The empty loss and accuracy charts for a run of `epochs` epochs. */
export function emptyCharts(epochs: number): string {
  return lossFrame({ epochs, yMax: 2.5 }) + accuracyFrame({ epochs, fullRange: true, target: accuracyTarget(TARGET_ACCURACY) });
}

/** The confusion matrix's outline: class names on both sides, cells filled by the element. */
export function confusionTable(): string {
  const names = Array.from({ length: 10 }, (_, c) => className(c));
  const head = names.map((n) => `<th scope="col">${escapeHtml(n)}</th>`).join('');
  const rows = names.map((n) => `<tr><th scope="row">${escapeHtml(n)}</th>${'<td></td>'.repeat(10)}</tr>`).join('');
  return (
    `<div class="tk-cnn__scroll" tabindex="0" role="region" aria-label="Confusion matrix, scrollable">` +
    `<table class="tk-cnn__confusion" data-part="confusion"><caption data-part="confusion-caption">Confusion matrix: rows are the true class, columns the predicted one</caption>` +
    `<thead><tr><td></td>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

function resultsMarkup(): string {
  return `<div class="tk-cnn__results" data-part="results" hidden>
<label class="tk-field tk-cnn__choice"><span class="tk-field__label">Model shown</span><select data-part="model-choice">
<option value="pretrained" disabled>Pretrained model</option><option value="own" disabled>Your model</option></select></label>
<p class="tk-note" data-part="comparison"></p>
${confusionTable()}
<p class="tk-cnn__heading">Mistakes</p>
<p class="tk-note" data-part="mistakes-caption"></p>
<ol class="tk-cnn__gallery" data-part="mistakes"></ol>
</div>`;
}

function mapsMarkup(): string {
  return `<details class="tk-cnn__maps" data-part="maps-view">
<summary>Feature maps: what each layer sees in one test image</summary>
<p class="tk-note">Opening this loads the pretrained model if no model is loaded yet. Choose an image:</p>
<div class="tk-actions"><button type="button" class="tk-button" data-part="previous">Previous image</button><button type="button" class="tk-button" data-part="next">Next image</button></div>
<ol class="tk-cnn__strip" data-part="strip"></ol>
<p class="tk-note" data-part="maps-caption"></p>
<div class="tk-cnn__layers-maps" data-part="maps"></div>
</details>`;
}

export function cnnTrainerMarkup(settings: CnnSettings): string {
  const spec = specFor(settings.epochs);
  const total = formatCount(paramCounts(spec).total);
  return `<div class="tk-widget tk-cnn" data-part="root">
<p class="tk-widget__title">Train a convolutional network on Fashion-MNIST</p>
<p class="tk-widget__intro">Two convolution layers learn filters that pick out edges and textures in photos of clothes; the network trains on your own device. Nothing is sent to a server.</p>
${figureMarkup([
  { caption: `The default CNN: ${total} parameters to learn`, content: shapesDiagram(spec) + layersTable(spec), part: 'network' },
  { caption: filtersCaption(null), content: filterSlots(8), part: 'filters' },
  {
    caption: 'Loss and accuracy, drawn as it trains',
    content: `<div class="tk-charts" data-part="charts">${emptyCharts(settings.epochs)}</div>`,
    wide: true,
  },
])}
<fieldset class="tk-settings" data-part="settings">
<legend>Settings</legend>
${controlsMarkup(SETTINGS, settings, { custom: { backend: backendPickerMarkup(settings.backend) } })}
</fieldset>
<p class="tk-note" data-part="backend-note" hidden></p>
${runControlsMarkup(IDLE_STATUS, '<button type="button" class="tk-button" data-part="pretrained">Use the pretrained model</button>')}
${progressMarkup('Progress')}
<p class="tk-note" data-part="backend" hidden></p>
<div class="tk-error" data-part="error" hidden></div>
${resultsMarkup()}
${mapsMarkup()}
</div>`;
}
