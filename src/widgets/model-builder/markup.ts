/**
 * The model builder's static markup, as strings: rendered at build time by ModelBuilder.astro (so
 * the figure, the layers and the code are there before any script runs) and redrawn in parts by
 * the element when the reader edits the model. No DOM here.
 */
import { formatCount } from '../../lib/format/numbers.ts';
import { modelCode } from '../../lib/supervised/model-code.ts';
import { ACTIVATIONS, type LayerSpec, type ModelSpec } from '../../lib/supervised/model-spec.ts';
import { paramCounts, paramFormula } from '../../lib/supervised/param-counts.ts';
import { layerName, SPEC_LIMITS } from '../../lib/supervised/spec-check.ts';
import { accuracyFrame, accuracyTarget, lossFrame } from '../../viz/epoch-frames.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { backendPickerMarkup } from '../shared/backend-picker.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml, optionsMarkup } from '../shared/html.ts';
import { progressMarkup } from '../shared/progress.ts';
import { runControlsMarkup } from '../shared/run-controls.ts';
import { controlsMarkup } from '../shared/settings.ts';
import { NUMBER_FIELDS, SETTINGS, TARGET_ACCURACY, diagramLayers, numberFieldMarkup, type BuilderProps, type BuilderSettings } from './config.ts';
import { IDLE_STATUS, networkCaption } from './text.ts';

const hidden = (text: string): string => `<span class="visually-hidden">${escapeHtml(text)}</span>`;

/** One hidden layer's row: its fields, and Move up / Move down / Remove named with the layer. */
function layerMarkup(layer: LayerSpec, i: number, count: number): string {
  const name = layerName(layer, i);
  const of = hidden(` of layer ${i + 1}`);
  const fields =
    layer.kind === 'dense'
      ? `<label class="tk-field"><span class="tk-field__label">Units${of}</span>` +
        `<input type="number" data-layer-field="units" min="${SPEC_LIMITS.units.min}" max="${SPEC_LIMITS.units.max}" step="1" inputmode="numeric" value="${layer.units}"></label>` +
        `<label class="tk-field"><span class="tk-field__label">Activation${of}</span><select data-layer-field="activation">` +
        `${optionsMarkup(
          ACTIVATIONS.map((a) => ({ value: a, label: a })),
          layer.activation,
        )}</select></label>`
      : layer.kind === 'dropout'
        ? `<label class="tk-field"><span class="tk-field__label">Rate${of}</span>` +
          `<input type="number" data-layer-field="rate" min="${SPEC_LIMITS.dropout.min}" max="${SPEC_LIMITS.dropout.max}" step="0.05" inputmode="decimal" value="${layer.rate}"></label>`
        : // The builder refuses convolutional specs (unsupportedInBuilder); never reached.
          '';
  const button = (action: string, text: string, disabled: boolean) =>
    `<button type="button" class="tk-button tk-button--small" data-layer-action="${action}" aria-label="${escapeHtml(`${text} ${name}`)}"${disabled ? ' disabled' : ''}>${text}</button>`;
  return (
    `<li class="tk-layer tk-layer--${layer.kind}" data-index="${i}">` +
    `<span class="tk-layer__title">Layer ${i + 1}: ${layer.kind}</span>` +
    `<span class="tk-layer__fields">${fields}</span>` +
    `<span class="tk-layer__buttons">${button('up', 'Move up', i === 0)}${button('down', 'Move down', i === count - 1)}${button('remove', 'Remove', false)}</span></li>`
  );
}

/** The hidden layers, input side first. */
export function layersMarkup(layers: readonly LayerSpec[]): string {
  if (layers.length === 0) return '<li class="tk-layer tk-layer--none">No hidden layers: the pixels go straight to the output.</li>';
  return layers.map((l, i) => layerMarkup(l, i, layers.length)).join('');
}

