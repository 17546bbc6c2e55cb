/**
 * The gradient check's markup, as strings: rendered at build time by GradientCheck.astro (formulas
 * typeset there with KaTeX) and partly re-rendered by the element (numbers, table, plot). No DOM here.
 * Parts are found by `data-part`; ids come from a prefix so several checks can share a page.
 */
import {
  chainFactors,
  errorCurve,
  formatGradNumber,
  formatH,
  formatRelativeError,
  gradientReport,
  H_EXPONENTS,
  hFromExponent,
  neuronForward,
  paramCount,
  paramName,
  type NeuronPoint,
} from '../../lib/nn/neuron-gradient.ts';
import { escapeHtml, optionsMarkup } from '../shared/html.ts';

/** Turns TeX into HTML; the default shows a plain-text version. */
export type TexRenderer = (tex: string, plain: string) => string;
const plainTex: TexRenderer = (_tex, plain) => `<span class="tk-gradcheck__plain">${escapeHtml(plain)}</span>`;

export const DEFAULT_POINT: NeuronPoint = { x: [0.5, -1.2, 0.8, 0.3], w: [0.4, 0.1, -0.6, 0.9], b: 0.2, y: 1 };
/** h = 10⁻⁴ to start with: a moderate step. */
export const DEFAULT_H_EXPONENT = -4;
export const H_MIN_EXPONENT = Math.min(...H_EXPONENTS);
export const H_MAX_EXPONENT = Math.max(...H_EXPONENTS);

/** The formulas, each with a plain-text twin for when KaTeX is not at hand. */
export const FORMULAS = {
  model: ['\\hat y = \\sigma(z),\\quad z = w_0x_0 + w_1x_1 + w_2x_2 + w_3x_3 + b', 'ŷ = σ(z), z = w₀x₀ + w₁x₁ + w₂x₂ + w₃x₃ + b'],
  loss: ['L = -\\left[\\,y\\log\\hat y + (1-y)\\log(1-\\hat y)\\,\\right]', 'L = −[y log ŷ + (1 − y) log(1 − ŷ)]'],
  dLdyHat: ['\\frac{\\partial L}{\\partial \\hat y} = -\\frac{y}{\\hat y} + \\frac{1-y}{1-\\hat y}', '∂L/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ)'],
  dyHatdz: ['\\frac{\\partial \\hat y}{\\partial z} = \\hat y\\,(1-\\hat y)', '∂ŷ/∂z = ŷ(1 − ŷ)'],
  dzdTheta: ['\\frac{\\partial z}{\\partial \\theta}', '∂z/∂θ'],
  product: [
    '\\frac{\\partial L}{\\partial \\theta} = \\frac{\\partial L}{\\partial \\hat y}\\cdot\\frac{\\partial \\hat y}{\\partial z}\\cdot\\frac{\\partial z}{\\partial \\theta}',
    '∂L/∂θ = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂θ',
  ],
  dLdz: ['\\frac{\\partial L}{\\partial z} = \\hat y - y', '∂L/∂z = ŷ − y'],
  shortcut: ['\\frac{\\partial L}{\\partial \\theta} = (\\hat y - y)\\,\\frac{\\partial z}{\\partial \\theta}', '∂L/∂θ = (ŷ − y) · ∂z/∂θ'],
  numeric: ['\\frac{L(\\theta + h) - L(\\theta - h)}{2h}', '(L(θ + h) − L(θ − h)) / 2h'],
  relative: ['\\frac{|a - n|}{\\max(|a|,\\,|n|)}', '|a − n| / max(|a|, |n|)'],
} as const satisfies Record<string, readonly [string, string]>;

export interface CheckView {
  point: NeuronPoint;
  /** Index of the parameter followed through the chain rule (n = the bias). */
  param: number;
  hExponent: number;
}

/** What θ is, in words: "w₁ (its input x₁ = −1.2)". */
function dzWords(view: CheckView): string {
  const { point, param } = view;
  if (param === point.w.length) return 'for the bias b: 1';
  const sub = paramName(point, param).slice(1);
  return `for w${sub}: x${sub} =`;
}

