// Calls the reader's assign(images) on the first input.trainCount training images and on the
// input.testCount test images (each a float32 tensor [n, 784], pixels 0–1) and returns the cluster
// ids as plain arrays, untouched. It decides nothing and never sees a label: the page names the
// clusters and scores them (src/lib/grading/judges/unsupervised-classifier.ts).

const assign = exports.assign;
if (typeof assign !== 'function') {
  return { problem: 'Define a function named `assign` at the top level of your code (the starter has one): `assign(images)` returns a cluster id for each image.' };
}

async function idsOf(split, count) {
  const { pixels } = await datasets.load(input.dataset, split, { limit: count });
  // A fresh tensor for the reader's function, so it may dispose it; the dataset's own tensors stay intact.
  const images = tf.tensor2d(Float32Array.from(pixels, (v) => v / 255), [count, 784]);
  let result;
  try {
    result = await assign(images);
  } finally {
    if (!images.isDisposed) images.dispose();
  }
  if (result instanceof tf.Tensor) {
    const values = Array.from(await result.data());
    const shape = result.shape;
    result.dispose();
    if (shape.length !== 1) return { shape };
    return { ids: values };
  }
  return { ids: result };
}

const out = {};
for (const [split, count, key] of [
  ['train', input.trainCount, 'train'],
  ['test', input.testCount, 'test'],
]) {
  let got;
  try {
    got = await idsOf(split, count);
  } catch (error) {
    return { threw: String(error), where: key };
  }
  if (got.shape) return { problem: `\`assign(images)\` returned a tensor of shape [${got.shape.join(', ')}]; return one cluster id per image: a 1-D tensor or an array of ${count} numbers.` };
  out[key] = got.ids;
}
return out;
