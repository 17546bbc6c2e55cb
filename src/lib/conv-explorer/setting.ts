/**
 * The convolution explorer's setting: one square patch (input size n, kernel k, stride s,
 * padding p, dilation d, the same on both axes) and a mode (convolution, max or average pooling).
 * Which values each control may take so that the setting stays possible, reading what a reader
 * typed, and the sentences the explorer says. The geometry itself is src/lib/nn/conv-geometry.ts.
 */
import { axisProblem, outputSize, type AxisSetting } from '../nn/conv-geometry.ts';

export type ExplorerMode = 'conv' | 'max' | 'avg';
export const EXPLORER_MODES: readonly ExplorerMode[] = ['conv', 'max', 'avg'];
export const MODE_LABELS: Record<ExplorerMode, string> = { conv: 'Convolution', max: 'Max pooling', avg: 'Average pooling' };

export type ControlName = keyof AxisSetting;
export const CONTROL_NAMES: readonly ControlName[] = ['n', 'k', 's', 'p', 'd'];

export const CONTROL_LABELS: Record<ControlName, string> = { n: 'Input size', k: 'Kernel size', s: 'Stride', p: 'Padding', d: 'Dilation' };

/** What the explorer draws: small enough that every cell keeps its number on a phone. */
export const LIMITS: Record<ControlName, { min: number; max: number }> = {
  n: { min: 1, max: 9 },
  k: { min: 1, max: 5 },
  s: { min: 1, max: 3 },
  p: { min: 0, max: 3 },
  d: { min: 1, max: 3 },
};

/** The example: 5 × 5 input, 3 × 3 kernel, stride 2, padding 1 → 3 × 3 output. */
export const DEFAULT_SETTING: AxisSetting = { n: 5, k: 3, s: 2, p: 1, d: 1 };

const NOUNS: Record<ControlName, string> = { n: 'input size', k: 'kernel size', s: 'stride', p: 'padding', d: 'dilation' };

/** Why a setting cannot be drawn, in words; null when it can. The geometry's reasons first, then the explorer's limits. */
export function settingProblem(setting: AxisSetting): string | null {
  const problem = axisProblem(setting);
  if (problem !== null) return problem;
  for (const name of CONTROL_NAMES) {
    const v = setting[name];
    const { max } = LIMITS[name];
    if (Number.isFinite(v) && v > max)
      return `The explorer shows ${name === 'n' ? 'an' : 'a'} ${NOUNS[name]} of up to ${max}, so that every cell stays readable (got ${v}): type ${max} or less.`;
  }
  return null;
}

/**
 * The values each control may take while the others stay as they are, so that every position of
 * its slider is a possible setting. Each range holds the control's current value when the setting
 * is possible (and the valid values of one control always form one run: see the tests).
 */
export function controlRanges(setting: AxisSetting): Record<ControlName, { min: number; max: number }> {
  const ranges = {} as Record<ControlName, { min: number; max: number }>;
  for (const name of CONTROL_NAMES) {
    let min = Infinity;
    let max = -Infinity;
    for (let v = LIMITS[name].min; v <= LIMITS[name].max; v++) {
      if (settingProblem({ ...setting, [name]: v }) !== null) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    ranges[name] = min <= max ? { min, max } : { min: setting[name], max: setting[name] };
  }
  return ranges;
}

/** What a reader typed into one control: a number, or why it is not one. */
export type Typed = { ok: true; value: number } | { ok: false; message: string };

/** Reads a typed value ("3", " 2 "); an empty field or a word is explained, not guessed. */
export function readTyped(name: ControlName, text: string): Typed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Type a number for the ${NOUNS[name]}.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `The ${NOUNS[name]} must be a number (got “${trimmed}”).` };
  return { ok: true, value };
}

/**
 * The setting with one control changed to what the reader typed, or why that is impossible
 * (the message names the setting as a whole, as `axisProblem` words it).
 */
export function applyTyped(
  setting: AxisSetting,
  name: ControlName,
  text: string,
): { ok: true; setting: AxisSetting } | { ok: false; message: string } {
  const typed = readTyped(name, text);
  if (!typed.ok) return typed;
  const next = { ...setting, [name]: typed.value };
  const problem = settingProblem(next);
  return problem === null ? { ok: true, setting: next } : { ok: false, message: problem };
}

/** "5 × 5 input, 3 × 3 kernel, stride 2, padding 1: 3 × 3 output" (dilation said when it is not 1). */
export function settingSentence(setting: AxisSetting, mode: ExplorerMode = 'conv'): string {
  const { n, k, s, p, d } = setting;
  const out = outputSize(setting);
  const shape = mode === 'conv' ? 'kernel' : `${mode === 'max' ? 'max' : 'average'} pooling`;
  const dilation = d === 1 ? '' : `, dilation ${d}`;
  return `${n} × ${n} input, ${k} × ${k} ${shape}, stride ${s}, padding ${p}${dilation}: ${out} × ${out} output`;
}

/** The formula with the numbers put in, as plain text: ⌊(5 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 3. */
export function formulaText(setting: AxisSetting): string {
  const { n, k, s, p, d } = setting;
  return `⌊(${n} + 2·${p} − ${d}·(${k} − 1) − 1) / ${s}⌋ + 1 = ${outputSize(setting)}`;
}

/** The general formula in TeX. */
export const GENERAL_TEX = String.raw`\text{out} = \left\lfloor \frac{n + 2p - d\,(k - 1) - 1}{s} \right\rfloor + 1`;

/** The formula with the numbers put in, in TeX; `slot` wraps each number (so the page can change it later). */
export function numbersTex(setting: AxisSetting, slot: (name: ControlName | 'out', value: number) => string = (_n, v) => String(v)): string {
  const { n, k, s, p, d } = setting;
  return (
    String.raw`\left\lfloor \frac{${slot('n', n)} + 2 \cdot ${slot('p', p)} - ${slot('d', d)} \cdot (${slot('k', k)} - 1) - 1}{${slot('s', s)}} \right\rfloor + 1 = ` +
    slot('out', outputSize(setting))
  );
}
