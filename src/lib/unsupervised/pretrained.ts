/**
 * The pretrained unsupervised models shipped with the site under public/models/: the autoencoder
 * (fashion-ae), the variational autoencoder (fashion-vae) and the denoising autoencoder
 * (fashion-dae), trained by `npm run train:autoencoders` (scripts/train-autoencoders.ts), and the
 * PCA of the test images (fashion-pca, `npm run fit:pca`). Every URL is relative to the site base:
 * join it with the base, e.g. `withBase(PRETRAINED_AE.encoder)`.
 *
 * An autoencoder's folder holds
 *   encoder/model.json + weights.bin   tf.loadLayersModel: 784 pixels → the latent (the VAE's: μ then log σ²)
 *   decoder/model.json + weights.bin   tf.loadLayersModel: the latent → 784 pixels; Dense layers only
 *                                      (relu, sigmoid or linear), so src/lib can run it without tfjs
 *   metrics.json                       losses on the 10,000 test images, seed, epochs, spec, date, seconds
 *                                      (an AutoencoderMetrics, src/lib/unsupervised/ae-spec.ts)
 *   embedding.bin (ae and vae only)    Float32 10,000 × 3, row-major: the test images' latent
 *                                      (the VAE's means μ), in test-set order
 */

export interface PretrainedAutoencoderUrls {
  encoder: string;
  decoder: string;
  metrics: string;
}

export interface PretrainedEmbeddingUrls extends PretrainedAutoencoderUrls {
  /** Float32 EMBEDDING_COUNT × EMBEDDING_DIMENSIONS, row-major, test-set order. */
  embedding: string;
}

/** The test images an embedding.bin holds (all of them, in order) and its dimensions per image. */
export const EMBEDDING_COUNT = 10_000;
export const EMBEDDING_DIMENSIONS = 3;

/** The plain autoencoder with a 3-D latent. */
export const PRETRAINED_AE: PretrainedEmbeddingUrls = {
  encoder: 'models/fashion-ae/encoder/model.json',
  decoder: 'models/fashion-ae/decoder/model.json',
  metrics: 'models/fashion-ae/metrics.json',
  embedding: 'models/fashion-ae/embedding.bin',
};

/** The variational autoencoder with a 3-D latent (its embedding holds the means μ). */
export const PRETRAINED_VAE: PretrainedEmbeddingUrls = {
  encoder: 'models/fashion-vae/encoder/model.json',
  decoder: 'models/fashion-vae/decoder/model.json',
  metrics: 'models/fashion-vae/metrics.json',
  embedding: 'models/fashion-vae/embedding.bin',
};

/** The denoising autoencoder (trained on images with Gaussian noise); no embedding. */
export const PRETRAINED_DAE: PretrainedAutoencoderUrls = {
  encoder: 'models/fashion-dae/encoder/model.json',
  decoder: 'models/fashion-dae/decoder/model.json',
  metrics: 'models/fashion-dae/metrics.json',
};

/** The pretrained autoencoders by kind (AutoencoderKind of ./ae-spec.ts). */
export const PRETRAINED_AUTOENCODERS = { ae: PRETRAINED_AE, vae: PRETRAINED_VAE, dae: PRETRAINED_DAE } as const;

/**
 * The PCA of Fashion-MNIST (written by pca's scripts/fit-pca.ts):
 *   pca.bin        Float32: the mean (784) then the top 64 components (64 × 784, unit rows)
 *   pca.json       shapes, variances, total variance, explained ratios, date
 *   embedding.bin  Float32 10,000 × 3: the test images projected on the first 3 components
 */
export const PRETRAINED_PCA = {
  weights: 'models/fashion-pca/pca.bin',
  info: 'models/fashion-pca/pca.json',
  embedding: 'models/fashion-pca/embedding.bin',
} as const;
