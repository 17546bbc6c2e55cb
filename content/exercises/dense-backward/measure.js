// Measures the reader's Dense on the layers the page chose (input.cases: W, b, X and G for each
// layer size) and returns what forward and backward gave, untouched. It decides nothing: the page
// compares these values with the exact gradients (src/lib/grading/judges/dense-backward.ts).

const Dense = exports.Dense;
if (typeof Dense !== 'function') {
  return { problem: 'Define a class named Dense at the top level of your code (the starter has one), with forward(X) and backward(gradOutput).' };
}
const copy = (m) => m.map((row) => row.slice());
const layers = [];
for (const { inputSize, units, W, b, X, G } of input.cases) {
  let layer;
  try {
    layer = new Dense(inputSize, units);
  } catch (error) {
    layers.push({ threw: String(error), where: 'constructor' });
    continue;
  }
  layer.W = copy(W);
  layer.b = b.slice();
  let Y;
  try {
    Y = layer.forward(copy(X));
  } catch (error) {
    layers.push({ threw: String(error), where: 'forward' });
    continue;
  }
  let dX;
  try {
    dX = layer.backward(copy(G));
  } catch (error) {
    layers.push({ threw: String(error), where: 'backward' });
    continue;
  }
  layers.push({ Y, dW: layer.dW, db: layer.db, dX });
}
return { layers };