/** The parameters per layer and in total, with how each is counted. */
export function paramsMarkup(spec: Pick<ModelSpec, 'layers'>): string {
  const counts = paramCounts(spec);
  let dense = 0;
  const rows = counts.layers.map((c, i) => {
    const layer = spec.layers[i];
    const name =
      c.kind === 'output'
        ? 'Output (softmax)'
        : c.kind === 'dense'
          ? `${i + 1}. Dense ${++dense} (${layer?.kind === 'dense' ? layer.activation : ''})`
          : `${i + 1}. ${c.kind === 'dropout' ? 'Dropout' : c.kind}`;
    return `<tr data-kind="${c.kind}"><th scope="row">${escapeHtml(name)}</th><td>${formatCount(c.inputs)} → ${formatCount(c.outputs)}</td><td>${escapeHtml(paramFormula(c))}</td></tr>`;
  });
  return (
    `<table class="tk-builder__params"><caption>Parameters per layer</caption>` +
    `<thead><tr><th scope="col">Layer</th><th scope="col">Values in → out</th><th scope="col">Parameters</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody>` +
    `<tfoot><tr><th scope="row">Total</th><td></td><td data-part="params-total">${formatCount(counts.total)}</td></tr></tfoot></table>`
  );
}

/** The TensorFlow.js code of the spec. */
export function codeMarkup(spec: ModelSpec): string {
  return `<code>${escapeHtml(modelCode(spec))}</code>`;
}

/** The empty loss and accuracy charts (training and validation), with the target line. */
export function emptyCharts(epochs: number): string {
  return lossFrame({ epochs, yMax: 2.5 }) + accuracyFrame({ epochs, fullRange: true, target: accuracyTarget(TARGET_ACCURACY) });
}

/** The spec the markup shows: the preset's layers with the settings' numbers. */
function specOfProps({ layers, settings }: BuilderProps): ModelSpec {
  const { optimizer, learningRate, momentum, l2, batchSize, epochs } = settings;
  return { layers, optimizer, learningRate, momentum, l2, batchSize, epochs };
}

function settingsMarkup(s: BuilderSettings): string {
  const custom: Record<string, string> = { backend: backendPickerMarkup(s.backend) };
  // Momentum only means something to the momentum optimiser: its field shows only then.
  for (const name of NUMBER_FIELDS)
    custom[name] = numberFieldMarkup(name, SETTINGS[name], s[name], name === 'momentum' && s.optimizer !== 'momentum');
  return controlsMarkup(SETTINGS, s, { custom });
}

export function builderMarkup(props: BuilderProps): string {
  const spec = specOfProps(props);
  const total = paramCounts(spec).total;
  return `<div class="tk-widget tk-builder" data-part="root">
<p class="tk-widget__title">Build a model</p>
<p class="tk-widget__intro">Stack dense and dropout layers, choose how to train, and train on MNIST in your browser. Training and validation curves are drawn as it learns; the test images are used once, at the end.</p>
${figureMarkup([
  { caption: networkCaption(total), content: networkDiagram(diagramLayers(spec.layers)), part: 'network' },
  {
    caption: 'Loss and accuracy on the training batches and the validation images',
    content: `<div class="tk-charts" data-part="charts">${emptyCharts(spec.epochs)}</div>`,
    wide: true,
  },
])}
<fieldset class="tk-settings" data-part="settings">
<legend>Model and training</legend>
<div class="tk-builder__model">
<div class="tk-builder__layers">
<p class="tk-builder__io">Input: 784 pixels (28×28)</p>
<ol class="tk-builder__list" data-part="layers" aria-label="Hidden layers">${layersMarkup(spec.layers)}</ol>
<p class="tk-builder__io">Output: 10 units, softmax</p>
<div class="tk-actions"><button type="button" class="tk-button" data-part="add-dense">Add dense layer</button><button type="button" class="tk-button" data-part="add-dropout">Add dropout layer</button></div>
<p class="tk-builder__problem" data-part="problems" hidden></p>
</div>
<div class="tk-builder__count" data-part="params">${paramsMarkup(spec)}</div>
</div>
${settingsMarkup(props.settings)}
</fieldset>
<details class="tk-more tk-builder__code-box" open><summary>The same model in TensorFlow.js</summary>
<pre class="tk-builder__code" data-part="code" tabindex="0" aria-label="The model as TensorFlow.js code">${codeMarkup(spec)}</pre>
</details>
${runControlsMarkup(IDLE_STATUS)}
${progressMarkup('Progress')}
<p class="tk-note" data-part="backend" hidden></p>
<div class="tk-error" data-part="error" hidden></div>
<p class="tk-note" data-part="saved" hidden></p>
</div>`;
}
