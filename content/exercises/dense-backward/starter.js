// A dense layer, as in the lesson, on plain JavaScript arrays (one row per example):
//   forward:   Y = X W + b          X: batch × inputSize, W: inputSize × units, b: units
//   backward:  given gradOutput = dL/dY (batch × units), compute
//              this.dW = dL/dW (inputSize × units, the shape of W)
//              this.db = dL/db (units, the shape of b)
//              and RETURN dX = dL/dX (batch × inputSize, the shape of X).

class Dense {
  constructor(inputSize, units) {
    this.inputSize = inputSize;
    this.units = units;
    // W[i][j] is the weight from input i to unit j; small random values to start.
    this.W = Array.from({ length: inputSize }, () => Array.from({ length: units }, () => Math.random() - 0.5));
    this.b = new Array(units).fill(0);
  }

  // X: an array of rows, each with inputSize numbers. Returns Y: one row of units numbers per example.
  forward(X) {
    this.X = X; // kept for backward
    return X.map((x) =>
      this.b.map((bj, j) => {
        let sum = bj;
        for (let i = 0; i < this.inputSize; i++) sum += x[i] * this.W[i][j];
        return sum;
      }),
    );
  }

  backward(gradOutput) {
    const X = this.X;
    // TODO: dW[i][j] = sum over the rows r of X[r][i] * gradOutput[r][j]    (dW = Xᵀ · dY)
    this.dW = this.W.map((row) => row.map(() => 0));
    // TODO: db[j] = sum over the rows r of gradOutput[r][j]                 (db = Σ dY)
    this.db = this.b.map(() => 0);
    // TODO: dX[r][i] = sum over the units j of gradOutput[r][j] * W[i][j]   (dX = dY · Wᵀ)
    const dX = X.map((x) => x.map(() => 0));
    return dX;
  }
}

// Try it: a layer from 3 inputs to 2 units, on a batch of 2 examples.
const layer = new Dense(3, 2);
const Y = layer.forward([[1, 2, 3], [0, -1, 0.5]]);
const dX = layer.backward([[1, 0], [0, 1]]);
print('Y', Y);
print('dW', layer.dW, 'db', layer.db, 'dX', dX);
