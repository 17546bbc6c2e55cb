/**
 * The TensorFlow.js code of a ModelSpec, as text: what the model builder shows beside the model,
 * so the reader can copy it into a code cell or their own project. It is real code (its test runs
 * it with tfjs and compares the parameter count): it expects `tf` and the tensors xTrain, yTrain,
 * xVal, yVal, xTest, yTest (pixels scaled to 0–1, labels one-hot) to exist: shaped [n, 784], or
 * [n, 28, 28, 1] for a convolutional spec (first layer conv2d or maxPool).
 */
import { CLASSES, inputShape, type ModelSpec } from './model-spec.ts';

/** The optimiser's constructor call, e.g. `tf.train.adam(0.001)`. */
export function optimizerCode(spec: Pick<ModelSpec, 'optimizer' | 'learningRate' | 'momentum'>): string {
  const lr = String(spec.learningRate);
  switch (spec.optimizer) {
    case 'sgd':
      return `tf.train.sgd(${lr})`;
    case 'momentum':
      return `tf.train.momentum(${lr}, ${String(spec.momentum)})`;
    case 'rmsprop':
      return `tf.train.rmsprop(${lr})`;
    case 'adam':
      return `tf.train.adam(${lr})`;
  }
}

export function modelCode(spec: ModelSpec): string {
  const l2 = spec.l2 > 0 ? `, kernelRegularizer: tf.regularizers.l2({ l2: ${String(spec.l2)} })` : '';
  const lines = ['const model = tf.sequential();'];
  let first = true;
  const input = (): string => {
    const text = first ? `inputShape: [${inputShape(spec).join(', ')}], ` : '';
    first = false;
    return text;
  };
  for (const layer of spec.layers) {
    switch (layer.kind) {
      case 'dense':
        lines.push(`model.add(tf.layers.dense({ ${input()}units: ${layer.units}, activation: '${layer.activation}'${l2} }));`);
        break;
      case 'dropout':
        lines.push(`model.add(tf.layers.dropout({ ${input()}rate: ${String(layer.rate)} }));`);
        break;
      case 'conv2d':
        lines.push(
          `model.add(tf.layers.conv2d({ ${input()}filters: ${layer.filters}, kernelSize: ${layer.kernelSize}, strides: ${layer.strides}, ` +
            `padding: '${layer.padding}', activation: '${layer.activation}'${l2} }));`,
        );
        break;
      case 'maxPool':
        lines.push(`model.add(tf.layers.maxPooling2d({ ${input()}poolSize: ${layer.poolSize}, strides: ${layer.strides} }));`);
        break;
      case 'flatten':
        lines.push(first ? `model.add(tf.layers.flatten({ ${input().slice(0, -2)} }));` : 'model.add(tf.layers.flatten());');
        break;
    }
  }
  lines.push(`model.add(tf.layers.dense({ ${input()}units: ${CLASSES}, activation: 'softmax'${l2} }));`);
  lines.push(
    'model.compile({',
    `  optimizer: ${optimizerCode(spec)},`,
    `  loss: 'categoricalCrossentropy',`,
    `  metrics: ['accuracy'],`,
    '});',
    'model.summary();',
    '',
    'await model.fit(xTrain, yTrain, {',
    `  batchSize: ${spec.batchSize},`,
    `  epochs: ${spec.epochs},`,
    '  validationData: [xVal, yVal],',
    '  shuffle: true,',
    '});',
    '',
    '// Evaluate in batches: one 10,000-image tensor can exceed a GPU texture.',
    'const [testLoss, testAccuracy] = model.evaluate(xTest, yTest, { batchSize: 1000 });',
    "console.log('test accuracy', (await testAccuracy.data())[0]);",
    'tf.dispose([testLoss, testAccuracy]);',
  );
  return lines.join('\n');
}
