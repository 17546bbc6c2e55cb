// Goal: sort Fashion-MNIST images into clusters WITHOUT looking at their labels, so well that the
// clusters work as a classifier. The grader calls your assign(images) on 10,000 training images and
// on the 10,000 test images, names each cluster after the commonest class of the TRAINING images in
// it (labels your code never sees), and counts the test images that land in a cluster named after
// their own class. At most 30 clusters: ids from 0 to 29.
//
// The solution: 30 clusters, so that a class with several looks gets several centroids; images
// compared by their shape rather than their brightness; and a k-means++ start.

// 3,000 training images, [3000, 784], pixels from 0 to 1. Only the images: no labels are used.
const { xs } = await datasets.load('fashion-mnist', 'train', { limit: 3000 });

const K = 30; // the number of clusters: three per class

// What k-means measures distances on: the square root of the pixels (faint strokes count more),
// each image scaled to length 1, so that a dark coat and a light coat of the same cut are close.
function features(images) {
  return tf.tidy(() => {
    const X = images.reshape([images.shape[0], 784]).sqrt();
    return X.div(X.norm('euclidean', 1, true).maximum(1e-6));
  });
}

// Squared distances from every row of X [n, d] to every centroid of C [k, d]: ‖x‖² − 2·x·c + ‖c‖², [n, k].
function distances(X, C) {
  return tf.tidy(() => X.square().sum(1, true).sub(X.matMul(C, false, true).mul(2)).add(C.square().sum(1)));
}

// The start, k-means++: the first centroid a random image, each next one an image drawn with a
// probability proportional to its squared distance to the nearest centroid so far (spread out).
function initialCentroids(X, k) {
  const n = X.shape[0];
  const picks = [Math.floor(Math.random() * n)];
  let nearest = tf.fill([n], Infinity);
  while (picks.length < k) {
    const next = tf.tidy(() => tf.minimum(nearest, distances(X, tf.gather(X, [picks.at(-1)])).reshape([n]).relu()));
    nearest.dispose();
    nearest = next;
    const weights = nearest.dataSync();
    let target = Math.random() * weights.reduce((a, b) => a + b, 0);
    let pick = 0;
    while (pick < n - 1 && (target -= weights[pick]) > 0) pick++;
    picks.push(pick);
  }
  nearest.dispose();
  return tf.gather(X, picks);
}

// k-means: assign every image to its nearest centroid, move each centroid to the mean of its images,
// and repeat until no image changes cluster (at most 20 rounds).
function kmeans(X, k) {
  let C = initialCentroids(X, k);
  let labels = null;
  for (let round = 1; round <= 20; round++) {
    const next = tf.tidy(() => distances(X, C).argMin(1));
    const changed = labels ? next.notEqual(labels).sum().dataSync()[0] : X.shape[0];
    labels?.dispose();
    labels = next;
    const moved = tf.tidy(() => {
      const member = tf.oneHot(labels, k).toFloat(); // [n, k]: 1 where image i is in cluster j
      const counts = member.sum(0).expandDims(1); // [k, 1]
      const means = member.matMul(X, true, false).div(counts.maximum(1)); // [k, d]
      const empty = counts.equal(0).toFloat(); // a cluster with no image keeps its centroid
      return means.mul(tf.scalar(1).sub(empty)).add(C.mul(empty));
    });
    C.dispose();
    C = moved;
    print(`Round ${round}: ${changed} images changed cluster.`);
    if (changed === 0) break;
  }
  labels.dispose();
  return C;
}

const X = features(xs);
const centroids = kmeans(X, K);
X.dispose();

// The classifier the grader calls: a cluster id (0 to K − 1) for each image, the nearest centroid's.
function assign(images) {
  return tf.tidy(() => distances(features(images), centroids).argMin(1));
}
