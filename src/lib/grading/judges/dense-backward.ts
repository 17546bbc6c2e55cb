/**
 * The judge of the dense-backward exercise (content/exercises/dense-backward/).
 *
 * The page makes the inputs (`denseBackwardInput`: seeded weights W, bias b, input X and output
 * gradient G for three layer sizes); the exercise's measure.js runs in the code worker, calls
 * the reader's `new Dense(n, m)`, `forward(X)` and `backward(G)` and returns what they gave,
 * untouched. This judge, in the page, checks forward still computes X·W + b and compares
 * this.dW, this.db and the returned dX with the exact gradients of L = Σ G ⊙ Y:
 * dW = Xᵀ G, db = Σ_rows G, dX = G Wᵀ (forward is linear, so these are what a finite-difference
 * check measures, without its rounding).
 */
import type { GradeResult } from '../../exercises/types.ts';
import { mulberry32 } from '../../runtime/shuffle.ts';

export interface DenseCase {
  inputSize: number;
  units: number;
  batch: number;
  W: number[][];
  b: number[];
  X: number[][];
  G: number[][];
}

export interface DenseInput {
  cases: DenseCase[];
}

const CONFIGS = [
  { inputSize: 3, units: 2, batch: 1 },
  { inputSize: 4, units: 3, batch: 5 },
  { inputSize: 6, units: 4, batch: 3 },
];

/** The seeded layers every reader is checked on. */
export function denseBackwardInput(seed = 20251): DenseInput {
  const random = mulberry32(seed);
  const uniform = () => random() * 2 - 1;
  const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, uniform));
  return {
    cases: CONFIGS.map(({ inputSize, units, batch }) => ({
      inputSize,
      units,
      batch,
      W: matrix(inputSize, units),
      b: Array.from({ length: units }, uniform),
      X: matrix(batch, inputSize),
      G: matrix(batch, units),
    })),
  };
}

const fmt = (v: unknown): string =>
  typeof v !== 'number'
    ? String(v)
    : !Number.isFinite(v)
      ? String(v)
      : v === 0 || Math.abs(v) >= 1e-3
        ? String(Number(v.toFixed(4)))
        : v.toExponential(2);
const isList = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
const close = (a: number, e: number) => Math.abs(a - e) <= 1e-6 + 1e-5 * Math.abs(e);

type Read<T> = { values: T } | { problem: string };

function readVector(value: unknown, length: number, name: string, shapeText: string): Read<number[]> {
  if (value === undefined) return { problem: `${name} is undefined${name.startsWith('this.') ? ': backward must set it' : ''}` };
  if (!isList(value)) return { problem: `${name} is not an array (it should hold ${shapeText})` };
  if (value.length !== length) return { problem: `${name} has ${value.length} values; it should have ${length} (${shapeText})` };
  const values = Array.from(value, (v) => (typeof v === 'number' ? v : NaN));
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return { problem: `${name}[${bad}] is ${fmt(value[bad])}, not a finite number` };
  return { values };
}

function readMatrix(value: unknown, rows: number, cols: number, name: string, shapeText: string): Read<number[][]> {
  if (value === undefined) return { problem: `${name} is undefined${name.startsWith('this.') ? ': backward must set it' : ''}` };
  if (!isList(value)) return { problem: `${name} is not an array of rows (it should be ${rows} × ${cols}, ${shapeText})` };
  const first = value[0];
  if (value.length === cols && rows !== cols && isList(first) && first.length === rows) {
    return { problem: `${name} is ${cols} × ${rows}, transposed: it should be ${rows} × ${cols}, ${shapeText}` };
  }
  if (value.length !== rows) return { problem: `${name} has ${value.length} rows; it should have ${rows} (${shapeText})` };
  const values: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row = readVector(value[r], cols, `${name}[${r}]`, `one number per column of ${name}`);
    if ('problem' in row) return row;
    values.push(row.values);
  }
  return { values };
}

/** What measure.js reports for one layer. */
type Measured = { threw: string; where: 'constructor' | 'forward' | 'backward' } | { Y: unknown; dW: unknown; db: unknown; dX: unknown };

