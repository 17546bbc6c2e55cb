// A dense layer with its backward pass: dW = Xᵀ · dY, db = Σ dY (over the rows), dX = dY · Wᵀ.

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
    const batch = X.length;
    // dW[i][j] = Σ_r X[r][i] · dY[r][j]: how much weight i→j contributed, summed over the examples.
    this.dW = this.W.map((row, i) =>
      row.map((_, j) => {
        let sum = 0;
        for (let r = 0; r < batch; r++) sum += X[r][i] * gradOutput[r][j];
        return sum;
      }),
    );
    // db[j] = Σ_r dY[r][j]: the bias is added to every row, so its gradient sums over the rows.
    this.db = this.b.map((_, j) => {
      let sum = 0;
      for (let r = 0; r < batch; r++) sum += gradOutput[r][j];
      return sum;
    });
    // dX[r][i] = Σ_j dY[r][j] · W[i][j]: input i feeds every unit j through W[i][j].
    return X.map((x, r) =>
      x.map((_, i) => {
        let sum = 0;
        for (let j = 0; j < this.units; j++) sum += gradOutput[r][j] * this.W[i][j];
        return sum;
      }),
    );
  }
}

// Try it: a layer from 3 inputs to 2 units, on a batch of 2 examples.
const layer = new Dense(3, 2);
const Y = layer.forward([[1, 2, 3], [0, -1, 0.5]]);
const dX = layer.backward([[1, 0], [0, 1]]);
print('Y', Y);
print('dW', layer.dW, 'db', layer.db, 'dX', dX);
