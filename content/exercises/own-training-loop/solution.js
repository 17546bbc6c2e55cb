// A training loop by hand: shuffled mini-batches, one tf.tidy per step, nothing left behind.
const train = await datasets.load('mnist', 'train', { limit: 30000 });
const n = train.count;

const model = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 10 })],
});
const optimizer = tf.train.adam(0.002);
const batchSize = 64;
const epochs = 3;
const steps = Math.ceil(n / batchSize);
const losses = [];

// The order of the examples, shuffled again at the start of every epoch.
const order = new Int32Array(n).map((_, i) => i);

for (let epoch = 0; epoch < epochs; epoch++) {
  tf.util.shuffle(order);
  for (let step = 0; step < steps; step++) {
    const rows = order.slice(step * batchSize, Math.min((step + 1) * batchSize, n));
    // Everything made inside tidy (the index tensor, the batch, the scores, the gradients) is
    // disposed when it ends, except the loss it returns.
    const loss = tf.tidy(() => {
      const index = tf.tensor1d(rows, 'int32');
      const xb = train.xs.gather(index);
      const yb = train.ys.gather(index);
      return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yb, model.apply(xb)), true);
    });
    if (step % 50 === 0) {
      losses.push((await loss.data())[0]);
      plot.line({ loss: losses }, { title: 'Training loss', xLabel: 'step (every 50th)', yLabel: 'loss' });
      progress((epoch + step / steps) / epochs, `Epoch ${epoch + 1} of ${epochs}`);
    }
    loss.dispose(); // read it, then free it
  }
  print(`Epoch ${epoch + 1}: last loss ${losses[losses.length - 1].toFixed(3)}, tensors in memory ${tf.memory().numTensors}`);
}

// The data is no longer needed: free it before returning. The model's weights and Adam's
// state are variables, which the grader does not count.
tf.dispose([train.xs, train.ys, train.labels]);
return model;
