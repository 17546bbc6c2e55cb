// Grades the reader's Dense.backward with a finite-difference gradient check, on plain JS numbers.
//
// For a few layer sizes and batches it sets random weights W, bias b, input X and output gradient G,
// runs forward(X) then backward(G), and compares this.dW, this.db and the returned dX with the
// numeric gradient of the scalar L = Σ_r Σ_j G[r][j] · Y[r][j] (whose gradient with respect to Y is
// exactly G), measured by central differences through the reader's own forward:
//   dL/dθ ≈ (L(θ + h) − L(θ − h)) / 2h.
// forward is linear in W, b and X, so the central difference is exact up to rounding (about 1e-10).

const Dense = exports.Dense;
if (typeof Dense !== 'function') {
  return { pass: false, message: 'Define a class named Dense at the top level of your code (the starter has one), with forward(X) and backward(gradOutput).' };
}

// A small seeded generator (mulberry32), so every reader is checked on the same numbers.
let state = 20251;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const uniform = () => random() * 2 - 1;
const matrix = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, uniform));
const copy = (m) => m.map((row) => row.slice());
const fmt = (v) => (typeof v !== 'number' ? String(v) : !Number.isFinite(v) ? String(v) : v === 0 || Math.abs(v) >= 1e-3 ? String(Number(v.toFixed(4))) : v.toExponential(2));
const isList = (v) => Array.isArray(v) || ArrayBuffer.isView(v);

// Reads a list of `length` numbers, or says what is wrong with it.
function readVector(value, length, name, shapeText) {
  if (value === undefined) return { problem: `${name} is undefined${name.startsWith('this.') ? ': backward must set it' : ''}` };
  if (!isList(value)) return { problem: `${name} is not an array (it should hold ${shapeText})` };
  if (value.length !== length) return { problem: `${name} has ${value.length} values; it should have ${length} (${shapeText})` };
  const values = Array.from(value, Number);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return { problem: `${name}[${bad}] is ${fmt(value[bad])}, not a finite number` };
  return { values };
}

// Reads a `rows × cols` array of rows, or says what is wrong with it.
function readMatrix(value, rows, cols, name, shapeText) {
  if (value === undefined) return { problem: `${name} is undefined${name.startsWith('this.') ? ': backward must set it' : ''}` };
  if (!isList(value)) return { problem: `${name} is not an array of rows (it should be ${rows} × ${cols}, ${shapeText})` };
  if (value.length === cols && rows !== cols && isList(value[0]) && value[0].length === rows) {
    return { problem: `${name} is ${cols} × ${rows}, transposed: it should be ${rows} × ${cols}, ${shapeText}` };
  }
  if (value.length !== rows) return { problem: `${name} has ${value.length} rows; it should have ${rows} (${shapeText})` };
  const values = [];
  for (let r = 0; r < rows; r++) {
    const row = readVector(value[r], cols, `${name}[${r}]`, `one number per column of ${name}`);
    if (row.problem) return { problem: row.problem };
    values.push(row.values);
  }
  return { values };
}

const H = 1e-5;
const ok = (analytic, numeric) => Math.abs(analytic - numeric) <= 1e-6 + 1e-5 * Math.abs(numeric);

const configs = [
  { inputSize: 3, units: 2, batch: 1 },
  { inputSize: 4, units: 3, batch: 5 },
  { inputSize: 6, units: 4, batch: 3 },
];
const details = [];
let largest = 0;

