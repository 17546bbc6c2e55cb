// Goal: fool the CNN of the lesson on convolutional networks with the Fast Gradient Sign Method.
// Write fgsm(model, images, labels, epsilon): it gets the pretrained model, images (a tensor
// [n, 28, 28, 1], pixels from 0 to 1), their true labels (one-hot, [n, 10]) and ε, and returns
// adversarial images of the same shape: every pixel moved by ε in the direction that raises the
// model's loss, x + ε · sign(∇ₓ loss), then clipped back into [0, 1].
//
// The solution: the sign of the gradient spends the whole budget ε on every pixel (the largest
// step the max-norm allows), and clipping keeps a valid image without moving any pixel further.

function fgsm(model, images, labels, epsilon) {
  return tf.tidy(() => {
    // The loss to raise: the cross-entropy between the true labels and the model's probabilities
    // (its last layer is a softmax), summed over the images.
    const loss = (x) => tf.metrics.categoricalCrossentropy(labels, model.predict(x)).sum();
    // d loss / d x, the same shape as the images.
    const gradient = tf.grad(loss)(images);
    // Every pixel moved by ε, the way that raises the loss, then back into [0, 1]. Clipping can
    // only move a pixel back towards its original value (which is in [0, 1]), so |δ| ≤ ε still holds.
    return images.add(gradient.sign().mul(epsilon)).clipByValue(0, 1);
  });
}

// Try it on eight test images before the grader does.
const model = await models.load('fashion-cnn');
const { xs, ys, labelValues, classNames } = await datasets.load('fashion-mnist', 'test', { limit: 8, shape: 'image' });
const adversarial = fgsm(model, xs, ys, 0.1);
const name = (t) => Array.from(t.argMax(1).dataSync(), (c) => classNames[c]);
print('true classes:  ', Array.from(labelValues, (c) => classNames[c]).join(', '));
print('before attack: ', name(model.predict(xs)).join(', '));
print('after attack:  ', name(model.predict(adversarial)).join(', '));
print('largest change of a pixel:', adversarial.sub(xs).abs().max().dataSync()[0]);
print('pixels from', adversarial.min().dataSync()[0], 'to', adversarial.max().dataSync()[0]);
show.images(adversarial, { labels: name(model.predict(adversarial)), title: 'the attacked images, as the model sees them' });
