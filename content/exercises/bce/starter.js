// One neuron's output is a probability: yHat = sigmoid(z), "how sure am I that this digit is a zero?".
// Binary cross-entropy scores a batch of such probabilities against the labels y (1 = zero, 0 = not):
//   loss of one example  = -( y * log(yHat) + (1 - y) * log(1 - yHat) )
//   binaryCrossEntropy   = the MEAN of those losses over the batch
// Before the logs, clamp each probability to [1e-7, 1 - 1e-7], as the engine does: log(0) is -Infinity.

// Written in "Start here": turns a score z into a probability between 0 and 1.
function sigmoid(z) {
  return 1 / (1 + Math.exp(-z));
}

// yHat: an array of probabilities, y: an array of labels (0 or 1), the same length.
function binaryCrossEntropy(yHat, y) {
  let total = 0;
  for (let n = 0; n < yHat.length; n++) {
    // TODO: add the loss of example n to total (clamp yHat[n] first).
  }
  // TODO: return the mean, not 0.
  return 0;
}

// Try it: four scores from a neuron, turned into probabilities, against their labels.
const scores = [3.2, -1.5, 0.4, -4];
const labels = [1, 0, 1, 0];
const probabilities = scores.map(sigmoid);
print('probabilities', probabilities.map((p) => p.toFixed(3)).join(', '));
print('mean loss', binaryCrossEntropy(probabilities, labels));
print('a confident mistake costs', binaryCrossEntropy([0.999], [0]));