export function judgeDenseBackward(input: DenseInput, measured: unknown): GradeResult {
  const details: string[] = [];
  const m = measured as { problem?: unknown; layers?: unknown } | null;
  if (typeof m === 'object' && m !== null && typeof m.problem === 'string') return { pass: false, message: m.problem };
  if (typeof m !== 'object' || m === null || !Array.isArray(m.layers) || m.layers.length !== input.cases.length) {
    return {
      pass: false,
      message:
        'The grader could not read the measurements of this run (they do not hold one result per layer), so it is not graded as passed. Run it again, without changing built-in functions.',
    };
  }
  let largest = 0;
  const cases: boolean[] = [];
  for (let k = 0; k < input.cases.length; k++) {
    const { inputSize, units, batch, W, b, X, G } = input.cases[k]!;
    const where = `a layer of ${inputSize} inputs → ${units} units on a batch of ${batch}`;
    const got = m.layers[k] as Measured;
    if (typeof got !== 'object' || got === null) return { pass: false, message: `The measurement of ${where} is missing.` };
    if ('threw' in got) {
      const text = String(got.threw);
      if (got.where === 'constructor') return { pass: false, message: `new Dense(${inputSize}, ${units}) threw ${text}.` };
      if (got.where === 'forward') return { pass: false, message: `forward threw ${text} on ${where}. Keep the starter's forward as it is.` };
      return { pass: false, message: `backward threw ${text} on ${where}.` };
    }
    const Y = readMatrix(got.Y, batch, units, 'forward(X)', 'one row per example, one column per unit');
    if ('problem' in Y) return { pass: false, message: `${Y.problem}. Keep the starter's forward as it is.` };
    for (let r = 0; r < batch; r++) {
      for (let j = 0; j < units; j++) {
        let expected = b[j]!;
        for (let i = 0; i < inputSize; i++) expected += X[r]![i]! * W[i]![j]!;
        if (Math.abs(Y.values[r]![j]! - expected) > 1e-9) {
          return {
            pass: false,
            message: `forward(X) no longer computes X·W + b: Y[${r}][${j}] is ${fmt(Y.values[r]![j])}, expected ${fmt(expected)}. Keep the starter's forward as it is.`,
          };
        }
      }
    }
    const read = {
      dW: readMatrix(got.dW, inputSize, units, 'this.dW', 'the shape of W: one row per input, one column per unit'),
      dX:
        got.dX === undefined
          ? ({ problem: 'backward returned undefined: it must return dX' } as const)
          : readMatrix(got.dX, batch, inputSize, 'the dX that backward returns', 'the shape of X: one row per example, one column per input'),
    };
    const dbVector = readVector(got.db, units, 'this.db', 'the shape of b: one number per unit');
    for (const r of [read.dW, dbVector, read.dX]) {
      if ('problem' in r) return { pass: false, message: `On ${where}: ${r.problem}.`, details };
    }
    const exact = {
      dW: Array.from({ length: inputSize }, (_, i) => Array.from({ length: units }, (_, j) => X.reduce((s, row, r) => s + row[i]! * G[r]![j]!, 0))),
      db: [Array.from({ length: units }, (_, j) => G.reduce((s, row) => s + row[j]!, 0))],
      dX: Array.from({ length: batch }, (_, r) => Array.from({ length: inputSize }, (_, i) => G[r]!.reduce((s, g, j) => s + g * W[i]![j]!, 0))),
    };
    const analytic = {
      dW: (read.dW as { values: number[][] }).values,
      db: [(dbVector as { values: number[] }).values],
      dX: (read.dX as { values: number[][] }).values,
    };
    const label = {
      dW: (i: number, j: number) => `dW[${i}][${j}]`,
      db: (_: number, j: number) => `db[${j}]`,
      dX: (r: number, i: number) => `dX[${r}][${i}]`,
    };
    const failures: { name: string; line: string; why: string }[] = [];
    for (const name of ['dW', 'db', 'dX'] as const) {
      let worst: { label: string; a: number; n: number; diff: number } | null = null;
      let allScaled = batch > 1;
      exact[name].forEach((row, r) =>
        row.forEach((n, c) => {
          const a = analytic[name][r]![c]!;
          const diff = Math.abs(a - n);
          largest = Math.max(largest, diff);
          if (!close(a * batch, n)) allScaled = false;
          if (!close(a, n) && (!worst || diff > worst.diff)) worst = { label: label[name](r, c), a, n, diff };
        }),
      );
      if (!worst) {
        details.push(`${where}: ${name} matches the exact gradient.`);
        continue;
      }
      const w = worst as { label: string; a: number; n: number; diff: number };
      const line = `${w.label} is ${fmt(w.a)} but the exact gradient is ${fmt(w.n)} (off by ${fmt(w.diff)})`;
      const why = allScaled
        ? ` Every value of ${name} is the right one divided by the batch size ${batch}: don't divide, the 1/N of the mean loss is already inside gradOutput.`
        : '';
      details.push(`${where}: ${name} is wrong: ${line}.${why}`);
      failures.push({ name, line, why });
    }
    cases.push(failures.length === 0);
    if (failures.length) {
      const list = failures.map((f) => f.name);
      const names = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0];
      const first = failures[0]!;
      return { pass: false, message: `${names} ${failures.length > 1 ? 'are' : 'is'} wrong on ${where}: ${first.line}.${first.why}`, details, cases };
    }
  }
  return {
    pass: true,
    message: `dW, db and dX all match the exact gradients on ${input.cases.length} random layers (largest difference ${fmt(largest)}).`,
    figureText: `largest difference ${fmt(largest)}`,
    details,
    cases,
  };
}
