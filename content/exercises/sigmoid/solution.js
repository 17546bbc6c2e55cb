// The sigmoid function: 1 / (1 + e^(-x)).
// For very negative x, Math.exp(-x) is Infinity and 1 / Infinity is 0: still correct.

function sigmoid(x) {
  return 1 / (1 + Math.exp(-x));
}

// Try it: these lines print a few values when you press Run.
for (const x of [-2, 0, 2]) {
  print(`sigmoid(${x}) = ${sigmoid(x)}`);
}
