/**
 * The convolution explorer's markup, as strings: rendered at build time by ConvExplorer.astro (the
 * default setting drawn, the formula typeset by KaTeX) or by the element itself when created
 * without it. No DOM here. Parts are found by `data-part`; ids only where ARIA needs them (prefixed).
 */
import { codeText, outputShape, tfRefusal } from '../../lib/conv-explorer/code.ts';
import { demoInput, KERNEL_KINDS, KERNEL_LABELS, kernelWeights, type KernelKind } from '../../lib/conv-explorer/grids.ts';
import {
  CONTROL_LABELS,
  CONTROL_NAMES,
  controlRanges,
  DEFAULT_SETTING,
  EXPLORER_MODES,
  formulaText,
  GENERAL_TEX,
  LIMITS,
  MODE_LABELS,
  numbersTex,
  settingProblem,
  settingSentence,
  type ControlName,
  type ExplorerMode,
} from '../../lib/conv-explorer/setting.ts';
import { outputSize, type AxisSetting } from '../../lib/nn/conv-geometry.ts';
import { figureMarkup } from '../shared/figure.ts';
import { escapeHtml, optionsMarkup } from '../shared/html.ts';
import { progressMarkup } from '../shared/progress.ts';
import { axisDiagram } from './axis-diagram.ts';
import { gridsFor } from './grids-markup.ts';

/** The size of the Fashion-MNIST images the real op runs on. */
export const SNEAKER_SIZE = 28;

export interface ExplorerState {
  setting: AxisSetting;
  mode: ExplorerMode;
  kernel: KernelKind;
}

export const DEFAULT_STATE: ExplorerState = { setting: DEFAULT_SETTING, mode: 'conv', kernel: 'edgeV' };

/** The starting state from an author's attributes (data-n, data-mode…); anything impossible falls back to the default. */
export function stateFromAttributes(get: (name: string) => string | null | undefined): ExplorerState {
  const setting = { ...DEFAULT_SETTING };
  for (const name of CONTROL_NAMES) {
    const raw = get(`data-${name}`);
    if (raw !== null && raw !== undefined && raw !== '') setting[name] = Number(raw);
  }
  const mode = get('data-mode');
  const kernel = get('data-kernel');
  return {
    setting: settingProblem(setting) === null ? setting : { ...DEFAULT_SETTING },
    mode: EXPLORER_MODES.includes(mode as ExplorerMode) ? (mode as ExplorerMode) : DEFAULT_STATE.mode,
    kernel: KERNEL_KINDS.includes(kernel as KernelKind) ? (kernel as KernelKind) : DEFAULT_STATE.kernel,
  };
}

/** Turns TeX into HTML (KaTeX at build time); `slot` numbers must stay findable by `data-slot`. */
export type TexRenderer = (tex: string) => string;

/** The formula with numbers as plain text, each number in its slot. */
function plainNumbers(setting: AxisSetting): string {
  const slot = (name: ControlName | 'out', v: number) => `<span data-slot="${name}">${v}</span>`;
  const { n, k, s, p, d } = setting;
  return `⌊(${slot('n', n)} + 2·${slot('p', p)} − ${slot('d', d)}·(${slot('k', k)} − 1) − 1) / ${slot('s', s)}⌋ + 1 = ${slot('out', outputSize(setting))}`;
}

/** The formula twice: in letters, and with the numbers (each in a `data-slot` the element rewrites). */
export function formulaMarkup(setting: AxisSetting, render?: TexRenderer): string {
  const general = render ? render(GENERAL_TEX) : `<span class="tk-convx__plain">out = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1</span>`;
  const numbers = render
    ? render(numbersTex(setting, (name, v) => String.raw`\htmlData{slot=${name}}{${v}}`))
    : `<span class="tk-convx__plain">${plainNumbers(setting)}</span>`;
  return (
    `<div class="tk-convx__formula" tabindex="0" role="region" aria-label="The output-size formula (scrolls on a narrow screen)">` +
    `<div aria-hidden="true">${general}<div class="tk-convx__numbers" data-part="formula-numbers">${numbers}</div></div>` +
    `<p class="visually-hidden" data-part="formula-text">Output size: ${escapeHtml(formulaText(setting))}</p></div>`
  );
}

