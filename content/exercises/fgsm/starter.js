// Goal: fool the CNN of the lesson on convolutional networks with the Fast Gradient Sign Method.
// Write fgsm(model, images, labels, epsilon): it gets the pretrained model, images (a tensor
// [n, 28, 28, 1], pixels from 0 to 1), their true labels (one-hot, [n, 10]) and ε, and returns
// adversarial images of the same shape: every pixel moved by ε in the direction that raises the
// model's loss, x + ε · sign(∇ₓ loss), then clipped back into [0, 1].
//
// The grader calls your fgsm on the first 100 Fashion-MNIST test images with ε = 0.1 and checks,
// with its own copy of the images and the model: every pixel inside [0, 1], no pixel moved further
// than ε, and at least 60% of the images the model got right now misclassified.
//
// This starter computes the gradient correctly, then takes the wrong step: it adds ε times the
// gradient itself, and does not clip. Press Run and read the three checks; the hints help.

function fgsm(model, images, labels, epsilon) {
  return tf.tidy(() => {
    // The loss to raise: the cross-entropy between the true labels and the model's probabilities
    // (its last layer is a softmax), summed over the images.
    const loss = (x) => tf.metrics.categoricalCrossentropy(labels, model.predict(x)).sum();
    // tf.grad(loss) is a function returning d loss / d x, the same shape as x: how much a small
    // change of each pixel raises the loss.
    const gradient = tf.grad(loss)(images);
    // TODO: FGSM moves every pixel by exactly ε, the way that raises the loss: the sign of the
    // gradient (gradient.sign()), not the gradient itself.
    // TODO: then keep a valid image: tf.clipByValue(…, 0, 1).
    return images.add(gradient.mul(epsilon));
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
