// Binary cross-entropy of a batch of probabilities, as the engine computes it.

function sigmoid(z) {
  return 1 / (1 + Math.exp(-z));
}

const EPSILON = 1e-7; // the engine's clamp: probabilities stay in [1e-7, 1 - 1e-7]

function binaryCrossEntropy(yHat, y) {
  let total = 0;
  for (let n = 0; n < yHat.length; n++) {
    // Clamped, so that log never sees 0: log(0) is -Infinity, and 0 * -Infinity is NaN.
    const p = Math.min(Math.max(yHat[n], EPSILON), 1 - EPSILON);
    total += -(y[n] * Math.log(p) + (1 - y[n]) * Math.log(1 - p));
  }
  return total / yHat.length; // the mean over the batch
}

// Try it: four scores from a neuron, turned into probabilities, against their labels.
const scores = [3.2, -1.5, 0.4, -4];
const labels = [1, 0, 1, 0];
const probabilities = scores.map(sigmoid);
print('probabilities', probabilities.map((p) => p.toFixed(3)).join(', '));
print('mean loss', binaryCrossEntropy(probabilities, labels));
print('a confident mistake costs', binaryCrossEntropy([0.999], [0]));