/** The figures that change: forward pass, the chain for one parameter, numeric check. */
export function computeCheck(view: CheckView) {
  const h = hFromExponent(view.hExponent);
  const forward = neuronForward(view.point);
  const chain = chainFactors(view.point, view.param);
  const report = gradientReport(view.point, h);
  const row = report.rows[view.param]!;
  return { h, forward, chain, report, row, curve: errorCurve(view.point, view.param) };
}

export type CheckResult = ReturnType<typeof computeCheck>;

export function statusFor(view: CheckView, result: CheckResult): string {
  const name = paramName(view.point, view.param);
  return (
    `With h = ${formatH(view.hExponent)}, the numeric ∂L/∂${name} = ${formatGradNumber(result.row.numeric, 6)} ` +
    `and the chain rule gives ${formatGradNumber(result.row.analytic, 6)}: relative error ${formatRelativeError(result.row.relativeError)}.`
  );
}

/** Text of each `data-part="num-…"` slot. */
export function numberTexts(view: CheckView, result: CheckResult): Record<string, string> {
  const f = formatGradNumber;
  const { forward, chain, row } = result;
  return {
    'num-z': f(forward.z),
    'num-yhat': f(forward.yHat),
    'num-loss': f(forward.loss),
    'num-dLdyHat': f(chain.dLdyHat),
    'num-dyHatdz': f(chain.dyHatdz),
    'dz-words': dzWords(view),
    'num-dzdTheta': view.param === view.point.w.length ? '' : f(chain.dzdParam),
    'num-product': f(chain.product),
    'num-dLdz': f(chain.dLdz),
    'num-shortcut': f(chain.shortcut),
    'num-numeric': f(row.numeric, 12),
    'num-analytic': f(row.analytic, 12),
    'num-relative': formatRelativeError(row.relativeError),
    'theta-name': paramName(view.point, view.param),
    'h-value': formatH(view.hExponent),
  };
}

/** The table of every parameter's analytic and numeric gradient at the current h. */
export function tableMarkup(view: CheckView, result: CheckResult): string {
  const rows = result.report.rows
    .map(
      (r) =>
        `<tr${r.index === view.param ? ' class="is-current"' : ''}><th scope="row">${escapeHtml(r.name)}</th>` +
        `<td>${escapeHtml(formatGradNumber(r.analytic, 8))}</td><td>${escapeHtml(formatGradNumber(r.numeric, 8))}</td>` +
        `<td>${escapeHtml(formatRelativeError(r.relativeError))}</td></tr>`,
    )
    .join('');
  return (
    `<table class="tk-gradcheck__table"><caption>Every parameter at h = ${escapeHtml(formatH(view.hExponent))}</caption>` +
    `<thead><tr><th scope="col">Parameter</th><th scope="col">Chain rule (a)</th><th scope="col">Numeric (n)</th><th scope="col">Relative error</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`
  );
}

const PLOT = { width: 340, height: 180, left: 56, right: 22, top: 10, bottom: 40 } as const;
const Y_MIN = -16;
const Y_MAX = -2;

