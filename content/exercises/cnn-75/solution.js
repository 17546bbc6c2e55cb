// A small convolutional network, trained briefly: 3,000 images, two epochs, Adam.
const train = await datasets.load('fashion-mnist', 'train', { limit: 3000, shape: 'image' });
print(`Loaded ${train.count} training images of shape ${train.xs.shape.slice(1).join(' × ')}.`);

// Eight learned 3 × 3 filters (padding 'same' keeps 28 × 28), a 2 × 2 max pooling that halves
// each side (14 × 14 × 8), then the 1,568 numbers go to the 10 class scores.
// 3·3·1·8 + 8 = 80 parameters in the convolution, 1,568·10 + 10 = 15,690 in the dense layer.
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.summary();

// Adam adapts the step of every weight; with few images, a slightly larger rate than the usual 0.001.
model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

const epochs = 2;
const batchSize = 16; // small batches: more steps from the same few images
const batches = Math.ceil(train.count / batchSize);
let epoch = 0;
await model.fit(train.xs, train.ys, {
  epochs,
  batchSize,
  shuffle: true,
  callbacks: {
    onBatchEnd: (batch) => {
      if (batch % 10 === 0) progress((epoch + batch / batches) / epochs, `Epoch ${epoch + 1} of ${epochs}`);
    },
    onEpochEnd: (e, logs) => {
      epoch = e + 1;
      print(`Epoch ${e + 1}: loss ${logs.loss.toFixed(3)}, training accuracy ${(logs.acc * 100).toFixed(1)}%`);
    },
  },
});
progress(1, 'Training done');

tf.dispose([train.xs, train.ys, train.labels]);
return model;
