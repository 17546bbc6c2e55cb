// Calls the reader's fgsm(model, images, labels, epsilon) on the first input.count Fashion-MNIST test
// images (a float32 tensor [n, 28, 28, 1], pixels 0–1; labels one-hot [n, 10]) with the pretrained
// CNN, at ε = input.epsilon, and returns the adversarial pixels, untouched. It decides nothing: the
// page compares them with its own copy of the images and classifies them with its own copy of the
// model (src/lib/grading/judges/fgsm.ts), so nothing computed here is trusted.

const fgsm = exports.fgsm;
if (typeof fgsm !== 'function') {
  return { problem: 'Define a function named `fgsm` at the top level of your code (the starter has one): `fgsm(model, images, labels, epsilon)` returns the adversarial images.' };
}

const n = input.count;
const model = await models.load(input.model);
const { pixels, labelValues } = await datasets.load(input.dataset, 'test', { limit: n });
// Fresh tensors for the reader's function, so it may dispose them.
const images = tf.tensor4d(Float32Array.from(pixels, (v) => v / 255), [n, 28, 28, 1]);
const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(labelValues), 'int32'), 10).toFloat());
let result;
try {
  result = await fgsm(model, images, labels, input.epsilon);
} catch (error) {
  return { threw: String(error) };
} finally {
  for (const t of [images, labels]) if (!t.isDisposed) t.dispose();
  // The model's weights go with the worker, which ends after grading (the reader's code may even have disposed it).
}

const expected = `[${n}, 28, 28, 1]`;
if (!(result instanceof tf.Tensor)) {
  const what = result === undefined ? 'nothing' : Array.isArray(result) ? 'an array' : `a ${typeof result}`;
  return { problem: `\`fgsm(model, images, labels, epsilon)\` returned ${what}; return a tensor of the same shape as \`images\`, ${expected}.` };
}
const shape = result.shape;
if (shape.length !== 4 || shape[0] !== n || shape[1] !== 28 || shape[2] !== 28 || shape[3] !== 1) {
  result.dispose();
  return { problem: `\`fgsm(model, images, labels, epsilon)\` returned a tensor of shape [${shape.join(', ')}]; return one of the same shape as \`images\`, ${expected}.` };
}
const adversarial = await result.data();
result.dispose();
return { adversarial: Float32Array.from(adversarial) };
