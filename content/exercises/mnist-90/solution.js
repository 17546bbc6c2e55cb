// A small network that reaches about 96% on the MNIST test images in a few seconds.

// 30,000 training images: xs is [30000, 784] with pixels from 0 to 1, ys is one-hot [30000, 10].
const train = await datasets.load('mnist', 'train', { limit: 30000 });
print(`Loaded ${train.count} training images.`);

// One hidden layer of 128 units with relu, then 10 scores turned into probabilities by softmax.
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));

// Adam adapts the step size of every weight: a learning rate of 0.002 works well here.
model.compile({
  optimizer: tf.train.adam(0.002),
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy'],
});

const epochs = 2;
const batchSize = 64;
const batchesPerEpoch = Math.ceil(train.count / batchSize);
const losses = []; // the loss of every 10th batch, for the plot
let currentEpoch = 0;

await model.fit(train.xs, train.ys, {
  epochs,
  batchSize,
  shuffle: true,
  callbacks: {
    onBatchEnd: (batch, logs) => {
      if (batch % 10 !== 0) return;
      losses.push(logs.loss);
      // A plot with the same title replaces the previous one: the chart grows as training goes.
      plot.line({ loss: losses }, { title: 'Training loss', xLabel: 'batch (every 10th)', yLabel: 'loss' });
      progress((currentEpoch + batch / batchesPerEpoch) / epochs, `Epoch ${currentEpoch + 1} of ${epochs}`);
    },
    onEpochEnd: (epoch, logs) => {
      currentEpoch = epoch + 1;
      print(`Epoch ${epoch + 1}: loss ${logs.loss.toFixed(3)}, training accuracy ${(logs.acc * 100).toFixed(1)}%`);
    },
  },
});
progress(1, 'Training done');

// The grader tests the model you return on the 10,000 test images.
return model;
