/**
 * The decision-boundary playground's markup and words, as strings: rendered at build time by
 * BoundaryPlayground.astro and used by the element. No DOM and no engine here (this module is in
 * the page's first script, so it stays small). Parts are found by `data-part`.
 */
import { formatLoss, formatPercent, formatCount } from '../../lib/format/numbers.ts';
import { TOY_KINDS, TOY_LABELS, isToyKind, type ToyKind } from '../../lib/nn/toy-data.ts';
import {
  ARCHITECTURES,
  HIDDEN_CHOICES,
  LEARNING_RATES,
  architectureLayers,
  isArchitectureId,
  type ArchitectureId,
} from '../../lib/nn/architectures.ts';
import { emptyChart } from '../../viz/chart-frame.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { layersFromStack } from '../../viz/network-layout.ts';
import { escapeHtml, optionsMarkup } from '../shared/html.ts';

/** Points in the dataset. */
export const POINT_COUNT = 200;
/** The plot shows the square [-EXTENT, EXTENT]². */
export const EXTENT = 1.25;
/** Noise slider: 0 … MAX_NOISE in steps of NOISE_STEP. */
export const MAX_NOISE = 0.5;
export const NOISE_STEP = 0.05;

export interface PlaygroundSettings {
  dataset: ToyKind;
  noise: number;
  architecture: ArchitectureId;
  hidden: number;
  learningRate: number;
}

/** Circles with one tanh hidden layer of 8 units and Adam at 0.03 pass 95% within about 30 epochs. */
export const DEFAULT_SETTINGS: PlaygroundSettings = { dataset: 'circles', noise: 0.05, architecture: 'tanh', hidden: 8, learningRate: 0.03 };

/** Settings from attribute or control values; anything not offered falls back to the default. */
export function settingsFrom(get: (name: keyof PlaygroundSettings) => string | null | undefined): PlaygroundSettings {
  const d = DEFAULT_SETTINGS;
  const num = (name: keyof PlaygroundSettings) => {
    const raw = get(name);
    return raw === null || raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  };
  const dataset = get('dataset');
  const architecture = get('architecture');
  const noise = num('noise');
  const hidden = num('hidden');
  const learningRate = num('learningRate');
  return {
    dataset: isToyKind(dataset) ? dataset : d.dataset,
    noise: Number.isFinite(noise) && noise >= 0 && noise <= MAX_NOISE ? Number((Math.round(noise / NOISE_STEP) * NOISE_STEP).toFixed(2)) : d.noise,
    architecture: isArchitectureId(architecture) ? architecture : d.architecture,
    hidden: HIDDEN_CHOICES.includes(hidden) ? hidden : d.hidden,
    learningRate: LEARNING_RATES.includes(learningRate) ? learningRate : d.learningRate,
  };
}

/** The network these settings train, as a diagram: 2 inputs (the point's x and y), the hidden layers, one output. */
export function networkMarkup(s: Pick<PlaygroundSettings, 'architecture' | 'hidden'>): string {
  const layers = layersFromStack(2, architectureLayers(s.architecture, s.hidden), { inputNote: 'x and y', outputActivation: 'sigmoid' });
  return networkDiagram(layers, { columnGap: 92, maxNodes: 8, nodeGap: 18 });
}

/**
 * The loss chart before training: empty axes (session.ts draws the live one with the same labels),
 * `width` CSS pixels wide (the element redraws it at its real width once it is on the page).
 */
export function emptyLossChart(width = 360): string {
  return emptyChart({ title: 'Training loss', xLabel: 'epoch', yLabel: 'loss', xDomain: [0, 10], yDomain: [0, 1], height: 140, width });
}

export const IDLE_STATUS = 'Press Play to train the network on these points, or Step for one epoch at a time.';

/** "Epoch 120: training accuracy 98.5%, loss 0.05" */
export function trainingStatus(epoch: number, accuracy: number, loss: number): string {
  return `Epoch ${formatCount(epoch)}: training accuracy ${formatPercent(accuracy)}, loss ${formatLoss(loss)}`;
}

export function formatNoise(noise: number): string {
  return noise.toFixed(2);
}

/** The text alternative of the plot. */
export function plotLabel(settings: PlaygroundSettings, ones: number, count: number, accuracy: number | null): string {
  const data = `${TOY_LABELS[settings.dataset]}: ${count} points, ${ones} of class 1 (purple circles) and ${count - ones} of class 0 (orange squares)`;
  if (accuracy === null) return `${data}. No network trained yet.`;
  return `${data}, over the network’s prediction (purple where it says class 1, orange where class 0). It classifies ${formatPercent(accuracy)} of the points correctly.`;
}