/** A log–log plot of the relative error against h for the followed parameter, the current h marked. */
export function plotMarkup(view: CheckView, result: CheckResult): string {
  const { width, height, left, right, top, bottom } = PLOT;
  const innerW = width - left - right;
  const innerH = height - top - bottom;
  // h shrinks to the right: 10⁻¹ on the left, 10⁻⁷ on the right.
  const xOf = (e: number) => left + ((H_MAX_EXPONENT - e) / (H_MAX_EXPONENT - H_MIN_EXPONENT)) * innerW;
  const yOf = (err: number) => {
    const l = Math.log10(Math.max(err, 10 ** Y_MIN));
    return top + ((Y_MAX - Math.min(Y_MAX, l)) / (Y_MAX - Y_MIN)) * innerH;
  };
  const points = result.curve.map((c) => `${xOf(c.exponent).toFixed(1)},${yOf(c.relativeError).toFixed(1)}`).join(' ');
  const xTicks = [-1, -2, -3, -4, -5, -6, -7]
    .map(
      (e) =>
        `<g transform="translate(${xOf(e).toFixed(1)},${top + innerH})"><line y2="5"/><text y="17" text-anchor="middle">${escapeHtml(formatH(e))}</text></g>`,
    )
    .join('');
  const yTicks = [-2, -6, -10, -14]
    .map(
      (e) =>
        `<g transform="translate(${left},${yOf(10 ** e).toFixed(1)})"><line x2="${innerW}" class="tk-gradcheck__grid"/><text x="-6" dy="0.32em" text-anchor="end">${escapeHtml(formatH(e))}</text></g>`,
    )
    .join('');
  const current = result.curve.find((c) => c.exponent === view.hExponent);
  const marker = current
    ? `<circle class="tk-gradcheck__marker" cx="${xOf(current.exponent).toFixed(1)}" cy="${yOf(current.relativeError).toFixed(1)}" r="5"/>`
    : '';
  const best = result.curve.reduce((a, c) => (c.relativeError < a.relativeError ? c : a));
  const first = result.curve[0]!;
  const last = result.curve[result.curve.length - 1]!;
  const label =
    `Relative error against h for ${paramName(view.point, view.param)}, log scales: ` +
    `${formatRelativeError(first.relativeError)} at h = ${formatH(first.exponent)}, smallest ${formatRelativeError(best.relativeError)} at h = ${formatH(best.exponent)}, ` +
    `${formatRelativeError(last.relativeError)} at h = ${formatH(last.exponent)}. Current h = ${formatH(view.hExponent)}.`;
  return (
    `<svg class="tk-gradcheck__svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<g class="tk-gradcheck__axis">${yTicks}${xTicks}</g>` +
    `<polyline class="tk-gradcheck__line" points="${points}"/>${marker}` +
    `<text class="tk-gradcheck__axis-title" x="${left + innerW / 2}" y="${height - 4}" text-anchor="middle">step h (smaller to the right)</text>` +
    `</svg>`
  );
}

function slot(name: string, text: string): string {
  return `<span class="tk-gradcheck__num" data-part="${name}">${escapeHtml(text)}</span>`;
}

function numberInput(id: string, partName: string, label: string, value: number): string {
  return (
    `<div class="tk-gradcheck__input"><label for="${id}">${label}</label>` +
    `<input type="number" id="${id}" data-part="${partName}" step="0.1" value="${value}" inputmode="decimal"></div>`
  );
}

