// The sigmoid function squashes any number into the range 0 to 1:
// large negative numbers give almost 0, large positive ones almost 1,
// and 0 gives exactly 0.5. Networks use it to turn a score into a probability.
//
// Write sigmoid(x) so that it returns 1 / (1 + e^(-x)).
// Tip: Math.exp(x) computes e^x.

function sigmoid(x) {
  // TODO: replace this line with the formula.
  return 0;
}

// Try it: these lines print a few values when you press Run.
for (const x of [-2, 0, 2]) {
  print(`sigmoid(${x}) = ${sigmoid(x)}`);
}