/** One control: a slider whose range keeps the setting possible, and a number field for typing any value. */
function controlMarkup(name: ControlName, value: number, range: { min: number; max: number }): string {
  const label = CONTROL_LABELS[name];
  const { min, max } = LIMITS[name];
  return (
    `<div class="tk-field tk-convx__control"><span class="tk-field__label" aria-hidden="true">${label}</span>` +
    `<input type="range" data-part="${name}" aria-label="${label}" min="${range.min}" max="${range.max}" step="1" value="${value}">` +
    `<input type="number" class="tk-convx__typed" data-part="${name}-typed" aria-label="${label}, typed" inputmode="numeric" ` +
    `min="${min}" max="${max}" step="1" value="${value}"></div>`
  );
}

/** The settings: operation, kernel, and the five numbers. */
export function settingsMarkup(state: ExplorerState): string {
  const ranges = controlRanges(state.setting);
  const modes = EXPLORER_MODES.map((m) => ({ value: m, label: MODE_LABELS[m] }));
  const kernels = KERNEL_KINDS.map((k) => ({ value: k, label: KERNEL_LABELS[k] }));
  const rows = [
    `<label class="tk-field"><span class="tk-field__label">Operation</span><select data-part="mode">${optionsMarkup(modes, state.mode)}</select></label>`,
    `<label class="tk-field" data-part="kernel-field"${state.mode === 'conv' ? '' : ' hidden'}><span class="tk-field__label">Kernel</span><select data-part="kernel">${optionsMarkup(kernels, state.kernel)}</select></label>`,
    ...CONTROL_NAMES.map((name) => controlMarkup(name, state.setting[name], ranges[name])),
  ];
  return (
    `<fieldset class="tk-settings" data-part="settings"><legend>Settings</legend>` +
    `<div class="tk-controls-box"><div class="tk-controls">${rows.join('')}</div></div></fieldset>`
  );
}

/** What the real-op view says about the sneaker's output shape, or why tfjs will not run it. */
export function realNote(state: ExplorerState): string {
  const refusal = tfRefusal(state.setting, state.mode);
  if (refusal !== null) return refusal;
  const shape = outputShape(state.setting, SNEAKER_SIZE);
  return `On the ${SNEAKER_SIZE} × ${SNEAKER_SIZE} sneaker the formula expects an output of shape [${shape.join(', ')}].`;
}

export function figurePanels(state: ExplorerState) {
  const input = demoInput(state.setting.n);
  const weights = kernelWeights(state.kernel, state.setting.k);
  const grids = gridsFor(state.setting, state.mode, input, weights);
  return { grids, axis: axisDiagram(state.setting) };
}