export function gradientCheckMarkup(
  idPrefix: string,
  view: CheckView = { point: DEFAULT_POINT, param: 0, hExponent: DEFAULT_H_EXPONENT },
  tex: TexRenderer = plainTex,
): string {
  const id = escapeHtml(idPrefix);
  const result = computeCheck(view);
  const n = numberTexts(view, result);
  const t = (key: keyof typeof FORMULAS) => tex(FORMULAS[key][0], FORMULAS[key][1]);
  const { point } = view;
  const inputs = point.x
    .map((xi, i) => {
      const sub = paramName(point, i).slice(1);
      return (
        numberInput(`${id}-x${i}`, `x-${i}`, `Input <var>x</var>${sub}`, xi) +
        numberInput(`${id}-w${i}`, `w-${i}`, `Weight <var>w</var>${sub}`, point.w[i]!)
      );
    })
    .join('');
  const paramOptions = Array.from({ length: paramCount(point) }, (_, i) => ({
    value: i,
    label: i === point.w.length ? 'the bias b' : `the weight ${paramName(point, i)}`,
  }));
  const hId = `${id}-h`;
  return `<div class="tk-widget tk-gradcheck" data-part="root">
<p class="tk-widget__title">Checking the chain rule with numbers</p>
<p class="tk-widget__intro">One neuron with binary cross-entropy. Change its inputs, weights, bias or label: the chain rule’s factors and a finite-difference check follow.</p>
<div class="tk-gradcheck__formula">${t('model')}</div>
<div class="tk-gradcheck__formula">${t('loss')}</div>
<fieldset class="tk-gradcheck__inputs">
<legend>The neuron</legend>
<div class="tk-gradcheck__grid">${inputs}
${numberInput(`${id}-b`, 'b', 'Bias <var>b</var>', point.b)}
<div class="tk-gradcheck__input"><label for="${id}-y">Label <var>y</var></label><select id="${id}-y" data-part="y">${optionsMarkup(
    [
      { value: 1, label: '1' },
      { value: 0, label: '0' },
    ],
    point.y,
  )}</select></div>
</div>
<p class="tk-note tk-gradcheck__invalid" data-part="invalid" hidden></p>
</fieldset>
<p class="tk-gradcheck__forward">Forward pass: <var>z</var> = ${slot('num-z', n['num-z']!)}, <var>ŷ</var> = ${slot('num-yhat', n['num-yhat']!)}, <var>L</var> = ${slot('num-loss', n['num-loss']!)}</p>
<div class="tk-gradcheck__controls">
<div class="tk-field"><label class="tk-field__label" for="${id}-param">Follow the gradient of θ =</label><select id="${id}-param" data-part="param">${optionsMarkup(paramOptions, view.param)}</select></div>
<div class="tk-field"><span class="tk-gradcheck__h-head"><label class="tk-field__label" for="${hId}">Step <var>h</var> (log scale)</label> <output for="${hId}" data-part="h-value">${escapeHtml(n['h-value']!)}</output></span>
<input type="range" id="${hId}" data-part="h" min="${H_MIN_EXPONENT}" max="${H_MAX_EXPONENT}" step="0.5" value="${view.hExponent}" aria-valuetext="h = ${escapeHtml(n['h-value']!)}"></div>
</div>
<div class="tk-gradcheck__columns">
<section class="tk-gradcheck__panel" aria-labelledby="${id}-chain-title">
<p class="tk-gradcheck__panel-title" id="${id}-chain-title">Chain rule for θ = ${slot('theta-name', n['theta-name']!)}</p>
<ol class="tk-gradcheck__steps">
<li>${t('dLdyHat')} = ${slot('num-dLdyHat', n['num-dLdyHat']!)}</li>
<li>${t('dyHatdz')} = ${slot('num-dyHatdz', n['num-dyHatdz']!)}</li>
<li>${t('dzdTheta')} <span data-part="dz-words">${escapeHtml(n['dz-words']!)}</span> ${slot('num-dzdTheta', n['num-dzdTheta']!)}</li>
<li>${t('product')} = ${slot('num-product', n['num-product']!)}</li>
</ol>
<p>Multiplied out, the first two factors cancel to ${t('dLdz')} = ${slot('num-dLdz', n['num-dLdz']!)}, so ${t('shortcut')} = ${slot('num-shortcut', n['num-shortcut']!)}.</p>
</section>
<section class="tk-gradcheck__panel" aria-labelledby="${id}-num-title">
<p class="tk-gradcheck__panel-title" id="${id}-num-title">Checked numerically</p>
<p>Centred difference: ${t('numeric')}</p>
<dl class="tk-gradcheck__results">
<div><dt>numeric <var>n</var></dt><dd>${slot('num-numeric', n['num-numeric']!)}</dd></div>
<div><dt>chain rule <var>a</var></dt><dd>${slot('num-analytic', n['num-analytic']!)}</dd></div>
<div><dt>relative error ${t('relative')}</dt><dd>${slot('num-relative', n['num-relative']!)}</dd></div>
</dl>
<p class="tk-gradcheck__plot-title">Relative error against h, both on log scales (the ring marks the current h)</p>
<div data-part="plot">${plotMarkup(view, result)}</div>
<p class="tk-note">A large h bends the curve (the error falls like h²); a tiny h loses digits to rounding (the error grows like 1/h).</p>
</section>
</div>
<div class="tk-gradcheck__table-wrap" data-part="table" tabindex="0" role="region" aria-label="Gradients of every parameter">${tableMarkup(view, result)}</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${escapeHtml(statusFor(view, result))}</p>
</div>`;
}
