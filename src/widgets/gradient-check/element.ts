/**
 * <tk-gradient-check>: one neuron ŷ = σ(w·x + b) with binary cross-entropy; its gradient by the
 * chain rule next to a centred finite difference, in float64 (src/lib/nn/neuron-gradient.ts).
 *
 * The static markup (formulas typeset by KaTeX) comes from GradientCheck.astro, or from
 * `gradientCheckMarkup` when the element is created without it. Everything is computed at once
 * on every change: it is a handful of numbers.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle (waiting for the reader) | done (numbers shown for valid input) | error (an input is not a number);
 *  - `data-h`: the step h; `data-rel-error`: the relative error of the followed parameter at that h;
 *    `data-max-rel-error`: the largest relative error over all parameters;
 *  - the `role="status"` line: "With h = 1e−4, the numeric ∂L/∂w₀ = … and the chain rule gives …: relative error 2.6e−10."
 */
import { formatH, paramName } from '../../lib/nn/neuron-gradient.ts';
import { part } from '../shared/html.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { StatusLine } from '../shared/status.ts';
import {
  computeCheck,
  DEFAULT_H_EXPONENT,
  DEFAULT_POINT,
  gradientCheckMarkup,
  numberTexts,
  plotMarkup,
  statusFor,
  tableMarkup,
  type CheckView,
} from './markup.ts';

export class GradientCheckElement extends HTMLElement {
  private bound = false;
  private status!: StatusLine;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    if (this.bound) return;
    this.bound = true;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = gradientCheckMarkup(nextWidgetId('tk-gradcheck-js'));
    this.status = new StatusLine(part(this, 'status'));
    // Every control re-computes on input; the live region settles after a short pause.
    this.addEventListener('input', () => this.render(false));
    this.addEventListener('change', () => this.render(true));
    this.render(true);
  }

  disconnectedCallback(): void {
    clearTimeout(this.statusTimer);
  }

  /** Reads the controls; null (and which field is wrong) when a number field does not hold a number. */
  private readView(): { view: CheckView | null; problem: string } {
    const x: number[] = [];
    const w: number[] = [];
    const fields: { el: HTMLInputElement; name: string }[] = [];
    for (let i = 0; i < DEFAULT_POINT.x.length; i++) {
      const sub = paramName(DEFAULT_POINT, i).slice(1); // "₀", "₁", …: the same names as the labels
      fields.push({ el: part<HTMLInputElement>(this, `x-${i}`), name: `x${sub}` });
      fields.push({ el: part<HTMLInputElement>(this, `w-${i}`), name: `w${sub}` });
    }
    fields.push({ el: part<HTMLInputElement>(this, 'b'), name: 'b' });
    let problem = '';
    const values = fields.map(({ el, name }) => {
      const v = el.value.trim() === '' ? Number.NaN : Number(el.value);
      const bad = !Number.isFinite(v) || Math.abs(v) > 1000;
      el.setAttribute('aria-invalid', String(bad));
      if (bad && !problem) problem = `Enter a number between −1000 and 1000 for ${name}.`;
      return v;
    });
    if (problem) return { view: null, problem };
    for (let i = 0; i < DEFAULT_POINT.x.length; i++) {
      x.push(values[2 * i]!);
      w.push(values[2 * i + 1]!);
    }
    const b = values[values.length - 1]!;
    const y = Number(part<HTMLSelectElement>(this, 'y').value);
    const param = Number(part<HTMLSelectElement>(this, 'param').value);
    const hRaw = Number(part<HTMLInputElement>(this, 'h').value);
    const hExponent = Number.isFinite(hRaw) ? hRaw : DEFAULT_H_EXPONENT;
    return { view: { point: { x, w, b, y }, param, hExponent }, problem };
  }

  private render(announceNow: boolean): void {
    const { view, problem } = this.readView();
    const invalid = part(this, 'invalid');
    if (!view) {
      invalid.hidden = false;
      invalid.textContent = problem;
      this.dataset.state = 'error';
      this.status.announce(problem);
      return;
    }
    invalid.hidden = true;
    const result = computeCheck(view);
    for (const [name, text] of Object.entries(numberTexts(view, result))) {
      const el = this.querySelector(`[data-part="${name}"]`);
      if (el && el.textContent !== text) el.textContent = text;
    }
    part<HTMLInputElement>(this, 'h').setAttribute('aria-valuetext', `h = ${formatH(view.hExponent)}`);
    part(this, 'table').innerHTML = tableMarkup(view, result);
    part(this, 'plot').innerHTML = plotMarkup(view, result);
    this.dataset.h = String(result.h);
    this.dataset.relError = String(result.row.relativeError);
    this.dataset.maxRelError = String(result.report.maxRelativeError);
    this.dataset.state = 'done';
    const text = statusFor(view, result);
    clearTimeout(this.statusTimer);
    if (announceNow) this.status.announce(text);
    else this.statusTimer = setTimeout(() => this.status.announce(text), 400);
  }
}

if (!customElements.get('tk-gradient-check')) customElements.define('tk-gradient-check', GradientCheckElement);