export function explorerMarkup(idPrefix: string, state: ExplorerState = DEFAULT_STATE, render?: TexRenderer): string {
  const { grids, axis } = figurePanels(state);
  const problemId = `${idPrefix}-problem`;
  const boards =
    `<div class="tk-convx__boards">` +
    `<div class="tk-convx__board"><p class="tk-convx__board-title">Input</p><div class="tk-convx__scroll" data-part="input" tabindex="0" role="region" aria-label="Input grid (scrolls on a narrow screen)">${grids.input}</div></div>` +
    `<div class="tk-convx__board"><p class="tk-convx__board-title" data-part="kernel-title">${state.mode === 'conv' ? 'Kernel' : 'Window'}</p><div data-part="kernel-grid">${grids.kernel}</div></div>` +
    `<div class="tk-convx__board"><p class="tk-convx__board-title">Output</p><div class="tk-convx__scroll" data-part="output" tabindex="0" role="region" aria-label="Output grid (scrolls on a narrow screen)">${grids.output}</div></div>` +
    `</div>`;
  return `<div class="tk-widget tk-convx" data-part="root">
<p class="tk-widget__title">Convolution explorer</p>
<p class="tk-widget__intro">A window slides over a small input: at each stop it reads the cells it covers and writes one output cell. Change the window with the sliders, or type a number; point at a cell (or move to it with Tab and the arrow keys) to see which cells it is linked to.</p>
${settingsMarkup(state)}
<p class="tk-convx__problem" data-part="problem" id="${problemId}" role="alert" hidden></p>
${figureMarkup([
  { caption: 'The input (padding dashed), the kernel, and the output', content: boards, part: 'boards', wide: true },
  {
    caption: 'One axis: where each output’s window reads',
    content: `<div class="tk-convx__scroll-x" tabindex="0" role="region" aria-label="One axis (scrolls on a narrow screen)">${axis}</div>`,
    part: 'axis',
    wide: true,
  },
])}
<p class="tk-note tk-convx__readout" data-part="readout">Point at an output cell to see the input patch it reads.</p>
<div class="tk-actions">
<button type="button" class="tk-button tk-button--primary" data-part="play">Play</button>
<button type="button" class="tk-button" data-part="step">Step</button>
<button type="button" class="tk-button" data-part="reset">Reset</button>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(settingSentence(state.setting, state.mode))}</p>
${formulaMarkup(state.setting, render)}
<section class="tk-convx__view" aria-label="The im2col matrix">
<p class="tk-convx__view-title">One giant matrix (im2col)</p>
<p class="tk-note">Every window, unrolled into one row: the whole ${state.mode === 'conv' ? 'convolution is this matrix times the kernel’s weights as one column' : 'pooling takes the max or average of each row’s input cells'}. Point at a row to see its window.</p>
<div class="tk-convx__scroll tk-convx__scroll--matrix" data-part="im2col" tabindex="0" role="region" aria-label="im2col matrix (scrolls on a narrow screen)">${grids.im2col}</div>
</section>
<section class="tk-convx__view" aria-label="The same step in TensorFlow.js">
<p class="tk-convx__view-title">The same step in TensorFlow.js</p>
<pre class="tk-convx__code" tabindex="0" aria-label="TensorFlow.js code for this setting"><code data-part="code">${escapeHtml(codeText(state.setting, state.mode))}</code></pre>
<div class="tk-actions"><button type="button" class="tk-button" data-part="copy">Copy the code</button><span class="tk-note" data-part="copy-status" aria-live="polite"></span></div>
</section>
<details class="tk-convx__real" data-part="real">
<summary>Run it for real: <code>tf.conv2d</code> on a Fashion-MNIST sneaker</summary>
<p class="tk-note">Opening this loads TensorFlow.js and the Fashion-MNIST test images (about 4.5 MB, once), then runs the op above on the first sneaker with the chosen kernel.</p>
<p class="tk-note" data-part="real-note">${escapeHtml(realNote(state))}</p>
${progressMarkup('Download')}
<div class="tk-convx__real-images" data-part="real-images" hidden>
<figure><canvas class="tk-pixelated" data-part="sneaker" width="${SNEAKER_SIZE}" height="${SNEAKER_SIZE}" role="img" aria-label="The sneaker, ${SNEAKER_SIZE} by ${SNEAKER_SIZE} pixels"></canvas><figcaption>Input [1, ${SNEAKER_SIZE}, ${SNEAKER_SIZE}, 1]</figcaption></figure>
<figure><canvas class="tk-pixelated" data-part="real-output" width="1" height="1" role="img" aria-label="The op's output"></canvas><figcaption data-part="real-shape">Output</figcaption></figure>
</div>
<div class="tk-error" data-part="error" hidden></div>
</details>
</div>`;
}
