// The default CNN of the lesson, trained briefly: 2,000 images, two epochs, Adam.
const train = await datasets.load('fashion-mnist', 'train', { limit: 2000, shape: 'image' });
print(`Loaded ${train.count} training images of shape ${train.xs.shape.slice(1).join(' × ')}.`);

// Two stages of a 3 × 3 convolution (padding 'same' keeps the size) and a 2 × 2 max pooling
// (which halves it): 28 × 28 × 1 → 28 × 28 × 8 → 14 × 14 × 8 → 14 × 14 × 16 → 7 × 7 × 16,
// then the 784 numbers go to the 10 class scores. 9,098 parameters in all.
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.summary();

// Adam adapts the step of every weight; with few images, a slightly larger rate than the usual 0.001.
model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

const epochs = 2;
const batchSize = 32;
const batches = Math.ceil(train.count / batchSize);
await model.fit(train.xs, train.ys, {
  epochs,
  batchSize,
  shuffle: true,
  callbacks: {
    onBatchEnd: (batch) => {
      if (batch % 10 === 0) progress(batch / batches, 'Training');
    },
    onEpochEnd: (epoch, logs) => print(`Epoch ${epoch + 1}: loss ${logs.loss.toFixed(3)}, training accuracy ${(logs.acc * 100).toFixed(1)}%`),
  },
});
progress(1, 'Training done');

tf.dispose([train.xs, train.ys, train.labels]);
return model;