for (const { inputSize, units, batch } of configs) {
  const where = `a layer of ${inputSize} inputs → ${units} units on a batch of ${batch}`;
  const W = matrix(inputSize, units);
  const b = Array.from({ length: units }, uniform);
  const X = matrix(batch, inputSize);
  const G = matrix(batch, units);

  let layer;
  try {
    layer = new Dense(inputSize, units);
  } catch (error) {
    return { pass: false, message: `new Dense(${inputSize}, ${units}) threw ${error}.` };
  }
  layer.W = copy(W);
  layer.b = b.slice();

  // forward must still be the starter's Y = X W + b, or the check below would measure something else.
  let Y;
  try {
    Y = layer.forward(copy(X));
  } catch (error) {
    return { pass: false, message: `forward threw ${error} on ${where}. Keep the starter's forward as it is.` };
  }
  const Yread = readMatrix(Y, batch, units, 'forward(X)', 'one row per example, one column per unit');
  if (Yread.problem) return { pass: false, message: `${Yread.problem}. Keep the starter's forward as it is.` };
  for (let r = 0; r < batch; r++) {
    for (let j = 0; j < units; j++) {
      let expected = b[j];
      for (let i = 0; i < inputSize; i++) expected += X[r][i] * W[i][j];
      if (Math.abs(Yread.values[r][j] - expected) > 1e-9) {
        return { pass: false, message: `forward(X) no longer computes X·W + b: Y[${r}][${j}] is ${fmt(Yread.values[r][j])}, expected ${fmt(expected)}. Keep the starter's forward as it is.` };
      }
    }
  }

  // The reader's gradients.
  let dXvalue;
  try {
    dXvalue = layer.backward(copy(G));
  } catch (error) {
    return { pass: false, message: `backward threw ${error} on ${where}.` };
  }
  const got = {
    dW: readMatrix(layer.dW, inputSize, units, 'this.dW', 'the shape of W: one row per input, one column per unit'),
    db: readVector(layer.db, units, 'this.db', 'the shape of b: one number per unit'),
    dX: dXvalue === undefined ? { problem: 'backward returned undefined: it must return dX' } : readMatrix(dXvalue, batch, inputSize, 'the dX that backward returns', 'the shape of X: one row per example, one column per input'),
  };
  for (const name of ['dW', 'db', 'dX']) {
    if (got[name].problem) return { pass: false, message: `On ${where}: ${got[name].problem}.`, details };
  }

  // The numeric gradients, through the reader's forward.
  const currentX = copy(X);
  const loss = () => {
    const out = layer.forward(currentX);
    let sum = 0;
    for (let r = 0; r < batch; r++) for (let j = 0; j < units; j++) sum += G[r][j] * out[r][j];
    return sum;
  };
  const numeric = (get, set) => {
    const original = get();
    set(original + H);
    const plus = loss();
    set(original - H);
    const minus = loss();
    set(original);
    return (plus - minus) / (2 * H);
  };
  const checks = {
    dW: { label: (i, j) => `dW[${i}][${j}]`, rows: inputSize, cols: units, at: (i, j) => numeric(() => layer.W[i][j], (v) => { layer.W[i][j] = v; }), analytic: (i, j) => got.dW.values[i][j] },
    db: { label: (j) => `db[${j}]`, rows: 1, cols: units, at: (_, j) => numeric(() => layer.b[j], (v) => { layer.b[j] = v; }), analytic: (_, j) => got.db.values[j] },
    dX: { label: (r, i) => `dX[${r}][${i}]`, rows: batch, cols: inputSize, at: (r, i) => numeric(() => currentX[r][i], (v) => { currentX[r][i] = v; }), analytic: (r, i) => got.dX.values[r][i] },
  };

  const failures = [];
  for (const name of ['dW', 'db', 'dX']) {
    const c = checks[name];
    let worst = null;
    let allScaled = batch > 1; // every entry equal to the numeric one divided by the batch size?
    for (let r = 0; r < c.rows; r++) {
      for (let k = 0; k < c.cols; k++) {
        const n = c.at(r, k);
        const a = c.analytic(r, k);
        const diff = Math.abs(a - n);
        largest = Math.max(largest, diff);
        if (!ok(a * batch, n)) allScaled = false;
        if (!ok(a, n) && (!worst || diff > worst.diff)) worst = { label: name === 'db' ? c.label(k) : c.label(r, k), a, n, diff };
      }
    }
    if (!worst) {
      details.push(`${where}: ${name} matches the gradient check.`);
      continue;
    }
    const line = `${worst.label} is ${fmt(worst.a)} but the gradient check measures ${fmt(worst.n)} (off by ${fmt(worst.diff)})`;
    const why = allScaled ? ` Every value of ${name} is the right one divided by the batch size ${batch}: don't divide, the 1/N of the mean loss is already inside gradOutput.` : '';
    details.push(`${where}: ${name} is wrong: ${line}.${why}`);
    failures.push({ name, line, why });
  }
  if (failures.length) {
    const list = failures.map((f) => f.name);
    const names = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0];
    const first = failures[0];
    return {
      pass: false,
      message: `${names} ${failures.length > 1 ? 'are' : 'is'} wrong on ${where}: ${first.line}.${first.why}`,
      details,
    };
  }
}

return {
  pass: true,
  message: `dW, db and dX all match a finite-difference gradient check on ${configs.length} random layers (largest difference ${fmt(largest)}).`,
  figureText: `largest difference ${fmt(largest)}`,
  details,
};
