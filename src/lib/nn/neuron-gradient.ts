/**
 * One neuron, ŷ = σ(w·x + b), with binary cross-entropy, in float64 numbers: its gradient by the
 * chain rule and by a centred finite difference, for the gradient-check widget.
 *
 * The centred difference (L(θ + h) − L(θ − h)) / 2h has a truncation error of order h² and a
 * rounding error of order ε·|L| / h (ε ≈ 1.1e-16 for float64), so as h shrinks the relative error
 * first falls, bottoms out near h ≈ 1e-5, and then rises again: `errorCurve` traces that.
 */
import { relativeError as gradcheckRelativeError } from './gradcheck.ts';

export interface NeuronPoint {
  /** Inputs x₀…xₙ₋₁. */
  x: readonly number[];
  /** Weights w₀…wₙ₋₁ (same length as x). */
  w: readonly number[];
  b: number;
  /** The label, 0 or 1 (any value in [0, 1] works as a soft target). */
  y: number;
}

export interface NeuronForward {
  /** z = w·x + b. */
  z: number;
  /** ŷ = σ(z). */
  yHat: number;
  /** L = −[y log ŷ + (1 − y) log(1 − ŷ)]. */
  loss: number;
}

/** The chain of derivatives for one parameter: dL/dθ = dL/dŷ · dŷ/dz · dz/dθ. */
export interface ChainFactors {
  dLdyHat: number;
  dyHatdz: number;
  /** x_i for a weight, 1 for the bias. */
  dzdParam: number;
  /** The product of the three factors. */
  product: number;
  /** The simplified form: dL/dz = ŷ − y. */
  dLdz: number;
  /** (ŷ − y)·x_i (or ŷ − y for the bias). */
  shortcut: number;
}

/** log(1 + eᵗ) without overflow. */
function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

function check(p: NeuronPoint): void {
  if (p.x.length === 0 || p.x.length !== p.w.length) {
    throw new Error(`neuron: x and w must be non-empty and the same length (got ${p.x.length} inputs and ${p.w.length} weights).`);
  }
  const all = [...p.x, ...p.w, p.b, p.y];
  if (!all.every(Number.isFinite)) throw new Error('neuron: every input, weight, the bias and the label must be finite numbers.');
  if (p.y < 0 || p.y > 1) throw new Error(`neuron: the label y must be between 0 and 1, got ${p.y}.`);
}

/** Number of parameters: the weights, then the bias (index n). */
export function paramCount(p: NeuronPoint): number {
  return p.w.length + 1;
}

/** "w₀", "w₁", … (indices start at 0, as everywhere in the course), and "b" for the last index. */
export function paramName(p: NeuronPoint, index: number): string {
  if (index === p.w.length) return 'b';
  const sub = String(index).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));
  return `w${sub}`;
}

function zOf(p: NeuronPoint): number {
  let z = p.b;
  for (let i = 0; i < p.w.length; i++) z += p.w[i]! * p.x[i]!;
  return z;
}

/** Binary cross-entropy of σ(z) against y, written stably from z: y·softplus(−z) + (1 − y)·softplus(z). */
function lossFromZ(z: number, y: number): number {
  return y * softplus(-z) + (1 - y) * softplus(z);
}

export function neuronForward(p: NeuronPoint): NeuronForward {
  check(p);
  const z = zOf(p);
  const yHat = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  return { z, yHat, loss: lossFromZ(z, p.y) };
}

/** The loss with parameter `index` (a weight, or the bias at index n) set to `value`. */
export function lossAt(p: NeuronPoint, index: number, value: number): number {
  checkIndex(p, index);
  const moved: NeuronPoint = index === p.w.length ? { ...p, b: value } : { ...p, w: p.w.map((wi, i) => (i === index ? value : wi)) };
  return lossFromZ(zOf(moved), p.y);
}

function checkIndex(p: NeuronPoint, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > p.w.length) {
    throw new Error(`neuron: parameter index must be 0–${p.w.length} (the weights, then the bias), got ${index}.`);
  }
}