function select(
  id: string,
  name: string,
  label: string,
  options: { value: string | number; label: string }[],
  selected: string | number,
  extraClass = '',
): string {
  return (
    `<div class="tk-field${extraClass ? ` ${extraClass}` : ''}"><label class="tk-field__label" for="${id}-${name}">${label}</label>` +
    `<select id="${id}-${name}" data-part="${name}">${optionsMarkup(options, selected)}</select></div>`
  );
}

export function playgroundMarkup(idPrefix: string, s: PlaygroundSettings = DEFAULT_SETTINGS): string {
  const id = escapeHtml(idPrefix);
  return `<div class="tk-widget tk-boundary" data-part="root">
<p class="tk-widget__title">Why activations: a decision-boundary playground</p>
<p class="tk-widget__intro">A small network learns to tell two classes of points apart. The background shows what it answers at every spot of the plane.</p>
<div class="tk-boundary__layout">
<div class="tk-boundary__plot-wrap">
<canvas class="tk-boundary__canvas" data-part="canvas" width="320" height="320" role="img" aria-label="${escapeHtml(plotLabel(s, POINT_COUNT / 2, POINT_COUNT, null))}"></canvas>
<ul class="tk-boundary__legend" aria-label="Legend">
<li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5.5" class="tk-boundary__swatch tk-boundary__swatch--one"/></svg> class 1 (purple circles)</li>
<li><svg width="14" height="14" aria-hidden="true"><rect x="1.5" y="1.5" width="11" height="11" class="tk-boundary__swatch tk-boundary__swatch--zero"/></svg> class 0 (orange squares)</li>
<li data-part="line-legend" hidden><svg width="22" height="14" aria-hidden="true"><line x1="1" y1="7" x2="21" y2="7" class="tk-boundary__swatch-line"/></svg> the collapsed map’s boundary</li>
</ul>
<div class="tk-boundary__network" data-part="network">${networkMarkup(s)}</div>
</div>
<div class="tk-boundary__side">
<fieldset class="tk-settings" data-part="settings">
<legend>Data</legend>
${select(
  id,
  'dataset',
  'Dataset',
  TOY_KINDS.map((k) => ({ value: k, label: TOY_LABELS[k] })),
  s.dataset,
)}
<div class="tk-field"><span class="tk-boundary__slider-head"><label class="tk-field__label" for="${id}-noise">Noise</label> <output for="${id}-noise" data-part="noise-value">${formatNoise(s.noise)}</output></span>
<input type="range" id="${id}-noise" data-part="noise" min="0" max="${MAX_NOISE}" step="${NOISE_STEP}" value="${s.noise}"></div>
<div class="tk-actions"><button type="button" class="tk-button" data-part="regenerate">New points</button></div>
</fieldset>
<fieldset class="tk-settings">
<legend>Network</legend>
${select(
  id,
  'architecture',
  'Architecture',
  ARCHITECTURES.map((a) => ({ value: a.id, label: a.label })),
  s.architecture,
  'tk-boundary__wide',
)}
${select(
  id,
  'hidden',
  'Hidden units per layer',
  HIDDEN_CHOICES.map((h) => ({ value: h, label: String(h) })),
  s.hidden,
)}
${select(
  id,
  'learningRate',
  'Learning rate (Adam)',
  LEARNING_RATES.map((r) => ({ value: r, label: String(r) })),
  s.learningRate,
)}
</fieldset>
<div class="tk-actions">
<button type="button" class="tk-button tk-button--primary" data-part="play">Play</button>
<button type="button" class="tk-button" data-part="step">Step</button>
<button type="button" class="tk-button" data-part="reset">Reset</button>
</div>
<dl class="tk-boundary__figures">
<div><dt>Epoch</dt><dd data-part="epoch">0</dd></div>
<div><dt>Training loss</dt><dd data-part="loss">—</dd></div>
<div><dt>Training accuracy</dt><dd data-part="accuracy">—</dd></div>
</dl>
</div>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(IDLE_STATUS)}</p>
<div class="tk-boundary__chart" data-part="chart">${emptyLossChart()}</div>
<div class="tk-boundary__collapse" data-part="collapse" aria-live="off"></div>
<div class="tk-error" data-part="error" role="alert" hidden></div>
</div>`;
}
