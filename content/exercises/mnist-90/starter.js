// Goal: a model that classifies at least 90% of the 10,000 MNIST test images correctly.
// Press Run to train this starter model: it falls far short. Then improve it.

// 10,000 training images: xs holds the pixels (one row of 784 values from 0 to 1 per image),
// ys the labels as one-hot rows of 10 (a 1 in the column of the right digit).
const train = await datasets.load('mnist', 'train', { limit: 10000 });
print(`Loaded ${train.count} training images.`);

// A linear model: the 784 pixels go straight to 10 scores, one per digit.
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax' }));

// Plain gradient descent with a tiny learning rate: it learns very slowly.
model.compile({
  optimizer: tf.train.sgd(0.0001),
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy'],
});

// One pass over the data (one epoch), in batches of 256 images.
const history = await model.fit(train.xs, train.ys, { epochs: 1, batchSize: 256 });
print(`Training accuracy after 1 epoch: ${(history.history.acc[0] * 100).toFixed(1)}%`);

// The grader tests the model you return on the 10,000 test images.
return model;