/** The chain-rule factors for parameter `index`. */
export function chainFactors(p: NeuronPoint, index: number): ChainFactors {
  checkIndex(p, index);
  const { yHat } = neuronForward(p);
  const dLdyHat = -p.y / yHat + (1 - p.y) / (1 - yHat);
  const dyHatdz = yHat * (1 - yHat);
  const dzdParam = index === p.w.length ? 1 : p.x[index]!;
  const dLdz = yHat - p.y;
  return { dLdyHat, dyHatdz, dzdParam, product: dLdyHat * dyHatdz * dzdParam, dLdz, shortcut: dLdz * dzdParam };
}

/** The analytic gradient dL/dθ for every parameter (weights, then bias): (ŷ − y)·x_i and ŷ − y. */
export function analyticGradient(p: NeuronPoint): number[] {
  const { yHat } = neuronForward(p);
  const d = yHat - p.y;
  return [...p.x.map((xi) => d * xi), d];
}

/** The centred difference (L(θ + h) − L(θ − h)) / 2h for parameter `index`, in float64. */
export function numericGradient(p: NeuronPoint, index: number, h: number): number {
  checkIndex(p, index);
  if (!(h > 0) || !Number.isFinite(h)) throw new Error(`neuron: the step h must be a positive number, got ${h}.`);
  const theta = index === p.w.length ? p.b : p.w[index]!;
  return (lossAt(p, index, theta + h) - lossAt(p, index, theta - h)) / (2 * h);
}

/** |a − n| / max(|a|, |n|): 0 when both are 0. */
export function relativeError(analytic: number, numeric: number): number {
  // No floor: in float64 the in-page check can show errors far below the engine tests' noise floor.
  return gradcheckRelativeError(analytic, numeric, 0);
}

export interface GradientRow {
  index: number;
  name: string;
  analytic: number;
  numeric: number;
  relativeError: number;
}

/** Analytic against numeric gradient, parameter by parameter, at step h. */
export function gradientReport(p: NeuronPoint, h: number): { rows: GradientRow[]; maxRelativeError: number } {
  const analytic = analyticGradient(p);
  const rows = analytic.map((a, index) => {
    const numeric = numericGradient(p, index, h);
    return { index, name: paramName(p, index), analytic: a, numeric, relativeError: relativeError(a, numeric) };
  });
  return { rows, maxRelativeError: Math.max(...rows.map((r) => r.relativeError)) };
}

/** Exponents of the h values the widget offers: 10⁻¹ … 10⁻⁷ in half-decade steps. */
export const H_EXPONENTS: readonly number[] = Array.from({ length: 13 }, (_, i) => -1 - i / 2);

/** 10^exponent, exact for whole exponents. */
export function hFromExponent(exponent: number): number {
  return Number.isInteger(exponent) ? Number(`1e${exponent}`) : 10 ** exponent;
}

/** The relative error for parameter `index` at each h = 10^e. */
export function errorCurve(
  p: NeuronPoint,
  index: number,
  exponents: readonly number[] = H_EXPONENTS,
): { exponent: number; h: number; relativeError: number }[] {
  const analytic = analyticGradient(p)[index];
  checkIndex(p, index);
  return exponents.map((exponent) => {
    const h = hFromExponent(exponent);
    return { exponent, h, relativeError: relativeError(analytic!, numericGradient(p, index, h)) };
  });
}

/** A number for the page: 4 significant digits, exponent form when tiny or huge, "−" for minus. */
export function formatGradNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const text = a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(digits - 1) : String(Number(v.toPrecision(digits)));
  return text.replace('-', '\u2212').replace(/e\+?/, 'e');
}

/** A relative error: "3.2e−10", or "0" when exact. */
export function formatRelativeError(v: number): string {
  if (v === 0) return '0';
  return v.toExponential(1).replace('e+', 'e').replace('e-', 'e\u2212');
}

/** "1e−4" or "3.2e−5" for a step h = 10^exponent. */
export function formatH(exponent: number): string {
  if (Number.isInteger(exponent)) return `1e${exponent}`.replace('-', '\u2212');
  return hFromExponent(exponent).toExponential(1).replace('e-', 'e\u2212');
}
