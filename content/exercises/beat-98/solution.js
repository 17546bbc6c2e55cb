// A wider dense network, trained longer on all the data, with dropout against overfitting.
const train = await datasets.load('mnist', 'train'); // all 60,000 training images
print(`Loaded ${train.count} training images.`);

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 512, activation: 'relu' }));
// Dropout switches off a random 20% of the 512 units at each training step (never at test time).
model.add(tf.layers.dropout({ rate: 0.2 }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

const batchSize = 128; // larger batches: fewer, bigger matrix products, faster per image
const batches = Math.ceil(train.count / batchSize);

async function fitEpochs(epochs, label) {
  await model.fit(train.xs, train.ys, {
    epochs,
    batchSize,
    shuffle: true,
    callbacks: {
      onBatchEnd: (batch) => {
        if (batch % 50 === 0) progress(batch / batches, label);
      },
      onEpochEnd: (epoch, logs) => print(`${label}, epoch ${epoch + 1}: loss ${logs.loss.toFixed(3)}, training accuracy ${(logs.acc * 100).toFixed(1)}%`),
    },
  });
}

// Six epochs with Adam at 0.001, then two more with a ten times smaller learning rate: the small
// steps settle the weights near the bottom of the valley instead of jumping around it.
await fitEpochs(6, 'Learning rate 0.001');
model.compile({ optimizer: tf.train.adam(0.0001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await fitEpochs(2, 'Learning rate 0.0001');

tf.dispose([train.xs, train.ys, train.labels]);
return model;
